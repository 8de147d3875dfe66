// dlib's own standard pipeline (bench/dlib_peer: HOG, shape_predictor_68, face chip, anet_type
// with our weights), measured as the peer of facenapi's extraction in the same run.
//
//   bench_dlib_pipeline [--models DIR] [--upsample N] [--runs N] PHOTO...
//       per-stage milliseconds, median over --runs runs (default 10) after one warm-up run,
//       one thread (BLAS included); then photos per second on one thread and on --threads
//       threads (default 2; each thread its own pipeline, each decoding and running the photo
//       --runs times), as bench_extract reports them
//   bench_dlib_pipeline --lfw [--lfw-dir DIR] [--folds N] [--threads N] [--upsample N]
//                       [--dump FILE]
//       LFW View-2 accuracy over the first N folds (default 10), each fold's threshold chosen on
//       the others; a photo without a face makes its pairs errors. --dump writes one line per
//       pair: fold, same, distance (-1: no face).
#include <cblas.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dlib_peer/dlib_peer.hpp"
#include "lfw_pairs.hpp"

namespace {

using facenapi_bench::DlibPipeline;
using facenapi_bench::PeerFace;
using facenapi_bench::PeerOptions;
using facenapi_bench::PeerTimings;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string models = FACENAPI_BENCH_MODEL_DIR;
  std::string lfw_dir = FACENAPI_BENCH_DATA_DIR "/lfw";
  bool lfw = false;
  int upsample = 0;
  int runs = 10;
  int folds = 10;
  int threads = 2;
  std::string dump;
  std::vector<std::string> photos;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(k + " needs a value");
      return argv[++i];
    };
    if (k == "--lfw")
      o.lfw = true;
    else if (k == "--models")
      o.models = value();
    else if (k == "--lfw-dir")
      o.lfw_dir = value();
    else if (k == "--upsample")
      o.upsample = std::stoi(value());
    else if (k == "--runs")
      o.runs = std::max(1, std::stoi(value()));
    else if (k == "--folds")
      o.folds = std::clamp(std::stoi(value()), 2, 10);
    else if (k == "--threads")
      o.threads = std::max(1, std::stoi(value()));
    else if (k == "--dump")
      o.dump = value();
    else if (k.rfind("--", 0) == 0)
      throw std::invalid_argument("unknown option " + k);
    else
      o.photos.push_back(k);
  }
  return o;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Samples {
  std::vector<double> decode, detect, landmarks, chip, descriptor, stages, run;
  void add(double dec, const facenapi_bench::StageMs& t, double run_ms) {
    decode.push_back(dec);
    detect.push_back(t.detect);
    landmarks.push_back(t.landmarks);
    chip.push_back(t.chip);
    descriptor.push_back(t.descriptor);
    stages.push_back(t.total());
    run.push_back(run_ms);
  }
  void print(const char* clock) const {
    std::printf("  %-4s %7.2f %7.2f %9.2f %6.2f %10.2f %7.2f %7.2f\n", clock, median(decode),
                median(detect), median(landmarks), median(chip), median(descriptor), median(stages),
                median(run));
  }
};

int run_photos(const Options& o) {
  openblas_set_num_threads(1);
  DlibPipeline peer(o.models, {o.upsample});
  std::printf(
      "dlib peer: HOG (upsample %d) + shape_predictor_68 + chip 150/0.25 + anet_type, 1 thread, "
      "median of %d runs, ms\n(wall: steady clock; cpu: this thread's CPU time, the figure that "
      "holds when other processes share the cores)\n",
      o.upsample, o.runs);
  std::printf("  %-4s %7s %7s %9s %6s %10s %7s %7s\n", "", "decode", "detect", "landmarks", "chip",
              "descriptor", "stages", "run()");
  for (const auto& path : o.photos) {
    Samples wall, cpu;
    facenapi_bench::RgbImage img;
    std::size_t faces = 0;
    for (int r = -1; r < o.runs; ++r) {  // run -1 is the warm-up
      auto w0 = Clock::now();
      double c0 = facenapi_bench::thread_cpu_ms();
      img = DlibPipeline::load_image(path);
      const double dec_wall = ms_since(w0), dec_cpu = facenapi_bench::thread_cpu_ms() - c0;
      PeerTimings t;
      w0 = Clock::now();
      c0 = facenapi_bench::thread_cpu_ms();
      faces = peer.run(img, &t).size();
      const double run_wall = ms_since(w0), run_cpu = facenapi_bench::thread_cpu_ms() - c0;
      if (r < 0) continue;
      wall.add(dec_wall, t.wall, run_wall);
      cpu.add(dec_cpu, t.cpu, run_cpu);
    }
    std::printf("%s: %dx%d, %zu faces\n", path.c_str(), img.width, img.height, faces);
    wall.print("wall");
    cpu.print("cpu");
    std::vector<double> photo_ms;
    for (std::size_t i = 0; i < wall.run.size(); ++i)
      photo_ms.push_back(wall.decode[i] + wall.run[i]);
    std::printf("  photos/s: 1 thread %.1f", 1000.0 / median(photo_ms));
    if (o.threads > 1) {
      // Each thread its own pipeline (as in --lfw), decoding and running the photo --runs times.
      std::vector<std::unique_ptr<DlibPipeline>> peers;
      for (int t = 0; t < o.threads; ++t) {
        peers.push_back(std::make_unique<DlibPipeline>(o.models, PeerOptions{o.upsample}));
      }
      const auto start = Clock::now();
      std::vector<std::thread> pool;
      for (int t = 0; t < o.threads; ++t) {
        pool.emplace_back([&, t] {
          for (int r = 0; r < o.runs; ++r) peers[t]->run(DlibPipeline::load_image(path), nullptr);
        });
      }
      for (auto& t : pool) t.join();
      std::printf(", %d threads %.1f", o.threads, o.threads * o.runs * 1000.0 / ms_since(start));
    }
    std::printf("\n");
  }
  return 0;
}

