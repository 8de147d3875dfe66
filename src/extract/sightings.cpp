#include "extract/sightings.hpp"

#include <algorithm>

#include "extract/nms.hpp"

namespace facenapi::detail {
namespace {

constexpr double kSameFaceIou = 0.4;

bool holds_centre(const BBox& outer, const BBox& inner) {
  const float cx = (inner.left + inner.right) / 2, cy = (inner.top + inner.bottom) / 2;
  return cx >= outer.left && cx <= outer.right && cy >= outer.top && cy <= outer.bottom;
}

}  // namespace

bool same_face(const BBox& a, const BBox& b) {
  const NmsBox na{a.left, a.top, a.right, a.bottom}, nb{b.left, b.top, b.right, b.bottom};
  return iou(na, nb) > kSameFaceIou || holds_centre(a, b) || holds_centre(b, a);
}

std::vector<Detection> merge_sightings(std::vector<Detection> detections) {
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  std::vector<Detection> kept;
  for (const Detection& d : detections) {
    if (std::none_of(kept.begin(), kept.end(),
                     [&](const Detection& k) { return same_face(k.box, d.box); })) {
      kept.push_back(d);
    }
  }
  return kept;
}

}  // namespace facenapi::detail
