// Milliseconds per detect() of the two face-api detectors, one thread, on a ~640x480 photo and a
// large group photo. Prints the median of kRuns timed runs after one warm-up run: wall-clock ms
// and, in parentheses, this thread's CPU ms, which other jobs on a shared machine disturb less.
//
//   bench_detectors [DATA_DIR] [MODEL_DIR]
#include <cblas.h>
#include <time.h>

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

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Timing {
  double wall_ms = 0, cpu_ms = 0;
  std::size_t faces = 0;
};

Timing median_ms(const std::function<std::size_t()>& run) {
  Timing t;
  t.faces = run();  // warm-up: first-touch allocations, OpenBLAS buffers
  std::vector<double> wall, cpu;
  for (int i = 0; i < kRuns; ++i) {
    const double cpu0 = thread_cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    t.faces = run();
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    cpu.push_back(thread_cpu_ms() - cpu0);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  t.wall_ms = wall[wall.size() / 2];
  t.cpu_ms = cpu[cpu.size() / 2];
  return t;
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
  std::printf("%-30s %22s %22s\n", "photo", "tiny 416: ms (cpu) faces", "ssd 512: ms (cpu) faces");
  for (const std::string& path : photos) {
    const RgbImage img = facenapi::test::dlib_load_rgb(path);
    const Timing tiny_t = median_ms([&] { return tiny.detect(img).size(); });
    const Timing ssd_t = median_ms([&] { return ssd.detect(img).size(); });
    const std::string name = path.substr(path.find_last_of('/') + 1) + " " +
                             std::to_string(img.width) + "x" + std::to_string(img.height);
    std::printf("%-30s %8.1f (%6.1f) %5zu %8.1f (%6.1f) %5zu\n", name.c_str(), tiny_t.wall_ms,
                tiny_t.cpu_ms, tiny_t.faces, ssd_t.wall_ms, ssd_t.cpu_ms, ssd_t.faces);
  }
  return 0;
}
