#include "extract/sharpness.hpp"

#include <cstddef>
#include <vector>

namespace facenapi::detail {

float laplacian_variance(const RgbImage& chip) noexcept {
  const int w = chip.width;
  const int h = chip.height;
  if (w < 3 || h < 3) return 0.f;
  std::vector<float> gray(static_cast<std::size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* p = chip.row(y);
    for (int x = 0; x < w; ++x, p += 3) {
      gray[static_cast<std::size_t>(y) * w + x] = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
    }
  }
  // Two passes in double: the one-pass sum-of-squares formula loses precision on flat chips.
  double sum = 0;
  const std::size_t n = static_cast<std::size_t>(w - 2) * (h - 2);
  std::vector<float> lap(n);
  std::size_t k = 0;
  for (int y = 1; y < h - 1; ++y) {
    const float* g = gray.data() + static_cast<std::size_t>(y) * w;
    for (int x = 1; x < w - 1; ++x) {
      const float l = g[x - 1] + g[x + 1] + g[x - w] + g[x + w] - 4.f * g[x];
      lap[k++] = l;
      sum += l;
    }
  }
  const double mean = sum / static_cast<double>(n);
  double sq = 0;
  for (float l : lap) sq += (l - mean) * (l - mean);
  return static_cast<float>(sq / static_cast<double>(n));
}

}  // namespace facenapi::detail
