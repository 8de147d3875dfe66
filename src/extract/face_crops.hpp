// face-api's crop geometry (models_spec.md §7): which integer region of a photo each face net
// sees.
#pragma once

#include <facenapi/extraction_face.hpp>

#include <vector>

namespace facenapi::detail {

struct IntRect {
  int x = 0, y = 0, width = 0, height = 0;
  bool empty() const noexcept { return width <= 0 || height <= 0; }
};

// Box.clipAtImageBorders(W, H).floor(): the integer region of `box` inside the image.
IntRect clip_floor(const BBox& box, int image_width, int image_height);
// The min-bbox of the landmarks padded by 20% of its size on each side (face-api alignedRect),
// the region the age/gender and expression nets were trained on.
BBox aligned_rect(const std::vector<Point>& landmarks);

}  // namespace facenapi::detail
