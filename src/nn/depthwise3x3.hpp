// A faster depthwise convolution for the 3x3 kernels every face-api network uses (MobileNet
// backbones, separable convs): register-blocked over channels, activation fused, no per-tap
// bounds checks. Same signature and same results, bit for bit, as depthwise_conv() (kernels.hpp).
#pragma once

#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

// y = act(depthwise(x, d.filter) + d.bias); kernels other than 3x3 go to depthwise_conv().
Tensor depthwise_conv3x3(const Tensor& x, const Depthwise& d, Activation act);

}  // namespace facenapi::detail::nn
