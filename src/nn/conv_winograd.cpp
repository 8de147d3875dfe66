#include "nn/conv_winograd.hpp"

#include <immintrin.h>

// GCC 12 warns inside _mm512_max_ps/_mm512_min_ps (their _mm512_undefined_ps() operand; GCC bug
// 105593), a false positive for every caller.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <algorithm>
#include <cstring>
#include <vector>

namespace facenapi::detail::nn {

std::vector<float> winograd_filter(const std::vector<float>& tf_filter, int in, int out) {
  // G, the filter transform of F(2x2, 3x3).
  static constexpr double G[4][3] = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
  std::vector<float> u(static_cast<std::size_t>(16) * in * out);
  for (int ci = 0; ci < in; ++ci) {
    for (int co = 0; co < out; ++co) {
      double g[3][3];
      for (int ky = 0; ky < 3; ++ky)
        for (int kx = 0; kx < 3; ++kx)
          g[ky][kx] = tf_filter[((static_cast<std::size_t>(ky) * 3 + kx) * in + ci) * out + co];
      double gg[4][3];  // G g
      for (int i = 0; i < 4; ++i)
        for (int kx = 0; kx < 3; ++kx)
          gg[i][kx] = G[i][0] * g[0][kx] + G[i][1] * g[1][kx] + G[i][2] * g[2][kx];
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) {
          const double v = gg[i][0] * G[j][0] + gg[i][1] * G[j][1] + gg[i][2] * G[j][2];
          u[((static_cast<std::size_t>(i) * 4 + j) * in + ci) * out + co] = static_cast<float>(v);
        }
    }
  }
  return u;
}

#if defined(__AVX512F__)

namespace {

constexpr int kLanes = 16;
// Output tiles per block: the rows of each of the 16 small products, computed 32 output
// channels at a time (12 x 2 accumulators plus 2 filter vectors of the 32 registers).
constexpr int kTiles = 12;
constexpr int kOutBlock = 32;

inline __m512 activate(__m512 v, Activation act) {
  switch (act) {
    case Activation::none:
      return v;
    case Activation::relu:
      return _mm512_max_ps(v, _mm512_setzero_ps());
    case Activation::relu6:
      return _mm512_min_ps(_mm512_max_ps(v, _mm512_setzero_ps()), _mm512_set1_ps(6.0f));
    case Activation::leaky:
      return _mm512_max_ps(v, _mm512_mul_ps(v, _mm512_set1_ps(0.1f)));
  }
  return v;
}

// V = B^T d B of one 4x4 input tile at `p` (row stride `row`), 16 channels at a time, into
// v[tap * tap_stride + channel].
void transform_input(const float* p, std::size_t row, int channels, float* v,
                     std::size_t tap_stride) {
  for (int c = 0; c < channels; c += kLanes) {
    __m512 d[4][4];
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) d[i][j] = _mm512_loadu_ps(p + i * row + j * channels + c);
    __m512 t[4][4];  // B^T d
    for (int j = 0; j < 4; ++j) {
      t[0][j] = _mm512_sub_ps(d[0][j], d[2][j]);
      t[1][j] = _mm512_add_ps(d[1][j], d[2][j]);
      t[2][j] = _mm512_sub_ps(d[2][j], d[1][j]);
      t[3][j] = _mm512_sub_ps(d[1][j], d[3][j]);
    }
    for (int i = 0; i < 4; ++i) {
      float* o = v + static_cast<std::size_t>(i * 4) * tap_stride + c;
      _mm512_storeu_ps(o, _mm512_sub_ps(t[i][0], t[i][2]));
      _mm512_storeu_ps(o + tap_stride, _mm512_add_ps(t[i][1], t[i][2]));
      _mm512_storeu_ps(o + 2 * tap_stride, _mm512_sub_ps(t[i][2], t[i][1]));
      _mm512_storeu_ps(o + 3 * tap_stride, _mm512_sub_ps(t[i][1], t[i][3]));
    }
  }
}

// m[tap] (kTiles x out) = v[tap] (kTiles x in) * u[tap] (in x out) for the 16 taps.
void multiply(const float* v, const float* u, int in, int out, float* m) {
  for (int tap = 0; tap < 16; ++tap) {
    const float* a = v + static_cast<std::size_t>(tap) * kTiles * in;
    const float* b = u + static_cast<std::size_t>(tap) * in * out;
    float* c = m + static_cast<std::size_t>(tap) * kTiles * out;
    for (int k = 0; k < out; k += kOutBlock) {
      __m512 acc[kTiles][2];
      for (int r = 0; r < kTiles; ++r) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
      const float* w = b + k;
      for (int ci = 0; ci < in; ++ci, w += out) {
        const __m512 w0 = _mm512_loadu_ps(w), w1 = _mm512_loadu_ps(w + kLanes);
        for (int r = 0; r < kTiles; ++r) {
          const __m512 x = _mm512_set1_ps(a[static_cast<std::size_t>(r) * in + ci]);
          acc[r][0] = _mm512_fmadd_ps(x, w0, acc[r][0]);
          acc[r][1] = _mm512_fmadd_ps(x, w1, acc[r][1]);
        }
      }
      for (int r = 0; r < kTiles; ++r) {
        _mm512_storeu_ps(c + static_cast<std::size_t>(r) * out + k, acc[r][0]);
        _mm512_storeu_ps(c + static_cast<std::size_t>(r) * out + k + kLanes, acc[r][1]);
      }
    }
  }
}

