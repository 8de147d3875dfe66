#include "nn/preprocess.hpp"

#include <algorithm>
#include <cmath>

namespace facenapi::detail::nn {

Tensor to_square_input(const RgbImage& crop, int size, PadMode mode) {
  if (crop.empty()) return Tensor(size, size, 3);
  const int s = std::max(crop.width, crop.height);
  int off_x = 0, off_y = 0;
  if (mode == PadMode::centered && crop.width != crop.height) {
    const int diff = std::abs(crop.width - crop.height);
    const int before = diff - static_cast<int>(std::floor(diff * 0.5 + 0.5));  // JS Math.round
    (crop.height > crop.width ? off_x : off_y) = before;
  }
  Tensor square(s, s, 3);
  for (int y = 0; y < crop.height; ++y) {
    const std::uint8_t* src = crop.row(y);
    float* dst = square.at(y + off_y, off_x);
    for (int i = 0; i < crop.width * 3; ++i) dst[i] = src[i];
  }
  if (s == size) return square;
  return resize_bilinear_legacy(square, size, size);
}

Tensor resize_bilinear_legacy(const Tensor& x, int out_h, int out_w) {
  Tensor y(out_h, out_w, x.c);
  const double ry = static_cast<double>(x.h) / out_h;
  const double rx = static_cast<double>(x.w) / out_w;
  for (int r = 0; r < out_h; ++r) {
    const double fy = ry * r;
    const int y0 = std::max(0, static_cast<int>(std::floor(fy)));
    const int y1 = std::min(x.h - 1, static_cast<int>(std::ceil(fy)));
    const double dy = fy - y0;
    for (int col = 0; col < out_w; ++col) {
      const double fx = rx * col;
      const int x0 = std::max(0, static_cast<int>(std::floor(fx)));
      const int x1 = std::min(x.w - 1, static_cast<int>(std::ceil(fx)));
      const double dx = fx - x0;
      const float* tl = x.at(y0, x0);
      const float* tr = x.at(y0, x1);
      const float* bl = x.at(y1, x0);
      const float* br = x.at(y1, x1);
      float* out = y.at(r, col);
      for (int c = 0; c < x.c; ++c) {
        const double top = tl[c] + (static_cast<double>(tr[c]) - tl[c]) * dx;
        const double bot = bl[c] + (static_cast<double>(br[c]) - bl[c]) * dx;
        out[c] = static_cast<float>(top + (bot - top) * dy);
      }
    }
  }
  return y;
}

void normalize_inplace(Tensor& x, const std::array<float, 3>& mean, float divisor) {
  float* p = x.data.data();
  const std::size_t pixels = x.size() / 3;
  for (std::size_t i = 0; i < pixels; ++i, p += 3) {
    for (int c = 0; c < 3; ++c) p[c] = (p[c] - mean[c]) / divisor;
  }
}

}  // namespace facenapi::detail::nn
