// SIMD kernels of the facen index: dot products of float32, float16 and int8 rows against a
// query. Rows are padded (float rows to 16 values, int8 rows to 64 bytes) with zeros, so every
// kernel works on whole 512-bit registers; the padded length is the row stride.
//
// The int8 form: a row x is stored as codes c (int8) and a scale s with x ~ s * c; a query q is
// quantized the same way and stored shifted to unsigned bytes u = c_q + 128, so that
// dot(u, c) - 128 * sum(c) = dot(c_q, c) (the AVX-512 VNNI instruction multiplies u8 by s8).
#pragma once

#include <cstddef>
#include <cstdint>

namespace facenapi::detail {

constexpr std::size_t kFloatAlign = 16;  // float row stride is a multiple of this many values
constexpr std::size_t kCodeAlign = 64;   // int8 row stride is a multiple of this many bytes

inline std::size_t float_stride(std::size_t dim) {
  return (dim + kFloatAlign - 1) / kFloatAlign * kFloatAlign;
}
inline std::size_t code_stride(std::size_t dim) {
  return (dim + kCodeAlign - 1) / kCodeAlign * kCodeAlign;
}

// Dot product of two padded float rows of `stride` values.
float dot_f32(const float* a, const float* b, std::size_t stride);
// Dot product of a padded float query and a padded float16 (IEEE half) row.
float dot_f16(const float* a, const std::uint16_t* b, std::size_t stride);
// sum(u[i] * c[i]) over `stride` bytes.
std::int32_t dot_u8s8(const std::uint8_t* u, const std::int8_t* c, std::size_t stride);

// out[r] = dot_f32(q, rows + r * stride) for r in [0, n).
void scan_f32(const float* q, const float* rows, std::size_t n, std::size_t stride, float* out);
// out[r] = dot_u8s8(u, codes + r * stride) for r in [0, n).
void scan_u8s8(const std::uint8_t* u, const std::int8_t* codes, std::size_t n, std::size_t stride,
               std::int32_t* out);

// IEEE half <-> float for `n` values (round to nearest even).
void floats_to_halves(const float* in, std::uint16_t* out, std::size_t n);
void halves_to_floats(const std::uint16_t* in, float* out, std::size_t n);

// Quantizes `dim` floats to int8 codes (the padding up to `stride` is zeroed): returns the
// scale s = max|x| / 127 (0 for a zero vector); codes[i] = round(x[i] / s).
float quantize_row(const float* x, std::size_t dim, std::size_t stride, std::int8_t* codes);
// The unsigned form of a query's codes: u[i] = codes[i] + 128.
void shift_codes(const std::int8_t* codes, std::size_t stride, std::uint8_t* u);

}  // namespace facenapi::detail
