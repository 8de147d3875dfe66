#include "extract/face_chip.hpp"

#include <dlib/image_processing/full_object_detection.h>
#include <dlib/image_transforms/interpolation.h>

#include <cmath>
#include <facenapi/error.hpp>
#include <string>

#include "extract/dlib_rgb_image.hpp"

namespace facenapi::detail {
namespace {

// get_face_chip_details() takes dlib::point (integers). Feeding it the landmarks multiplied by
// kSubpixel keeps 1/kSubpixel of a pixel; the similarity fit scales exactly with its target, so
// the result is divided back below.
constexpr double kSubpixel = 64.0;

dlib::chip_details chip_details_for(const std::vector<Point>& landmarks68, int size,
                                    double padding) {
  if (landmarks68.size() != 68) {
    throw Error(Errc::invalid_argument,
                "face chip needs 68 landmarks, got " + std::to_string(landmarks68.size()));
  }
  if (size < 1) throw Error(Errc::invalid_argument, "face chip size must be at least 1");
  if (!(padding >= 0)) throw Error(Errc::invalid_argument, "face chip padding must be >= 0");
  std::vector<dlib::point> parts;
  parts.reserve(landmarks68.size());
  for (const Point& p : landmarks68) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || std::abs(p.x) > 1e9f ||
        std::abs(p.y) > 1e9f) {
      throw Error(Errc::invalid_argument, "face chip landmark is not a finite pixel position");
    }
    parts.emplace_back(std::lround(p.x * kSubpixel), std::lround(p.y * kSubpixel));
  }
  const dlib::full_object_detection shape(dlib::rectangle(), parts);
  const dlib::chip_details scaled =
      dlib::get_face_chip_details(shape, static_cast<unsigned long>(size), padding);
  // dlib builds the rectangle as centered_drect(center, size * scale, size * scale); rebuild it
  // from the unscaled center and side so it is what dlib gives for the unscaled points.
  const dlib::dpoint center = dlib::dcenter(scaled.rect) / kSubpixel;
  const dlib::drectangle rect = dlib::centered_drect(center, scaled.rect.width() / kSubpixel,
                                                     scaled.rect.height() / kSubpixel);
  return dlib::chip_details(rect, dlib::chip_dims(scaled.rows, scaled.cols), scaled.angle);
}

ChipGeometry geometry_of(const dlib::chip_details& details) {
  ChipGeometry g;
  g.size = static_cast<int>(details.cols);
  g.angle = details.angle;
  g.scale = details.rect.width() / static_cast<double>(details.cols);
  const dlib::point_transform_affine to_chip = dlib::get_mapping_to_chip(details);
  const dlib::point_transform_affine to_image = dlib::inv(to_chip);
  const auto fill = [](const dlib::point_transform_affine& t, double* m) {
    m[0] = t.get_m()(0, 0);
    m[1] = t.get_m()(0, 1);
    m[2] = t.get_b()(0);
    m[3] = t.get_m()(1, 0);
    m[4] = t.get_m()(1, 1);
    m[5] = t.get_b()(1);
  };
  fill(to_chip, g.to_chip);
  fill(to_image, g.to_image);
  return g;
}

}  // namespace

ChipGeometry face_chip_geometry(const std::vector<Point>& landmarks68, int size, double padding) {
  return geometry_of(chip_details_for(landmarks68, size, padding));
}

RgbImage extract_face_chip(const RgbImage& img, const std::vector<Point>& landmarks68, int size,
                           double padding, ChipGeometry* geometry) {
  if (img.empty()) throw Error(Errc::invalid_argument, "face chip of an empty image");
  const dlib::chip_details details = chip_details_for(landmarks68, size, padding);
  RgbImage chip(size, size);  // black: pixels that map outside the image stay so
  dlib::extract_image_chip(img, details, chip);
  if (geometry != nullptr) *geometry = geometry_of(details);
  return chip;
}

}  // namespace facenapi::detail
