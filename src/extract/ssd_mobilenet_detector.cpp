#include "extract/ssd_mobilenet_detector.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <facenapi/error.hpp>

#include "extract/nms.hpp"
#include "nn/depthwise3x3.hpp"
#include "nn/kernels.hpp"
#include "nn/square_input.hpp"
#include "nn/weights.hpp"

namespace facenapi::detail {
namespace {

// Model facts (models_spec.md §6.1).
constexpr float kBatchNormEpsilon = 0.0010000000474974513f;
constexpr float kInputScale = 127.5f;  // x / 127.5 - 1
// MobilenetV1 Conv2d_i (i = 1..13): output channels and depthwise stride.
constexpr std::array<int, 14> kBackboneChannels = {32,  64,  128, 128, 256, 256,  512,
                                                   512, 512, 512, 512, 512, 1024, 1024};
constexpr int kConv11 = 11;  // the backbone layer whose output feeds predictor 0
bool strided(int i) { return i == 2 || i == 4 || i == 6 || i == 12; }
// Prediction/Conv2d_k (k = 0..7): kernel and output channels; 3x3 ones have stride 2.
constexpr std::array<std::array<int, 2>, 8> kExtraLayers = {
    {{1, 256}, {3, 512}, {1, 128}, {3, 256}, {1, 128}, {3, 256}, {1, 64}, {3, 128}}};
// Box predictors j = 0..5: input channels and anchors per cell.
constexpr std::array<std::array<int, 2>, 6> kPredictors = {
    {{512, 3}, {1024, 6}, {512, 6}, {256, 6}, {256, 6}, {128, 6}}};
// TF OD API center-size box coder scales for ty, tx, th, tw.
constexpr float kYScale = 10.0f, kXScale = 10.0f, kHScale = 5.0f, kWScale = 5.0f;

double js_round(double x) { return std::floor(x + 0.5); }

}  // namespace

SsdMobilenetDetector SsdMobilenetDetector::load(const std::string& model_dir) {
  const auto w = nn::Weights::load(model_dir, kModelName);
  SsdMobilenetDetector d;
  d.conv0_ = nn::Conv2D::load(w, "MobilenetV1/Conv2d_0_pointwise/weights",
                              "MobilenetV1/Conv2d_0_pointwise/convolution_bn_offset", 3, 3, 3,
                              kBackboneChannels[0], 2, nn::Padding::same);
  for (int i = 1; i <= 13; ++i) {
    const int in = kBackboneChannels[i - 1], out = kBackboneChannels[i];
    const std::string dw = fmt::format("MobilenetV1/Conv2d_{}_depthwise/", i);
    const std::string pw = fmt::format("MobilenetV1/Conv2d_{}_pointwise/", i);
    Pair p;
    p.depthwise = nn::Depthwise::load(w, dw + "depthwise_weights", 3, in, strided(i) ? 2 : 1,
                                      nn::Padding::same);
    // y = beta + (x - mean) * gamma / sqrt(var + eps), folded into the filter and bias.
    const auto& gamma = w.get(dw + "BatchNorm/gamma", {in});
    const auto& beta = w.get(dw + "BatchNorm/beta", {in});
    const auto& mean = w.get(dw + "BatchNorm/moving_mean", {in});
    const auto& var = w.get(dw + "BatchNorm/moving_variance", {in});
    for (int c = 0; c < in; ++c) {
      const float scale = gamma[c] / std::sqrt(var[c] + kBatchNormEpsilon);
      for (int k = 0; k < 9; ++k) p.depthwise.filter[k * in + c] *= scale;
      p.depthwise.bias[c] = beta[c] - mean[c] * scale;
    }
    p.pointwise = nn::Conv2D::load(w, pw + "weights", pw + "convolution_bn_offset", 1, 1, in, out,
                                   1, nn::Padding::same);
    d.backbone_.push_back(std::move(p));
  }
  int in = kBackboneChannels[13];
  for (int k = 0; k < static_cast<int>(kExtraLayers.size()); ++k) {
    const auto [kernel, out] = kExtraLayers[k];
    const std::string name = fmt::format("Prediction/Conv2d_{}_pointwise/", k);
    d.extra_.push_back(nn::Conv2D::load(w, name + "weights", name + "convolution_bn_offset", kernel,
                                        kernel, in, out, kernel == 3 ? 2 : 1, nn::Padding::same));
    in = out;
  }
  for (int j = 0; j < static_cast<int>(kPredictors.size()); ++j) {
    const auto [channels, anchors] = kPredictors[j];
    const std::string name = fmt::format("Prediction/BoxPredictor_{}/", j);
    d.predictors_.push_back(
        {nn::Conv2D::load(w, name + "BoxEncodingPredictor/weights",
                          name + "BoxEncodingPredictor/biases", 1, 1, channels, anchors * 4, 1,
                          nn::Padding::valid),
         nn::Conv2D::load(w, name + "ClassPredictor/weights", name + "ClassPredictor/biases", 1, 1,
                          channels, anchors * 3, 1, nn::Padding::valid)});
  }
  d.anchors_ = w.get("Output/extra_dim", {1, kAnchorCount, 4});
  return d;
}

std::vector<Detection> SsdMobilenetDetector::detect(const RgbImage& img, float min_confidence,
                                                    int max_results) const {
  if (!(min_confidence >= 0.0f && min_confidence < 1.0f)) {
    throw Error(Errc::invalid_argument,
                fmt::format("SSD min confidence {} is not in [0, 1)", min_confidence));
  }
  if (max_results < 1) {
    throw Error(Errc::invalid_argument,
                fmt::format("SSD max results {} is not at least 1", max_results));
  }
  if (img.empty()) return {};

  nn::Tensor x = nn::to_square_input_direct(img, kInputSize, nn::PadMode::bottom_right);
  for (float& v : x.data) v = v / kInputScale - 1.0f;
  x = nn::conv2d(x, conv0_, nn::Activation::relu6);
  std::array<nn::Tensor, 6> features;  // the predictors' inputs
  for (int i = 1; i <= 13; ++i) {
    const Pair& p = backbone_[i - 1];
    const nn::Tensor& in = i == kConv11 + 1 ? features[0] : x;
    nn::Tensor y = nn::conv2d(nn::depthwise_conv3x3(in, p.depthwise, nn::Activation::relu6),
                              p.pointwise, nn::Activation::relu6);
    (i == kConv11 ? features[0] : x) = std::move(y);
  }
  features[1] = std::move(x);
  const nn::Tensor* prev = &features[1];
  nn::Tensor scratch;
  for (int k = 0; k < static_cast<int>(extra_.size()); ++k) {
    nn::Tensor y = nn::conv2d(*prev, extra_[k], nn::Activation::relu6);
    if (k % 2 == 1) {
      features[2 + k / 2] = std::move(y);
      prev = &features[2 + k / 2];
    } else {
      scratch = std::move(y);
      prev = &scratch;
    }
  }

  // Raw predictions in anchor order: predictor j's anchor (y*W + x)*A + a is its output pixel
  // (y, x), channels a*4.. and a*3.., so concatenating the output tensors lines them up.
  std::vector<float> encodings, logits;
  encodings.reserve(kAnchorCount * 4);
  logits.reserve(kAnchorCount * 3);
  for (std::size_t j = 0; j < predictors_.size(); ++j) {
    const nn::Tensor b = nn::conv2d(features[j], predictors_[j].boxes, nn::Activation::none);
    const nn::Tensor c = nn::conv2d(features[j], predictors_[j].classes, nn::Activation::none);
    encodings.insert(encodings.end(), b.data.begin(), b.data.end());
    logits.insert(logits.end(), c.data.begin(), c.data.end());
  }
  if (encodings.size() != kAnchorCount * 4 || logits.size() != kAnchorCount * 3) {
    throw Error(Errc::internal, "SSD predictors do not produce one prediction per anchor");
  }

  // Decode in float32, in face-api's operation order (outputLayer.ts).
  std::vector<NmsBox> boxes(kAnchorCount);
  std::vector<double> scores(kAnchorCount);
  for (int i = 0; i < kAnchorCount; ++i) {
    const float* a = &anchors_[i * 4];
    const float* t = &encodings[i * 4];
    const float ha = a[2] - a[0], wa = a[3] - a[1];
    const float cya = a[0] + ha / 2, cxa = a[1] + wa / 2;
    const float half_h = std::exp(t[2] / kHScale) * ha / 2;
    const float half_w = std::exp(t[3] / kWScale) * wa / 2;
    const float cy = t[0] / kYScale * ha + cya;
    const float cx = t[1] / kXScale * wa + cxa;
    boxes[i] = {cx - half_w, cy - half_h, cx + half_w, cy + half_h};
    scores[i] = nn::sigmoid(logits[i * 3 + 1]);
  }

  const std::vector<int> kept =
      nms_ssd(boxes, scores, max_results, kIouThreshold, static_cast<double>(min_confidence));

  // Map from the padded input square to the image (SsdMobilenetv1.locateFaces).
  const double scale = static_cast<double>(kInputSize) / std::max(img.width, img.height);
  const double pad_x = kInputSize / js_round(img.width * scale);
  const double pad_y = kInputSize / js_round(img.height * scale);
  std::vector<Detection> detections;
  detections.reserve(kept.size());
  for (const int i : kept) {
    const NmsBox& b = boxes[i];
    const double top = std::max(0.0, b.top) * pad_y, bottom = std::min(1.0, b.bottom) * pad_y;
    const double left = std::max(0.0, b.left) * pad_x, right = std::min(1.0, b.right) * pad_x;
    const double x = left * img.width, y = top * img.height;
    const double width = (right - left) * img.width, height = (bottom - top) * img.height;
    Detection d;
    d.box = BBox{static_cast<float>(x), static_cast<float>(y), static_cast<float>(x + width),
                 static_cast<float>(y + height)};
    d.score = static_cast<float>(scores[i]);
    detections.push_back(d);
  }
  return detections;
}

}  // namespace facenapi::detail
