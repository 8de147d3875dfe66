#include "nn/tensor_memory.hpp"

#include <new>
#include <vector>

namespace facenapi::detail::nn {
namespace {

constexpr std::align_val_t kAlign{64};
// A cached block records its capacity in a header before the data.
constexpr std::size_t kHeader = 64;

struct Block {
  char* raw;
  std::size_t capacity;  // usable bytes after the header
};

void release(const Block& b) noexcept { ::operator delete(b.raw, kAlign); }

void* allocate_block(std::size_t bytes) {
  char* raw = static_cast<char*>(::operator new(bytes + kHeader, kAlign));
  *reinterpret_cast<std::size_t*>(raw) = bytes;
  return raw + kHeader;
}

struct Cache {
  std::vector<Block> free;  // oldest first
  std::size_t bytes = 0;
  ~Cache();
};

// Set when this thread's cache has been destroyed (thread exit): a block freed afterwards, by
// a thread_local object destroyed later, is released directly.
thread_local bool cache_destroyed = false;

Cache& cache() {
  thread_local Cache c;
  return c;
}

Cache::~Cache() {
  cache_destroyed = true;
  for (const Block& b : free) release(b);
}

}  // namespace

void* tensor_allocate(std::size_t bytes) {
  if (bytes < kTensorCacheMinBytes) return ::operator new(bytes, kAlign);
  if (cache_destroyed) return allocate_block(bytes);
  Cache& c = cache();
  // The smallest free block that fits without wasting more than half of itself.
  std::size_t best = c.free.size();
  for (std::size_t i = 0; i < c.free.size(); ++i) {
    const std::size_t cap = c.free[i].capacity;
    if (cap >= bytes && cap / 2 <= bytes &&
        (best == c.free.size() || cap < c.free[best].capacity)) {
      best = i;
    }
  }
  if (best < c.free.size()) {
    const Block b = c.free[best];
    c.free.erase(c.free.begin() + static_cast<std::ptrdiff_t>(best));
    c.bytes -= b.capacity;
    return b.raw + kHeader;
  }
  return allocate_block(bytes);
}

void tensor_free(void* p, std::size_t bytes) noexcept {
  if (p == nullptr) return;
  if (bytes < kTensorCacheMinBytes) {
    ::operator delete(p, kAlign);
    return;
  }
  char* raw = static_cast<char*>(p) - kHeader;
  const Block b{raw, *reinterpret_cast<std::size_t*>(raw)};
  if (cache_destroyed || b.capacity > kTensorCacheMaxBytes) {
    release(b);
    return;
  }
  try {
    Cache& c = cache();
    c.free.push_back(b);
    c.bytes += b.capacity;
    while (c.bytes > kTensorCacheMaxBytes) {
      const Block oldest = c.free.front();
      c.free.erase(c.free.begin());
      c.bytes -= oldest.capacity;
      release(oldest);
    }
  } catch (...) {
    release(b);  // push_back could not grow the list
  }
}

}  // namespace facenapi::detail::nn
