#include "extract/face_crops.hpp"

#include <algorithm>
#include <cmath>

namespace facenapi::detail {

IntRect clip_floor(const BBox& box, int image_width, int image_height) {
  const float x = std::max(box.left, 0.0f);
  const float y = std::max(box.top, 0.0f);
  const float w = std::min(box.right - x, static_cast<float>(image_width) - x);
  const float h = std::min(box.bottom - y, static_cast<float>(image_height) - y);
  IntRect r{static_cast<int>(std::floor(x)), static_cast<int>(std::floor(y)),
            static_cast<int>(std::floor(w)), static_cast<int>(std::floor(h))};
  if (r.x >= image_width || r.y >= image_height) return {};
  r.width = std::min(r.width, image_width - r.x);
  r.height = std::min(r.height, image_height - r.y);
  return r;
}

BBox aligned_rect(const std::vector<Point>& landmarks) {
  float min_x = landmarks.front().x, max_x = landmarks.front().x;
  float min_y = landmarks.front().y, max_y = landmarks.front().y;
  for (const Point& p : landmarks) {
    min_x = std::min(min_x, p.x);
    max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y);
    max_y = std::max(max_y, p.y);
  }
  const float w = max_x - min_x, h = max_y - min_y;
  return {min_x - 0.1f * w, min_y - 0.1f * h, max_x + 0.1f * w, max_y + 0.1f * h};
}

}  // namespace facenapi::detail
