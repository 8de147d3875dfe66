#include "lfw_extraction.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>

namespace facenapi_bench {
namespace {

const facenapi::ExtractionFace* central_face(const std::vector<facenapi::ExtractionFace>& faces,
                                             float cx, float cy) {
  const facenapi::ExtractionFace* best = nullptr;
  float best_d = 0;
  for (const auto& f : faces) {
    if (!f.facen) continue;
    const float dx = (f.bbox.left + f.bbox.right) / 2 - cx,
                dy = (f.bbox.top + f.bbox.bottom) / 2 - cy;
    const float d = dx * dx + dy * dy;
    if (!best || d < best_d) best = &f, best_d = d;
  }
  return best;
}

}  // namespace

LfwExtraction extract_lfw_facens(const std::string& lfw_dir, const std::vector<std::string>& images,
                                 int threads, facenapi::ExtractOptions options) {
  options.gender_age = false;
  options.emotions = false;
  options.normalized = false;
  const facenapi::Extractor extractor;
  LfwExtraction result;
  result.facens.resize(images.size());
  std::atomic<std::size_t> next{0};
  const auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (std::size_t i; (i = next++) < images.size();) {
      std::ifstream in(lfw_dir + "/lfw-deepfunneled/" + images[i], std::ios::binary);
      const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
      try {
        const auto faces = extractor.extract(bytes, options);
        // LFW deep-funneled photos are 250x250 with the labelled face in the middle.
        if (const auto* f = central_face(faces, 125, 125))
          result.facens[i] = f->facen;
        else
          std::fprintf(stderr, "no face: %s\n", images[i].c_str());
      } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", images[i].c_str(), e.what());
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace facenapi_bench
