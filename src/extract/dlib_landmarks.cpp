#include "extract/dlib_landmarks.hpp"

#include <dlib/image_processing/shape_predictor.h>
#include <dlib/serialize.h>

#include <algorithm>
#include <cmath>
#include <facenapi/error.hpp>
#include <fstream>

#include "extract/dlib_rgb_image.hpp"

namespace facenapi::detail {

struct DlibShapePredictor::Impl {
  dlib::shape_predictor sp;
};

DlibShapePredictor::DlibShapePredictor(const std::string& path) : impl_(std::make_unique<Impl>()) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Errc::model_error, "cannot open dlib shape predictor '" + path + "'");
  }
  try {
    dlib::deserialize(impl_->sp, in);
  } catch (const std::exception& e) {
    // dlib::serialization_error, or std::bad_alloc on a garbage size field.
    throw Error(Errc::model_error,
                "'" + path + "' is not a dlib shape predictor: " + std::string(e.what()));
  }
  if (impl_->sp.num_parts() != kNumPoints) {
    throw Error(Errc::model_error, "'" + path + "' predicts " +
                                       std::to_string(impl_->sp.num_parts()) +
                                       " points, expected " + std::to_string(kNumPoints));
  }
}

DlibShapePredictor::~DlibShapePredictor() = default;
DlibShapePredictor::DlibShapePredictor(DlibShapePredictor&&) noexcept = default;
DlibShapePredictor& DlibShapePredictor::operator=(DlibShapePredictor&&) noexcept = default;

std::vector<Point> DlibShapePredictor::predict(const RgbImage& img, const BBox& box) const {
  if (img.empty()) throw Error(Errc::invalid_argument, "landmarks of an empty image");
  if (!(box.width() > 0 && box.height() > 0)) {
    throw Error(Errc::invalid_argument, "landmarks of a box with no area");
  }
  // BBox edges are continuous; dlib rectangles are inclusive pixel ranges.
  const long left = std::lround(box.left);
  const long top = std::lround(box.top);
  const dlib::rectangle rect(left, top, std::max(left, std::lround(box.right) - 1),
                             std::max(top, std::lround(box.bottom) - 1));
  const dlib::full_object_detection shape = impl_->sp(img, rect);
  std::vector<Point> points(shape.num_parts());
  for (unsigned long i = 0; i < shape.num_parts(); ++i) {
    points[i] = Point{static_cast<float>(shape.part(i).x()), static_cast<float>(shape.part(i).y())};
  }
  return points;
}

}  // namespace facenapi::detail
