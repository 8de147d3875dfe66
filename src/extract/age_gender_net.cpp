#include "extract/age_gender_net.hpp"

#include "extract/feature_extractor.hpp"
#include "nn/kernels.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail {

using nn::Activation;
using nn::Padding;

AgeGenderNet AgeGenderNet::load(const std::string& model_dir) {
  nn::use_single_threaded_blas();
  const nn::Weights w = nn::Weights::load(model_dir, kModelName);
  auto reduction = [&w](const std::string& p, int in, int out, bool activate_input) {
    ReductionBlock b;
    b.sep0 = nn::SeparableConv::load(w, p + "/separable_conv0", in, out, 1);
    b.sep1 = nn::SeparableConv::load(w, p + "/separable_conv1", out, out, 1);
    b.expansion = nn::Conv2D::load(w, p + "/expansion_conv/filters", p + "/expansion_conv/bias", 1,
                                   1, in, out, 2, Padding::same);
    b.activate_input = activate_input;
    return b;
  };
  AgeGenderNet net;
  net.conv_in_ = nn::Conv2D::load(w, "entry_flow/conv_in/filters", "entry_flow/conv_in/bias", 3, 3,
                                  3, 32, 2, Padding::same);
  net.entry0_ = reduction("entry_flow/reduction_block_0", 32, 64, false);
  net.entry1_ = reduction("entry_flow/reduction_block_1", 64, 128, true);
  for (int i = 0; i < 2; ++i) {
    const std::string p = "middle_flow/main_block_" + std::to_string(i);
    for (int j = 0; j < 3; ++j) {
      net.middle_[i].sep[j] =
          nn::SeparableConv::load(w, p + "/separable_conv" + std::to_string(j), 128, 128, 1);
    }
  }
  net.exit_ = reduction("exit_flow/reduction_block", 128, 256, true);
  net.exit_sep_ = nn::SeparableConv::load(w, "exit_flow/separable_conv", 256, 512, 1);
  net.fc_age_ = nn::Dense::load(w, "fc/age/weights", "fc/age/bias", 512, 1);
  net.fc_gender_ = nn::Dense::load(w, "fc/gender/weights", "fc/gender/bias", 512, 2);
  return net;
}

nn::Tensor AgeGenderNet::run(const nn::Tensor& x, const ReductionBlock& b) {
  nn::Tensor t = nn::separable_conv(x, b.sep0, Activation::relu, b.activate_input);
  t = nn::separable_conv(t, b.sep1, Activation::none);  // the relu above is the one before sep1
  t = nn::max_pool(t, 3, 2, Padding::same);
  nn::conv2d_add(x, b.expansion, t);  // shortcut: the un-activated x
  return t;
}

nn::Tensor AgeGenderNet::run(nn::Tensor x, const MainBlock& b) {
  nn::Tensor t = nn::separable_conv(x, b.sep[0], Activation::relu, /*relu_input=*/true);
  t = nn::separable_conv(t, b.sep[1], Activation::relu);
  nn::separable_conv_add(t, b.sep[2], /*relu_input=*/false, x);
  return x;
}

AgeGender AgeGenderNet::predict(const RgbImage& crop) const {
  if (crop.empty()) return AgeGender{0.0f, 0.5f, 0.5f, {0.0f, 0.0f}};
  return predict_input(FaceNetInput112::from_crop(crop));
}

AgeGender AgeGenderNet::predict_input(const nn::Tensor& input) const {
  nn::Tensor x = nn::conv2d(input, conv_in_, Activation::relu);
  x = run(x, entry0_);
  x = run(x, entry1_);
  x = run(std::move(x), middle_[0]);
  x = run(std::move(x), middle_[1]);
  x = run(x, exit_);
  x = nn::separable_conv(x, exit_sep_, Activation::relu);
  const std::vector<float> pooled = nn::global_avg_pool(x);  // avgpool 7x7 stride 2 VALID on 7x7
  AgeGender r;
  r.age = nn::dense(pooled.data(), fc_age_)[0];
  std::vector<float> gender = nn::dense(pooled.data(), fc_gender_);
  r.gender_logits[0] = gender[0];
  r.gender_logits[1] = gender[1];
  nn::softmax_inplace(gender);
  r.male = gender[0];
  r.female = gender[1];
  return r;
}

}  // namespace facenapi::detail
