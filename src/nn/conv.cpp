#include <cblas.h>

#include <algorithm>
#include <cstring>
#include <facenapi/error.hpp>
#include <mutex>

#include "nn/conv_direct.hpp"
#include "nn/conv_winograd.hpp"
#include "nn/kernels.hpp"

namespace facenapi::detail::nn {
namespace {

// Rows are output pixels, columns (ky, kx, ci): the A matrix of the convolution GEMM.
// Cells that fall in the padding are zero.
void im2col(const Tensor& x, const Conv2D& c, PadAmounts py, PadAmounts px, float* col) {
  const std::size_t row_len = static_cast<std::size_t>(c.kh) * c.kw * c.in;
  for (int oy = 0; oy < py.out; ++oy) {
    for (int ox = 0; ox < px.out; ++ox) {
      float* dst = col + (static_cast<std::size_t>(oy) * px.out + ox) * row_len;
      for (int ky = 0; ky < c.kh; ++ky) {
        const int iy = oy * c.stride - py.before + ky;
        for (int kx = 0; kx < c.kw; ++kx, dst += c.in) {
          const int ix = ox * c.stride - px.before + kx;
          if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) {
            std::memset(dst, 0, sizeof(float) * c.in);
          } else {
            std::memcpy(dst, x.at(iy, ix), sizeof(float) * c.in);
          }
        }
      }
    }
  }
}

// A tensor of conv(x, c)'s output shape, for a kernel that writes every element.
Tensor output_of(const Tensor& x, const Conv2D& c) {
  const PadAmounts py = pad_amounts(x.h, c.kh, c.stride, c.padding);
  const PadAmounts px = pad_amounts(x.w, c.kw, c.stride, c.padding);
  return Tensor(py.out, px.out, c.out, Tensor::Uninitialized{});
}

// y = act(conv(x, c) + bias + residual) (without residual when it is null) into y, which has the
// output's shape and may be the residual itself. The vector kernels add the residual as they
// store; the GEMM fallback adds it afterwards, in the same order.
void conv2d_into(const Tensor& x, const Conv2D& c, Activation act, const Tensor* residual,
                 Tensor& y) {
  if (!c.winograd.empty()) {
    std::vector<const Tensor*> res;
    if (residual != nullptr) res.push_back(residual);
    winograd_conv_batch({&x}, c, act, {&y}, residual != nullptr ? &res : nullptr);
  } else if (direct_conv_supported(c)) {
    direct_conv(x, c, act, y, residual);
  } else if (residual == nullptr) {
    y = conv2d_gemm(x, c, act);
  } else {
    Tensor t = conv2d_gemm(x, c, Activation::none);
    add_inplace(t, *residual);
    activate_inplace(t, act);
    y = std::move(t);
  }
}

}  // namespace

Tensor conv2d(const Tensor& x, const Conv2D& c, Activation act) {
  if (c.winograd.empty() && !direct_conv_supported(c)) return conv2d_gemm(x, c, act);
  Tensor y = output_of(x, c);
  conv2d_into(x, c, act, nullptr, y);
  return y;
}

std::vector<Tensor> conv2d_batch(const std::vector<Tensor>& x, const Conv2D& c, Activation act,
                                 const std::vector<Tensor>* residual) {
  std::vector<Tensor> y;
  y.reserve(x.size());
  const bool one_shape = std::all_of(x.begin(), x.end(), [&](const Tensor& t) {
    return t.h == x.front().h && t.w == x.front().w && t.c == x.front().c;
  });
  if (x.size() < 2 || !one_shape || (c.winograd.empty() && !direct_conv_supported(c))) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      y.push_back(output_of(x[i], c));
      conv2d_into(x[i], c, act, residual != nullptr ? &(*residual)[i] : nullptr, y.back());
    }
    return y;
  }
  std::vector<const Tensor*> in, res;
  std::vector<Tensor*> out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    in.push_back(&x[i]);
    if (residual != nullptr) res.push_back(&(*residual)[i]);
    y.push_back(output_of(x[i], c));
  }
  for (Tensor& t : y) out.push_back(&t);
  if (!c.winograd.empty()) {
    winograd_conv_batch(in, c, act, out, residual != nullptr ? &res : nullptr);
  } else {
    direct_conv_batch(in, c, act, out, residual != nullptr ? &res : nullptr);
  }
  return y;
}

Tensor conv2d_max_pool2(const Tensor& x, const Conv2D& c, Activation act) {
  if (!direct_conv_supported(c)) return max_pool(conv2d_gemm(x, c, act), 2, 2, Padding::same);
  const PadAmounts py = pad_amounts(x.h, c.kh, c.stride, c.padding);
  const PadAmounts px = pad_amounts(x.w, c.kw, c.stride, c.padding);
  const PadAmounts pool_y = pad_amounts(py.out, 2, 2, Padding::same);
  const PadAmounts pool_x = pad_amounts(px.out, 2, 2, Padding::same);
  Tensor y(pool_y.out, pool_x.out, c.out, Tensor::Uninitialized{});
  direct_conv_max_pool2(x, c, act, y);
  return y;
}

