// face-api's tiny face detector (tiny_face_detector_model, models_spec.md §6.2): a Tiny-YOLOv2-like
// network with separable convolutions, 5 anchors per cell, decoded and suppressed exactly as
// face-api 1.7.15 does, so its boxes match face-api's to float precision.
#pragma once

#include <string>
#include <vector>

#include "extract/detection.hpp"
#include "image/rgb_image.hpp"
#include "nn/layers.hpp"

namespace facenapi::detail {

// Thread safety: after load() the detector is immutable; any number of threads may call detect()
// on one instance at once.
class TinyFaceDetector {
 public:
  static constexpr const char* kModelName = "tiny_face_detector_model";
  static constexpr int kDefaultInputSize = 416;
  static constexpr float kDefaultScoreThreshold = 0.5f;
  static constexpr double kIouThreshold = 0.4;

  // Loads `<model_dir>/tiny_face_detector_model-weights_manifest.json` and its .bin.
  // Throws Error(model_error) when the files are missing or do not have the expected tensors.
  static TinyFaceDetector load(const std::string& model_dir);

  // Faces in `img`, highest score first, boxes in image pixels (they may reach past the edges:
  // the detector's boxes are large and cover the whole head). `input_size` is the network's square
  // input side, a positive multiple of 32 (larger finds smaller faces, costs quadratically more);
  // faces with score <= `score_threshold` are dropped. An empty image has no faces.
  // Throws Error(invalid_argument) when input_size is not a positive multiple of 32 or
  // score_threshold is not in [0, 1).
  std::vector<Detection> detect(const RgbImage& img, int input_size = kDefaultInputSize,
                                float score_threshold = kDefaultScoreThreshold) const;

 private:
  struct Separable {
    nn::Depthwise depthwise;  // 3x3, stride 1, SAME (face-api pads 1 then runs VALID)
    nn::Conv2D pointwise;     // 1x1 with the layer's bias
  };
  nn::Conv2D conv0_;                  // 3x3 VALID 3->16, leaky
  std::vector<Separable> separable_;  // conv1..conv5, leaky
  nn::Conv2D conv8_;                  // 1x1 512->25, no activation
};

}  // namespace facenapi::detail
