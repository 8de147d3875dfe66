// Makes detail::RgbImage a dlib "generic image" so dlib's algorithms read and write it in place.
//
// Include this only from .cpp files that already use dlib: it pulls in dlib headers, and the
// headers of our interfaces must stay free of dlib (they use RgbImage, BBox and Point only).
//
// With it, `dlib::const_image_view<RgbImage>`, `extract_image_chip(rgb_image, ..., chip)` with an
// RgbImage chip, `dlib::pyramid_up(rgb_image, out)` and the detectors all work with no copy:
// RgbImage lays its pixels out as R,G,B bytes, row-major, without row padding, which is exactly
// an array of dlib::rgb_pixel.
#pragma once

#include <dlib/image_processing/generic_image.h>
#include <dlib/pixel.h>

#include <utility>

#include "image/rgb_image.hpp"

static_assert(sizeof(dlib::rgb_pixel) == 3, "dlib::rgb_pixel must be 3 packed bytes");

namespace dlib {
template <>
struct image_traits<facenapi::detail::RgbImage> {
  typedef rgb_pixel pixel_type;
};
}  // namespace dlib

namespace facenapi::detail {

// The dlib generic-image functions, found by argument-dependent lookup.
inline long num_rows(const RgbImage& img) { return img.height; }
inline long num_columns(const RgbImage& img) { return img.width; }
inline void set_image_size(RgbImage& img, long rows, long cols) {
  img = RgbImage(static_cast<int>(cols), static_cast<int>(rows));
}
inline void* image_data(RgbImage& img) { return img.empty() ? nullptr : img.pixels.data(); }
inline const void* image_data(const RgbImage& img) {
  return img.empty() ? nullptr : img.pixels.data();
}
inline long width_step(const RgbImage& img) { return static_cast<long>(img.width) * 3; }
inline void swap(RgbImage& a, RgbImage& b) { std::swap(a, b); }

}  // namespace facenapi::detail
