// Extractor: a photo in, one ExtractionFace per face out.
//
// Pipeline: decode (JPEG, PNG or WebP, recognised by content; EXIF orientation applied;
// limits checked from the header before any large allocation) -> detect faces -> 68
// landmarks per face -> align a 150x150 chip (dlib's face-chip similarity transform) ->
// facen (128-D, dlib ResNet weights), gender and age, emotions -> quality score.
//
// Models load once, in the constructor, and are shared read-only: extract() is const and may be
// called from any number of threads at once on one Extractor. An Extractor is movable, not
// copyable. Inference runs on the CPU, single-threaded per call (OpenBLAS is told to use one
// thread); use several threads calling extract() to use several cores.
#pragma once

#include <facenapi/export.hpp>
#include <facenapi/extraction_face.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace facenapi {

// Which face detector runs. See docs/benchmarks.md for accuracy and speed of each.
enum class Detector {
  tiny,  // face-api tiny face detector (Tiny-YOLOv2 style), at several input sizes: fast
  ssd,   // face-api SSD MobileNetV1 (512x512 input): the most accurate, slower
  hog,   // dlib's HOG + linear SVM frontal face detector
};

// Which 68-point landmark model runs.
enum class Landmarker {
  faceapi68,       // face-api face_landmark_68 network (MIT)
  faceapi68_tiny,  // face-api face_landmark_68_tiny network (MIT), faster, less precise
  dlib68,          // dlib shape_predictor_68 (/usr/share/dlib; its training data bars commercial use)
};

// FindFace's mf_selector: what to do when a photo holds several faces.
enum class MultiFaceSelector {
  all,      // return every face
  biggest,  // return only the face with the largest bbox
  reject,   // throw Error(too_many_faces) when more than one face is found
};

// Limits checked on every photo before it is decoded into memory.
struct ImageLimits {
  std::size_t max_bytes = std::size_t{64} << 20;  // encoded size
  std::uint64_t max_pixels = 40'000'000;          // width * height from the header
  std::uint32_t max_side = 32768;                 // longest side from the header
};

struct ExtractOptions {
  Detector detector = Detector::tiny;
  // Minimum detector confidence in [0, 1]; a negative value means the detector's default
  // (tiny 0.5, ssd 0.5, hog 0.5, which is dlib's default SVM margin of 0).
  float min_confidence = -1.0f;
  // Input sizes (multiples of 32) at which the tiny detector runs; sightings of one face at
  // several sizes are merged. Empty: 160 and 320, plus 608 for photos longer than 400 px (the
  // detector finds faces best at about 50-150 px of its input; docs/benchmarks.md). {416} is
  // face-api's own setting.
  std::vector<int> tiny_input_sizes;
  // When the tiny detector finds no face at all, run dlib's HOG detector (no upsampling: faces of
  // 80 px and more; about 17 ms on 640x480) and take what it finds. On LFW this finds 11 of the
  // 15 faces (of 7,701) that the tiny detector misses; HOG fired on none of the face-free test
  // photos.
  bool hog_fallback = true;
  // Faces whose bbox is smaller than this many pixels (shorter side) are dropped.
  float min_face_size = 20.0f;
  // Also search the photo turned by 90, 180 and 270 degrees, so that sideways and upside-down
  // faces are found; their bbox and landmarks are mapped back into the photo's coordinates.
  bool rotated_search = false;
  // Check each face for being upside down (dlib's HOG detector on the aligned chip; unless HOG
  // is sure the face is upright, also on the chip turned by 180 degrees, and when HOG is unsure
  // either way the tiny detector on both: about 0.7 ms for most faces, up to 3 ms). An
  // upside-down face then gets landmarks found the right way up, so its roll is about 180
  // degrees and its score -5 or lower; without the check it may be reported upright.
  bool upright_check = true;
  Landmarker landmarker = Landmarker::faceapi68;
  bool facen = true;        // compute ExtractionFace::facen
  bool gender_age = true;   // compute gender, gender_probability and age
  bool emotions = true;     // compute emotions
  bool normalized = true;   // encode ExtractionFace::normalized (the PNG chip)
  MultiFaceSelector mf_selector = MultiFaceSelector::all;
  ImageLimits limits;
};

// Where the model files are. Empty strings mean the defaults:
//   model_dir: $FACENAPI_MODEL_DIR, else the models/ folder filled by scripts/fetch_models.sh,
//              else <datadir>/facenapi/models of the installation;
//   dlib_shape_predictor: /usr/share/dlib/shape_predictor_68_face_landmarks.dat (loaded only
//              when Landmarker::dlib68 is first used).
struct ModelPaths {
  std::string model_dir;
  std::string dlib_shape_predictor;
};

// The facen model this library version produces, and its match threshold (Euclidean distance
// between unit facens below which two faces are taken to be the same person).
FACENAPI_API const char* facen_model_id() noexcept;
FACENAPI_API float facen_match_threshold() noexcept;

// Face quality from pose and sharpness, as reported in ExtractionFace::score:
//   score = -( (yaw/45)^2 + (pitch/45)^2 + (roll/45)^2 ) * 2.5 - blur_penalty
// with angles in degrees and blur_penalty = max(0, 1 - sharpness/kSharp) * 2, where sharpness
// is the variance of the Laplacian of the chip's gray levels and kSharp = 100. An upright
// frontal sharp face scores about -0.05 to 0; a face turned 60 degrees about -4.5; an
// upside-down face (|roll| about 180) about -40.
FACENAPI_API float quality_score(const Pose& pose, float sharpness) noexcept;

// Wall-clock milliseconds spent in each stage of one extract() call (summed over faces).
struct ExtractTimings {
  double decode_ms = 0;      // decoding, EXIF orientation, photo hash
  double detect_ms = 0;      // face detection (all rotations when rotated_search)
  double landmarks_ms = 0;   // 68 points per face
  double align_ms = 0;       // face chips, pose, quality, PNG encoding of the chip
  double facen_ms = 0;       // the descriptor network
  double attributes_ms = 0;  // gender/age and emotion networks
  double total_ms = 0;
};

class FACENAPI_API Extractor {
 public:
  // Loads every face-api model from paths.model_dir and dlib's HOG detector (about 1.5 s and
  // 150 MB in all: build one Extractor and share it). Throws Error(model_error) naming the file
  // when one is missing or does not match its manifest.
  explicit Extractor(const ModelPaths& paths = {});
  ~Extractor();
  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Extracts every face of the photo in `data` (JPEG, PNG or WebP bytes).
  // Returns an empty vector when the photo holds no face.
  // Throws Error with: invalid_argument (data is null with size > 0, or an option is out of
  // range), decode_failed (empty, truncated or corrupt bytes), unsupported_format (bytes of
  // another kind), too_large (over options.limits), too_many_faces (mf_selector reject).
  // When `timings` is not null it receives the time spent in each stage.
  std::vector<ExtractionFace> extract(const void* data, std::size_t size,
                                      const ExtractOptions& options = {},
                                      ExtractTimings* timings = nullptr) const;
  std::vector<ExtractionFace> extract(const std::vector<std::uint8_t>& photo,
                                      const ExtractOptions& options = {},
                                      ExtractTimings* timings = nullptr) const {
    return extract(photo.data(), photo.size(), options, timings);
  }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace facenapi
