#include "kernels.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VNNI__)
#define FACENAPI_SEARCH_AVX512 1
#include <immintrin.h>
#endif

namespace facenapi::detail {

namespace {

#ifdef FACENAPI_SEARCH_AVX512
// Sums of 16 vectors of 16 lanes each: lane i of the result is the sum of the lanes of v[i].
// Three rounds of unpack-and-add and a final cross-lane fold (about 3 instructions a vector).
inline __m512 sum16(const __m512* v) {
  __m512 a[8], b[4];
  for (int i = 0; i < 8; ++i)
    a[i] = _mm512_add_ps(_mm512_unpacklo_ps(v[2 * i], v[2 * i + 1]),
                         _mm512_unpackhi_ps(v[2 * i], v[2 * i + 1]));
  // a[i] per 128-bit lane: (v2i[0]+v2i[2], v2i+1[0]+v2i+1[2], v2i[1]+v2i[3], v2i+1[1]+v2i+1[3])
  for (int i = 0; i < 4; ++i) {
    const __m512d x = _mm512_castps_pd(a[2 * i]), y = _mm512_castps_pd(a[2 * i + 1]);
    b[i] = _mm512_add_ps(_mm512_castpd_ps(_mm512_unpacklo_pd(x, y)),
                         _mm512_castpd_ps(_mm512_unpackhi_pd(x, y)));
  }
  // b[i] per 128-bit lane L: the lane-L partial sums of v[4i], v[4i+1], v[4i+2], v[4i+3].
  const __m512 c0 =
      _mm512_add_ps(_mm512_shuffle_f32x4(b[0], b[1], 0x88), _mm512_shuffle_f32x4(b[0], b[1], 0xdd));
  const __m512 c1 =
      _mm512_add_ps(_mm512_shuffle_f32x4(b[2], b[3], 0x88), _mm512_shuffle_f32x4(b[2], b[3], 0xdd));
  return _mm512_add_ps(_mm512_shuffle_f32x4(c0, c1, 0x88), _mm512_shuffle_f32x4(c0, c1, 0xdd));
}

inline __m512i sum16(const __m512i* v) {
  __m512i a[8], b[4];
  for (int i = 0; i < 8; ++i)
    a[i] = _mm512_add_epi32(_mm512_unpacklo_epi32(v[2 * i], v[2 * i + 1]),
                            _mm512_unpackhi_epi32(v[2 * i], v[2 * i + 1]));
  for (int i = 0; i < 4; ++i)
    b[i] = _mm512_add_epi32(_mm512_unpacklo_epi64(a[2 * i], a[2 * i + 1]),
                            _mm512_unpackhi_epi64(a[2 * i], a[2 * i + 1]));
  const __m512i c0 = _mm512_add_epi32(_mm512_shuffle_i32x4(b[0], b[1], 0x88),
                                      _mm512_shuffle_i32x4(b[0], b[1], 0xdd));
  const __m512i c1 = _mm512_add_epi32(_mm512_shuffle_i32x4(b[2], b[3], 0x88),
                                      _mm512_shuffle_i32x4(b[2], b[3], 0xdd));
  return _mm512_add_epi32(_mm512_shuffle_i32x4(c0, c1, 0x88), _mm512_shuffle_i32x4(c0, c1, 0xdd));
}

inline __m512 row_f32(const float* q, const float* r, std::size_t stride) {
  __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps();
  std::size_t i = 0;
  for (; i + 32 <= stride; i += 32) {
    acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(q + i), _mm512_loadu_ps(r + i), acc0);
    acc1 = _mm512_fmadd_ps(_mm512_loadu_ps(q + i + 16), _mm512_loadu_ps(r + i + 16), acc1);
  }
  if (i < stride) acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(q + i), _mm512_loadu_ps(r + i), acc0);
  return _mm512_add_ps(acc0, acc1);
}

inline __m512i row_u8s8(const std::uint8_t* u, const std::int8_t* c, std::size_t stride) {
  __m512i acc = _mm512_setzero_si512();
  for (std::size_t i = 0; i < stride; i += 64)
    acc = _mm512_dpbusd_epi32(acc, _mm512_loadu_si512(u + i), _mm512_loadu_si512(c + i));
  return acc;
}
#endif

}  // namespace

float dot_f32(const float* a, const float* b, std::size_t stride) {
#ifdef FACENAPI_SEARCH_AVX512
  return _mm512_reduce_add_ps(row_f32(a, b, stride));
#else
  float s = 0;
  for (std::size_t i = 0; i < stride; ++i) s += a[i] * b[i];
  return s;
#endif
}

float dot_f16(const float* a, const std::uint16_t* b, std::size_t stride) {
#ifdef FACENAPI_SEARCH_AVX512
  __m512 acc = _mm512_setzero_ps();
  for (std::size_t i = 0; i < stride; i += 16)
    acc = _mm512_fmadd_ps(
        _mm512_loadu_ps(a + i),
        _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i))), acc);
  return _mm512_reduce_add_ps(acc);
