// DlibShapePredictor: dlib's 68-point face landmark model (an ensemble of regression trees,
// Kazemi & Sullivan 2014), e.g. /usr/share/dlib/shape_predictor_68_face_landmarks.dat.
//
// The points follow the iBUG 300-W 68-point scheme (jaw 0-16, eyebrows 17-26, nose 27-35,
// eyes 36-47, mouth 48-67), the same order as face-api's landmark nets. The model's training
// data (iBUG 300-W) bars commercial use.
//
// Thread safety: immutable after construction; predict() may be called from any number of
// threads at once (dlib's shape_predictor::operator() is const and keeps no state).
#pragma once

#include <facenapi/extraction_face.hpp>
#include <memory>
#include <string>
#include <vector>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

class DlibShapePredictor {
 public:
  static constexpr std::size_t kNumPoints = 68;

  // Loads the model file (about 100 MB, about a second). Throws Error(model_error) naming
  // the path when the file is missing, unreadable, not a dlib shape_predictor, or does not
  // predict kNumPoints points.
  explicit DlibShapePredictor(const std::string& path);
  ~DlibShapePredictor();
  DlibShapePredictor(DlibShapePredictor&&) noexcept;
  DlibShapePredictor& operator=(DlibShapePredictor&&) noexcept;
  DlibShapePredictor(const DlibShapePredictor&) = delete;
  DlibShapePredictor& operator=(const DlibShapePredictor&) = delete;

  // The 68 landmarks of the face in `box` (a detector's box, in img's pixels), in img's
  // pixel coordinates. dlib rounds them to whole pixels. Points may fall outside the box
  // and even outside the image when the face is cut by the border.
  // Throws Error(invalid_argument) if img is empty or box has no area.
  std::vector<Point> predict(const RgbImage& img, const BBox& box) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace facenapi::detail