Tensor conv2d_gemm(const Tensor& x, const Conv2D& c, Activation act) {
  const PadAmounts py = pad_amounts(x.h, c.kh, c.stride, c.padding);
  const PadAmounts px = pad_amounts(x.w, c.kw, c.stride, c.padding);
  Tensor y(py.out, px.out, c.out, Tensor::Uninitialized{});  // every row starts as the bias
  const int m = py.out * px.out;
  const int k = c.kh * c.kw * c.in;
  for (int i = 0; i < m; ++i)
    std::memcpy(y.data.data() + static_cast<std::size_t>(i) * c.out, c.bias.data(),
                sizeof(float) * c.out);
  const float* a = x.data.data();
  if (!(c.kh == 1 && c.kw == 1 && c.stride == 1)) {
    thread_local std::vector<float> col;
    col.resize(static_cast<std::size_t>(m) * k);
    im2col(x, c, py, px, col.data());
    a = col.data();
  }
  const std::vector<float> unpacked =
      c.block_width() == c.out ? std::vector<float>{} : c.tf_filter();
  const float* filter = unpacked.empty() ? c.filter.data() : unpacked.data();
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, c.out, k, 1.0f, a, k, filter, c.out,
              1.0f, y.data.data(), c.out);
  activate_inplace(y, act);
  return y;
}

Tensor depthwise_conv(const Tensor& x, const Depthwise& d, Activation act, bool relu_input) {
  const PadAmounts py = pad_amounts(x.h, d.k, d.stride, d.padding);
  const PadAmounts px = pad_amounts(x.w, d.k, d.stride, d.padding);
  const int ch = d.channels;
  if (direct_depthwise_supported(d)) {
    Tensor y(py.out, px.out, ch, Tensor::Uninitialized{});  // direct_depthwise writes every element
    direct_depthwise(x, d, act, y, relu_input);
    return y;
  }
  if (relu_input) {
    Tensor activated = x;
    activate_inplace(activated, Activation::relu);
    return depthwise_conv(activated, d, act);
  }
  Tensor y(py.out, px.out, ch);
  for (int oy = 0; oy < py.out; ++oy) {
    for (int ox = 0; ox < px.out; ++ox) {
      float* out = y.at(oy, ox);
      std::memcpy(out, d.bias.data(), sizeof(float) * ch);
      for (int ky = 0; ky < d.k; ++ky) {
        const int iy = oy * d.stride - py.before + ky;
        if (iy < 0 || iy >= x.h) continue;
        for (int kx = 0; kx < d.k; ++kx) {
          const int ix = ox * d.stride - px.before + kx;
          if (ix < 0 || ix >= x.w) continue;
          const float* in = x.at(iy, ix);
          const float* f = d.filter.data() + (static_cast<std::size_t>(ky) * d.k + kx) * ch;
          for (int c = 0; c < ch; ++c) out[c] += in[c] * f[c];
        }
      }
    }
  }
  activate_inplace(y, act);
  return y;
}

Tensor separable_conv(const Tensor& x, const SeparableConv& s, Activation act, bool relu_input) {
  return conv2d(depthwise_conv(x, s.depthwise, Activation::none, relu_input), s.pointwise, act);
}

void conv2d_add(const Tensor& x, const Conv2D& c, Tensor& sum) {
  const PadAmounts py = pad_amounts(x.h, c.kh, c.stride, c.padding);
  const PadAmounts px = pad_amounts(x.w, c.kw, c.stride, c.padding);
  if (sum.h != py.out || sum.w != px.out || sum.c != c.out) {
    throw Error(Errc::internal, "conv2d_add: the sum's shape is not the convolution's output's");
  }
  conv2d_into(x, c, Activation::none, &sum, sum);
}

void separable_conv_add(const Tensor& x, const SeparableConv& s, bool relu_input, Tensor& sum) {
  conv2d_add(depthwise_conv(x, s.depthwise, Activation::none, relu_input), s.pointwise, sum);
}

void use_single_threaded_blas() {
  static std::once_flag once;
  std::call_once(once, [] { openblas_set_num_threads(1); });
}

std::vector<float> dense(const float* x, const Dense& d) {
  std::vector<float> y = d.bias;
  cblas_sgemv(CblasRowMajor, CblasTrans, d.in, d.out, 1.0f, d.weights.data(), d.out, x, 1, 1.0f,
              y.data(), 1);
  return y;
}

}  // namespace facenapi::detail::nn
