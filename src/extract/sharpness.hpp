// Sharpness of a face chip: the variance of its Laplacian, a standard blur measure
// (Pech-Pacheco et al. 2000). Sharp detail gives large second derivatives; blur removes them.
#pragma once

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// Variance, over the interior pixels (those with four neighbours), of the 4-neighbour
// Laplacian L = g(x-1,y) + g(x+1,y) + g(x,y-1) + g(x,y+1) - 4 g(x,y) of the gray levels
// g = 0.299 R + 0.587 G + 0.114 B (0..255). The value depends on the chip size, so compare
// only chips of the same size (the 150x150 face chip). Returns 0 for an image smaller than
// 3x3 and for a flat image.
float laplacian_variance(const RgbImage& chip) noexcept;

}  // namespace facenapi::detail
