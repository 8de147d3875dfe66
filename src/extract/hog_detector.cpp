#include "extract/hog_detector.hpp"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms/image_pyramid.h>
#include <dlib/image_transforms/interpolation.h>

#include <algorithm>
#include <cmath>
#include <facenapi/error.hpp>
#include <memory>
#include <string>

#include "extract/dlib_rgb_image.hpp"

namespace facenapi::detail {
namespace {

// Images up to this many pixels are scanned by the thread's kept detector.
constexpr long kKeptDetectorMaxPixels = 256 * 256;

}  // namespace

struct HogDetector::Impl {
  dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
};

HogDetector::HogDetector() : impl_(std::make_unique<Impl>()) {}
HogDetector::~HogDetector() = default;
HogDetector::HogDetector(HogDetector&&) noexcept = default;
HogDetector& HogDetector::operator=(HogDetector&&) noexcept = default;

std::vector<Detection> HogDetector::detect(const RgbImage& img, double adjust_threshold,
                                           int upsample) const {
  if (upsample < 0 || upsample > kMaxUpsample) {
    throw Error(Errc::invalid_argument, "HOG upsample must be in 0.." +
                                            std::to_string(kMaxUpsample) + ", got " +
                                            std::to_string(upsample));
  }
  std::vector<Detection> out;
  if (img.empty()) return out;

  // object_detector::operator() is not const: it loads the image into its scanner. A private
  // copy keeps the shared detector untouched (see the header for the cost). Small images (the
  // upright check scans a 100x100 chip of every face) use a copy kept by the thread instead:
  // every HogDetector holds the same detector (dlib's compiled-in weights), and a small image's
  // feature pyramid is not worth freeing.
  thread_local std::unique_ptr<dlib::frontal_face_detector> kept;
  const bool small =
      upsample == 0 && static_cast<long>(img.width) * img.height <= kKeptDetectorMaxPixels;
  std::unique_ptr<dlib::frontal_face_detector> own;
  if (small && !kept) kept = std::make_unique<dlib::frontal_face_detector>(impl_->detector);
  if (!small) own = std::make_unique<dlib::frontal_face_detector>(impl_->detector);
  dlib::frontal_face_detector& detector = small ? *kept : *own;
  std::vector<dlib::rect_detection> dets;
  dlib::pyramid_down<2> pyr;
  if (upsample == 0) {
    detector(img, dets, adjust_threshold);
  } else {
    dlib::array2d<dlib::rgb_pixel> big;
    dlib::pyramid_up(img, big, pyr);
    for (int i = 1; i < upsample; ++i) dlib::pyramid_up(big, pyr);
    detector(big, dets, adjust_threshold);
  }

  out.reserve(dets.size());
  for (const auto& d : dets) {
    // dlib rectangles are inclusive; as continuous pixel edges the box ends at right + 1.
    dlib::drectangle r(d.rect.left(), d.rect.top(), d.rect.right() + 1.0, d.rect.bottom() + 1.0);
    if (upsample > 0) r = pyr.rect_down(r, static_cast<unsigned int>(upsample));
    Detection det;
    det.box = BBox{static_cast<float>(r.left()), static_cast<float>(r.top()),
                   static_cast<float>(r.right()), static_cast<float>(r.bottom())};
    det.score = hog_margin_to_score(d.detection_confidence);
    out.push_back(det);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  return out;
}

float hog_margin_to_score(double margin) noexcept {
  return static_cast<float>(1.0 / (1.0 + std::exp(-HogDetector::kMarginScale * margin)));
}

double hog_score_to_margin(float score) noexcept {
  const double s = std::clamp(static_cast<double>(score), 1e-12, 1.0 - 1e-12);
  return std::log(s / (1.0 - s)) / HogDetector::kMarginScale;
}

}  // namespace facenapi::detail
