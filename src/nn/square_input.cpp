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
  Tensor y(size, size, 3, Tensor::Uninitialized{});  // every row written below
  const std::uint8_t zeros[3] = {0, 0, 0};
  for (int r = 0; r < size; ++r) {
    const int r0 = ty[r].i0 - off_y, r1 = ty[r].i1 - off_y;
    const std::uint8_t* row0 = r0 >= 0 && r0 < crop.height ? crop.row(r0) : nullptr;
    const std::uint8_t* row1 = r1 >= 0 && r1 < crop.height ? crop.row(r1) : nullptr;
    // A row all in the padding: every sample is black, and the bilinear expression of four
    // zeros is +0.
    if (!row0 && !row1) {
      std::fill_n(y.at(r, 0), static_cast<std::size_t>(size) * 3, 0.0f);
      continue;
    }
    const double dy = ty[r].d;
    float* out = y.at(r, 0);
    for (int x = 0; x < size; ++x, out += 3) {
      const std::uint8_t* tl = row0 && col0[x] >= 0 ? row0 + col0[x] : zeros;
      const std::uint8_t* tr = row0 && col1[x] >= 0 ? row0 + col1[x] : zeros;
      const std::uint8_t* bl = row1 && col0[x] >= 0 ? row1 + col0[x] : zeros;
      const std::uint8_t* br = row1 && col1[x] >= 0 ? row1 + col1[x] : zeros;
      const double dx = tx[x].d;
      for (int c = 0; c < 3; ++c) {
        // The same expression, in the same precision, as resize_bilinear_legacy().
        const float ftl = tl[c], ftr = tr[c], fbl = bl[c], fbr = br[c];
        const double top = ftl + (static_cast<double>(ftr) - ftl) * dx;
        const double bot = fbl + (static_cast<double>(fbr) - fbl) * dx;
        out[c] = static_cast<float>(top + (bot - top) * dy);
      }
    }
  }
  return y;
}

}  // namespace facenapi::detail::nn
