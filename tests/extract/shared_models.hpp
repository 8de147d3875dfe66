// The dlib models the extract tests share, each built once per test process: the shape
// predictor takes about a second to load and the HOG detector about a second to build.
#pragma once

#include "extract/dlib_landmarks.hpp"
#include "extract/hog_detector.hpp"

namespace facenapi::test {

inline constexpr const char* kShapePredictor68 =
    "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

inline const detail::DlibShapePredictor& shape_predictor() {
  static const detail::DlibShapePredictor sp(kShapePredictor68);
  return sp;
}

inline const detail::HogDetector& hog_detector() {
  static const detail::HogDetector hog;
  return hog;
}

}  // namespace facenapi::test
