// Winograd F(2x2, 3x3) convolution (Lavin & Gray, 2015) for 3x3, stride-1, SAME layers: each
// 2x2 block of output pixels costs 16 multiply-adds per (input, output) channel pair instead of
// 36, i.e. 2.25x fewer, at the price of a cheap transform of each 4x4 input tile and of the
// result. It is exact in real arithmetic; in float32 its results differ from the direct
// convolution's by rounding only (relative ~1e-6).
//
// The filter is transformed once, at model load (Conv2D::prepare_winograd()); the kernel then
// runs a block of output tiles at a time: input transform, 16 small matrix products against the
// transformed filter, output transform with bias and activation fused, all within the caches.
#pragma once

#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

// True when this build has the vector kernel and `c` is a 3x3, stride-1, SAME convolution whose
// input channels are a multiple of 16 and output channels a multiple of 32.
bool winograd_conv_supported(const Conv2D& c) noexcept;

// The transformed filter U = G g G^T of every (input, output) channel pair, laid out
// [16][in][out] (tap-major). `tf_filter` is [3][3][in][out].
std::vector<float> winograd_filter(const std::vector<float>& tf_filter, int in, int out);

// y = act(conv(x, c) + bias); y must already have x's height and width and c.out channels.
// Preconditions: winograd_conv_supported(c) and c.winograd holds winograd_filter().
void winograd_conv(const Tensor& x, const Conv2D& c, Activation act, Tensor& y);

}  // namespace facenapi::detail::nn
