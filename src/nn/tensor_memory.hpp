// Memory for tensor data. Large blocks (the detectors' early feature maps: megabytes each, a
// dozen per detect()) are kept in a small per-thread cache when freed and handed out again, so
// the next call reuses pages that are already mapped instead of faulting fresh ones in: on a
// virtual machine a page fault can cost more than computing the page's values.
#pragma once

#include <cstddef>

namespace facenapi::detail::nn {

// Blocks of at least this many bytes go through the cache.
inline constexpr std::size_t kTensorCacheMinBytes = std::size_t{256} << 10;
// Each thread keeps at most this many bytes of free blocks (the oldest go first).
inline constexpr std::size_t kTensorCacheMaxBytes = std::size_t{64} << 20;

// 64-byte aligned. Any thread may free a block another thread allocated (it then goes to the
// freeing thread's cache). Throws std::bad_alloc.
void* tensor_allocate(std::size_t bytes);
void tensor_free(void* p, std::size_t bytes) noexcept;

}  // namespace facenapi::detail::nn
