#include "image/image_limits.hpp"

#include <algorithm>
#include <facenapi/error.hpp>
#include <string>

namespace facenapi::detail {

void check_byte_limit(std::size_t size, const ImageLimits& limits) {
  if (size > limits.max_bytes) {
    throw Error(Errc::too_large, "image is " + std::to_string(size) +
                                     " bytes, more than the limit of " +
                                     std::to_string(limits.max_bytes) + " bytes");
  }
}

void check_dimension_limits(std::uint64_t width, std::uint64_t height, const ImageLimits& limits) {
  const std::string dims = std::to_string(width) + "x" + std::to_string(height);
  // Sides are at most 2^32 - 1 in every format we read, so the product fits in 64 bits; guard
  // anyway so that a caller passing something larger gets an error, not a wrapped product.
  const bool product_overflows = width != 0 && height > UINT64_MAX / width;
  if (product_overflows || width * height > limits.max_pixels) {
    throw Error(Errc::too_large, "image is " + dims + " pixels, more than the limit of " +
                                     std::to_string(limits.max_pixels) + " pixels");
  }
  if (std::max(width, height) > limits.max_side) {
    throw Error(Errc::too_large, "image is " + dims + " pixels, its longer side is more than the " +
                                     "limit of " + std::to_string(limits.max_side) + " pixels");
  }
}

}  // namespace facenapi::detail
