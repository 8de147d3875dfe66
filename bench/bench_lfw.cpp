// LFW accuracy of facenapi's facen: the standard View-2 protocol on pairs.txt, 10-fold
// cross-validated threshold, a photo without a face counting as an error.
//
//   bench_lfw [--lfw DIR] [--folds N] [--threads N] [--detector tiny|ssd|hog]
//             [--landmarks faceapi68|faceapi68_tiny|dlib68] [--dump FILE]
#include <cmath>
#include <cstdio>
#include <facenapi/facenapi.hpp>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "lfw_extraction.hpp"
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
    if (k == "--lfw")
      o.lfw = v;
    else if (k == "--folds")
      o.folds = std::stoi(v);
    else if (k == "--threads")
      o.threads = std::stoi(v);
    else if (k == "--dump")
      o.dump = v;
    else if (k == "--landmarks") {
      o.landmarker = v == "dlib68"           ? facenapi::Landmarker::dlib68
                     : v == "faceapi68_tiny" ? facenapi::Landmarker::faceapi68_tiny
                                             : facenapi::Landmarker::faceapi68;
    } else if (k == "--detector") {
      o.detector = v == "ssd"   ? facenapi::Detector::ssd
                   : v == "hog" ? facenapi::Detector::hog
                                : facenapi::Detector::tiny;
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  auto pairs = facenapi_bench::read_lfw_pairs(o.lfw + "/pairs.txt");
  std::vector<facenapi_bench::LfwPair> used;
  for (const auto& p : pairs)
    if (p.fold < o.folds) used.push_back(p);

  std::map<std::string, int> index;
  std::vector<std::string> images;
  for (const auto& p : used) {
    for (const auto* name : {&p.first, &p.second}) {
      if (index.emplace(*name, static_cast<int>(images.size())).second) images.push_back(*name);
    }
  }

  facenapi::ExtractOptions eo;
  eo.detector = o.detector;
  eo.landmarker = o.landmarker;
  const auto run = facenapi_bench::extract_lfw_facens(o.lfw, images, o.threads, eo);
  const auto& facens = run.facens;
  const double seconds = run.seconds;

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
  const auto summary =
      facenapi_bench::summarize(facenapi_bench::cross_validate(used, distances, folds));
  std::printf("LFW %d folds, %zu pairs, %zu images (%zu without a face), model %s\n", o.folds,
              used.size(), images.size(), missing, facenapi::facen_model_id());
  std::printf(
      "accuracy %.2f%% +- %.2f, threshold %.4f, extraction %.1f s on %d threads (%.1f ms/photo)\n",
      100 * summary.accuracy, 100 * summary.sd, summary.threshold, seconds, o.threads,
      1000 * seconds * o.threads / images.size());
  return 0;
}
