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

std::vector<float> winograd_filter(const std::vector<float>& tf_filter, int in, int out, int tile) {
  // G, the filter transform of F(2x2, 3x3) and of F(4x4, 3x3) (interpolation points 0, +-1, +-2).
  static constexpr double G2[4][3] = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
  static constexpr double G4[6][3] = {{1.0 / 4, 0, 0},
                                      {-1.0 / 6, -1.0 / 6, -1.0 / 6},
                                      {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                      {1.0 / 24, 1.0 / 12, 1.0 / 6},
                                      {1.0 / 24, -1.0 / 12, 1.0 / 6},
                                      {0, 0, 1}};
  const int a = tile + 2;
  auto g_at = [&](int i, int k) { return tile == 2 ? G2[i][k] : G4[i][k]; };
  std::vector<float> u(static_cast<std::size_t>(a) * a * in * out);
  for (int ci = 0; ci < in; ++ci) {
    for (int co = 0; co < out; ++co) {
      double g[3][3];
      for (int ky = 0; ky < 3; ++ky)
        for (int kx = 0; kx < 3; ++kx)
          g[ky][kx] = tf_filter[((static_cast<std::size_t>(ky) * 3 + kx) * in + ci) * out + co];
      double gg[6][3];  // G g
      for (int i = 0; i < a; ++i)
        for (int kx = 0; kx < 3; ++kx)
          gg[i][kx] = g_at(i, 0) * g[0][kx] + g_at(i, 1) * g[1][kx] + g_at(i, 2) * g[2][kx];
      for (int i = 0; i < a; ++i)
        for (int j = 0; j < a; ++j) {
          const double v = gg[i][0] * g_at(j, 0) + gg[i][1] * g_at(j, 1) + gg[i][2] * g_at(j, 2);
          u[((static_cast<std::size_t>(i) * a + j) * in + ci) * out + co] = static_cast<float>(v);
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

// The 1-D transforms of F(2, 3) and F(4, 3): B^T d (input) and A^T m (output).
template <int M>
struct Transform;

template <>
struct Transform<2> {
  static void input(const __m512* d, __m512* r) {
    r[0] = _mm512_sub_ps(d[0], d[2]);
    r[1] = _mm512_add_ps(d[1], d[2]);
    r[2] = _mm512_sub_ps(d[2], d[1]);
    r[3] = _mm512_sub_ps(d[1], d[3]);
  }
  static void output(const __m512* m, __m512* o) {
    o[0] = _mm512_add_ps(_mm512_add_ps(m[0], m[1]), m[2]);
    o[1] = _mm512_sub_ps(_mm512_sub_ps(m[1], m[2]), m[3]);
  }
};

template <>
struct Transform<4> {
  static void input(const __m512* d, __m512* r) {
    const __m512 two = _mm512_set1_ps(2.0f), four = _mm512_set1_ps(4.0f),
                 five = _mm512_set1_ps(5.0f);
    // r0 = 4 d0 - 5 d2 + d4; r5 = 4 d1 - 5 d3 + d5
    r[0] = _mm512_fmadd_ps(four, d[0], _mm512_fnmadd_ps(five, d[2], d[4]));
    r[5] = _mm512_fmadd_ps(four, d[1], _mm512_fnmadd_ps(five, d[3], d[5]));
    // r1,2 = d4 + d3 -+ 4 (d1 + d2) ... : r1 = (d3 + d4) - 4 (d1 + d2); r2 = (d4 - d3) + 4 (d1 -
    // d2)
    const __m512 s12 = _mm512_add_ps(d[1], d[2]), d12 = _mm512_sub_ps(d[1], d[2]);
    r[1] = _mm512_fnmadd_ps(four, s12, _mm512_add_ps(d[3], d[4]));
    r[2] = _mm512_fmadd_ps(four, d12, _mm512_sub_ps(d[4], d[3]));
    // r3 = (d4 - d2) - 2 (d1 - d3); r4 = (d4 - d2) + 2 (d1 - d3)
    const __m512 e = _mm512_sub_ps(d[4], d[2]), f = _mm512_sub_ps(d[1], d[3]);
    r[3] = _mm512_fnmadd_ps(two, f, e);
    r[4] = _mm512_fmadd_ps(two, f, e);
  }
  static void output(const __m512* m, __m512* o) {
    const __m512 two = _mm512_set1_ps(2.0f), four = _mm512_set1_ps(4.0f),
                 eight = _mm512_set1_ps(8.0f);
    const __m512 s12 = _mm512_add_ps(m[1], m[2]), d12 = _mm512_sub_ps(m[1], m[2]);
    const __m512 s34 = _mm512_add_ps(m[3], m[4]), d34 = _mm512_sub_ps(m[3], m[4]);
    o[0] = _mm512_add_ps(_mm512_add_ps(m[0], s12), s34);
    o[1] = _mm512_fmadd_ps(two, d34, d12);
    o[2] = _mm512_fmadd_ps(four, s34, s12);
    o[3] = _mm512_add_ps(_mm512_fmadd_ps(eight, d34, d12), m[5]);
  }
};

// V = B^T d B of one (M+2)x(M+2) input tile at `p` (row stride `row`), 16 channels at a time,
// into v[tap * tap_stride + channel].
template <int M>
void transform_input(const float* p, std::size_t row, int channels, float* v,
                     std::size_t tap_stride) {
  constexpr int A = M + 2;
  for (int c = 0; c < channels; c += kLanes) {
    __m512 t[A][A];  // B^T d, column by column
    for (int j = 0; j < A; ++j) {
      __m512 d[A];
      for (int i = 0; i < A; ++i) d[i] = _mm512_loadu_ps(p + i * row + j * channels + c);
      __m512 r[A];
      Transform<M>::input(d, r);
      for (int i = 0; i < A; ++i) t[i][j] = r[i];
    }
    for (int i = 0; i < A; ++i) {
      __m512 r[A];
      Transform<M>::input(t[i], r);
      float* o = v + static_cast<std::size_t>(i * A) * tap_stride + c;
      for (int j = 0; j < A; ++j) _mm512_storeu_ps(o + j * tap_stride, r[j]);
    }
  }
}

// m[tap] (kTiles x out) = v[tap] (kTiles x in) * u[tap] (in x out) for every tap.
void multiply(const float* v, const float* u, int taps, int in, int out, float* m) {
  for (int tap = 0; tap < taps; ++tap) {
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

// Y = A^T m A of one tile (row `r` of the block), plus bias (and the residual's pixels, if
// any), then the activation, into the output pixels (oy, ox) .. (oy + M - 1, ox + M - 1) that
// exist.
template <int M>
void transform_output(const float* m, int r, int out, const float* bias, Activation act,
                      const Tensor* residual, Tensor& y, int oy, int ox) {
  constexpr int A = M + 2;
  const std::size_t tap_stride = static_cast<std::size_t>(kTiles) * out;
  const int rows = std::min(M, y.h - oy), cols = std::min(M, y.w - ox);
  float* y00 = y.at(oy, ox);
  for (int k = 0; k < out; k += kLanes) {
    const float* p = m + static_cast<std::size_t>(r) * out + k;
    __m512 s[M][A];  // A^T m, column by column
    for (int j = 0; j < A; ++j) {
      __m512 col[A];
      for (int i = 0; i < A; ++i) col[i] = _mm512_loadu_ps(p + (i * A + j) * tap_stride);
      __m512 o[M];
      Transform<M>::output(col, o);
      for (int i = 0; i < M; ++i) s[i][j] = o[i];
    }
    const __m512 b = _mm512_loadu_ps(bias + k);
    for (int i = 0; i < rows; ++i) {
      __m512 o[M];
      Transform<M>::output(s[i], o);
      float* dst = y00 + static_cast<std::size_t>(i) * y.w * out + k;
      const float* res = residual != nullptr
                             ? residual->at(oy, ox) + static_cast<std::size_t>(i) * y.w * out + k
                             : nullptr;
      for (int j = 0; j < cols; ++j) {
        __m512 v = _mm512_add_ps(o[j], b);
        if (res != nullptr) v = _mm512_add_ps(v, _mm512_loadu_ps(res + j * out));
        _mm512_storeu_ps(dst + j * out, activate(v, act));
      }
    }
  }
}

// Every image of x (one shape) into y. The output tiles of all images form one sequence, cut
// into blocks of kTiles: each block is transformed, multiplied and transformed back while it is
// in the caches, and only the last block of the whole batch is partly empty. A tile's result
// does not depend on the other tiles of its block, so each image gets what it would alone.
template <int M>
void run(const std::vector<const Tensor*>& x, const Conv2D& c, Activation act,
         const std::vector<const Tensor*>* residual, const std::vector<Tensor*>& y) {
  constexpr int A = M + 2, kTaps = A * A;
  const Tensor& first = *x.front();
  const int in = c.in, out = c.out, h = first.h, w = first.w;
  const int tiles_h = (h + M - 1) / M, tiles_w = (w + M - 1) / M;
  const int tiles = tiles_h * tiles_w;
  const int total = tiles * static_cast<int>(x.size());
  // Each input with SAME's one-pixel border of zeros, and room for the last tiles.
  const int ph = M * tiles_h + 2, pw = M * tiles_w + 2;
  thread_local std::vector<float> padded, v, m;
  const std::size_t row = static_cast<std::size_t>(pw) * in;
  const std::size_t image_floats = static_cast<std::size_t>(ph) * row;
  padded.resize(image_floats * x.size());
  const std::size_t right = static_cast<std::size_t>(pw - 1 - w) * in;
  for (std::size_t i = 0; i < x.size(); ++i) {
    float* p = padded.data() + i * image_floats;
    // Zeros only where the input does not go: the rows above and below, the columns beside.
    std::fill_n(p, row, 0.0f);
    std::fill(p + (static_cast<std::size_t>(h) + 1) * row, p + image_floats, 0.0f);
    for (int r = 0; r < h; ++r) {
      float* dst = p + (static_cast<std::size_t>(r) + 1) * row;
      std::fill_n(dst, in, 0.0f);
      std::memcpy(dst + in, x[i]->data.data() + static_cast<std::size_t>(r) * w * in,
                  sizeof(float) * w * in);
      std::fill_n(dst + static_cast<std::size_t>(1 + w) * in, right, 0.0f);
    }
  }
  v.resize(static_cast<std::size_t>(kTaps) * kTiles * in);
  m.resize(static_cast<std::size_t>(kTaps) * kTiles * out);
  // Tile number n of the sequence: its image and its top-left output pixel.
  struct TilePlace {
    int image, oy, ox;
  };
  auto place = [&](int n) {
    const int image = n / tiles, t = n - image * tiles, ty = t / tiles_w;
    return TilePlace{image, M * ty, M * (t - ty * tiles_w)};
  };
  for (int t0 = 0; t0 < total; t0 += kTiles) {
    const int count = std::min(kTiles, total - t0);
    for (int r = 0; r < kTiles; ++r) {
      float* dst = v.data() + static_cast<std::size_t>(r) * in;
      if (r >= count) {  // rows past the last tile: zeros, computed and dropped
        for (int tap = 0; tap < kTaps; ++tap)
          std::fill_n(dst + static_cast<std::size_t>(tap) * kTiles * in, in, 0.0f);
        continue;
      }
      const TilePlace p = place(t0 + r);
      transform_input<M>(
          padded.data() + p.image * image_floats + p.oy * row + static_cast<std::size_t>(p.ox) * in,
          row, in, dst, static_cast<std::size_t>(kTiles) * in);
    }
    multiply(v.data(), c.winograd.data(), kTaps, in, out, m.data());
    for (int r = 0; r < count; ++r) {
      const TilePlace p = place(t0 + r);
      transform_output<M>(m.data(), r, out, c.bias.data(), act,
                          residual != nullptr ? (*residual)[p.image] : nullptr, *y[p.image], p.oy,
                          p.ox);
    }
  }
}

}  // namespace

bool winograd_conv_supported(const Conv2D& c) noexcept {
  return c.kh == 3 && c.kw == 3 && c.stride == 1 && c.padding == Padding::same &&
         c.in % kLanes == 0 && c.out % kOutBlock == 0;
}

void winograd_conv(const Tensor& x, const Conv2D& c, Activation act, Tensor& y) {
  winograd_conv_batch({&x}, c, act, {&y});
}

void winograd_conv_batch(const std::vector<const Tensor*>& x, const Conv2D& c, Activation act,
                         const std::vector<Tensor*>& y,
                         const std::vector<const Tensor*>* residual) {
  if (x.empty()) return;
  if (c.winograd_tile == 4) {
    run<4>(x, c, act, residual, y);
  } else {
    run<2>(x, c, act, residual, y);
  }
}

#else  // no vector kernel in this build

bool winograd_conv_supported(const Conv2D&) noexcept { return false; }
void winograd_conv(const Tensor&, const Conv2D&, Activation, Tensor&) {}
void winograd_conv_batch(const std::vector<const Tensor*>&, const Conv2D&, Activation,
                         const std::vector<Tensor*>&, const std::vector<const Tensor*>*) {}

#endif

}  // namespace facenapi::detail::nn
