// Test support: read a PNG file into an RgbImage with libpng, independently of the library's own
// decoder. Alpha is dropped without compositing, 16-bit samples are reduced to 8 bits, gray and
// palette images are expanded to RGB (what the reference tool's pngjs path does).
#pragma once

#include <string>

#include "image/rgb_image.hpp"

namespace facenapi::test {

// Throws std::runtime_error when the file cannot be read or decoded.
detail::RgbImage load_png_rgb(const std::string& path);

// The sub-image at (x, y) of size w x h; the box must lie inside the image.
detail::RgbImage crop(const detail::RgbImage& img, int x, int y, int w, int h);

}  // namespace facenapi::test
