// dlib's own standard face pipeline, the peer our extraction pipeline is benchmarked against:
// HOG frontal face detector, the 68-point shape predictor, dlib's face chip (150x150, padding
// 0.25) and dlib's ResNet `anet_type` from dlib's example dnn_face_recognition_ex.cpp, filled
// with the same uint8 weights our engine runs (face-api's face_recognition_model,
// models_spec.md §8). Only the benchmarks and their tests use it; it is not part of the library.
//
// The header exposes no dlib type (the network's templates are expensive to compile), so a
// benchmark includes it cheaply and dlib_peer.cpp is the one translation unit that pays.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace facenapi_bench {

// Packed 8-bit RGB rows, width * height * 3 bytes, no padding.
struct RgbImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
};

struct PeerPoint {
  float x = 0, y = 0;  // image pixels
};

// dlib's rectangle: inclusive pixel bounds.
struct PeerRect {
  long left = 0, top = 0, right = 0, bottom = 0;
};

struct PeerFace {
  PeerRect rect;                          // the HOG detection
  std::array<PeerPoint, 68> landmarks{};  // shape_predictor_68, iBUG 300-W order
  std::array<float, 128> descriptor{};    // anet_type output: not normalised; same person < 0.6
};

// Milliseconds per stage of run().
struct StageMs {
  double detect = 0;      // HOG on the whole image, with its pyramid and any upsampling
  double landmarks = 0;   // shape_predictor_68, all faces
  double chip = 0;        // get_face_chip_details + extract_image_chip, all faces
  double descriptor = 0;  // anet_type forward passes, all faces (one chip at a time)

  double total() const { return detect + landmarks + chip + descriptor; }
  StageMs& operator+=(const StageMs& o);
};

// Stage times accumulated over every run() given the same struct.
struct PeerTimings {
  StageMs wall;  // steady clock
  // The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID): what the stage costs when other
  // processes share the cores. Equals wall on an idle machine when BLAS runs single-threaded
  // (openblas_set_num_threads(1)); with BLAS threads it misses their work.
  StageMs cpu;
  long images = 0, faces = 0;

  PeerTimings& operator+=(const PeerTimings& o);
};

struct PeerOptions {
  // Times the image is doubled (dlib's pyramid_up) before HOG detection; the boxes are mapped
  // back, and landmarks, chips and descriptors use the original image. 0 is `detector(img)` as in
  // dlib's dnn_face_recognition_ex.cpp (HOG then finds faces of about 80x80 px and larger); 1 is
  // the default of dlib's Python API and of face_recognition (faces from about 40x40 px).
  int upsample = 0;
  std::string shape_predictor = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";
};

// Loads the models once. Not thread safe (dlib's detector and network keep per-call buffers):
// give each thread its own DlibPipeline. Movable, not copyable.
class DlibPipeline {
 public:
  // model_dir holds face_recognition_model-weights_manifest.json and its .bin (our Weights
  // loader reads them). Throws facenapi::Error when the weights are missing or malformed, and
  // dlib's exception when the shape predictor cannot be read.
  explicit DlibPipeline(const std::string& model_dir, PeerOptions options = {});
  ~DlibPipeline();
  DlibPipeline(DlibPipeline&&) noexcept;
  DlibPipeline& operator=(DlibPipeline&&) noexcept;

  // Every face the HOG detector finds (adjust_threshold 0, options.upsample), in the detector's
  // order, each landmarked, aligned and described. `timings`, when given, accumulates the stage
  // times.
  std::vector<PeerFace> run(const RgbImage& image, PeerTimings* timings = nullptr);

  // The descriptor of an already aligned 150x150 chip (anet_type's input size; a chip of any
  // other size throws std::invalid_argument).
  std::array<float, 128> describe_chip(const RgbImage& chip);

  // Decodes a JPEG/PNG/BMP/GIF file with dlib's load_image (libjpeg/libpng): the peer's own
  // decoder. Throws dlib's image_load_error on failure.
  static RgbImage load_image(const std::string& path);

  const PeerOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The calling thread's CPU time in milliseconds since it started.
double thread_cpu_ms();

// Euclidean distance between two descriptors.
float descriptor_distance(const std::array<float, 128>& a, const std::array<float, 128>& b);

}  // namespace facenapi_bench
