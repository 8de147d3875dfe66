#include "extract/tiny_pyramid.hpp"

#include <algorithm>

#include "extract/nms.hpp"
#include "extract/tiny_face_detector.hpp"

namespace facenapi::detail {
namespace {

constexpr float kSameFaceIou = 0.4f;
constexpr int kLargePhotoSide = 400;
const std::vector<int> kSecondPassSizes = {224, 416};

bool holds_centre(const BBox& outer, const BBox& inner) {
  const float cx = (inner.left + inner.right) / 2, cy = (inner.top + inner.bottom) / 2;
  return cx >= outer.left && cx <= outer.right && cy >= outer.top && cy <= outer.bottom;
}

bool same_face(const BBox& a, const BBox& b) {
  const NmsBox na{a.left, a.top, a.right, a.bottom}, nb{b.left, b.top, b.right, b.bottom};
  return iou(na, nb) > kSameFaceIou || (holds_centre(a, b) && holds_centre(b, a));
}

}  // namespace

std::vector<int> tiny_input_sizes(const RgbImage& img) {
  if (std::max(img.width, img.height) > kLargePhotoSide) return {160, 320, 608};
  return {160, 320};
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

std::vector<Detection> detect_tiny_pyramid(const TinyFaceDetector& detector, const RgbImage& img,
                                           float score_threshold, const std::vector<int>& sizes) {
  std::vector<Detection> all;
  auto run = [&](const std::vector<int>& at) {
    for (int size : at) {
      const auto found = detector.detect(img, size, score_threshold);
      all.insert(all.end(), found.begin(), found.end());
    }
  };
  run(sizes.empty() ? tiny_input_sizes(img) : sizes);
  if (all.empty() && sizes.empty()) run(kSecondPassSizes);
  return merge_sightings(std::move(all));
}

}  // namespace facenapi::detail
