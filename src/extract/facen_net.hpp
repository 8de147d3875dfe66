// The face descriptor network: dlib's ResNet-29 ("dlib_face_recognition_resnet_model_v1") with
// face-api's `face_recognition_model` weights (models_spec.md §3, §8).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "image/rgb_image.hpp"
#include "nn/layers.hpp"
#include "nn/tensor.hpp"

namespace facenapi::detail {

// A loaded descriptor network. Immutable after load(): describe() may run on any number of
// threads at once on one instance.
class FacenNet {
 public:
  static constexpr const char* kModelName = "face_recognition_model";
  static constexpr int kInputSize = 150;
  static constexpr int kDescriptorSize = 128;
  static constexpr std::array<float, 3> kMean = {122.782f, 117.001f, 104.298f};  // RGB
  static constexpr float kFaceApiDivisor = 255.0f;  // @vladmandic/face-api 1.7.15
  static constexpr float kDlibDivisor = 256.0f;     // dlib and face-api.js 0.22.2
  // Two descriptors of one person are closer than this (Euclidean distance; dlib's margin).
  static constexpr float kSamePersonDistance = 0.6f;

  using Descriptor = std::array<float, kDescriptorSize>;

  // Loads `<model_dir>/face_recognition_model-weights_manifest.json` and its .bin, folding each
  // dlib affine ("scale") layer into the convolution before it. Throws Error(model_error).
  static FacenNet load(const std::string& model_dir);

  // The raw (not normalized) descriptor of a face chip: the chip is padded to a square
  // (centered), resized to 150x150 when it is not that size already (legacy bilinear), and
  // normalized as (pixel - kMean) / divisor. An empty chip gives 128 zeros, as face-api does.
  Descriptor describe(const RgbImage& chip, float divisor = kFaceApiDivisor) const;
  // The same from a normalized 150x150x3 input.
  Descriptor describe_input(const nn::Tensor& input) const;
  // describe() of several chips: the same descriptors bit for bit, faster than one call per
  // chip (the network runs layer by layer over all chips: the Winograd layers fill their blocks
  // of tiles, and the 256-channel layers, bound by reading 2.4 MB of weights each, read them
  // once for all chips).
  std::vector<Descriptor> describe_batch(const std::vector<RgbImage>& chips,
                                         float divisor = kFaceApiDivisor) const;

 private:
  struct Block {
    nn::Conv2D conv1, conv2;  // scale folded in
    bool down = false;        // residualDown: conv1 stride 2 VALID, shortcut avg-pooled 2x2
  };
  static nn::Tensor input_of(const RgbImage& chip, float divisor);
  // The descriptors of normalized 150x150x3 inputs, computed layer by layer over all of them.
  std::vector<Descriptor> describe_inputs(std::vector<nn::Tensor> features) const;
  nn::Conv2D conv_in_;
  std::vector<Block> blocks_;
  nn::Dense fc_;
};

// Euclidean distance between two descriptors.
float descriptor_distance(const FacenNet::Descriptor& a, const FacenNet::Descriptor& b);

}  // namespace facenapi::detail
