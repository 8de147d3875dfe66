// The EXIF Orientation tag: finding it in an encoded image and applying it to the pixels.
#pragma once

#include <cstddef>
#include <cstdint>

#include "image/image_format.hpp"
#include "image/rgb_image.hpp"

namespace facenapi::detail {

// EXIF Orientation values (TIFF tag 0x0112), named by what turns the stored pixels upright.
// 1 upright, 2 mirrored left-right, 3 turned 180, 4 mirrored top-bottom, 5 transposed (mirror +
// 270 clockwise), 6 needs a 90 degree clockwise turn, 7 transversed (mirror + 90 clockwise),
// 8 needs a 270 degree clockwise turn.
inline constexpr int kOrientationUpright = 1;

// The Orientation from a TIFF-structured EXIF block (starting at the "II"/"MM" byte-order mark,
// i.e. after the "Exif\0\0" header of a JPEG APP1 segment): IFD0 tag 0x0112. Returns 1 when
// the tag is absent, out of the range 1..8, or the block is truncated or malformed. Never reads
// outside data[0, size), never throws, never allocates.
int exif_orientation_from_tiff(const std::uint8_t* data, std::size_t size) noexcept;

// The Orientation of an encoded image: for JPEG from the first APP1 "Exif" segment before the
// image data, for PNG from the eXIf chunk before IDAT, for WebP from the EXIF chunk. Returns 1
// when there is none or it cannot be read; same guarantees as exif_orientation_from_tiff().
int read_orientation(ImageFormat format, const std::uint8_t* data, std::size_t size) noexcept;

// `image` turned and/or mirrored so that a photo stored with EXIF `orientation` is upright.
// Orientations 5..8 swap width and height. Values outside 1..8 are treated as 1.
RgbImage apply_orientation(RgbImage image, int orientation);

}  // namespace facenapi::detail
