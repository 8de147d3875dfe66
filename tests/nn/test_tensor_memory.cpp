#include <catch2/catch.hpp>
#include <cstdint>
#include <memory>
#include <thread>

#include "nn/tensor.hpp"
#include "nn/tensor_memory.hpp"

using namespace facenapi::detail::nn;

TEST_CASE("a freed large tensor block is handed out again on the same thread", "[nn][memory]") {
  const std::size_t bytes = kTensorCacheMinBytes * 4;
  void* first = tensor_allocate(bytes);
  tensor_free(first, bytes);
  void* again = tensor_allocate(bytes - 64);  // a slightly smaller request fits the same block
  CHECK(again == first);
  CHECK(reinterpret_cast<std::uintptr_t>(again) % 64 == 0);
  tensor_free(again, bytes - 64);
  void* small = tensor_allocate(1000);  // small blocks bypass the cache
  CHECK(reinterpret_cast<std::uintptr_t>(small) % 64 == 0);
  tensor_free(small, 1000);
}

TEST_CASE("a tensor allocated on one thread may be freed on another", "[nn][memory]") {
  auto t = std::make_unique<Tensor>(256, 256, 16);  // 4 MB: cached size
  t->data[12345] = 1.0f;
  std::thread other([&] { t.reset(); });
  other.join();
  CHECK(t == nullptr);
  const Tensor zeros(256, 256, 16);  // a recycled block is still zeroed when asked to be
  CHECK(zeros.data[12345] == 0.0f);
}
