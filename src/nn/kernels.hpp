// CPU kernels of the inference engine. Every function is pure: it reads its inputs and returns
// a new tensor (or writes only its output argument), so any number of threads may run them at
// once. Convolutions run as im2col + OpenBLAS sgemm (single-threaded per call).
#pragma once

#include <vector>

#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

// y = act(conv(x, c.filter) + c.bias), TF padding rules. Runs a direct AVX-512/AVX2 kernel
// when c.out is a multiple of the vector width (nn/conv_direct.hpp), else conv2d_gemm().
Tensor conv2d(const Tensor& x, const Conv2D& c, Activation act);
// conv2d() of each of several images of one shape; the direct kernel reads the filter once for
// all of them (nn/conv_direct.hpp: direct_conv_batch), the Winograd kernel runs the tiles of
// all of them as one sequence (nn/conv_winograd.hpp: winograd_conv_batch). Same results as
// conv2d() one by one, bit for bit.
// With `residual` (one tensor of the output's shape per image), y[i] = act(conv(x[i], c) + bias
// + residual[i]), the residual added as the outputs are stored: a ResNet block's shortcut and
// ReLU without passes of their own.
std::vector<Tensor> conv2d_batch(const std::vector<Tensor>& x, const Conv2D& c, Activation act,
                                 const std::vector<Tensor>* residual = nullptr);
// max_pool(conv2d(x, c, act), 2, 2, Padding::same), bit for bit, without the full-size
// convolution output (the direct kernel pools two rows at a time as it goes).
Tensor conv2d_max_pool2(const Tensor& x, const Conv2D& c, Activation act);
// The same computed as im2col + OpenBLAS sgemm, for any shape.
Tensor conv2d_gemm(const Tensor& x, const Conv2D& c, Activation act);
// y = act(depthwise(x, d.filter) + d.bias), TF padding rules. With relu_input the layer reads
// max(x, 0) instead of x: a ReLU before it, without a ReLU'd copy of x.
Tensor depthwise_conv(const Tensor& x, const Depthwise& d, Activation act, bool relu_input = false);
// y = act(pointwise(depthwise(x)) + bias), tf.separableConv2d; relu_input as depthwise_conv().
Tensor separable_conv(const Tensor& x, const SeparableConv& s, Activation act,
                      bool relu_input = false);
// sum += separable_conv(x, s, Activation::none, relu_input), added as the pointwise layer
// stores its outputs (no separate output tensor); the same results as the two steps, bit for
// bit. sum must have the output's shape.
void separable_conv_add(const Tensor& x, const SeparableConv& s, bool relu_input, Tensor& sum);
// sum += conv2d(x, c, Activation::none), the same way.
void conv2d_add(const Tensor& x, const Conv2D& c, Tensor& sum);
// Max-pool; SAME padding ignores padded cells (they count as -infinity).
Tensor max_pool(const Tensor& x, int k, int stride, Padding padding);
// Average pool, VALID.
Tensor avg_pool(const Tensor& x, int k, int stride);
// Mean over height and width: c values.
std::vector<float> global_avg_pool(const Tensor& x);
// y = x * W + b, W [in][out].
std::vector<float> dense(const float* x, const Dense& d);

void add_inplace(Tensor& a, const Tensor& b);  // same shape
// dlib's add_prev: the result has the elementwise maximum of both shapes (h, w, c); an element
// missing from one operand counts as 0 (the dlib ResNet's residual-down shortcut, §3).
Tensor add_zero_extended(const Tensor& a, const Tensor& b);
void activate_inplace(float* data, std::size_t n, Activation act);
inline void activate_inplace(Tensor& t, Activation act) {
  activate_inplace(t.data.data(), t.size(), act);
}
void softmax_inplace(std::vector<float>& v);
float sigmoid(float x);

// Makes OpenBLAS compute each call on the calling thread only (openblas_set_num_threads(1)),
// once per process; every model load calls it. facenapi parallelises across calls instead, and
// BLAS threads inside a call would oversubscribe the cores. This is process-wide: it also
// applies to any other OpenBLAS user in the process.
void use_single_threaded_blas();

}  // namespace facenapi::detail::nn
