#include "vector_store.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace facenapi::detail {

VectorStore::VectorStore(std::size_t dim, Precision precision)
    : dim_(dim),
      code_stride_(detail::code_stride(dim)),
      float_stride_(detail::float_stride(dim)),
      precision_(precision) {}

void VectorStore::reserve(std::size_t rows) {
  codes_.reserve(rows * code_stride_);
  scales_.reserve(rows);
  code_sums_.reserve(rows);
  if (precision_ == Precision::float32)
    f32_.reserve(rows * float_stride_);
  else
    f16_.reserve(rows * float_stride_);
}

std::size_t VectorStore::append(const float* x) {
  const std::size_t row = rows();
  codes_.resize(codes_.size() + code_stride_);
  scales_.push_back(0);
  code_sums_.push_back(0);
  if (precision_ == Precision::float32)
    f32_.resize(f32_.size() + float_stride_);
  else
    f16_.resize(f16_.size() + float_stride_);
  write_row(row, x);
  return row;
}

void VectorStore::set(std::size_t row, const float* x) { write_row(row, x); }

void VectorStore::write_row(std::size_t row, const float* x) {
  std::vector<float> padded(float_stride_, 0.0f);
  std::copy(x, x + dim_, padded.begin());
  if (precision_ == Precision::float32) {
    std::copy(padded.begin(), padded.end(), f32_.begin() + row * float_stride_);
  } else {
    // The codes are made from the rounded values, so the error bound holds against them.
    std::uint16_t* h = f16_.data() + row * float_stride_;
    floats_to_halves(padded.data(), h, float_stride_);
    halves_to_floats(h, padded.data(), float_stride_);
  }
  std::int8_t* c = codes_.data() + row * code_stride_;
  const float s = quantize_row(padded.data(), dim_, code_stride_, c);
  std::int32_t sum = 0, l1 = 0;
  for (std::size_t i = 0; i < dim_; ++i) {
    sum += c[i];
    l1 += std::abs(static_cast<int>(c[i]));
  }
  scales_[row] = s;
  code_sums_[row] = sum;
  max_scale_ = std::max(max_scale_, s);
  max_scaled_l1_ = std::max(max_scaled_l1_, s * static_cast<float>(l1));
}

void VectorStore::move(std::size_t from, std::size_t to) {
  if (from != to) {
    std::memcpy(codes_.data() + to * code_stride_, codes_.data() + from * code_stride_,
                code_stride_);
    scales_[to] = scales_[from];
    code_sums_[to] = code_sums_[from];
    if (precision_ == Precision::float32)
      std::memcpy(f32_.data() + to * float_stride_, f32_.data() + from * float_stride_,
                  float_stride_ * sizeof(float));
    else
      std::memcpy(f16_.data() + to * float_stride_, f16_.data() + from * float_stride_,
                  float_stride_ * sizeof(std::uint16_t));
  }
  pop_back();
}

void VectorStore::pop_back() {
  codes_.resize(codes_.size() - code_stride_);
  scales_.pop_back();
  code_sums_.pop_back();
  if (precision_ == Precision::float32)
    f32_.resize(f32_.size() - float_stride_);
  else
    f16_.resize(f16_.size() - float_stride_);
}

PreparedQuery VectorStore::prepare(const float* x) const {
  PreparedQuery q;
  q.values.assign(float_stride_, 0.0f);
  std::copy(x, x + dim_, q.values.begin());
  AlignedVector<std::int8_t> c(code_stride_);
  q.scale = quantize_row(q.values.data(), dim_, code_stride_, c.data());
  q.code.resize(code_stride_);
  shift_codes(c.data(), code_stride_, q.code.data());
  std::int32_t l1 = 0;
  for (std::size_t i = 0; i < dim_; ++i) l1 += std::abs(static_cast<int>(c[i]));
  q.l1 = static_cast<float>(l1);
  return q;
}

PreparedQuery VectorStore::prepare_row(std::size_t row) const {
  std::vector<float> x(float_stride_);
  row_values(row, x.data());
  return prepare(x.data());
}

void VectorStore::row_values(std::size_t row, float* out) const {
  if (precision_ == Precision::float32) {
    std::copy_n(f32_.data() + row * float_stride_, dim_, out);
  } else {
    std::vector<float> tmp(float_stride_);
    halves_to_floats(f16_.data() + row * float_stride_, tmp.data(), float_stride_);
    std::copy_n(tmp.data(), dim_, out);
  }
}

float VectorStore::exact_dot(const PreparedQuery& q, std::size_t row) const {
  if (precision_ == Precision::float32)
    return dot_f32(q.values.data(), f32_.data() + row * float_stride_, float_stride_);
  return dot_f16(q.values.data(), f16_.data() + row * float_stride_, float_stride_);
}

float VectorStore::error_bound(const PreparedQuery& q) const {
  // x = s_q a + e_x, y = s_r b + e_y with |e| <= s / 2 per value, so
  // |x.y - s_q s_r a.b| <= s_q s_r (|a|_1 + |b|_1) / 2 + dim s_q s_r / 4. The slack covers
  // float rounding in the scales and in the float dot products compared against.
  const float d = static_cast<float>(dim_);
  const float bound = q.scale * (max_scale_ * (q.l1 / 2 + d / 4) + max_scaled_l1_ / 2);
  return bound * 1.01f + 1e-5f;
}

std::size_t VectorStore::memory_bytes() const {
  return codes_.capacity() + scales_.capacity() * 4 + code_sums_.capacity() * 4 +
         f32_.capacity() * 4 + f16_.capacity() * 2;
}

}  // namespace facenapi::detail
