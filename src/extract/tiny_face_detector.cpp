#include "extract/tiny_face_detector.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <facenapi/error.hpp>

#include "extract/nms.hpp"
#include "nn/depthwise3x3.hpp"
#include "nn/kernels.hpp"
#include "nn/preprocess.hpp"
#include "nn/square_input.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail {
namespace {

// Model facts (models_spec.md §6.2).
constexpr std::array<float, 3> kMeanRgb = {117.001f, 114.697f, 97.404f};
constexpr float kDivisor = 255.0f;
constexpr int kAnchorCount = 5;
constexpr int kBoxEncoding = 5;  // tx, ty, tw, th, objectness
// Anchor (width, height) in grid cells.
constexpr std::array<std::array<double, 2>, kAnchorCount> kAnchors = {{{1.603231, 2.094468},
                                                                       {6.041143, 7.080126},
                                                                       {2.882459, 3.518061},
                                                                       {4.266906, 5.178857},
                                                                       {9.041765, 10.66308}}};
constexpr std::array<int, 6> kChannels = {16, 32, 64, 128, 256, 512};

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double js_round(double x) { return std::floor(x + 0.5); }

}  // namespace

TinyFaceDetector TinyFaceDetector::load(const std::string& model_dir) {
  const auto w = nn::Weights::load(model_dir, kModelName);
  TinyFaceDetector d;
  d.conv0_ = nn::Conv2D::load(w, "conv0/filters", "conv0/bias", 3, 3, 3, kChannels[0], 1,
                              nn::Padding::valid);
  for (int i = 1; i <= 5; ++i) {
    const std::string name = fmt::format("conv{}", i);
    Separable s;
    s.depthwise = nn::Depthwise::load(w, name + "/depthwise_filter", 3, kChannels[i - 1], 1,
                                      nn::Padding::same);
    s.pointwise = nn::Conv2D::load(w, name + "/pointwise_filter", name + "/bias", 1, 1,
                                   kChannels[i - 1], kChannels[i], 1, nn::Padding::valid);
    d.separable_.push_back(std::move(s));
  }
  d.conv8_ = nn::Conv2D::load(w, "conv8/filters", "conv8/bias", 1, 1, kChannels[5],
                              kAnchorCount * kBoxEncoding, 1, nn::Padding::valid);
  return d;
}

std::vector<Detection> TinyFaceDetector::detect(const RgbImage& img, int input_size,
                                                float score_threshold) const {
  if (input_size <= 0 || input_size % 32 != 0) {
    throw Error(Errc::invalid_argument,
                fmt::format("tiny face detector input size {} is not a positive multiple of 32",
                            input_size));
  }
  if (!(score_threshold >= 0.0f && score_threshold < 1.0f)) {
    throw Error(
        Errc::invalid_argument,
        fmt::format("tiny face detector score threshold {} is not in [0, 1)", score_threshold));
  }
  if (img.empty()) return {};

  nn::Tensor x = nn::to_square_input_direct(img, input_size, nn::PadMode::bottom_right);
  nn::normalize_inplace(x, kMeanRgb, kDivisor);
  // Each convolution but the last is followed by a 2x2 max-pool of stride 2: computed fused,
  // so the large early feature maps are never stored at full size.
  x = nn::conv2d_max_pool2(x, conv0_, nn::Activation::leaky);
  for (std::size_t i = 0; i < separable_.size(); ++i) {
    const Separable& s = separable_[i];
    const nn::Tensor dw = nn::depthwise_conv3x3(x, s.depthwise, nn::Activation::none);
    x = i + 1 < separable_.size() ? nn::conv2d_max_pool2(dw, s.pointwise, nn::Activation::leaky)
                                  : nn::conv2d(dw, s.pointwise, nn::Activation::leaky);
  }
  x = nn::max_pool(x, 2, 1, nn::Padding::same);
  const nn::Tensor out = nn::conv2d(x, conv8_, nn::Activation::none);

  // Decode (face-api TinyYolov2Base.extractBoxes), in double as face-api's JavaScript does.
  const int cells = out.h;
  const double scale = static_cast<double>(input_size) / std::max(img.width, img.height);
  const double rw = js_round(img.width * scale), rh = js_round(img.height * scale);
  const double side = std::max(rw, rh);
  const double cfx = side / rw, cfy = side / rh;
  std::vector<NmsBox> boxes;  // relative to the image
  std::vector<double> scores;
  for (int row = 0; row < cells; ++row) {
    for (int col = 0; col < cells; ++col) {
      const float* cell = out.at(row, col);
      for (int a = 0; a < kAnchorCount; ++a) {
        const float* t = cell + a * kBoxEncoding;
        const double score = sigmoid(t[4]);
        if (!(score > score_threshold)) continue;
        const double cx = (col + sigmoid(t[0])) / cells * cfx;
        const double cy = (row + sigmoid(t[1])) / cells * cfy;
        const double w = std::exp(t[2]) * kAnchors[a][0] / cells * cfx;
        const double h = std::exp(t[3]) * kAnchors[a][1] / cells * cfy;
        const double left = cx - w / 2, top = cy - h / 2;
        boxes.push_back({left, top, left + w, top + h});
        scores.push_back(score);
      }
    }
  }

  // face-api suppresses on the boxes scaled to the input size.
  std::vector<NmsBox> scaled(boxes.size());
  std::transform(boxes.begin(), boxes.end(), scaled.begin(), [&](const NmsBox& b) {
    return NmsBox{b.left * input_size, b.top * input_size, b.right * input_size,
                  b.bottom * input_size};
  });
  std::vector<Detection> detections;
  for (const int i : nms_pick_max(scaled, scores, kIouThreshold)) {
    const NmsBox& b = boxes[i];
    const double left = b.left * img.width, top = b.top * img.height;
    const double width = (b.right - b.left) * img.width, height = (b.bottom - b.top) * img.height;
    Detection d;
    d.box = BBox{static_cast<float>(left), static_cast<float>(top),
                 static_cast<float>(left + width), static_cast<float>(top + height)};
    d.score = static_cast<float>(scores[i]);
    detections.push_back(d);
  }
  return detections;
}

}  // namespace facenapi::detail
