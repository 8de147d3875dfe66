// Decoding WebP with libwebp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <facenapi/extractor.hpp>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// Decodes a still WebP (lossy VP8, lossless VP8L, extended VP8X) into RGB without applying EXIF
// orientation; alpha is composited onto black. Checks the canvas size against limits before
// allocating pixels. Throws Error(unsupported_format) for an animated WebP,
// Error(decode_failed, "WebP decode failed: ...") for corrupt or truncated data and
// Error(too_large) for an image over the limits.
RgbImage decode_webp(const std::uint8_t* data, std::size_t size, const ImageLimits& limits);

}  // namespace facenapi::detail
