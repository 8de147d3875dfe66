// Coordinates between a photo and the photo turned by quarter turns (rotated search).
#pragma once

#include <facenapi/extraction_face.hpp>

namespace facenapi::detail {

// Maps a point of the image obtained by turning a width x height photo clockwise by
// `quarter_turns` (0..3) back into the photo's coordinates. Continuous pixel coordinates:
// a pixel (i, j) covers [i, i+1) x [j, j+1).
Point unrotate_point(Point p, int quarter_turns, int width, int height);
// The axis-aligned box of the four unrotated corners of `box`.
BBox unrotate_box(const BBox& box, int quarter_turns, int width, int height);

}  // namespace facenapi::detail
