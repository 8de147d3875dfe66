#include "extract/rotation.hpp"

#include <algorithm>

namespace facenapi::detail {

Point unrotate_point(Point p, int quarter_turns, int width, int height) {
  switch (((quarter_turns % 4) + 4) % 4) {
    case 1:  // turned clockwise: x' = H - y, y' = x
      return {p.y, static_cast<float>(height) - p.x};
    case 2:
      return {static_cast<float>(width) - p.x, static_cast<float>(height) - p.y};
    case 3:  // turned counter-clockwise: x' = y, y' = W - x
      return {static_cast<float>(width) - p.y, p.x};
    default:
      return p;
  }
}

BBox unrotate_box(const BBox& box, int quarter_turns, int width, int height) {
  const Point a = unrotate_point({box.left, box.top}, quarter_turns, width, height);
  const Point b = unrotate_point({box.right, box.bottom}, quarter_turns, width, height);
  return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
}

}  // namespace facenapi::detail
