#include "extract/upright_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "extract/hog_detector.hpp"
#include "extract/tiny_face_detector.hpp"
#include "image/transform.hpp"

namespace facenapi::detail {
namespace {

// The face fills two thirds of the region, which the tiny detector sees at 160x160 (5x5 cells).
constexpr float kRegionScale = 1.5f;
constexpr int kInputSize = 160;
constexpr float kMinScore = 0.05f;
// Tiny's scores of upright and inverted faces overlap: only a clear difference counts.
constexpr float kTinyMargin = 0.25f;
constexpr int kHogChipSize = 100;
// HOG detections down to this margin below dlib's threshold count as a sighting; only one at or
// above dlib's own threshold (score 0.5) settles the question.
constexpr double kHogAdjust = -0.5;
constexpr float kHogSureScore = 0.5f;

float best_hog_score(const HogDetector& hog, const RgbImage& img) {
  float best = 0;
  for (const auto& d : hog.detect(img, kHogAdjust, 0)) best = std::max(best, d.score);
  return best;
}

// The best score of a detection covering the centre of the region.
float central_score(const TinyFaceDetector& detector, const RgbImage& region) {
  float best = 0;
  const float c = region.width * 0.5f;
  for (const auto& d : detector.detect(region, kInputSize, kMinScore)) {
    if (d.box.left <= c && c <= d.box.right && d.box.top <= c && c <= d.box.bottom) {
      best = std::max(best, d.score);
    }
  }
  return best;
}

}  // namespace

FaceRegion face_region(const RgbImage& photo, const BBox& box, float scale) {
  const float side = scale * std::max(box.width(), box.height());
  const int n = std::max(1, static_cast<int>(std::lround(side)));
  FaceRegion r;
  r.x = static_cast<int>(std::lround((box.left + box.right - side) / 2));
  r.y = static_cast<int>(std::lround((box.top + box.bottom - side) / 2));
  r.pixels = RgbImage(n, n);  // black
  const int x0 = std::max(0, r.x), x1 = std::min(photo.width, r.x + n);
  for (int y = std::max(0, r.y); y < std::min(photo.height, r.y + n); ++y) {
    if (x1 <= x0) break;
    std::memcpy(r.pixels.row(y - r.y) + static_cast<std::size_t>(x0 - r.x) * 3,
                photo.row(y) + static_cast<std::size_t>(x0) * 3,
                static_cast<std::size_t>(x1 - x0) * 3);
  }
  return r;
}

bool is_upside_down(const HogDetector& hog, const TinyFaceDetector& tiny, const RgbImage& chip,
                    const RgbImage& image, const BBox& box) {
  // HOG's window is 80x80: a chip shrunk to 100x100 holds the face in one or two pyramid levels,
  // which keeps the check to about a millisecond.
  const RgbImage small = resize_bilinear(chip, kHogChipSize, kHogChipSize);
  const float hog_upright = best_hog_score(hog, small);
  // A face HOG is sure of the right way up is upright (most faces): the turned chip is not
  // scanned.
  if (hog_upright >= kHogSureScore) return false;
  const float hog_inverted = best_hog_score(hog, rotate_quarter_turns(small, 2));
  if (std::max(hog_upright, hog_inverted) >= kHogSureScore) return hog_inverted > hog_upright;
  const RgbImage region = face_region(image, box, kRegionScale).pixels;
  const float upright = central_score(tiny, region);
  const float inverted = central_score(tiny, rotate_quarter_turns(region, 2));
  return inverted > upright + kTinyMargin;
}

}  // namespace facenapi::detail
