// face-api's age and gender net, `age_gender_model` (TinyXception with 2 middle blocks and two
// fully connected heads, models_spec.md §5).
#pragma once

#include <string>

#include "image/rgb_image.hpp"
#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail {

struct AgeGender {
  float age = 0;                    // years (regression output, no post-processing)
  float male = 0;                   // P(male), softmax of the gender logits
  float female = 0;                 // P(female) = 1 - P(male)
  float gender_logits[2] = {0, 0};  // [male, female]
};

// A loaded age/gender net. Immutable after load(): predict() may run on many threads at once.
class AgeGenderNet {
 public:
  static constexpr const char* kModelName = "age_gender_model";

  // Throws Error(model_error).
  static AgeGenderNet load(const std::string& model_dir);

  // Age and gender of a face crop of any size (input as FaceNetInput112::from_crop).
  // An empty crop gives age 0 and probabilities 0.5.
  AgeGender predict(const RgbImage& crop) const;
  AgeGender predict_input(const nn::Tensor& input) const;

 private:
  struct ReductionBlock {
    nn::SeparableConv sep0, sep1;
    nn::Conv2D expansion;  // 1x1 stride 2 shortcut
    bool activate_input = true;
  };
  struct MainBlock {
    nn::SeparableConv sep[3];
  };
  static nn::Tensor run(const nn::Tensor& x, const ReductionBlock& b);
  static nn::Tensor run(nn::Tensor x, const MainBlock& b);  // x + block(x), in x

  nn::Conv2D conv_in_;
  ReductionBlock entry0_, entry1_, exit_;
  MainBlock middle_[2];
  nn::SeparableConv exit_sep_;
  nn::Dense fc_age_, fc_gender_;
};

}  // namespace facenapi::detail
