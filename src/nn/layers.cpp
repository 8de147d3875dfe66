#include "nn/layers.hpp"

#include <algorithm>

#include "nn/conv_winograd.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail::nn {

PadAmounts pad_amounts(int n, int k, int s, Padding padding) {
  if (padding == Padding::valid) return {(n - k) / s + 1, 0};
  const int out = (n + s - 1) / s;
  const int total = std::max((out - 1) * s + k - n, 0);
  return {out, total / 2};
}

Conv2D Conv2D::load(const Weights& w, const std::string& filter_name, const std::string& bias_name,
                    int kh, int kw, int in, int out, int stride, Padding padding) {
  Conv2D conv;
  conv.kh = kh;
  conv.kw = kw;
  conv.in = in;
  conv.out = out;
  conv.stride = stride;
  conv.padding = padding;
  conv.filter = w.get(filter_name, {kh, kw, in, out});
  conv.bias = bias_name.empty() ? std::vector<float>(out, 0.0f) : w.get(bias_name, {out});
  return conv;
}

void Conv2D::fold_affine(const std::vector<float>& scale, const std::vector<float>& shift) {
  // TF layout only (before pack_output_blocks()).
  const std::size_t rows = filter.size() / out;
  for (std::size_t r = 0; r < rows; ++r) {
    for (int o = 0; o < out; ++o) filter[r * out + o] *= scale[o];
  }
  for (int o = 0; o < out; ++o) bias[o] = bias[o] * scale[o] + shift[o];
}

void Conv2D::pack_output_blocks(int width) {
  const std::vector<float> tf = tf_filter();
  const std::size_t rows = tf.size() / out;
  for (int b = 0; b < out / width; ++b) {
    for (std::size_t r = 0; r < rows; ++r) {
      std::copy_n(tf.data() + r * out + static_cast<std::size_t>(b) * width, width,
                  filter.data() + (static_cast<std::size_t>(b) * rows + r) * width);
    }
  }
  block = width;
}

void Conv2D::prepare_winograd(int tile) {
  if (!winograd_conv_supported(*this) || (tile != 2 && tile != 4)) return;
  winograd = winograd_filter(tf_filter(), in, out, tile);
  winograd_tile = tile;
}

std::vector<float> Conv2D::tf_filter() const {
  const int width = block_width();
  if (width == out) return filter;
  std::vector<float> tf(filter.size());
  const std::size_t rows = filter.size() / out;
  for (int b = 0; b < out / width; ++b) {
    for (std::size_t r = 0; r < rows; ++r) {
      std::copy_n(filter.data() + (static_cast<std::size_t>(b) * rows + r) * width, width,
                  tf.data() + r * out + static_cast<std::size_t>(b) * width);
    }
  }
  return tf;
}

Depthwise Depthwise::load(const Weights& w, const std::string& filter_name, int k, int channels,
                          int stride, Padding padding) {
  Depthwise dw;
  dw.k = k;
  dw.channels = channels;
  dw.stride = stride;
  dw.padding = padding;
  dw.filter = w.get(filter_name, {k, k, channels, 1});
  dw.bias.assign(channels, 0.0f);
  return dw;
}

SeparableConv SeparableConv::load(const Weights& w, const std::string& prefix, int in, int out,
                                  int stride) {
  SeparableConv s;
  s.depthwise = Depthwise::load(w, prefix + "/depthwise_filter", 3, in, stride, Padding::same);
  s.pointwise = Conv2D::load(w, prefix + "/pointwise_filter", prefix + "/bias", 1, 1, in, out, 1,
                             Padding::valid);
  return s;
}

Dense Dense::load(const Weights& w, const std::string& weights_name, const std::string& bias_name,
                  int in, int out) {
  Dense d;
  d.in = in;
  d.out = out;
  d.weights = w.get(weights_name, {in, out});
  d.bias = bias_name.empty() ? std::vector<float>(out, 0.0f) : w.get(bias_name, {out});
  return d;
}

}  // namespace facenapi::detail::nn
