#include "extract/landmark_net.hpp"

#include <algorithm>

#include "nn/kernels.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail {

LandmarkNet LandmarkNet::load(const std::string& model_dir, bool tiny) {
  nn::use_single_threaded_blas();
  const nn::Weights w = nn::Weights::load(model_dir, tiny ? kTinyModelName : kModelName);
  LandmarkNet net;
  net.tiny_ = tiny;
  net.features_ = FaceFeatureExtractor::load(w, tiny);
  net.fc_ = nn::Dense::load(w, "fc/weights", "fc/bias", net.features_.feature_count(),
                            2 * Landmarks68::kPointCount);
  return net;
}

Landmarks68 LandmarkNet::detect(const RgbImage& crop) const {
  if (crop.empty()) return Landmarks68{};
  return detect_input(FaceNetInput112::from_crop(crop), crop.width, crop.height);
}

Landmarks68 LandmarkNet::detect_input(const nn::Tensor& input, int crop_width,
                                      int crop_height) const {
  Landmarks68 lm;
  const std::vector<float> raw = nn::dense(features_.features(input).data(), fc_);
  std::copy(raw.begin(), raw.end(), lm.raw.begin());
  if (crop_width <= 0 || crop_height <= 0) return lm;
  // face-api (FaceLandmark68NetBase.postProcess) assumes the padding is split evenly,
  // |sw - sh| / 2 on each side, although the input tensor puts the odd pixel after the image.
  // Reproduced for parity; the error is at most half a 112-pixel, i.e. < 0.5 * max(w,h)/112 px.
  constexpr float kSize = FaceNetInput112::kSize;
  const float w = static_cast<float>(crop_width), h = static_cast<float>(crop_height);
  const float s = kSize / std::max(w, h);
  const float sw = w * s, sh = h * s;
  const float pad_x = sw < sh ? (sh - sw) / 2 : 0.0f;
  const float pad_y = sh < sw ? (sw - sh) / 2 : 0.0f;
  for (int i = 0; i < Landmarks68::kPointCount; ++i) {
    const float rel_x = (lm.raw[2 * i] * kSize - pad_x) / sw;
    const float rel_y = (lm.raw[2 * i + 1] * kSize - pad_y) / sh;
    lm.points[i] = {rel_x * w, rel_y * h};
  }
  return lm;
}

}  // namespace facenapi::detail
