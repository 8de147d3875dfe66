// face-api's 68-point landmark nets, `face_landmark_68_model` and `face_landmark_68_tiny_model`
// (models_spec.md §4.1, §4.2).
#pragma once

#include <array>
#include <string>

#include "extract/feature_extractor.hpp"
#include "image/rgb_image.hpp"
#include "nn/layers.hpp"

namespace facenapi::detail {

struct Point2f {
  float x = 0, y = 0;
};

// 68 points in iBUG-300W / dlib order (0-16 jaw, 17-26 brows, 27-35 nose, 36-47 eyes, 48-67
// mouth).
struct Landmarks68 {
  static constexpr int kPointCount = 68;
  // The fc outputs x0,y0,x1,y1,... in units of the 112x112 padded square divided by 112.
  std::array<float, 2 * kPointCount> raw{};
  // The points in pixels of the crop that was fed in (decoded as face-api does, §4.2).
  std::array<Point2f, kPointCount> points{};
};

// A loaded landmark net. Immutable after load(): detect() may run on many threads at once.
class LandmarkNet {
 public:
  static constexpr const char* kModelName = "face_landmark_68_model";
  static constexpr const char* kTinyModelName = "face_landmark_68_tiny_model";

  // Loads the full (4 dense blocks) or tiny (3 blocks) model from `model_dir`.
  // Throws Error(model_error).
  static LandmarkNet load(const std::string& model_dir, bool tiny);

  // The 68 landmarks of a face crop of any size (padded to a square and resized to 112x112).
  // An empty crop gives all zeros.
  Landmarks68 detect(const RgbImage& crop) const;
  // The same from FaceNetInput112::from_crop(crop), for callers running several 112 nets on
  // one crop; `crop_width`/`crop_height` are the crop's size, used to decode the points.
  Landmarks68 detect_input(const nn::Tensor& input, int crop_width, int crop_height) const;

  bool tiny() const noexcept { return tiny_; }

 private:
  bool tiny_ = false;
  FaceFeatureExtractor features_;
  nn::Dense fc_;
};

}  // namespace facenapi::detail
