#include "nn/conv_direct.hpp"

#include <immintrin.h>

// GCC 12 warns inside _mm512_max_ps/_mm512_min_ps (their _mm512_undefined_ps() operand; GCC bug
// 105593), a false positive for every caller.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

namespace facenapi::detail::nn {

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#define FACENAPI_DIRECT_CONV 1
#endif

#ifdef FACENAPI_DIRECT_CONV
namespace {

#if defined(__AVX512F__)
using Vec = __m512;
constexpr int kLanes = 16;
// Tile rows (output pixels) for 1..4 vectors of output channels: R * NV accumulators plus the
// filter vectors must fit the 32 vector registers.
constexpr int kRows[5] = {0, 16, 12, 8, 6};
inline Vec vload(const float* p) { return _mm512_loadu_ps(p); }
inline void vstore(float* p, Vec v) { _mm512_storeu_ps(p, v); }
inline Vec vbroadcast(const float* p) { return _mm512_set1_ps(*p); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
inline Vec vmax(Vec a, Vec b) { return _mm512_max_ps(a, b); }
inline Vec vmin(Vec a, Vec b) { return _mm512_min_ps(a, b); }
inline Vec vmul(Vec a, Vec b) { return _mm512_mul_ps(a, b); }
inline Vec vadd(Vec a, Vec b) { return _mm512_add_ps(a, b); }
inline Vec vset1(float v) { return _mm512_set1_ps(v); }
inline Vec vzero() { return _mm512_setzero_ps(); }
#else
using Vec = __m256;
constexpr int kLanes = 8;
constexpr int kRows[5] = {0, 8, 6, 4, 3};  // 16 registers
inline Vec vload(const float* p) { return _mm256_loadu_ps(p); }
inline void vstore(float* p, Vec v) { _mm256_storeu_ps(p, v); }
inline Vec vbroadcast(const float* p) { return _mm256_broadcast_ss(p); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
inline Vec vmax(Vec a, Vec b) { return _mm256_max_ps(a, b); }
inline Vec vmin(Vec a, Vec b) { return _mm256_min_ps(a, b); }
inline Vec vmul(Vec a, Vec b) { return _mm256_mul_ps(a, b); }
inline Vec vadd(Vec a, Vec b) { return _mm256_add_ps(a, b); }
inline Vec vset1(float v) { return _mm256_set1_ps(v); }
inline Vec vzero() { return _mm256_setzero_ps(); }
#endif

inline Vec activate(Vec v, Activation act) {
  switch (act) {
    case Activation::none:
      return v;
    case Activation::relu:
      return vmax(v, vzero());
    case Activation::relu6:
      return vmin(vmax(v, vzero()), vset1(6.0f));
    case Activation::leaky: {
      // max(x, 0.1x) equals x for x > 0 and 0.1x otherwise.
      return vmax(v, vmul(v, vset1(0.1f)));
    }
  }
  return v;
}

struct Geometry {
  const float* input;  // padded (or unpadded for VALID) input, NHWC
  int in_w;            // its width
  int in_c;
  int kh, kw, stride;
  int out_w;
  int out_c;
  const float* filter;  // [out_c / block][kh][kw][in_c][block]
  const float* bias;
  int block;  // Conv2D::block_width()
  // Added to each output before the activation (same layout as the output; may be the output
  // itself), or null.
  const float* residual = nullptr;
};

// The value a tile stores for output element `index`: act(acc + residual), or act(acc).
inline void store_output(const Geometry& g, std::size_t index, Vec acc, Activation act,
                         float* out) {
  if (g.residual != nullptr) acc = vadd(acc, vload(g.residual + index));
  vstore(out + index, activate(acc, act));
}

// One tile: `rows` consecutive output pixels (row-major, may cross output rows) starting at
// pixel m0, NV vectors of output channels starting at channel co.
template <int R, int NV>
void tile(const Geometry& g, int m0, int co, Activation act, float* out) {
  const float* base[R];
  for (int r = 0; r < R; ++r) {
    const int m = m0 + r;
    const int oy = m / g.out_w, ox = m - oy * g.out_w;
    base[r] = g.input + (static_cast<std::size_t>(oy) * g.stride * g.in_w + ox * g.stride) * g.in_c;
  }
  Vec acc[R][NV];
  for (int v = 0; v < NV; ++v) {
    const Vec b = vload(g.bias + co + v * kLanes);
    for (int r = 0; r < R; ++r) acc[r][v] = b;
  }
  const std::size_t row_step = static_cast<std::size_t>(g.in_w) * g.in_c;
  const float* f = g.filter +
                   static_cast<std::size_t>(co / g.block) * g.kh * g.kw * g.in_c * g.block +
                   co % g.block;
  for (int ky = 0; ky < g.kh; ++ky) {
    for (int kx = 0; kx < g.kw; ++kx) {
      const std::size_t off = ky * row_step + static_cast<std::size_t>(kx) * g.in_c;
      for (int ci = 0; ci < g.in_c; ++ci, f += g.block) {
        Vec w[NV];
        for (int v = 0; v < NV; ++v) w[v] = vload(f + v * kLanes);
        for (int r = 0; r < R; ++r) {
          const Vec a = vbroadcast(base[r] + off + ci);
          for (int v = 0; v < NV; ++v) acc[r][v] = vfma(a, w[v], acc[r][v]);
        }
      }
    }
  }
  for (int r = 0; r < R; ++r) {
    const std::size_t o = static_cast<std::size_t>(m0 + r) * g.out_c + co;
    for (int v = 0; v < NV; ++v) store_output(g, o + v * kLanes, acc[r][v], act, out);
  }
}

// A tile of R pixels of one output row, for an input of CI channels at stride 1 (the first
// layer of a network on RGB): every input address is a constant offset from one pointer. The
// offsets of the kh * kw * CI taps come from a table at run time: with them known at compile
// time GCC loads each input value once for all the taps that read it, keeps them in (too few)
// registers and spills, at half this kernel's speed. The same FMAs in the same order as tile(),
// so the same results.
template <int R, int NV, int CI>
void tile_row(const Geometry& g, const int* tap_offsets, int m0, int co, Activation act,
              float* out) {
  const int oy = m0 / g.out_w, ox = m0 - oy * g.out_w;
  const float* p = g.input + (static_cast<std::size_t>(oy) * g.in_w + ox) * CI;
  Vec acc[R][NV];
  for (int v = 0; v < NV; ++v) {
    const Vec b = vload(g.bias + co + v * kLanes);
    for (int r = 0; r < R; ++r) acc[r][v] = b;
  }
  const int taps = g.kh * g.kw * CI;
  const float* f =
      g.filter + static_cast<std::size_t>(co / g.block) * taps * g.block + co % g.block;
  for (int t = 0; t < taps; ++t, f += g.block) {
    const float* q = p + tap_offsets[t];
    Vec w[NV];
    for (int v = 0; v < NV; ++v) w[v] = vload(f + v * kLanes);
    for (int r = 0; r < R; ++r) {
      const Vec a = vbroadcast(q + r * CI);
      for (int v = 0; v < NV; ++v) acc[r][v] = vfma(a, w[v], acc[r][v]);
    }
  }
  for (int r = 0; r < R; ++r) {
    const std::size_t o = static_cast<std::size_t>(m0 + r) * g.out_c + co;
    for (int v = 0; v < NV; ++v) store_output(g, o + v * kLanes, acc[r][v], act, out);
  }
}

template <int NV, int R>
void tail(const Geometry& g, int m0, int rows, int co, Activation act, float* out) {
  if constexpr (R > 1) {
    if (rows == R) return tile<R, NV>(g, m0, co, act, out);
    return tail<NV, R - 1>(g, m0, rows, co, act, out);
  } else {
    (void)rows;
    tile<1, NV>(g, m0, co, act, out);
  }
}

template <int NV>
void run(const Geometry& g, int pixels, Activation act, float* out) {
  constexpr int R = kRows[NV];
  if (g.in_c == 3 && g.stride == 1) {
    // (ky, kx, ci) in the filter's order: the input offset of each tap from a pixel's window.
    // Kept by the thread: conv2d_max_pool2() calls this for every two rows.
    thread_local std::vector<int> tap_offsets;
    tap_offsets.clear();
    for (int ky = 0; ky < g.kh; ++ky)
      for (int kx = 0; kx < g.kw; ++kx)
        for (int ci = 0; ci < 3; ++ci) tap_offsets.push_back((ky * g.in_w + kx) * 3 + ci);
    for (int co = 0; co < g.out_c; co += NV * kLanes) {
      int m = 0;
      for (; m + R <= pixels; m += R) {
        if (m % g.out_w + R <= g.out_w) {
          tile_row<R, NV, 3>(g, tap_offsets.data(), m, co, act, out);
        } else {
          tile<R, NV>(g, m, co, act, out);  // crosses into the next output row
        }
      }
      if (m < pixels) tail<NV, R - 1>(g, m, pixels - m, co, act, out);
    }
    return;
  }
  for (int co = 0; co < g.out_c; co += NV * kLanes) {
    int m = 0;
    for (; m + R <= pixels; m += R) tile<R, NV>(g, m, co, act, out);
    if (m < pixels) tail<NV, R - 1>(g, m, pixels - m, co, act, out);
  }
}

// All `pixels` in one tile of R rows and NV vectors per block of output channels, so each
// filter block is read once (layers of a few pixels are bound by reading their weights).
template <int NV>
void run_one_tile(const Geometry& g, int pixels, Activation act, float* out) {
  for (int co = 0; co < g.out_c; co += NV * kLanes) {
    tail<NV, kRows[NV]>(g, 0, pixels, co, act, out);
  }
}

void run_any(const Geometry& g, int pixels, Activation act, float* out) {
  // A tile's channels must lie in one filter block.
  const int block_vecs = g.block / kLanes;
  if (g.block != g.out_c && pixels <= kRows[2] && block_vecs % 2 == 0) {
    run_one_tile<2>(g, pixels, act, out);
  } else if (block_vecs % 4 == 0) {
    run<4>(g, pixels, act, out);
  } else if (block_vecs % 3 == 0) {
    run<3>(g, pixels, act, out);
  } else if (block_vecs % 2 == 0) {
    run<2>(g, pixels, act, out);
  } else {
    run<1>(g, pixels, act, out);
  }
}

// x zero-padded so that every kernel window of a VALID pass lies inside it: x itself when no
// padding is needed, else a thread-local copy. `width` receives the row length and `height`
// (when given) the number of rows.
const float* padded_input(const Tensor& x, int kh, int kw, int stride, Padding padding, int& width,
                          int* height = nullptr) {
  const PadAmounts py = pad_amounts(x.h, kh, stride, padding);
  const PadAmounts px = pad_amounts(x.w, kw, stride, padding);
  const int need_h = (py.out - 1) * stride + kh;
  const int need_w = (px.out - 1) * stride + kw;
  width = x.w;
  if (height) *height = x.h;
  if (py.before == 0 && px.before == 0 && need_h <= x.h && need_w <= x.w) return x.data.data();
  thread_local std::vector<float> padded;
  const int ph = std::max(need_h, x.h + py.before), pw = std::max(need_w, x.w + px.before);
  padded.assign(static_cast<std::size_t>(ph) * pw * x.c, 0.0f);
  for (int r = 0; r < x.h; ++r) {
    std::memcpy(padded.data() + ((static_cast<std::size_t>(r) + py.before) * pw + px.before) * x.c,
                x.at(r, 0), sizeof(float) * x.w * x.c);
  }
  width = pw;
  if (height) *height = ph;
  return padded.data();
}

// The 3x3 depthwise convolution straight from x: taps that fall in the padding are skipped,
// which is what adding the padding's zeros does, so no padded copy of x is made. With ReluInput
// every input value is read as max(x, 0) (a ReLU before the layer, fused). Each block of
// kLanes channels keeps its 9 filter vectors in registers.
template <bool ReluInput>
void depthwise3x3(const Tensor& x, const Depthwise& d, Activation act, Tensor& y) {
  const int ch = d.channels, s = d.stride;
  const int top = pad_amounts(x.h, 3, s, d.padding).before;
  const int left = pad_amounts(x.w, 3, s, d.padding).before;
  const std::size_t row = static_cast<std::size_t>(x.w) * ch;
  auto input = [](const float* p) {
    const Vec v = vload(p);
    if constexpr (ReluInput) return vmax(v, vzero());
    return v;
  };
  for (int cb = 0; cb < ch; cb += kLanes) {
    Vec f[9];
    for (int i = 0; i < 9; ++i)
      f[i] = vload(d.filter.data() + static_cast<std::size_t>(i) * ch + cb);
    const Vec bias = vload(d.bias.data() + cb);
    for (int oy = 0; oy < y.h; ++oy) {
      const int iy0 = oy * s - top;
      const bool rows_inside = iy0 >= 0 && iy0 + 2 < x.h;
      float* out = y.at(oy, 0) + cb;
      for (int ox = 0; ox < y.w; ++ox, out += ch) {
        const int ix0 = ox * s - left;
        Vec acc = bias;
        if (rows_inside && ix0 >= 0 && ix0 + 2 < x.w) {
          const float* in = x.data.data() + iy0 * row + static_cast<std::size_t>(ix0) * ch + cb;
          for (int ky = 0; ky < 3; ++ky) {
            for (int kx = 0; kx < 3; ++kx) {
              acc = vfma(input(in + ky * row + static_cast<std::size_t>(kx) * ch), f[ky * 3 + kx],
                         acc);
            }
          }
        } else {
          for (int ky = 0; ky < 3; ++ky) {
            const int iy = iy0 + ky;
            if (iy < 0 || iy >= x.h) continue;
            for (int kx = 0; kx < 3; ++kx) {
              const int ix = ix0 + kx;
              if (ix < 0 || ix >= x.w) continue;
              acc = vfma(input(x.at(iy, ix) + cb), f[ky * 3 + kx], acc);
            }
          }
        }
        vstore(out, activate(acc, act));
      }
    }
  }
}

}  // namespace

bool direct_depthwise_supported(const Depthwise& d) noexcept {
  return d.k == 3 && d.channels % kLanes == 0;
}

void direct_depthwise(const Tensor& x, const Depthwise& d, Activation act, Tensor& y,
                      bool relu_input) {
  if (relu_input) {
    depthwise3x3<true>(x, d, act, y);
  } else {
    depthwise3x3<false>(x, d, act, y);
  }
}

bool direct_conv_supported(const Conv2D& c) noexcept { return c.block_width() % kLanes == 0; }

void direct_conv(const Tensor& x, const Conv2D& c, Activation act, Tensor& y,
                 const Tensor* residual) {
  const PadAmounts py = pad_amounts(x.h, c.kh, c.stride, c.padding);
  const PadAmounts px = pad_amounts(x.w, c.kw, c.stride, c.padding);
  int in_w = x.w;
  const float* input = padded_input(x, c.kh, c.kw, c.stride, c.padding, in_w);
  const Geometry g{input,
                   in_w,
                   x.c,
                   c.kh,
                   c.kw,
                   c.stride,
                   px.out,
                   c.out,
                   c.filter.data(),
                   c.bias.data(),
                   c.block_width(),
                   residual != nullptr ? residual->data.data() : nullptr};
  run_any(g, py.out * px.out, act, y.data.data());
}

void direct_conv_batch(const std::vector<const Tensor*>& x, const Conv2D& c, Activation act,
                       const std::vector<Tensor*>& y, const std::vector<const Tensor*>* residual) {
  if (x.empty()) return;
  const Tensor& first = *x.front();
  const PadAmounts py = pad_amounts(first.h, c.kh, c.stride, c.padding);
  const PadAmounts px = pad_amounts(first.w, c.kw, c.stride, c.padding);
  const int pixels = py.out * px.out;
  // Every image padded into one buffer (padded_input() keeps only one image).
  int in_w = first.w, in_h = first.h;
  const float* one = padded_input(first, c.kh, c.kw, c.stride, c.padding, in_w, &in_h);
  std::vector<Geometry> images(
      x.size(), Geometry{one, in_w, first.c, c.kh, c.kw, c.stride, px.out, c.out, c.filter.data(),
                         c.bias.data(), c.block_width()});
  thread_local std::vector<float> padded;
  if (one != first.data.data()) {
    const std::size_t image_floats = static_cast<std::size_t>(in_h) * in_w * first.c;
    padded.resize(image_floats * x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      int w = 0;
      std::copy_n(padded_input(*x[i], c.kh, c.kw, c.stride, c.padding, w), image_floats,
                  padded.data() + i * image_floats);
      images[i].input = padded.data() + i * image_floats;
    }
  } else {
    for (std::size_t i = 0; i < x.size(); ++i) images[i].input = x[i]->data.data();
  }
  if (residual != nullptr) {
    for (std::size_t i = 0; i < x.size(); ++i) images[i].residual = (*residual)[i]->data.data();
  }
  // Channel blocks outermost: each block of the filter comes from memory once and from the
  // cache for the other images.
  const int block_vecs = c.block_width() / kLanes;
  const int nv = block_vecs % 2 == 0 ? 2 : 1;
  for (int co = 0; co < c.out; co += nv * kLanes) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      float* out = y[i]->data.data();
      for (int m = 0; m < pixels; m += kRows[2]) {
        const int rows = std::min(kRows[2], pixels - m);
        if (nv == 2) {
          tail<2, kRows[2]>(images[i], m, rows, co, act, out);
        } else {
          for (int r = m; r < m + rows; ++r) tile<1, 1>(images[i], r, co, act, out);
        }
      }
    }
  }
}

void direct_conv_max_pool2(const Tensor& x, const Conv2D& c, Activation act, Tensor& y) {
  const PadAmounts py = pad_amounts(x.h, c.kh, c.stride, c.padding);
  const PadAmounts px = pad_amounts(x.w, c.kw, c.stride, c.padding);
  int in_w = x.w;
  const float* input = padded_input(x, c.kh, c.kw, c.stride, c.padding, in_w);
  Geometry g{
      input,         in_w,           x.c, c.kh, c.kw, c.stride, px.out, c.out, c.filter.data(),
      c.bias.data(), c.block_width()};
  const int conv_h = py.out, conv_w = px.out, ch = c.out;
  // Two convolution rows at a time, pooled at once: the full-size convolution output (23 MB for
  // the tiny detector's first layer at 608 px) is never written or read back.
  thread_local std::vector<float> band;
  band.resize(static_cast<std::size_t>(2) * conv_w * ch);
  const std::size_t input_rows = static_cast<std::size_t>(2) * c.stride * in_w * x.c;
  for (int oy = 0; oy < y.h; ++oy) {
    const int rows = std::min(2, conv_h - 2 * oy);
    g.input = input + oy * input_rows;
    run_any(g, rows * conv_w, act, band.data());
    float* out = y.at(oy, 0);
    for (int ox = 0; ox < y.w; ++ox, out += ch) {
      const int cols = std::min(2, conv_w - 2 * ox);
      for (int cb = 0; cb < ch; cb += kLanes) {
        // max_pool()'s order: rows, then columns, starting from -infinity.
        Vec m = vset1(-std::numeric_limits<float>::infinity());
        for (int r = 0; r < rows; ++r) {
          const float* in = band.data() + (static_cast<std::size_t>(r) * conv_w + 2 * ox) * ch + cb;
          for (int k = 0; k < cols; ++k) m = vmax(vload(in + k * ch), m);
        }
        vstore(out + cb, m);
      }
    }
  }
}

#else  // no vector kernel in this build

bool direct_conv_supported(const Conv2D&) noexcept { return false; }
bool direct_depthwise_supported(const Depthwise&) noexcept { return false; }
void direct_depthwise(const Tensor&, const Depthwise&, Activation, Tensor&, bool) {}
void direct_conv(const Tensor&, const Conv2D&, Activation, Tensor&, const Tensor*) {}
void direct_conv_max_pool2(const Tensor&, const Conv2D&, Activation, Tensor&) {}
void direct_conv_batch(const std::vector<const Tensor*>&, const Conv2D&, Activation,
                       const std::vector<Tensor*>&, const std::vector<const Tensor*>*) {}

#endif

}  // namespace facenapi::detail::nn
