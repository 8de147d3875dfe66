// Network input preparation as face-api does it (NetInput.toBatchTensor, models_spec.md §2.3):
// pad the crop to a square with black, resize with TF's legacy bilinear, then normalize.
#pragma once

#include <array>

#include "image/rgb_image.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

enum class PadMode {
  bottom_right,  // detectors: all padding after the image
  centered,      // face nets: round(d/2) after, the rest before
};

// size x size x 3 floats in 0..255. The black padding is part of the image (it is normalized
// like real pixels later). An empty crop gives an all-zero tensor.
Tensor to_square_input(const RgbImage& crop, int size, PadMode mode);

// Legacy TF bilinear resize (align_corners=false, half_pixel_centers=false): the source
// coordinate of output pixel i is i * in/out, sampling toward the top-left.
Tensor resize_bilinear_legacy(const Tensor& x, int out_h, int out_w);

// x = (x - mean[c]) / divisor for each channel c.
void normalize_inplace(Tensor& x, const std::array<float, 3>& mean, float divisor);

}  // namespace facenapi::detail::nn
