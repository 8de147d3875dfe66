#include "extract/facen_net.hpp"

#include <cmath>

#include "nn/kernels.hpp"
#include "nn/preprocess.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail {
namespace {

using nn::Activation;
using nn::Padding;

// conv + dlib affine ("scale") folded into one convolution.
nn::Conv2D load_conv_scale(const nn::Weights& w, const std::string& prefix, int k, int in, int out,
                           int stride, Padding padding) {
  nn::Conv2D conv = nn::Conv2D::load(w, prefix + "/conv/filters", prefix + "/conv/bias", k, k, in,
                                     out, stride, padding);
  conv.fold_affine(w.get(prefix + "/scale/weights", {out}), w.get(prefix + "/scale/biases", {out}));
  return conv;
}

constexpr int kPackedChannels = 256;
constexpr int kPackWidth = 32;

}  // namespace

FacenNet FacenNet::load(const std::string& model_dir) {
  nn::use_single_threaded_blas();
  const nn::Weights w = nn::Weights::load(model_dir, kModelName);
  FacenNet net;
  net.conv_in_ = load_conv_scale(w, "conv32_down", 7, 3, 32, 2, Padding::valid);
  // (prefix, channels, down) in order; dlib's alevel0..4 (§3).
  struct Spec {
    const char* prefix;
    int channels;
    bool down;
  };
  static const Spec kBlocks[] = {
      {"conv32_1", 32, false},   {"conv32_2", 32, false},         {"conv32_3", 32, false},
      {"conv64_down", 64, true}, {"conv64_1", 64, false},         {"conv64_2", 64, false},
      {"conv64_3", 64, false},   {"conv128_down", 128, true},     {"conv128_1", 128, false},
      {"conv128_2", 128, false}, {"conv256_down", 256, true},     {"conv256_1", 256, false},
      {"conv256_2", 256, false}, {"conv256_down_out", 256, true},
  };
  int in = 32;
  for (const Spec& s : kBlocks) {
    const std::string p = s.prefix;
    Block b;
    b.down = s.down;
    b.conv1 = load_conv_scale(w, p + "/conv1", 3, in, s.channels, s.down ? 2 : 1,
                              s.down ? Padding::valid : Padding::same);
    b.conv2 = load_conv_scale(w, p + "/conv2", 3, s.channels, s.channels, 1, Padding::same);
    // The stride-1 3x3 layers below 256 channels hold most of the multiply-adds: Winograd
    // does 4x (F(4x4), the 35x35 maps) or 2.25x (F(2x2), the smaller ones) fewer; bench_conv
    // shows F(4x4) paying for its larger transforms only where there are many tiles and few
    // channels. The 256-channel layers work on 3x3 maps, where the tiles would be mostly
    // padding, and their filters would grow from 2.4 MB to 4.2 MB.
    if (s.channels < kPackedChannels) {
      const int tile = s.channels == 32 ? 4 : 2;
      if (!s.down) b.conv1.prepare_winograd(tile);
      b.conv2.prepare_winograd(tile);
    }
    if (s.channels == kPackedChannels) {
      // 3x3 and 1x1 outputs with 2.4 MB of weights per convolution: reading the weights is
      // what these layers cost, so each block of 32 output channels is made contiguous.
      b.conv1.pack_output_blocks(kPackWidth);
      b.conv2.pack_output_blocks(kPackWidth);
    }
    net.blocks_.push_back(std::move(b));
    in = s.channels;
  }
  net.fc_ = nn::Dense::load(w, "fc", "", 256, kDescriptorSize);
  return net;
}

nn::Tensor FacenNet::input_of(const RgbImage& chip, float divisor) {
  nn::Tensor input = nn::to_square_input(chip, kInputSize, nn::PadMode::centered);
  nn::normalize_inplace(input, kMean, divisor);
  return input;
}

FacenNet::Descriptor FacenNet::describe(const RgbImage& chip, float divisor) const {
  if (chip.empty()) return Descriptor{};
  return describe_input(input_of(chip, divisor));
}

FacenNet::Descriptor FacenNet::describe_input(const nn::Tensor& input) const {
  return describe_inputs({input}).front();
}

std::vector<FacenNet::Descriptor> FacenNet::describe_batch(const std::vector<RgbImage>& chips,
                                                           float divisor) const {
  std::vector<nn::Tensor> inputs;
  for (const RgbImage& chip : chips) {
    if (!chip.empty()) inputs.push_back(input_of(chip, divisor));
  }
  std::vector<Descriptor> found = describe_inputs(std::move(inputs));
  std::vector<Descriptor> all;
  auto next = found.begin();
  for (const RgbImage& chip : chips) all.push_back(chip.empty() ? Descriptor{} : *next++);
  return all;
}

namespace {

// The end of a residual-down block: y + the 2x2-average-pooled x, then ReLU.
void add_down_shortcut(nn::Tensor& y, const nn::Tensor& x) {
  // dlib add_prev: the conv path may be smaller than the pooled shortcut (8 -> 3 vs 4) and the
  // shortcut has half the channels; missing elements are zeros.
  y = nn::add_zero_extended(y, nn::avg_pool(x, 2, 2));
  nn::activate_inplace(y, Activation::relu);
}

}  // namespace

std::vector<FacenNet::Descriptor> FacenNet::describe_inputs(
    std::vector<nn::Tensor> features) const {
  for (nn::Tensor& x : features) {
    x = nn::max_pool(nn::conv2d(x, conv_in_, Activation::relu), 3, 2, Padding::valid);
  }
  // Layer by layer over all inputs: the Winograd layers run the tiles of every input as one
  // sequence, and the 256-channel layers read each block of their filter once for all inputs.
  for (const Block& b : blocks_) {
    const std::vector<nn::Tensor> a = nn::conv2d_batch(features, b.conv1, Activation::relu);
    if (b.down) {
      std::vector<nn::Tensor> y = nn::conv2d_batch(a, b.conv2, Activation::none);
      for (std::size_t i = 0; i < y.size(); ++i) add_down_shortcut(y[i], features[i]);
      features = std::move(y);
    } else {
      // relu(conv2(a) + x): the shortcut and the ReLU applied as conv2 stores its outputs.
      features = nn::conv2d_batch(a, b.conv2, Activation::relu, &features);
    }
  }
  std::vector<Descriptor> out(features.size());
  for (std::size_t i = 0; i < features.size(); ++i) {
    const std::vector<float> pooled = nn::global_avg_pool(features[i]);
    const std::vector<float> d = nn::dense(pooled.data(), fc_);
    std::copy(d.begin(), d.end(), out[i].begin());
  }
  return out;
}

float descriptor_distance(const FacenNet::Descriptor& a, const FacenNet::Descriptor& b) {
  float sum = 0.0f;
  for (int i = 0; i < FacenNet::kDescriptorSize; ++i) {
    const float d = a[i] - b[i];
    sum += d * d;
  }
  return std::sqrt(sum);
}

}  // namespace facenapi::detail
