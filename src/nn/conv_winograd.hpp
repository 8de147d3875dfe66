// Winograd convolution (Lavin & Gray, 2015) for 3x3, stride-1, SAME layers. F(2x2, 3x3): each
// 2x2 block of output pixels costs 16 multiply-adds per (input, output) channel pair instead of
// 36 (2.25x fewer); F(4x4, 3x3): each 4x4 block 36 instead of 144 (4x fewer), for a larger
// transform of each input tile and of the result, and more padding waste on small maps. Exact in
// real arithmetic; in float32 the results differ from the direct convolution's by rounding only
// (relative ~1e-6 for F(2x2), ~1e-5 for F(4x4)).
//
// The filter is transformed once, at model load (Conv2D::prepare_winograd()); the kernel then
// runs a block of output tiles at a time: input transform, 16 small matrix products against the
// transformed filter, output transform with bias and activation fused, all within the caches.
#pragma once

#include <vector>

#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

// True when this build has the vector kernel and `c` is a 3x3, stride-1, SAME convolution whose
// input channels are a multiple of 16 and output channels a multiple of 32.
bool winograd_conv_supported(const Conv2D& c) noexcept;

// The transformed filter U = G g G^T of every (input, output) channel pair for output tiles of
// `tile` x `tile` pixels (2: F(2x2, 3x3), 16 taps; 4: F(4x4, 3x3), 36 taps), laid out
// [taps][in][out]. `tf_filter` is [3][3][in][out].
std::vector<float> winograd_filter(const std::vector<float>& tf_filter, int in, int out, int tile);

// y = act(conv(x, c) + bias); y must already have x's height and width and c.out channels.
// Preconditions: winograd_conv_supported(c) and c.winograd holds winograd_filter() for
// c.winograd_tile.
void winograd_conv(const Tensor& x, const Conv2D& c, Activation act, Tensor& y);
// winograd_conv() of each of several images of one shape into y[i] (each already of its output
// shape): the output tiles of all images run as one sequence, so the blocks of tiles are full
// and the transformed filter is streamed once a block, not once an image's last partial block.
// Each y[i] equals winograd_conv(*x[i]) bit for bit. With `residual` (one tensor of the
// output's shape per image), y[i] = act(conv(x[i], c) + bias + residual[i]).
void winograd_conv_batch(const std::vector<const Tensor*>& x, const Conv2D& c, Activation act,
                         const std::vector<Tensor*>& y,
                         const std::vector<const Tensor*>* residual = nullptr);

}  // namespace facenapi::detail::nn