// LFW labels the person in the middle of the photo.
const PeerFace* central_face(const std::vector<PeerFace>& faces, double cx, double cy) {
  const PeerFace* best = nullptr;
  double best_d = 0;
  for (const auto& f : faces) {
    const double dx = 0.5 * (f.rect.left + f.rect.right) - cx;
    const double dy = 0.5 * (f.rect.top + f.rect.bottom) - cy;
    const double d = dx * dx + dy * dy;
    if (!best || d < best_d) best = &f, best_d = d;
  }
  return best;
}

int run_lfw(const Options& o) {
  openblas_set_num_threads(1);  // parallel over photos instead
  std::vector<facenapi_bench::LfwPair> pairs;
  for (const auto& p : facenapi_bench::read_lfw_pairs(o.lfw_dir + "/pairs.txt")) {
    if (p.fold < o.folds) pairs.push_back(p);
  }
  std::map<std::string, std::size_t> index;
  std::vector<std::string> images;
  for (const auto& p : pairs) {
    for (const std::string* name : {&p.first, &p.second}) {
      if (index.emplace(*name, images.size()).second) images.push_back(*name);
    }
  }

  std::vector<std::optional<std::array<float, 128>>> descriptors(images.size());
  std::vector<PeerTimings> timings(o.threads);
  std::atomic<std::size_t> next{0};
  const auto start = Clock::now();
  auto worker = [&](int id) {
    DlibPipeline peer(o.models, {o.upsample});
    for (std::size_t i; (i = next++) < images.size();) {
      try {
        const auto img = DlibPipeline::load_image(o.lfw_dir + "/lfw-deepfunneled/" + images[i]);
        const auto faces = peer.run(img, &timings[id]);
        if (const PeerFace* f = central_face(faces, 0.5 * img.width, 0.5 * img.height)) {
          descriptors[i] = f->descriptor;
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", images[i].c_str(), e.what());
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < o.threads; ++t) pool.emplace_back(worker, t);
  for (auto& t : pool) t.join();
  const double seconds = ms_since(start) / 1000;

  std::size_t missing = 0;
  for (const auto& d : descriptors) missing += !d;
  std::vector<double> distances;
  for (const auto& p : pairs) {
    const auto& a = descriptors[index[p.first]];
    const auto& b = descriptors[index[p.second]];
    distances.push_back(a && b ? facenapi_bench::descriptor_distance(*a, *b) : -1.0);
  }
  if (!o.dump.empty()) facenapi_bench::write_distances(o.dump, pairs, distances);

  std::vector<int> folds(o.folds);
  std::iota(folds.begin(), folds.end(), 0);
  const auto results = facenapi_bench::cross_validate(pairs, distances, folds);
  const auto summary = facenapi_bench::summarize(results);
  PeerTimings all;
  for (const auto& t : timings) all += t;

  std::printf(
      "dlib peer on LFW: %d folds, %zu pairs, %zu photos (%zu without a face), "
      "HOG upsample %d\n",
      o.folds, pairs.size(), images.size(), missing, o.upsample);
  for (std::size_t f = 0; f < results.size(); ++f) {
    std::printf("  fold %2zu: accuracy %.2f%% at threshold %.4f\n", f + 1,
                100 * results[f].accuracy, results[f].threshold);
  }
  std::printf("accuracy %.2f%% +- %.2f (sample sd over folds), mean threshold %.4f\n",
              100 * summary.accuracy, 100 * summary.sd, summary.threshold);
  const double n = double(all.images);
  std::printf(
      "%.1f s on %d threads; per photo, thread CPU: detect %.2f, landmarks %.2f, chip %.2f, "
      "descriptor %.2f ms\n",
      seconds, o.threads, all.cpu.detect / n, all.cpu.landmarks / n, all.cpu.chip / n,
      all.cpu.descriptor / n);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    if (o.lfw) return run_lfw(o);
    if (o.photos.empty()) {
      std::fprintf(stderr,
                   "usage: bench_dlib_pipeline [--models DIR] [--upsample N] [--runs N] PHOTO...\n"
                   "       bench_dlib_pipeline --lfw [--lfw-dir DIR] [--folds N] [--threads N] "
                   "[--upsample N] [--dump FILE]\n");
      return 2;
    }
    return run_photos(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_dlib_pipeline: %s\n", e.what());
    return 1;
  }
}
