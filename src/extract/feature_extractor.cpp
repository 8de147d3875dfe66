#include "extract/feature_extractor.hpp"

#include "nn/kernels.hpp"
#include "nn/preprocess.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail {

using nn::Activation;
using nn::Padding;

nn::Tensor FaceNetInput112::from_crop(const RgbImage& crop) {
  nn::Tensor input = nn::to_square_input(crop, kSize, nn::PadMode::centered);
  nn::normalize_inplace(input, kMean, kDivisor);
  return input;
}

FaceFeatureExtractor FaceFeatureExtractor::load(const nn::Weights& w, bool tiny) {
  const int block_count = tiny ? 3 : 4;
  const int convs_per_block = tiny ? 3 : 4;
  FaceFeatureExtractor fe;
  int in = 3;
  for (int i = 0; i < block_count; ++i) {
    const std::string p = "dense" + std::to_string(i);
    const int out = 32 << i;
    DenseBlock b;
    b.first = i == 0;
    if (b.first) {
      b.conv0 = nn::Conv2D::load(w, p + "/conv0/filters", p + "/conv0/bias", 3, 3, in, out, 2,
                                 Padding::same);
    } else {
      b.sep0 = nn::SeparableConv::load(w, p + "/conv0", in, out, 2);
    }
    for (int j = 1; j < convs_per_block; ++j) {
      b.convs.push_back(nn::SeparableConv::load(w, p + "/conv" + std::to_string(j), out, out, 1));
    }
    fe.blocks_.push_back(std::move(b));
    in = out;
  }
  return fe;
}

int FaceFeatureExtractor::feature_count() const noexcept {
  return blocks_.empty() ? 0 : blocks_.back().convs.front().pointwise.out;
}

std::vector<float> FaceFeatureExtractor::features(const nn::Tensor& input) const {
  nn::Tensor x;
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const DenseBlock& b = blocks_[i];
    // out1 = relu(conv0(x)); out_{k+1} = sep(relu(out1 + ... + out_k)); result relu(sum).
    // The ReLUs before each convolution are read into it (relu_input), and each out_{k+1} is
    // added into the sum as it is stored.
    nn::Tensor sum = b.first ? nn::conv2d(input, b.conv0, Activation::relu)
                             : nn::separable_conv(x, b.sep0, Activation::relu, /*relu_input=*/true);
    for (std::size_t j = 0; j < b.convs.size(); ++j) {
      nn::separable_conv_add(sum, b.convs[j], /*relu_input=*/j > 0, sum);  // out1 is >= 0
    }
    x = std::move(sum);
  }
  nn::activate_inplace(x, Activation::relu);
  return nn::global_avg_pool(x);
}

}  // namespace facenapi::detail
