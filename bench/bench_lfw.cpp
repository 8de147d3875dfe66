// LFW accuracy of facenapi's facen: the standard View-2 protocol on pairs.txt, 10-fold
// cross-validated threshold, a photo without a face counting as an error.
//
//   bench_lfw [--lfw DIR] [--folds N] [--threads N] [--detector tiny|ssd|hog]
//             [--landmarks faceapi68|faceapi68_tiny|dlib68] [--dump FILE]
#include <facenapi/facenapi.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "lfw_pairs.hpp"

namespace {

struct Options {
  std::string lfw = FACENAPI_BENCH_DATA_DIR "/lfw";
  int folds = 10;
  int threads = 2;
  facenapi::Detector detector = facenapi::Detector::tiny;
  facenapi::Landmarker landmarker = facenapi::Landmarker::faceapi68;
  std::string dump;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--lfw") o.lfw = v;
    else if (k == "--folds") o.folds = std::stoi(v);
    else if (k == "--threads") o.threads = std::stoi(v);
    else if (k == "--dump") o.dump = v;
    else if (k == "--landmarks") {
      o.landmarker = v == "dlib68" ? facenapi::Landmarker::dlib68
                     : v == "faceapi68_tiny" ? facenapi::Landmarker::faceapi68_tiny
                                             : facenapi::Landmarker::faceapi68;
    }
    else if (k == "--detector") {
      o.detector = v == "ssd" ? facenapi::Detector::ssd
                   : v == "hog" ? facenapi::Detector::hog : facenapi::Detector::tiny;
    }
  }
  return o;
}

// The face nearest the centre: LFW labels the person in the middle of the photo.
const facenapi::ExtractionFace* central_face(const std::vector<facenapi::ExtractionFace>& faces,
                                             float cx, float cy) {
  const facenapi::ExtractionFace* best = nullptr;
  float best_d = 0;
  for (const auto& f : faces) {
    if (!f.facen) continue;
    const float dx = (f.bbox.left + f.bbox.right) / 2 - cx, dy = (f.bbox.top + f.bbox.bottom) / 2 - cy;
    const float d = dx * dx + dy * dy;
    if (!best || d < best_d) best = &f, best_d = d;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  auto pairs = facenapi_bench::read_lfw_pairs(o.lfw + "/pairs.txt");
  std::vector<facenapi_bench::LfwPair> used;
  for (const auto& p : pairs) if (p.fold < o.folds) used.push_back(p);

  std::map<std::string, int> index;
  std::vector<std::string> images;
  for (const auto& p : used) {
    for (const auto* name : {&p.first, &p.second}) {
      if (index.emplace(*name, static_cast<int>(images.size())).second) images.push_back(*name);
    }
  }

  const facenapi::Extractor extractor;
  facenapi::ExtractOptions eo;
  eo.detector = o.detector;
  eo.landmarker = o.landmarker;
  eo.gender_age = false;
  eo.emotions = false;
  eo.normalized = false;
  std::vector<std::optional<facenapi::Facen>> facens(images.size());
  std::atomic<std::size_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (std::size_t i; (i = next++) < images.size();) {
      std::ifstream in(o.lfw + "/lfw-deepfunneled/" + images[i], std::ios::binary);
      const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
      try {
        const auto faces = extractor.extract(bytes, eo);
        if (const auto* f = central_face(faces, 125, 125)) facens[i] = f->facen;
        else std::fprintf(stderr, "no face: %s\n", images[i].c_str());
      } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", images[i].c_str(), e.what());
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < o.threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::size_t missing = 0;
  for (const auto& f : facens) missing += !f;
  std::vector<double> distances;
  for (const auto& p : used) {
    const auto& a = facens[index[p.first]];
    const auto& b = facens[index[p.second]];
    distances.push_back(a && b ? a->distance(*b) : -1.0);
  }
  if (!o.dump.empty()) facenapi_bench::write_distances(o.dump, used, distances);
  std::vector<int> folds(o.folds);
  std::iota(folds.begin(), folds.end(), 0);
  const auto summary = facenapi_bench::summarize(facenapi_bench::cross_validate(used, distances, folds));
  std::printf("LFW %d folds, %zu pairs, %zu images (%zu without a face), model %s\n", o.folds,
              used.size(), images.size(), missing, facenapi::facen_model_id());
  std::printf(
      "accuracy %.2f%% +- %.2f, threshold %.4f, extraction %.1f s on %d threads (%.1f ms/photo)\n",
      100 * summary.accuracy, 100 * summary.sd, summary.threshold, seconds, o.threads,
      1000 * seconds * o.threads / images.size());
  return 0;
}
