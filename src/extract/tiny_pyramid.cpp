#include "extract/tiny_pyramid.hpp"

#include <algorithm>

#include "extract/sightings.hpp"
#include "extract/tiny_face_detector.hpp"

namespace facenapi::detail {
namespace {

constexpr int kLargePhotoSide = 400;
const std::vector<int> kSecondPassSizes = {224, 416};

}  // namespace

std::vector<int> tiny_input_sizes(const RgbImage& img) {
  if (std::max(img.width, img.height) > kLargePhotoSide) return {160, 320, 608};
  return {160, 320};
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
