// Reading an encoded image's dimensions from its header alone.
#pragma once

#include <cstddef>
#include <cstdint>

#include "image/image_format.hpp"

namespace facenapi::detail {

// Width and height as the header states them (before any EXIF orientation is applied).
struct ImageDimensions {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// Reads the dimensions of a `format` image from data[0, size) without decoding pixels and
// without allocating: JPEG from the first SOFn frame header, PNG from IHDR, WebP from the
// VP8 / VP8L frame header or the VP8X canvas size. Never reads past size.
//
// Throws Error(decode_failed) when the header is truncated, malformed or states a zero
// dimension (message "<FORMAT> decode failed: ..."), and Error(unsupported_format) when `format`
// is not one decode_image() reads.
ImageDimensions read_image_dimensions(ImageFormat format, const std::uint8_t* data,
                                      std::size_t size);

}  // namespace facenapi::detail
