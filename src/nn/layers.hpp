// The layer kinds the face networks are made of, with their weights in the layout the kernels
// want. Built once at model load, then read-only (safe to share across threads).
#pragma once

#include <string>
#include <vector>

#include "nn/tensor.hpp"

namespace facenapi::detail::nn {

class Weights;

// TF padding rules (models_spec.md §2.2). SAME pads ceil-style with the odd pixel after
// (bottom/right); VALID does not pad.
enum class Padding { same, valid };
enum class Activation { none, relu, relu6, leaky };  // leaky: slope 0.1 below zero

struct PadAmounts {
  int out = 0, before = 0;
};
// Output size and leading padding of one axis of length n for kernel k and stride s.
PadAmounts pad_amounts(int n, int k, int s, Padding padding);

// A 2-D convolution: filter in TF layout [kh][kw][in][out], which is also the [K][N] matrix of
// the im2col GEMM; bias [out] (zeros when the layer has none). After pack_output_blocks(b) the
// filter is [out / b][kh][kw][in][b] instead: each block of b output channels is contiguous.
struct Conv2D {
  int kh = 0, kw = 0, in = 0, out = 0, stride = 1;
  Padding padding = Padding::same;
  int block = 0;  // output channels per contiguous filter block; 0: TF layout (one block of out)
  std::vector<float> filter;
  std::vector<float> bias;
  // The Winograd-transformed filter (nn/conv_winograd.hpp) after prepare_winograd(); empty
  // otherwise. When present, conv2d() runs the Winograd kernel with output tiles of
  // winograd_tile x winograd_tile pixels.
  std::vector<float> winograd;
  int winograd_tile = 0;

  int block_width() const noexcept { return block > 0 ? block : out; }
  // Makes conv2d() run this 3x3 stride-1 SAME layer as Winograd F(tile x tile, 3x3), tile 2
  // (2.25x fewer multiply-adds) or 4 (4x fewer; for maps of many 4x4 tiles), results equal to
  // the direct kernel's up to float rounding. Does nothing when winograd_conv_supported() says
  // no. Call after fold_affine().
  void prepare_winograd(int tile = 2);
  // Rearranges the filter into contiguous blocks of `width` output channels (a multiple of 16
  // that divides out), so a kernel that computes a few output pixels streams each block once, in
  // order: what the layers with few pixels and megabytes of weights need (the facen's 3x3x256).
  // Call after fold_affine().
  void pack_output_blocks(int width);
  // The filter in TF layout (a copy when packed).
  std::vector<float> tf_filter() const;

  // Reads `<prefix_filter>` [kh,kw,in,out] and, if `bias_name` is not empty, the bias [out].
  static Conv2D load(const Weights& w, const std::string& filter_name, const std::string& bias_name,
                     int kh, int kw, int in, int out, int stride, Padding padding);
  // Folds a per-output-channel affine y = x * scale + shift into the filter and bias.
  void fold_affine(const std::vector<float>& scale, const std::vector<float>& shift);
};

// A depthwise 3x3 (or kxk) convolution with channel multiplier 1: filter [kh][kw][c], bias [c].
struct Depthwise {
  int k = 3, channels = 0, stride = 1;
  Padding padding = Padding::same;
  std::vector<float> filter;
  std::vector<float> bias;

  static Depthwise load(const Weights& w, const std::string& filter_name, int k, int channels,
                        int stride, Padding padding);
};

// A separable convolution as tf.separableConv2d: depthwise kxk (stride s, SAME, no bias) then a
// pointwise 1x1 (VALID) plus bias, with nothing between the two (models_spec.md §2.2).
struct SeparableConv {
  Depthwise depthwise;
  Conv2D pointwise;

  // Reads `<prefix>/depthwise_filter` [3,3,in,1], `<prefix>/pointwise_filter` [1,1,in,out] and
  // `<prefix>/bias` [out].
  static SeparableConv load(const Weights& w, const std::string& prefix, int in, int out,
                            int stride);
};

// A fully connected layer: weights [in][out] (TF layout), bias [out] (zeros when none).
struct Dense {
  int in = 0, out = 0;
  std::vector<float> weights;
  std::vector<float> bias;

  static Dense load(const Weights& w, const std::string& weights_name, const std::string& bias_name,
                    int in, int out);
};

}  // namespace facenapi::detail::nn
