// Milliseconds per detect() of the two face-api detectors, one thread, on a ~640x480 photo and a
// large group photo. Prints the median of kRuns timed runs after one warm-up run.
//
//   bench_detectors [DATA_DIR] [MODEL_DIR]
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "../tests/support/dlib_load.hpp"
#include "extract/ssd_mobilenet_detector.hpp"
#include "extract/tiny_face_detector.hpp"

namespace {

constexpr int kRuns = 7;

double median_ms(const std::function<std::size_t()>& run, std::size_t& faces) {
  faces = run();  // warm-up: first-touch allocations, OpenBLAS buffers
  std::vector<double> ms;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    faces = run();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace facenapi::detail;
  const std::string data = argc > 1 ? argv[1] : FACENAPI_BENCH_DATA_DIR;
  const std::string models = argc > 2 ? argv[2] : FACENAPI_BENCH_MODEL_DIR;
  openblas_set_num_threads(1);

  auto t0 = std::chrono::steady_clock::now();
  const TinyFaceDetector tiny = TinyFaceDetector::load(models);
  const SsdMobilenetDetector ssd = SsdMobilenetDetector::load(models);
  std::printf(
      "load both models: %.1f ms\n",
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());

  const std::vector<std::string> photos = {data + "/faces/group/faceapi_bbt2.jpg",
                                           data + "/faces/group/human_solvay1927.jpg"};
  std::printf("%-24s %10s %6s %10s %6s\n", "photo", "tiny416 ms", "faces", "ssd512 ms", "faces");
  for (const std::string& path : photos) {
    const RgbImage img = facenapi::test::dlib_load_rgb(path);
    std::size_t tiny_faces = 0, ssd_faces = 0;
    const double tiny_ms = median_ms([&] { return tiny.detect(img).size(); }, tiny_faces);
    const double ssd_ms = median_ms([&] { return ssd.detect(img).size(); }, ssd_faces);
    const std::string name = path.substr(path.find_last_of('/') + 1) + " " +
                             std::to_string(img.width) + "x" + std::to_string(img.height);
    std::printf("%-24s %10.1f %6zu %10.1f %6zu\n", name.c_str(), tiny_ms, tiny_faces, ssd_ms,
                ssd_faces);
  }
  return 0;
}
