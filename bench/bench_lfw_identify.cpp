// Identification on real facens: every LFW photo's facen (from lfw_facens) searched in a gallery
// of one photo per identity, through the facen index (exact and HNSW) and the calibrated
// thresholds. Reports rank-1 accuracy for people in the gallery and, for people who are not,
// how often a stranger is accepted at each preset (open-set identification).
//
//   bench_lfw_identify --facens FILE
//
// Gallery: the first photo (in file order) of each of the 1,680 identities with 2+ photos.
// Known queries: their other photos. Unknown queries: the 4,069 identities with one photo.
#include <chrono>
#include <cstdio>
#include <facenapi/recognition.hpp>
#include <map>
#include <string>
#include <vector>

#include "lfw_facens_file.hpp"
#include "search/facen_index.hpp"

namespace {

struct Result {
  std::size_t known = 0, rank1 = 0, known_accepted_right = 0, unknown = 0, unknown_accepted = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--facens") path = argv[i + 1];
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: bench_lfw_identify --facens FILE\n");
    return 2;
  }
  const auto file = facenapi_bench::read_lfw_facens(path);
  const auto& cal = facenapi::FacenCalibration::of(file.model_id);
  std::map<std::string, std::vector<std::size_t>> by_identity;
  for (std::size_t i = 0; i < file.facens.size(); ++i) {
    by_identity[file.facens[i].identity()].push_back(i);
  }
  std::vector<std::int64_t> gallery_ids;
  std::vector<float> gallery;
  std::vector<std::size_t> known_queries, unknown_queries;
  std::vector<std::string> identity_of_id(1);
  for (const auto& [name, photos] : by_identity) {
    if (photos.size() == 1) {
      unknown_queries.push_back(photos[0]);
      continue;
    }
    gallery_ids.push_back(static_cast<std::int64_t>(identity_of_id.size()));
    identity_of_id.push_back(name);
    const auto& v = file.facens[photos[0]].values;
    gallery.insert(gallery.end(), v.begin(), v.end());
    known_queries.insert(known_queries.end(), photos.begin() + 1, photos.end());
  }

  std::printf("model %s: gallery %zu identities, %zu known queries, %zu unknown queries\n\n",
              file.model_id.c_str(), gallery_ids.size(), known_queries.size(),
              unknown_queries.size());
  std::printf(
      "| index | preset | min confidence | rank-1 (known) | known named right | strangers accepted "
      "| ms/query |\n");
  std::printf("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (const bool approximate : {false, true}) {
    facenapi::detail::FacenIndexOptions io;
    io.approximate_min_size = approximate ? 1 : SIZE_MAX;
    io.build_threads = 2;
    facenapi::detail::FacenIndex index(file.dimension, io);
    index.add_batch(gallery_ids, gallery.data(), {});
    for (const auto preset : {facenapi::ThresholdPreset::strict, facenapi::ThresholdPreset::medium,
                              facenapi::ThresholdPreset::low, facenapi::ThresholdPreset::none}) {
      const float min_conf = cal.preset_confidence(preset);
      facenapi::detail::SearchOptions so;
      so.n = 1;
      Result r;
      const auto start = std::chrono::steady_clock::now();
      for (const std::size_t q : known_queries) {
        const auto hits = index.search(file.facens[q].values, so);
        const bool right = !hits.empty() && identity_of_id[hits[0].id] == file.facens[q].identity();
        ++r.known;
        r.rank1 += right;
        r.known_accepted_right += right && cal.confidence(hits[0].distance) >= min_conf;
      }
      for (const std::size_t q : unknown_queries) {
        const auto hits = index.search(file.facens[q].values, so);
        ++r.unknown;
        r.unknown_accepted += !hits.empty() && cal.confidence(hits[0].distance) >= min_conf;
      }
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count() /
          static_cast<double>(r.known + r.unknown);
      std::printf("| %s | %s | %.4f | %.2f%% | %.2f%% | %.2f%% | %.3f |\n",
                  approximate ? "HNSW" : "exact", facenapi::to_string(preset), min_conf,
                  100.0 * r.rank1 / r.known, 100.0 * r.known_accepted_right / r.known,
                  100.0 * r.unknown_accepted / r.unknown, ms);
    }
  }
  return 0;
}
