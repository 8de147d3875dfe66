// Encoding an RgbImage as PNG in memory.
#pragma once

#include <cstdint>
#include <vector>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// The bytes of an 8-bit RGB, non-interlaced PNG holding `image` exactly (lossless; decoding it
// with decode_image() gives the same pixels back). Throws Error(invalid_argument) for an empty
// image (PNG has no zero-sized images) and Error(internal) if the compressor cannot be made.
// Rows use the Up filter and libdeflate level 1 (speed over size: a 150x150 face chip is about
// 26 KB).
// Thread safety: safe to call concurrently.
std::vector<std::uint8_t> encode_png(const RgbImage& image);

}  // namespace facenapi::detail
