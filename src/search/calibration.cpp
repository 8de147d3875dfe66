// The facen calibrations (include/facenapi/recognition.hpp): one table per facen model, computed
// by bench/calibrate_facen from every pair of LFW photos (docs/recognition.md).
#include <algorithm>
#include <cmath>
#include <facenapi/error.hpp>
#include <facenapi/recognition.hpp>
#include <string>

#include "extract/facen_model.hpp"

namespace facenapi {
namespace {

using Row = FacenCalibration::Row;

// bench/calibrate_facen --facens lfw_facens.bin, model dlib-resnet29-u8/chip150-flip/v1: the
// 13,229 of 13,233 LFW photos with a face; 242,229 same-person and 87,254,377 different-person
// pairs. strict: FAR 1e-4, medium: FAR 1e-3, low: the View-2 best-accuracy threshold (its FAR is
// 6.9e-3, so FAR 1e-2 would be looser than low).
FacenCalibration current_model() {
  FacenCalibration c;
  c.model_id = detail::kFacenModelId;
  c.scale = 75.6673f;
  c.midpoint = 0.4155f;
  const Row rows[] = {
      {ThresholdPreset::strict, 0.3372f, 0, 9.97e-5, 0.8498},
      {ThresholdPreset::medium, 0.3777f, 0, 9.97e-4, 0.9678},
      {ThresholdPreset::low, 0.4153f, 0, 6.93e-3, 0.9928},
  };
  for (Row r : rows) {
    r.confidence = c.confidence(r.distance);
    c.rows.push_back(r);
  }
  return c;
}

}  // namespace

const char* to_string(ThresholdPreset preset) noexcept {
  switch (preset) {
    case ThresholdPreset::strict:
      return "strict";
    case ThresholdPreset::medium:
      return "medium";
    case ThresholdPreset::low:
      return "low";
    case ThresholdPreset::none:
      return "none";
  }
  return "none";
}

float FacenCalibration::confidence(float distance) const noexcept {
  if (std::isnan(distance)) return 0;
  return static_cast<float>(1 / (1 + std::exp(double{scale} * (double{distance} - midpoint))));
}

float FacenCalibration::max_distance(float min_confidence) const noexcept {
  if (!(min_confidence > 0)) return 2.0f;
  if (min_confidence >= 1) return 0.0f;
  // confidence(d) >= c  <=>  d <= midpoint + ln(1/c - 1) / scale
  const double d = midpoint + std::log(1 / double{min_confidence} - 1) / scale;
  return static_cast<float>(std::clamp(d, 0.0, 2.0));
}

float FacenCalibration::preset_confidence(ThresholdPreset preset) const noexcept {
  for (const auto& r : rows) {
    if (r.preset == preset) return r.confidence;
  }
  return 0;  // none
}

const FacenCalibration& FacenCalibration::of(std::string_view model_id) {
  static const FacenCalibration current = current_model();
  if (model_id == current.model_id) return current;
  throw Error(Errc::invalid_argument,
              "no calibration for facen model '" + std::string(model_id) + "'");
}

Threshold Threshold::confidence(float value) {
  if (!(value >= 0 && value <= 1)) {
    throw Error(Errc::invalid_argument, "a confidence threshold must lie in [0, 1]");
  }
  Threshold t;
  t.preset_.reset();
  t.value_ = value;
  return t;
}

Threshold Threshold::parse(std::string_view text) {
  for (auto p : {ThresholdPreset::strict, ThresholdPreset::medium, ThresholdPreset::low,
                 ThresholdPreset::none}) {
    if (text == to_string(p)) return Threshold(p);
  }
  const std::string s(text);
  std::size_t used = 0;
  float value = 0;
  try {
    value = std::stof(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (s.empty() || used != s.size()) {
    throw Error(Errc::invalid_argument, "threshold '" + s +
                                            "' is neither strict, medium, low, none nor a "
                                            "number in [0, 1]");
  }
  return confidence(value);
}

float Threshold::min_confidence(const FacenCalibration& calibration) const noexcept {
  return preset_ ? calibration.preset_confidence(*preset_) : value_;
}

}  // namespace facenapi
