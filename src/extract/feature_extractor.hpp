// face-api's FaceFeatureExtractor: the DenseNet-like trunk shared by the 68-point landmark nets
// and the expression net (models_spec.md §4.1), plus the 112x112 input those nets take.
#pragma once

#include <array>
#include <vector>

#include "image/rgb_image.hpp"
#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail {

namespace nn {
class Weights;
}

// The input of every 112x112 face-api face net (landmarks, expressions, age/gender): the crop
// padded to a square (centered), legacy-bilinear resized, (pixel - kMean) / kDivisor.
struct FaceNetInput112 {
  static constexpr int kSize = 112;
  static constexpr std::array<float, 3> kMean = {122.782f, 117.001f, 104.298f};  // RGB
  static constexpr float kDivisor = 255.0f;

  static nn::Tensor from_crop(const RgbImage& crop);
};

// Dense blocks dense0..dense3 (full) or dense0..dense2 (tiny) followed by a global average
// pool. Immutable after load(); features() is safe to call from many threads at once.
class FaceFeatureExtractor {
 public:
  // Reads the `denseK/convJ/...` tensors of `w`. Throws Error(model_error).
  static FaceFeatureExtractor load(const nn::Weights& w, bool tiny);

  // 256 (full) or 128 (tiny) features of a normalized 112x112x3 input.
  std::vector<float> features(const nn::Tensor& input) const;
  int feature_count() const noexcept;

 private:
  struct DenseBlock {
    bool first = false;                    // dense0: conv0 is a regular 3x3 conv
    nn::Conv2D conv0;                      // first block only
    nn::SeparableConv sep0;                // other blocks: stride-2 separable conv0
    std::vector<nn::SeparableConv> convs;  // conv1.., stride 1
  };
  std::vector<DenseBlock> blocks_;
};

}  // namespace facenapi::detail
