// Extracts the facen of every photo of LFW (lfw-deepfunneled, 13,233 photos) into one file
// (bench/lfw_facens_file.hpp) for calibration (calibrate_facen) and search benchmarks.
//
//   lfw_facens --out FILE [--lfw DIR] [--threads N]
#include <algorithm>
#include <cstdio>
#include <facenapi/facenapi.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "lfw_extraction.hpp"
#include "lfw_facens_file.hpp"

int main(int argc, char** argv) {
  std::string lfw = FACENAPI_BENCH_DATA_DIR "/lfw", out;
  int threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--lfw")
      lfw = v;
    else if (k == "--out")
      out = v;
    else if (k == "--threads")
      threads = std::stoi(v);
  }
  if (out.empty()) {
    std::fprintf(stderr, "usage: lfw_facens --out FILE [--lfw DIR] [--threads N]\n");
    return 2;
  }
  std::vector<std::string> images;
  namespace fs = std::filesystem;
  const fs::path root = fs::path(lfw) / "lfw-deepfunneled";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".jpg") {
      images.push_back(fs::relative(e.path(), root).generic_string());
    }
  }
  std::sort(images.begin(), images.end());

  const auto run = facenapi_bench::extract_lfw_facens(lfw, images, threads, {});
  facenapi_bench::LfwFacenFile file;
  file.model_id = facenapi::facen_model_id();
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (!run.facens[i]) continue;
    file.dimension = run.facens[i]->values.size();
    file.facens.push_back({images[i], run.facens[i]->values});
  }
  facenapi_bench::write_lfw_facens(out, file);
  std::printf("%zu photos, %zu with a face, model %s, %.1f s on %d threads\n", images.size(),
              file.facens.size(), file.model_id.c_str(), run.seconds, threads);
  return 0;
}
