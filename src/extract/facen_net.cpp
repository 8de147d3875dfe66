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

FacenNet::Descriptor FacenNet::describe(const RgbImage& chip, float divisor) const {
  if (chip.empty()) return Descriptor{};
  nn::Tensor input = nn::to_square_input(chip, kInputSize, nn::PadMode::centered);
  nn::normalize_inplace(input, kMean, divisor);
  return describe_input(input);
}

FacenNet::Descriptor FacenNet::describe_input(const nn::Tensor& input) const {
  nn::Tensor x = nn::conv2d(input, conv_in_, Activation::relu);
  x = nn::max_pool(x, 3, 2, Padding::valid);
  for (const Block& b : blocks_) {
    const nn::Tensor a = nn::conv2d(x, b.conv1, Activation::relu);
    nn::Tensor y = nn::conv2d(a, b.conv2, Activation::none);
    if (b.down) {
      // dlib add_prev: the conv path may be smaller than the pooled shortcut (8 -> 3 vs 4) and
      // the shortcut has half the channels; missing elements are zeros.
      y = nn::add_zero_extended(y, nn::avg_pool(x, 2, 2));
    } else {
      nn::add_inplace(y, x);
    }
    nn::activate_inplace(y, Activation::relu);
    x = std::move(y);
  }
  const std::vector<float> pooled = nn::global_avg_pool(x);
  const std::vector<float> out = nn::dense(pooled.data(), fc_);
  Descriptor d;
  std::copy(out.begin(), out.end(), d.begin());
  return d;
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
