// Helpers for the image tests: reading the shared photos and making small encoded images.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/rgb_image.hpp"

namespace facenapi::test {

using Bytes = std::vector<std::uint8_t>;

// The bytes of FACENAPI_TEST_DATA_DIR/faces/<relative>; fails the test when unreadable.
Bytes read_photo(const std::string& relative);

// An RgbImage whose every pixel differs from every other (for transform tests).
detail::RgbImage numbered_image(int width, int height);

bool same_pixels(const detail::RgbImage& a, const detail::RgbImage& b);

// A PNG written with libpng's low-level API. `rows` holds height rows of packed samples exactly
// as PNG stores them (big-endian 16-bit samples, MSB-first sub-byte samples).
struct PngSpec {
  int width = 1;
  int height = 1;
  int color_type = 2;  // PNG_COLOR_TYPE_*
  int bit_depth = 8;
  bool interlaced = false;
  std::vector<std::uint8_t> palette;  // r, g, b triples for palette images
  std::vector<std::uint8_t> trns;     // tRNS alphas for palette images
  Bytes exif;                         // eXIf chunk payload when not empty
};
Bytes make_png(const PngSpec& spec, const Bytes& rows);

// A JPEG written with libjpeg: `components` 1 (gray), 3 (RGB) or 4 (CMYK, written with the
// Adobe marker libjpeg adds for CMYK). `pixels` is width * height * components samples.
Bytes make_jpeg(int width, int height, int components, const Bytes& pixels, int quality = 95,
                bool progressive = false);

// A lossless WebP (VP8L) of an RGB or RGBA image.
Bytes make_webp_lossless(int width, int height, int channels, const Bytes& pixels);

// `jpeg` with an APP1 "Exif" segment holding `tiff` inserted right after SOI.
Bytes insert_exif(const Bytes& jpeg, const Bytes& tiff);

// A TIFF block (as inside EXIF) whose IFD0 holds a dummy tag and then Orientation = value with
// the given TIFF type (3 = SHORT).
Bytes tiff_with_orientation(bool big_endian, std::uint32_t value, std::uint16_t type = 3);

}  // namespace facenapi::test
