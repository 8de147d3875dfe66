// A faster depthwise convolution for the 3x3 kernels every face-api network uses (MobileNet
// backbones, separable convs): register-blocked over channels, activation fused, no per-tap
// bounds checks. Same signature and same results, bit for bit, as depthwise_conv() (kernels.hpp).
#pragma once

#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

// y = act(depthwise(x, d.filter) + d.bias); kernels other than 3x3 go to depthwise_conv(), and
// so do layers of at most 64 channels when the direct kernel takes them: that kernel keeps the
// filter in registers and sweeps the map once per 16 channels, 2.4x faster on the tiny
// detector's 304x304x16 map, slower on small maps of hundreds of channels (19x19x512), where
// this one's pixel-by-pixel pass over all channels reads memory in order.
Tensor depthwise_conv3x3(const Tensor& x, const Depthwise& d, Activation act);

}  // namespace facenapi::detail::nn
