// Decoding PNG with libpng.
#pragma once

#include <cstddef>
#include <cstdint>
#include <facenapi/extractor.hpp>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// Decodes a PNG of any colour type, bit depth and interlacing into 8-bit RGB, without applying
// EXIF orientation: palette and grayscale are expanded, 16-bit samples scaled to 8 bits, alpha
// (channel or tRNS) composited onto black. Checks IHDR's size against limits before allocating
// pixels. Throws Error(decode_failed, "PNG decode failed: ...") for corrupt or truncated data
// and Error(too_large) for an image over the limits.
RgbImage decode_png(const std::uint8_t* data, std::size_t size, const ImageLimits& limits);

}  // namespace facenapi::detail
