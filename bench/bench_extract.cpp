// Extraction speed: milliseconds per stage and photos per second of Extractor::extract(), on 1
// and 2 threads, plus peak memory.
//
//   bench_extract [--runs N] [--detector tiny|ssd|hog] PHOTO...
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <facenapi/facenapi.hpp>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace {

// This thread's CPU time: the figure that holds when other processes share the cores.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

std::vector<std::uint8_t> read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 20;
  facenapi::ExtractOptions options;
  std::vector<std::string> photos;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc)
      runs = std::stoi(argv[++i]);
    else if (a == "--detector" && i + 1 < argc) {
      const std::string v = argv[++i];
      options.detector = v == "ssd"   ? facenapi::Detector::ssd
                         : v == "hog" ? facenapi::Detector::hog
                                      : facenapi::Detector::tiny;
    } else
      photos.push_back(a);
  }
  const facenapi::Extractor extractor;
  std::printf("%-40s %6s %7s %7s %7s %7s %7s %7s %8s %8s %9s %7s\n", "photo", "faces", "decode",
              "detect", "landmk", "align", "facen", "attrib", "total", "1thr/s", "2thr/s", "cpu");
  for (const auto& path : photos) {
    const auto bytes = read(path);
    std::vector<double> decode, detect, landmarks, align, facen, attributes, total, cpu;
    std::size_t faces = 0;
    extractor.extract(bytes, options);  // warm-up
    for (int r = 0; r < runs; ++r) {
      facenapi::ExtractTimings t;
      const double cpu0 = thread_cpu_ms();
      faces = extractor.extract(bytes, options, &t).size();
      cpu.push_back(thread_cpu_ms() - cpu0);
      decode.push_back(t.decode_ms);
      detect.push_back(t.detect_ms);
      landmarks.push_back(t.landmarks_ms);
      align.push_back(t.align_ms);
      facen.push_back(t.facen_ms);
      attributes.push_back(t.attributes_ms);
      total.push_back(t.total_ms);
    }
    // Throughput on two threads: each extracts the same photo `runs` times.
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < 2; ++t) {
      pool.emplace_back([&] {
        for (int r = 0; r < runs; ++r) extractor.extract(bytes, options);
      });
    }
    for (auto& t : pool) t.join();
    const double two =
        2.0 * runs /
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string name = path.substr(path.find_last_of('/') + 1);
    std::printf("%-40s %6zu %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %8.1f %8.1f %9.1f %7.1f\n",
                name.c_str(), faces, median(decode), median(detect), median(landmarks),
                median(align), median(facen), median(attributes), median(total),
                1000.0 / median(total), two, median(cpu));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak resident memory: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
