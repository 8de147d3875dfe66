// Test helper: decode a photo with dlib's load_image into an RgbImage, independent of the
// library's own decoder. Alpha is dropped, not composited, as the face-api reference tool does.
#pragma once

#include <dlib/image_io.h>
#include <dlib/image_transforms.h>

#include <string>

#include "image/rgb_image.hpp"

namespace facenapi::test {

inline detail::RgbImage dlib_load_rgb(const std::string& path) {
  dlib::array2d<dlib::rgb_alpha_pixel> pixels;
  dlib::load_image(pixels, path);
  detail::RgbImage img(static_cast<int>(pixels.nc()), static_cast<int>(pixels.nr()));
  for (long y = 0; y < pixels.nr(); ++y) {
    std::uint8_t* row = img.row(static_cast<int>(y));
    for (long x = 0; x < pixels.nc(); ++x) {
      const auto& p = pixels[y][x];
      row[3 * x] = p.red;
      row[3 * x + 1] = p.green;
      row[3 * x + 2] = p.blue;
    }
  }
  return img;
}

}  // namespace facenapi::test
