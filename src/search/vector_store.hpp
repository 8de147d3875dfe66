// The rows of a facen index: per row an int8 code (with its scale and code sum, for the fast
// scans and the graph) and the full-precision vector (float32, or float16 to halve its memory)
// for the exact re-rank. Rows are contiguous and padded (kernels.hpp), addressed by row number.
//
// Thread safety: none; FacenIndex serializes writes and lets reads run concurrently.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

#include "kernels.hpp"

namespace facenapi::detail {

// std::allocator with 64-byte alignment, so rows start on cache lines.
template <class T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <class U>
  AlignedAllocator(const AlignedAllocator<U>&) {}
  // Arrays of 4 MiB and more are placed on 2 MiB boundaries and marked for transparent huge
  // pages: loading a large index then takes 512 times fewer page faults (they were a quarter of
  // its time), and scans miss the TLB less.
  T* allocate(std::size_t n) {
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    const std::size_t bytes = n * sizeof(T);
    const bool huge = bytes >= 2 * kHuge;
    const std::size_t align = huge ? kHuge : 64;
    void* p = std::aligned_alloc(align, (bytes + align - 1) / align * align);
    if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (huge) ::madvise(p, (bytes + align - 1) / align * align, MADV_HUGEPAGE);  // advisory
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t) { std::free(p); }
  // resize() without a value leaves trivial elements uninitialized: the index file reads
  // hundreds of megabytes straight into them, and zeroing first would cost as much again.
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  bool operator==(const AlignedAllocator<U>&) const {
    return true;
  }
  template <class U>
  bool operator!=(const AlignedAllocator<U>&) const {
    return false;
  }
};
template <class T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

enum class Precision : std::uint32_t { float32 = 0, float16 = 1 };

// A query prepared for the scans: padded floats and its int8 code in unsigned form.
struct PreparedQuery {
  AlignedVector<float> values;
  AlignedVector<std::uint8_t> code;  // codes + 128
  float scale = 0;
  float l1 = 0;  // sum |code|, for the quantization error bound
};

class VectorStore {
 public:
  VectorStore(std::size_t dim, Precision precision);

  std::size_t dim() const { return dim_; }
  Precision precision() const { return precision_; }
  std::size_t rows() const { return scales_.size(); }
  std::size_t code_stride() const { return code_stride_; }
  std::size_t float_stride() const { return float_stride_; }

  // Appends a row (returns its number) or overwrites row `row`.
  std::size_t append(const float* x);
  void set(std::size_t row, const float* x);
  // Copies row `from` over row `to` (for swap-remove), and drops the last row.
  void move(std::size_t from, std::size_t to);
  void pop_back();
  void reserve(std::size_t rows);

  PreparedQuery prepare(const float* x) const;
  // The query form of a stored row (for graph construction).
  PreparedQuery prepare_row(std::size_t row) const;

  const std::int8_t* code(std::size_t row) const { return codes_.data() + row * code_stride_; }
  const std::int8_t* codes() const { return codes_.data(); }
  float scale(std::size_t row) const { return scales_[row]; }
  const float* scales() const { return scales_.data(); }
  const std::int32_t* code_sums() const { return code_sums_.data(); }
  const float* f32() const { return f32_.data(); }

  // Asks the CPU to start loading what approx_dot(q, row) reads (the code, its sum and scale),
  // so that a graph walk's cache misses overlap instead of following one another.
  void prefetch(std::size_t row) const {
    const char* c = reinterpret_cast<const char*>(code(row));
    for (std::size_t off = 0; off < code_stride_; off += 64) __builtin_prefetch(c + off);
    __builtin_prefetch(code_sums_.data() + row);
    __builtin_prefetch(scales_.data() + row);
  }
  // The approximate dot product from the int8 codes.
  float approx_dot(const PreparedQuery& q, std::size_t row) const {
    const std::int32_t raw =
        dot_u8s8(q.code.data(), code(row), code_stride_) - 128 * code_sums_[row];
    return q.scale * scales_[row] * static_cast<float>(raw);
  }
  // The dot product with the full-precision row.
  float exact_dot(const PreparedQuery& q, std::size_t row) const;
  // The stored full-precision values of a row (dim values; float16 rows are widened).
  void row_values(std::size_t row, float* out) const;

  // An upper bound on |approx_dot(q, r) - exact_dot(q, r)| over all rows r.
  float error_bound(const PreparedQuery& q) const;
  // Sets the bound's per-store maxima: max s_r and max s_r * sum|c_r| (after loading).
  void set_bounds(float max_scale, float max_scaled_l1) {
    max_scale_ = max_scale;
    max_scaled_l1_ = max_scaled_l1;
  }

  std::size_t memory_bytes() const;

  // Raw arrays, for the index file.
  AlignedVector<std::int8_t>& raw_codes() { return codes_; }
  std::vector<float>& raw_scales() { return scales_; }
  std::vector<std::int32_t>& raw_code_sums() { return code_sums_; }
  AlignedVector<float>& raw_f32() { return f32_; }
  AlignedVector<std::uint16_t>& raw_f16() { return f16_; }

 private:
  void write_row(std::size_t row, const float* x);

  std::size_t dim_, code_stride_, float_stride_;
  Precision precision_;
  AlignedVector<std::int8_t> codes_;
  std::vector<float> scales_;
  std::vector<std::int32_t> code_sums_;
  AlignedVector<float> f32_;
  AlignedVector<std::uint16_t> f16_;
  float max_scale_ = 0;      // max s_r
  float max_scaled_l1_ = 0;  // max s_r * sum|c_r|
};

}  // namespace facenapi::detail
