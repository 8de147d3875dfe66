// HogDetector: dlib's frontal face detector (HOG features + 5 linear SVMs, 80x80 window).
//
// It finds upright, roughly frontal faces (up to about +-40 degrees of yaw and +-20 of roll)
// whose box is at least about 80x80 pixels; upsampling the photo first halves that minimum
// each time (at 4x the cost). Its weights are compiled into libdlib, so it needs no file.
//
// Score: dlib reports a margin m (the SVM output minus its threshold; m >= 0 is a face at
// dlib's default threshold). We report score = 1 / (1 + exp(-kMarginScale * m)), a logistic of
// the margin, so m = 0 gives 0.5 (the same default cut as the face-api detectors) and
// m = 1 gives about 0.88. hog_margin_to_score() and hog_score_to_margin() convert both ways.
//
// Cost: building a HogDetector takes about a second (dlib deserializes the SVMs and factors
// their filters), so build one and share it. Scanning is about 10 ms for a 250x250 photo and
// 110-200 ms for a 500x375 photo upsampled once (2 cores of this project's build machine).
//
// Thread safety: a HogDetector is immutable after construction and detect() may be called from
// any number of threads at once. dlib's object_detector keeps per-image state (its feature
// pyramid) inside itself, so detect() runs on a private copy of the shared detector; that copy
// costs about 50-70 microseconds, against 15-20 ms for one 500x375 photo. Images of at most
// 256x256 pixels (the upright check's face chips, 0.7 ms a scan) are scanned by one copy each
// thread keeps instead.
#pragma once

#include <memory>
#include <vector>

#include "extract/detection.hpp"
#include "image/rgb_image.hpp"

namespace facenapi::detail {

class HogDetector {
 public:
  static constexpr double kMarginScale = 2.0;
  static constexpr int kMaxUpsample = 4;

  // Builds the detector from the weights compiled into dlib.
  HogDetector();
  ~HogDetector();
  HogDetector(HogDetector&&) noexcept;
  HogDetector& operator=(HogDetector&&) noexcept;
  HogDetector(const HogDetector&) = delete;
  HogDetector& operator=(const HogDetector&) = delete;

  // Finds faces in img. adjust_threshold is added to dlib's threshold on the margin (0 is
  // dlib's default; negative finds more faces and more false ones). upsample doubles the
  // image that many times before scanning (0..kMaxUpsample), so smaller faces are found.
  // Returns the faces strongest first, boxes in img's pixel coordinates, after dlib's
  // non-maximum suppression. An empty image has no faces.
  // Throws Error(invalid_argument) if upsample is outside 0..kMaxUpsample.
  std::vector<Detection> detect(const RgbImage& img, double adjust_threshold = 0.0,
                                int upsample = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The detection score reported for a dlib margin, and back (score in (0, 1)).
float hog_margin_to_score(double margin) noexcept;
double hog_score_to_margin(float score) noexcept;

}  // namespace facenapi::detail
