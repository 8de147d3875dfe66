#include <algorithm>
#include <limits>

#include "nn/kernels.hpp"

namespace facenapi::detail::nn {

Tensor max_pool(const Tensor& x, int k, int stride, Padding padding) {
  const PadAmounts py = pad_amounts(x.h, k, stride, padding);
  const PadAmounts px = pad_amounts(x.w, k, stride, padding);
  Tensor y(py.out, px.out, x.c, Tensor::Uninitialized{});  // each cell starts at -infinity
  for (int oy = 0; oy < py.out; ++oy) {
    for (int ox = 0; ox < px.out; ++ox) {
      float* out = y.at(oy, ox);
      std::fill(out, out + x.c, -std::numeric_limits<float>::infinity());
      for (int ky = 0; ky < k; ++ky) {
        const int iy = oy * stride - py.before + ky;
        if (iy < 0 || iy >= x.h) continue;
        for (int kx = 0; kx < k; ++kx) {
          const int ix = ox * stride - px.before + kx;
          if (ix < 0 || ix >= x.w) continue;
          const float* in = x.at(iy, ix);
          for (int c = 0; c < x.c; ++c) out[c] = std::max(out[c], in[c]);
        }
      }
    }
  }
  return y;
}

Tensor avg_pool(const Tensor& x, int k, int stride) {
  const PadAmounts py = pad_amounts(x.h, k, stride, Padding::valid);
  const PadAmounts px = pad_amounts(x.w, k, stride, Padding::valid);
  Tensor y(py.out, px.out, x.c);
  const float inv = 1.0f / static_cast<float>(k * k);
  for (int oy = 0; oy < py.out; ++oy) {
    for (int ox = 0; ox < px.out; ++ox) {
      float* out = y.at(oy, ox);
      for (int ky = 0; ky < k; ++ky) {
        for (int kx = 0; kx < k; ++kx) {
          const float* in = x.at(oy * stride + ky, ox * stride + kx);
          for (int c = 0; c < x.c; ++c) out[c] += in[c];
        }
      }
      for (int c = 0; c < x.c; ++c) out[c] *= inv;
    }
  }
  return y;
}

std::vector<float> global_avg_pool(const Tensor& x) {
  std::vector<float> sum(x.c, 0.0f);
  for (int i = 0; i < x.h * x.w; ++i) {
    const float* in = x.data.data() + static_cast<std::size_t>(i) * x.c;
    for (int c = 0; c < x.c; ++c) sum[c] += in[c];
  }
  const float inv = 1.0f / static_cast<float>(x.h * x.w);
  for (float& v : sum) v *= inv;
  return sum;
}

}  // namespace facenapi::detail::nn
