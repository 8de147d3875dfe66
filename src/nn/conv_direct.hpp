// Direct convolutions (implicit GEMM; depthwise) for NHWC tensors, vectorised over output channels
// with AVX-512 or AVX2+FMA: no im2col copy, bias and activation fused into the store. conv2d() uses
// it when direct_conv_supported() says so and falls back to im2col + sgemm otherwise.
#pragma once

#include <vector>

#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

// True when this build has a vector kernel and c.out is a multiple of its vector width.
bool direct_conv_supported(const Conv2D& c) noexcept;
// y = act(conv(x, c) + bias), or act(conv(x, c) + bias + residual) when `residual` is given (a
// tensor of y's shape, which may be y itself); y must already have the output shape.
// Precondition: direct_conv_supported(c).
void direct_conv(const Tensor& x, const Conv2D& c, Activation act, Tensor& y,
                 const Tensor* residual = nullptr);
// y = max_pool(act(conv(x, c) + bias), 2, 2, SAME), bit for bit, computed two convolution rows
// at a time; y must already have the pooled shape. Precondition: direct_conv_supported(c).
void direct_conv_max_pool2(const Tensor& x, const Conv2D& c, Activation act, Tensor& y);

// y[i] = act(conv(x[i], c) + bias) for images of one shape, each y[i] already of the output
// shape: the rows of all images go through the same tiles, so the filter is read from memory
// once for the batch instead of once per image (what layers of a few pixels and megabytes of
// weights cost). Same results as direct_conv() per image. Precondition: direct_conv_supported(c).
// With `residual` (one tensor of the output's shape per image), y[i] = act(conv(x[i], c) + bias
// + residual[i]).
void direct_conv_batch(const std::vector<const Tensor*>& x, const Conv2D& c, Activation act,
                       const std::vector<Tensor*>& y,
                       const std::vector<const Tensor*>* residual = nullptr);

// The same for a 3x3 depthwise convolution whose channel count is a multiple of the width,
// read straight from x (no padded copy). With relu_input the layer reads max(x, 0): a ReLU
// before it, fused.
bool direct_depthwise_supported(const Depthwise& d) noexcept;
void direct_depthwise(const Tensor& x, const Depthwise& d, Activation act, Tensor& y,
                      bool relu_input = false);

}  // namespace facenapi::detail::nn