// Y = A^T m A of one tile (row `r` of the block), plus bias and activation, into the output
// pixels (oy, ox) .. (oy + 1, ox + 1) that exist.
void transform_output(const float* m, int r, int out, const float* bias, Activation act,
                      Tensor& y, int oy, int ox) {
  const std::size_t tap_stride = static_cast<std::size_t>(kTiles) * out;
  const bool right = ox + 1 < y.w, below = oy + 1 < y.h;
  float* y00 = y.at(oy, ox);
  for (int k = 0; k < out; k += kLanes) {
    const float* p = m + static_cast<std::size_t>(r) * out + k;
    __m512 s[2][4];  // A^T m
    for (int j = 0; j < 4; ++j) {
      const __m512 m0 = _mm512_loadu_ps(p + j * tap_stride);
      const __m512 m1 = _mm512_loadu_ps(p + (4 + j) * tap_stride);
      const __m512 m2 = _mm512_loadu_ps(p + (8 + j) * tap_stride);
      const __m512 m3 = _mm512_loadu_ps(p + (12 + j) * tap_stride);
      s[0][j] = _mm512_add_ps(_mm512_add_ps(m0, m1), m2);
      s[1][j] = _mm512_sub_ps(_mm512_sub_ps(m1, m2), m3);
    }
    const __m512 b = _mm512_loadu_ps(bias + k);
    for (int i = 0; i < 2; ++i) {
      if (i == 1 && !below) break;
      float* o = y00 + static_cast<std::size_t>(i) * y.w * out + k;
      const __m512 left = _mm512_add_ps(_mm512_add_ps(s[i][0], s[i][1]), s[i][2]);
      _mm512_storeu_ps(o, activate(_mm512_add_ps(left, b), act));
      if (right) {
        const __m512 rt = _mm512_sub_ps(_mm512_sub_ps(s[i][1], s[i][2]), s[i][3]);
        _mm512_storeu_ps(o + out, activate(_mm512_add_ps(rt, b), act));
      }
    }
  }
}

}  // namespace

bool winograd_conv_supported(const Conv2D& c) noexcept {
  return c.kh == 3 && c.kw == 3 && c.stride == 1 && c.padding == Padding::same &&
         c.in % kLanes == 0 && c.out % kOutBlock == 0;
}

void winograd_conv(const Tensor& x, const Conv2D& c, Activation act, Tensor& y) {
  const int in = c.in, out = c.out;
  const int tiles_h = (x.h + 1) / 2, tiles_w = (x.w + 1) / 2;
  const int tiles = tiles_h * tiles_w;
  // The input with SAME's one-pixel border of zeros, and room for the last tile of an odd size.
  const int ph = 2 * tiles_h + 2, pw = 2 * tiles_w + 2;
  thread_local std::vector<float> padded, v, m;
  padded.assign(static_cast<std::size_t>(ph) * pw * in, 0.0f);
  for (int r = 0; r < x.h; ++r) {
    std::memcpy(padded.data() + ((static_cast<std::size_t>(r) + 1) * pw + 1) * in,
                x.data.data() + static_cast<std::size_t>(r) * x.w * in,
                sizeof(float) * x.w * in);
  }
  const std::size_t row = static_cast<std::size_t>(pw) * in;
  v.resize(static_cast<std::size_t>(16) * kTiles * in);
  m.resize(static_cast<std::size_t>(16) * kTiles * out);
  for (int t0 = 0; t0 < tiles; t0 += kTiles) {
    const int count = std::min(kTiles, tiles - t0);
    for (int r = 0; r < kTiles; ++r) {
      float* dst = v.data() + static_cast<std::size_t>(r) * in;
      if (r >= count) {  // rows past the last tile: zeros, computed and dropped
        for (int tap = 0; tap < 16; ++tap)
          std::fill_n(dst + static_cast<std::size_t>(tap) * kTiles * in, in, 0.0f);
        continue;
      }
      const int t = t0 + r, ty = t / tiles_w, tx = t - ty * tiles_w;
      transform_input(padded.data() + 2 * ty * row + static_cast<std::size_t>(2 * tx) * in, row,
                      in, dst, static_cast<std::size_t>(kTiles) * in);
    }
    multiply(v.data(), c.winograd.data(), in, out, m.data());
    for (int r = 0; r < count; ++r) {
      const int t = t0 + r, ty = t / tiles_w, tx = t - ty * tiles_w;
      transform_output(m.data(), r, out, c.bias.data(), act, y, 2 * ty, 2 * tx);
    }
  }
}

#else  // no vector kernel in this build

bool winograd_conv_supported(const Conv2D&) noexcept { return false; }
void winograd_conv(const Tensor&, const Conv2D&, Activation, Tensor&) {}

#endif

}  // namespace facenapi::detail::nn
