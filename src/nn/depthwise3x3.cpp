#include "nn/depthwise3x3.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "nn/conv_direct.hpp"
#include "nn/kernels.hpp"

namespace facenapi::detail::nn {
namespace {

constexpr int kTaps = 9;
// Up to this many channels the direct kernel (one sweep of the map per 16 channels, filter in
// registers) is the faster one; bench numbers in the header.
constexpr int kDirectMaxChannels = 64;

// 16 floats with AVX-512, else 8; GCC and Clang map it onto vector registers (or pairs of
// narrower ones). Each lane computes exactly the scalar expression, so the width does not
// change the results.
#if defined(__AVX512F__)
typedef float Vec __attribute__((vector_size(64)));
constexpr int kLanes = 16;
#else
typedef float Vec __attribute__((vector_size(32)));
constexpr int kLanes = 8;
#endif

inline Vec load(const float* p) {
  Vec v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, Vec v) { std::memcpy(p, &v, sizeof v); }

// The same comparisons as activate_inplace() (std::max / std::min), so -0 and ties agree.
template <Activation A>
inline float activate(float v) {
  if constexpr (A == Activation::relu) return std::max(v, 0.0f);
  if constexpr (A == Activation::relu6) return std::min(std::max(v, 0.0f), 6.0f);
  if constexpr (A == Activation::leaky) return v > 0.0f ? v : 0.1f * v;
  return v;
}
template <Activation A>
inline Vec activate(Vec v) {
  const Vec zero = {};
  if constexpr (A == Activation::relu || A == Activation::relu6) v = v < zero ? zero : v;
  if constexpr (A == Activation::relu6) {
    const Vec six = zero + 6.0f;
    v = six < v ? six : v;
  }
  if constexpr (A == Activation::leaky) v = v > zero ? v : v * 0.1f;
  return v;
}

// One output pixel from its 9 input pixels. Taps outside the input point at zeros, which adds
// +0 exactly as skipping them does, so the sums are depthwise_conv()'s in the same order.
template <Activation A>
inline void pixel(const float* const* taps, const float* filter, const float* bias, int ch,
                  float* out) {
  int c = 0;
  for (; c + 2 * kLanes <= ch; c += 2 * kLanes) {
    Vec a0 = load(bias + c), a1 = load(bias + c + kLanes);
    for (int t = 0; t < kTaps; ++t) {
      const float* in = taps[t] + c;
      const float* f = filter + t * ch + c;
      a0 += load(in) * load(f);
      a1 += load(in + kLanes) * load(f + kLanes);
    }
    store(out + c, activate<A>(a0));
    store(out + c + kLanes, activate<A>(a1));
  }
  for (; c + kLanes <= ch; c += kLanes) {
    Vec a = load(bias + c);
    for (int t = 0; t < kTaps; ++t) a += load(taps[t] + c) * load(filter + t * ch + c);
    store(out + c, activate<A>(a));
  }
  for (; c < ch; ++c) {
    float acc = bias[c];
    for (int t = 0; t < kTaps; ++t) acc += taps[t][c] * filter[t * ch + c];
    out[c] = activate<A>(acc);
  }
}

template <Activation A>
void run(const Tensor& x, const Depthwise& d, PadAmounts py, PadAmounts px, Tensor& y) {
  const int ch = d.channels;
  const std::size_t row_len = static_cast<std::size_t>(x.w) * ch;
  const std::vector<float> zeros(row_len, 0.0f);  // stands for rows above or below the input
  const float* rows[3];
  const float* taps[kTaps];
  for (int oy = 0; oy < py.out; ++oy) {
    for (int ky = 0; ky < 3; ++ky) {
      const int iy = oy * d.stride - py.before + ky;
      rows[ky] = iy >= 0 && iy < x.h ? x.at(iy, 0) : zeros.data();
    }
    for (int ox = 0; ox < px.out; ++ox) {
      const int ix0 = ox * d.stride - px.before;
      for (int kx = 0; kx < 3; ++kx) {
        const int ix = ix0 + kx;
        const bool inside = ix >= 0 && ix < x.w;
        for (int ky = 0; ky < 3; ++ky) {
          taps[ky * 3 + kx] = inside ? rows[ky] + static_cast<std::size_t>(ix) * ch : zeros.data();
        }
      }
      pixel<A>(taps, d.filter.data(), d.bias.data(), ch, y.at(oy, ox));
    }
  }
}

}  // namespace

Tensor depthwise_conv3x3(const Tensor& x, const Depthwise& d, Activation act) {
  if (d.k != 3 || x.c != d.channels) return depthwise_conv(x, d, act);
  if (d.channels <= kDirectMaxChannels && direct_depthwise_supported(d)) {
    return depthwise_conv(x, d, act);  // the direct kernel (nn/conv_direct.hpp)
  }
  const PadAmounts py = pad_amounts(x.h, 3, d.stride, d.padding);
  const PadAmounts px = pad_amounts(x.w, 3, d.stride, d.padding);
  Tensor y(py.out, px.out, d.channels, Tensor::Uninitialized{});  // run() writes every pixel
  switch (act) {
    case Activation::none:
      run<Activation::none>(x, d, py, px, y);
      break;
    case Activation::relu:
      run<Activation::relu>(x, d, py, px, y);
      break;
    case Activation::relu6:
      run<Activation::relu6>(x, d, py, px, y);
      break;
    case Activation::leaky:
      run<Activation::leaky>(x, d, py, px, y);
      break;
  }
  return y;
}

}  // namespace facenapi::detail::nn