#else
  float tmp[16];
  float s = 0;
  for (std::size_t i = 0; i < stride; i += 16) {
    halves_to_floats(b + i, tmp, 16);
    for (int k = 0; k < 16; ++k) s += a[i + k] * tmp[k];
  }
  return s;
#endif
}

std::int32_t dot_u8s8(const std::uint8_t* u, const std::int8_t* c, std::size_t stride) {
#ifdef FACENAPI_SEARCH_AVX512
  return _mm512_reduce_add_epi32(row_u8s8(u, c, stride));
#else
  std::int32_t s = 0;
  for (std::size_t i = 0; i < stride; ++i) s += std::int32_t{u[i]} * std::int32_t{c[i]};
  return s;
#endif
}

void scan_f32(const float* q, const float* rows, std::size_t n, std::size_t stride, float* out) {
  std::size_t r = 0;
#ifdef FACENAPI_SEARCH_AVX512
  __m512 acc[16];
  for (; r + 16 <= n; r += 16) {
    for (int k = 0; k < 16; ++k) acc[k] = row_f32(q, rows + (r + k) * stride, stride);
    _mm512_storeu_ps(out + r, sum16(acc));
  }
#endif
  for (; r < n; ++r) out[r] = dot_f32(q, rows + r * stride, stride);
}

void scan_u8s8(const std::uint8_t* u, const std::int8_t* codes, std::size_t n, std::size_t stride,
               std::int32_t* out) {
  std::size_t r = 0;
#ifdef FACENAPI_SEARCH_AVX512
  __m512i acc[16];
  for (; r + 16 <= n; r += 16) {
    for (int k = 0; k < 16; ++k) acc[k] = row_u8s8(u, codes + (r + k) * stride, stride);
    _mm512_storeu_si512(out + r, sum16(acc));
  }
#endif
  for (; r < n; ++r) out[r] = dot_u8s8(u, codes + r * stride, stride);
}

void floats_to_halves(const float* in, std::uint16_t* out, std::size_t n) {
  std::size_t i = 0;
#ifdef FACENAPI_SEARCH_AVX512
  for (; i + 16 <= n; i += 16)
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i),
                        _mm512_cvtps_ph(_mm512_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT));
#endif
  for (; i < n; ++i) {
    // Round-to-nearest-even conversion of finite values in the half range (facens are in
    // [-1, 1]); subnormal halves flush to zero here, as they are far below a facen's precision.
    std::uint32_t bits;
    std::memcpy(&bits, &in[i], 4);
    const std::uint32_t sign = (bits >> 16) & 0x8000u;
    const int exponent = static_cast<int>((bits >> 23) & 0xff) - 127 + 15;
    std::uint32_t mantissa = bits & 0x7fffffu;
    if (exponent <= 0) {
      out[i] = static_cast<std::uint16_t>(sign);
    } else if (exponent >= 31) {
      out[i] = static_cast<std::uint16_t>(sign | 0x7c00u);
    } else {
      std::uint32_t half = (static_cast<std::uint32_t>(exponent) << 10) | (mantissa >> 13);
      const std::uint32_t rest = mantissa & 0x1fffu;
      if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;
      out[i] = static_cast<std::uint16_t>(sign | half);
    }
  }
}

void halves_to_floats(const std::uint16_t* in, float* out, std::size_t n) {
  std::size_t i = 0;
#ifdef FACENAPI_SEARCH_AVX512
  for (; i + 16 <= n; i += 16)
    _mm512_storeu_ps(out + i,
                     _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i))));
#endif
  for (; i < n; ++i) {
    const std::uint32_t h = in[i];
    const std::uint32_t sign = (h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu;
    const std::uint32_t mantissa = h & 0x3ffu;
    std::uint32_t bits;
    if (exponent == 0) {
      const float v = std::ldexp(static_cast<float>(mantissa), -24);
      std::memcpy(&bits, &v, 4);
      bits |= sign;
    } else if (exponent == 31) {
      bits = sign | 0x7f800000u | (mantissa << 13);
    } else {
      bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    }
    std::memcpy(&out[i], &bits, 4);
  }
}

float quantize_row(const float* x, std::size_t dim, std::size_t stride, std::int8_t* codes) {
  float max_abs = 0;
  for (std::size_t i = 0; i < dim; ++i) max_abs = std::max(max_abs, std::fabs(x[i]));
  std::fill(codes, codes + stride, std::int8_t{0});
  if (max_abs == 0) return 0;
  const float scale = max_abs / 127.0f;
  const float inverse = 127.0f / max_abs;
  for (std::size_t i = 0; i < dim; ++i) {
    const float v = std::nearbyint(x[i] * inverse);
    codes[i] = static_cast<std::int8_t>(std::clamp(v, -127.0f, 127.0f));
  }
  return scale;
}

void shift_codes(const std::int8_t* codes, std::size_t stride, std::uint8_t* u) {
  for (std::size_t i = 0; i < stride; ++i)
    u[i] = static_cast<std::uint8_t>(static_cast<int>(codes[i]) + 128);
}

}  // namespace facenapi::detail
