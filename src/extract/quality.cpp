// facenapi::quality_score(), documented in include/facenapi/extractor.hpp.
#include <algorithm>
#include <cmath>
#include <facenapi/extractor.hpp>

namespace facenapi {
namespace {
constexpr float kAngleUnit = 45.f;  // degrees
constexpr float kAngleWeight = 2.5f;
constexpr float kSharp = 100.f;  // Laplacian variance of a sharp 150x150 chip
constexpr float kBlurWeight = 2.f;
}  // namespace

float quality_score(const Pose& pose, float sharpness) noexcept {
  const auto sq = [](float degrees) {
    const float a = degrees / kAngleUnit;
    return a * a;
  };
  const float angles = (sq(pose.yaw) + sq(pose.pitch) + sq(pose.roll)) * kAngleWeight;
  // NaN sharpness counts as fully blurred; NaN angles give NaN, which callers must not feed.
  const float s = std::isnan(sharpness) ? 0.f : sharpness;
  const float blur = std::max(0.f, 1.f - s / kSharp) * kBlurWeight;
  return -angles - blur;
}

}  // namespace facenapi
