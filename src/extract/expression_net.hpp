// face-api's expression net, `face_expression_model` (FaceFeatureExtractor + fc + softmax,
// models_spec.md §4.3).
#pragma once

#include <array>
#include <string>

#include "extract/feature_extractor.hpp"
#include "image/rgb_image.hpp"
#include "nn/layers.hpp"

namespace facenapi::detail {

// A loaded expression net. Immutable after load(): predict() may run on many threads at once.
class ExpressionNet {
 public:
  static constexpr const char* kModelName = "face_expression_model";
  static constexpr int kExpressionCount = 7;
  // The order of the probabilities predict() returns.
  static constexpr std::array<const char*, kExpressionCount> kLabels = {
      "neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised"};

  using Probabilities = std::array<float, kExpressionCount>;

  // Throws Error(model_error).
  static ExpressionNet load(const std::string& model_dir);

  // Softmax probabilities, in kLabels order, of a face crop of any size (input as
  // FaceNetInput112::from_crop). An empty crop gives all 1/7.
  Probabilities predict(const RgbImage& crop) const;
  Probabilities predict_input(const nn::Tensor& input) const;

 private:
  FaceFeatureExtractor features_;
  nn::Dense fc_;
};

}  // namespace facenapi::detail
