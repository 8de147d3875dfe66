// Milliseconds per call of each face network on one thread (median of N runs after a warm-up).
// Usage: bench_face_nets [MODEL_DIR] [RUNS]   (defaults: the source tree's models/, 30)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "extract/age_gender_net.hpp"
#include "extract/expression_net.hpp"
#include "extract/facen_net.hpp"
#include "extract/hog_detector.hpp"
#include "extract/landmark_net.hpp"
#include "image/decode.hpp"
#include "image/png_encode.hpp"
#include "image/transform.hpp"

using namespace facenapi::detail;

namespace {

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Timing {
  double wall_ms, cpu_ms;
};

// Median wall-clock and median thread-CPU time per call. On a busy machine the CPU time is the
// steadier figure (it leaves out the time the thread waited for a core).
Timing measure(int runs, const std::function<void()>& f) {
  f();  // warm-up: first-touch allocations, thread_local buffers
  std::vector<double> wall, cpu;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_ms();
    f();
    cpu.push_back(thread_cpu_ms() - c0);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

void print(const char* name, Timing t) {
  std::printf("  %-28s %9.2f %9.2f\n", name, t.wall_ms, t.cpu_ms);
}

RgbImage noise_chip(int w, int h) {
  std::mt19937 rng(42);
  RgbImage img(w, h);
  for (auto& p : img.pixels) p = static_cast<std::uint8_t>(rng() & 0xff);
  return img;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(1);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : FACENAPI_BENCH_MODEL_DIR;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 30;
  const RgbImage chip150 = noise_chip(150, 150);
  const RgbImage chip112 = noise_chip(112, 112);

  const FacenNet facen = FacenNet::load(dir);
  const LandmarkNet landmarks = LandmarkNet::load(dir, false);
  const LandmarkNet landmarks_tiny = LandmarkNet::load(dir, true);
  const AgeGenderNet age_gender = AgeGenderNet::load(dir);
  const ExpressionNet expressions = ExpressionNet::load(dir);

  volatile float sink = 0;
  std::printf("face nets, 1 thread, median of %d runs, ms per call\n", runs);
  std::printf("  %-28s %9s %9s\n", "network", "wall", "cpu");
  print("facen 150x150", measure(runs, [&] { sink = sink + facen.describe(chip150)[0]; }));
  const std::vector<RgbImage> pair(2, chip150), fourteen(14, chip150);
  print("facen, batch of 2 (per batch)",
        measure(runs, [&] { sink = sink + facen.describe_batch(pair)[1][0]; }));
  print("facen, batch of 14 (per batch)",
        measure(runs, [&] { sink = sink + facen.describe_batch(fourteen)[13][0]; }));
  print("landmark_68 112x112",
        measure(runs, [&] { sink = sink + landmarks.detect(chip112).raw[0]; }));
  print("landmark_68_tiny 112x112",
        measure(runs, [&] { sink = sink + landmarks_tiny.detect(chip112).raw[0]; }));
  print("age_gender 112x112",
        measure(runs, [&] { sink = sink + age_gender.predict(chip112).age; }));
  print("expression 112x112",
        measure(runs, [&] { sink = sink + expressions.predict(chip112)[0]; }));

  // The other per-face steps of an extraction.
  // A photo shrunk to a chip's size: PNG compresses a photo, not noise.
  const std::string photo_path =
      std::string(FACENAPI_BENCH_DATA_DIR) + "/faces/recognition/deepface/Jack_Dorsey/img62.jpg";
  const std::string bytes = read_file(photo_path);
  const RgbImage photo150 = resize_bilinear(
      decode_image(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), {}), 150,
      150);
  const HogDetector hog;
  const RgbImage chip100 = resize_bilinear(photo150, 100, 100);
  print("HOG scan of a 100x100 chip",
        measure(runs, [&] { sink = sink + hog.detect(chip100, -0.5, 0).size(); }));
  print("PNG of a 150x150 chip", measure(runs, [&] { sink = sink + encode_png(photo150).size(); }));
  return 0;
}
