// Checking an image against ImageLimits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <facenapi/extractor.hpp>

namespace facenapi::detail {

// Throws Error(too_large) "image is N bytes, more than the limit of M bytes" when
// size > limits.max_bytes.
void check_byte_limit(std::size_t size, const ImageLimits& limits);

// Throws Error(too_large) naming the dimensions and the limit when width * height exceeds
// limits.max_pixels or the longer side exceeds limits.max_side. Cannot overflow for any
// 32-bit width and height.
void check_dimension_limits(std::uint64_t width, std::uint64_t height, const ImageLimits& limits);

}  // namespace facenapi::detail
