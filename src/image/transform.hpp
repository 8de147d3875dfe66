// Geometric transforms of an RgbImage. Each returns a new image and leaves its input as it is.
#pragma once

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// `image` turned clockwise by k quarter turns (90 degrees each). Any k is accepted: it is taken
// modulo 4, so -1 is a counter-clockwise quarter turn. Odd k swaps width and height.
RgbImage rotate_quarter_turns(const RgbImage& image, int k);

// The part of `image` inside the rectangle at (x, y) of size w x h, clipped to the image. The
// result may be empty (width or height 0) when the rectangle misses the image or w or h is not
// positive. Never throws for any arguments (apart from std::bad_alloc).
RgbImage crop(const RgbImage& image, int x, int y, int w, int h);

// `image` mirrored left to right.
RgbImage flip_horizontal(const RgbImage& image);

// `image` resampled to w x h with bilinear interpolation between pixel centres (edges clamp).
// Meant for drawing and thumbnails: shrinking by more than 2x skips pixels (aliases) rather
// than averaging them. A w or h of 0 gives an empty image.
// Throws Error(invalid_argument) when w or h is negative, or when `image` is empty and the
// requested size is not.
RgbImage resize_bilinear(const RgbImage& image, int w, int h);

}  // namespace facenapi::detail
