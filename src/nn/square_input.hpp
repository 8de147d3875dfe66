// A faster twin of to_square_input() (preprocess.hpp) for crops much larger than the network
// input, e.g. whole photos going into a detector: it samples the crop directly instead of first
// building the padded square as floats (50 MB and most of a detect() for a 2048-px photo).
#pragma once

#include "image/rgb_image.hpp"
#include "nn/preprocess.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

// Exactly to_square_input(crop, size, mode), bit for bit: the padding reads as black and the
// legacy bilinear weights are computed in double the same way.
Tensor to_square_input_direct(const RgbImage& crop, int size, PadMode mode);

}  // namespace facenapi::detail::nn
