// Decoding encoded photo bytes (JPEG, PNG, WebP) into an RgbImage, within limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <facenapi/extractor.hpp>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// Decodes data[0, size) into an upright 8-bit RGB image.
//
// The format is recognised by the bytes (sniff_format), never by a file name. The checks run in
// this order, each before anything large is allocated:
//   1. size == 0                                   -> Error(decode_failed, "... empty input")
//   2. size > limits.max_bytes                      -> Error(too_large)
//   3. GIF, BMP, TIFF, HEIF/AVIF, animated WebP     -> Error(unsupported_format) naming it
//      bytes of no known image format               -> Error(decode_failed)
//   4. header width * height > limits.max_pixels,
//      or its longer side > limits.max_side         -> Error(too_large) naming the size and limit
// then the pixels are decoded; truncated or corrupt data throws Error(decode_failed). Every
// message starts with what failed, e.g. "JPEG decode failed: premature end of data".
//
// Conversions: grayscale becomes R = G = B; palette images are expanded; 16-bit PNG samples
// are scaled to 8 bits; CMYK and YCCK JPEGs (Adobe's inverted CMYK as Photoshop writes it) are
// converted to RGB without a colour profile; ICC profiles and gamma chunks are ignored. Alpha
// (PNG alpha channel or tRNS, WebP alpha) is composited onto black: a transparent pixel becomes
// (0, 0, 0), a half-transparent one half its colour.
//
// Orientation: the EXIF Orientation (JPEG APP1, PNG eXIf, WebP EXIF) is applied, so orientations
// 5..8 give an image whose width and height are the header's swapped. Limits are unaffected by
// that swap (they bound the pixel count and the longer side).
//
// A JPEG that libjpeg can decode only with a data-loss warning (premature end of file, corrupt
// entropy data) is rejected rather than returned with grey or smeared blocks. Progressive JPEGs
// with more than 1000 scans are rejected too (a known CPU-exhaustion pattern).
//
// Thread safety: safe to call concurrently; nothing is shared between calls. Never prints,
// aborts or exits.
RgbImage decode_image(const std::uint8_t* data, std::size_t size, const ImageLimits& limits);

}  // namespace facenapi::detail
