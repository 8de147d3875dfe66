#include "extract/expression_net.hpp"

#include <algorithm>

#include "nn/kernels.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail {

ExpressionNet ExpressionNet::load(const std::string& model_dir) {
  nn::use_single_threaded_blas();
  const nn::Weights w = nn::Weights::load(model_dir, kModelName);
  ExpressionNet net;
  net.features_ = FaceFeatureExtractor::load(w, /*tiny=*/false);
  net.fc_ =
      nn::Dense::load(w, "fc/weights", "fc/bias", net.features_.feature_count(), kExpressionCount);
  return net;
}

ExpressionNet::Probabilities ExpressionNet::predict(const RgbImage& crop) const {
  if (crop.empty()) {
    Probabilities uniform;
    uniform.fill(1.0f / kExpressionCount);
    return uniform;
  }
  return predict_input(FaceNetInput112::from_crop(crop));
}

ExpressionNet::Probabilities ExpressionNet::predict_input(const nn::Tensor& input) const {
  std::vector<float> logits = nn::dense(features_.features(input).data(), fc_);
  nn::softmax_inplace(logits);
  Probabilities p;
  std::copy(logits.begin(), logits.end(), p.begin());
  return p;
}

}  // namespace facenapi::detail
