// A float32 feature map with batch 1, NHWC: element (y, x, c) is data[(y * w + x) * c_count + c].
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <vector>

#include "nn/tensor_memory.hpp"

namespace facenapi::detail::nn {

// An allocator whose value-less construction leaves floats uninitialised, so a kernel that writes
// every element of its output does not pay for zeroing it first (the tiny detector's first layer
// at 608 px is 23 MB).
// Memory comes from tensor_allocate() (nn/tensor_memory.hpp), which recycles large blocks.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  using std::allocator<T>::allocator;
  T* allocate(std::size_t n) { return static_cast<T*>(tensor_allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { tensor_free(p, n * sizeof(T)); }
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

struct Tensor {
  // Tag for a tensor whose every element the caller will write.
  struct Uninitialized {};

  int h = 0, w = 0, c = 0;
  std::vector<float, DefaultInitAllocator<float>> data;

  Tensor() = default;
  // All zeros.
  Tensor(int height, int width, int channels)
      : h(height),
        w(width),
        c(channels),
        data(static_cast<std::size_t>(height) * width * channels, 0.0f) {}
  // Contents unspecified until written.
  Tensor(int height, int width, int channels, Uninitialized)
      : h(height),
        w(width),
        c(channels),
        data(static_cast<std::size_t>(height) * width * channels) {}

  std::size_t size() const noexcept { return data.size(); }
  float* at(int y, int x) noexcept {
    return data.data() + (static_cast<std::size_t>(y) * w + x) * c;
  }
  const float* at(int y, int x) const noexcept {
    return data.data() + (static_cast<std::size_t>(y) * w + x) * c;
  }
};

}  // namespace facenapi::detail::nn
