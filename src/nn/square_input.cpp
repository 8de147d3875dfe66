#include "nn/square_input.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace facenapi::detail::nn {
namespace {

// One output coordinate's two source samples in the padded square and the weight between them.
struct Tap {
  int i0 = 0, i1 = 0;
  double d = 0;
};

std::vector<Tap> taps(int square, int out) {
  std::vector<Tap> t(out);
  const double ratio = static_cast<double>(square) / out;
  for (int i = 0; i < out; ++i) {
    const double f = ratio * i;
    t[i].i0 = std::max(0, static_cast<int>(std::floor(f)));
    t[i].i1 = std::min(square - 1, static_cast<int>(std::ceil(f)));
    t[i].d = f - t[i].i0;
  }
  return t;
}

}  // namespace

Tensor to_square_input_direct(const RgbImage& crop, int size, PadMode mode) {
  const int s = std::max(crop.width, crop.height);
  if (crop.empty() || s == size) return to_square_input(crop, size, mode);
  int off_x = 0, off_y = 0;
  if (mode == PadMode::centered && crop.width != crop.height) {
    const int diff = std::abs(crop.width - crop.height);
    const int before = diff - static_cast<int>(std::floor(diff * 0.5 + 0.5));  // JS Math.round
    (crop.height > crop.width ? off_x : off_y) = before;
  }
  const std::vector<Tap> ty = taps(s, size), tx = taps(s, size);
  // Column offsets into a crop row, -1 where the square's column is padding.
  std::vector<int> col0(size), col1(size);
  for (int x = 0; x < size; ++x) {
    const int c0 = tx[x].i0 - off_x, c1 = tx[x].i1 - off_x;
    col0[x] = c0 >= 0 && c0 < crop.width ? 3 * c0 : -1;
    col1[x] = c1 >= 0 && c1 < crop.width ? 3 * c1 : -1;
  }
  // Separable: each crop row's horizontal interpolation (`top` and `bot` of
  // resize_bilinear_legacy(), in the same double expression) is computed once and kept while
  // output rows use it; each output row is then the vertical blend of two such rows.
  const std::size_t row_values = static_cast<std::size_t>(size) * 3;
  std::vector<double> cache[2] = {std::vector<double>(row_values), std::vector<double>(row_values)};
  int cached_row[2] = {-2, -2};  // the crop row each buffer holds; -1: a row of padding
  const std::uint8_t zeros[3] = {0, 0, 0};
  // The horizontal interpolation of crop row `crop_row` (zeros outside the crop), computed into
  // the buffer that does not hold row `keep` unless it is cached already.
  auto horizontal = [&](int crop_row, int keep) -> const double* {
    const int id = crop_row >= 0 && crop_row < crop.height ? crop_row : -1;
    for (int b = 0; b < 2; ++b) {
      if (cached_row[b] == id) return cache[b].data();
    }
    const int b = cached_row[0] == keep ? 1 : 0;  // not the buffer the other tap needs
    cached_row[b] = id;
    double* h = cache[b].data();
    const std::uint8_t* row = id >= 0 ? crop.row(id) : nullptr;
    for (int x = 0; x < size; ++x, h += 3) {
      const std::uint8_t* left = row && col0[x] >= 0 ? row + col0[x] : zeros;
      const std::uint8_t* right = row && col1[x] >= 0 ? row + col1[x] : zeros;
      const double dx = tx[x].d;
      for (int c = 0; c < 3; ++c) {
        const float fl = left[c], fr = right[c];
        h[c] = fl + (static_cast<double>(fr) - fl) * dx;
      }
    }
    return cache[b].data();
  };
  Tensor y(size, size, 3, Tensor::Uninitialized{});  // every row written below
  for (int r = 0; r < size; ++r) {
    const int r0 = ty[r].i0 - off_y, r1 = ty[r].i1 - off_y;
    const bool pad0 = r0 < 0 || r0 >= crop.height, pad1 = r1 < 0 || r1 >= crop.height;
    // A row all in the padding: every sample is black, and the bilinear expression of four
    // zeros is +0.
    if (pad0 && pad1) {
      std::fill_n(y.at(r, 0), row_values, 0.0f);
      continue;
    }
    const double* top = horizontal(r0, pad1 ? -1 : r1);
    const double* bot = horizontal(r1, pad0 ? -1 : r0);
    const double dy = ty[r].d;
    float* out = y.at(r, 0);
    for (std::size_t i = 0; i < row_values; ++i) {
      out[i] = static_cast<float>(top[i] + (bot[i] - top[i]) * dy);
    }
  }
  return y;
}

}  // namespace facenapi::detail::nn
