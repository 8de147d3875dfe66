// Face alignment: dlib's face chip, a similarity transform (rotation, uniform scale,
// translation) that puts a face's landmarks at the positions of dlib's mean face.
//
// This is the alignment dlib's face recognition ResNet was trained with (models_spec.md §8):
// `extract_image_chip(img, get_face_chip_details(shape, 150, 0.25), chip)`. The transform is the
// least-squares fit of landmarks 27-54 and 60-64 (nose, eyes, upper mouth; eyebrows, jaw and
// lower lip are left out) onto the mean-face positions ((padding + mean) / (2 padding + 1)) * size.
// Sampling is bilinear; when the face is shrunk by more than 2x, dlib first builds a
// pyramid_down<2> pyramid so the chip is anti-aliased.
//
// Unlike dlib's get_face_chip_details(), which rounds landmarks to whole pixels, the fit here
// uses them to 1/64 pixel; for whole-pixel landmarks (dlib's shape predictor) the two agree.
#pragma once

#include <facenapi/extraction_face.hpp>
#include <vector>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// Where a chip came from: the affine maps between chip pixels and image pixels, both ways.
// A point (x, y) maps to (m[0] x + m[1] y + m[2], m[3] x + m[4] y + m[5]).
struct ChipGeometry {
  int size = 0;                             // the chip is size x size pixels
  double to_image[6] = {1, 0, 0, 0, 1, 0};  // chip pixel -> image pixel
  double to_chip[6] = {1, 0, 0, 0, 1, 0};   // image pixel -> chip pixel
  double angle = 0;  // radians; image = rotate(chip, angle), counter-clockwise
                     // in image axes (y down), i.e. the face's roll
  double scale = 1;  // image pixels per chip pixel

  Point chip_to_image(Point p) const noexcept { return apply(to_image, p); }
  Point image_to_chip(Point p) const noexcept { return apply(to_chip, p); }

 private:
  static Point apply(const double* m, Point p) noexcept {
    return Point{static_cast<float>(m[0] * p.x + m[1] * p.y + m[2]),
                 static_cast<float>(m[3] * p.x + m[4] * p.y + m[5])};
  }
};

// Where the chip of a face with these 68 landmarks lies in the image (see the file comment).
// Throws Error(invalid_argument) if landmarks68 does not hold 68 points, a point is not
// finite, size < 1, or padding < 0.
ChipGeometry face_chip_geometry(const std::vector<Point>& landmarks68, int size = 150,
                                double padding = 0.25);

// The size x size aligned chip of the face with these 68 landmarks (image pixels; points may
// lie outside the image). Chip pixels that fall outside the image are black. If geometry is
// not null it receives the chip's geometry. Throws as face_chip_geometry(), and
// Error(invalid_argument) if img is empty.
RgbImage extract_face_chip(const RgbImage& img, const std::vector<Point>& landmarks68,
                           int size = 150, double padding = 0.25, ChipGeometry* geometry = nullptr);

}  // namespace facenapi::detail
