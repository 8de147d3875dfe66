// face-api's default face detector (ssd_mobilenetv1_model, models_spec.md §6.1): SSD with a
// MobileNetV1 backbone at 512x512, 5118 anchors, decoded with the TF Object Detection API box
// coder and suppressed as face-api 1.7.15 does, so its boxes match face-api's to float precision.
#pragma once

#include <string>
#include <vector>

#include "extract/detection.hpp"
#include "image/rgb_image.hpp"
#include "nn/layers.hpp"

namespace facenapi::detail {

// Thread safety: after load() the detector is immutable; any number of threads may call detect()
// on one instance at once.
class SsdMobilenetDetector {
 public:
  static constexpr const char* kModelName = "ssd_mobilenetv1_model";
  static constexpr int kInputSize = 512;
  static constexpr int kAnchorCount = 5118;
  static constexpr float kDefaultMinConfidence = 0.5f;
  static constexpr int kDefaultMaxResults = 100;
  static constexpr double kIouThreshold = 0.5;

  // Loads `<model_dir>/ssd_mobilenetv1_model-weights_manifest.json` and its .bin, folding each
  // depthwise layer's batch norm into its filter and bias. Throws Error(model_error) when the
  // files are missing or do not have the expected tensors.
  static SsdMobilenetDetector load(const std::string& model_dir);

  // Faces in `img` with score > `min_confidence`, highest score first, at most `max_results`;
  // boxes in image pixels, clipped at the top/left edges and at the right/bottom edge of the
  // square the photo was padded to, as face-api does. An empty image has no faces.
  // Throws Error(invalid_argument) when min_confidence is not in [0, 1) or max_results < 1.
  std::vector<Detection> detect(const RgbImage& img, float min_confidence = kDefaultMinConfidence,
                                int max_results = kDefaultMaxResults) const;

 private:
  struct Pair {
    nn::Depthwise depthwise;  // 3x3 SAME with the batch norm folded in, relu6
    nn::Conv2D pointwise;     // 1x1 + bias, relu6
  };
  struct Predictor {
    nn::Conv2D boxes;    // 1x1 -> anchors_per_cell * 4 (ty, tx, th, tw)
    nn::Conv2D classes;  // 1x1 -> anchors_per_cell * 3 (background, face, unused)
  };
  nn::Conv2D conv0_;               // 3x3 stride 2, 3->32, relu6
  std::vector<Pair> backbone_;     // MobilenetV1 Conv2d_1..13
  std::vector<nn::Conv2D> extra_;  // Prediction/Conv2d_0..7, relu6
  std::vector<Predictor> predictors_;
  std::vector<float> anchors_;  // kAnchorCount x [ymin, xmin, ymax, xmax], relative to the input
};

}  // namespace facenapi::detail
