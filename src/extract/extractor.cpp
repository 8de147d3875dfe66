#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <facenapi/error.hpp>
#include <facenapi/extractor.hpp>
#include <memory>
#include <mutex>
#include <optional>

#include "common/sha256.hpp"
#include "extract/age_gender_net.hpp"
#include "extract/dlib_landmarks.hpp"
#include "extract/expression_net.hpp"
#include "extract/face_chip.hpp"
#include "extract/face_crops.hpp"
#include "extract/facen_model.hpp"
#include "extract/facen_net.hpp"
#include "extract/feature_extractor.hpp"
#include "extract/hog_detector.hpp"
#include "extract/landmark_net.hpp"
#include "extract/model_paths.hpp"
#include "extract/pose.hpp"
#include "extract/rotation.hpp"
#include "extract/sharpness.hpp"
#include "extract/sightings.hpp"
#include "extract/ssd_mobilenet_detector.hpp"
#include "extract/tiny_face_detector.hpp"
#include "extract/tiny_pyramid.hpp"
#include "extract/upright_check.hpp"
#include "image/decode.hpp"
#include "image/png_encode.hpp"
#include "image/transform.hpp"

namespace facenapi {
namespace {

using detail::Detection;
using detail::RgbImage;

constexpr int kChipSize = 150;
constexpr double kChipPadding = 0.25;
// dlib's HOG window is 80x80: one doubling finds faces down to about 40 px.
constexpr int kHogUpsample = 1;
// An upside-down face's landmarks are found in a region this many times its box, turned.
constexpr float kUpsideDownRegionScale = 2.0f;

// Milliseconds since the last lap.
class Stopwatch {
 public:
  double lap_ms() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// A face and the image in which it is upright: the photo, the photo turned by quarter turns
// (rotated search) or a region turned by 180 degrees (an upside-down face). The attribute nets
// are run on the upright image; everything reported is in the photo's coordinates.
struct Candidate {
  float score = 0;
  BBox box;
  std::vector<Point> landmarks;
  std::shared_ptr<const RgbImage> upright;
  std::vector<Point> landmarks_upright;
  RgbImage chip;  // the aligned 150x150 chip
};

void validate(const ExtractOptions& o) {
  if (!(o.min_confidence <= 1.0f)) {  // also NaN
    throw Error(Errc::invalid_argument,
                fmt::format("min_confidence {} must be at most 1", o.min_confidence));
  }
  for (int size : o.tiny_input_sizes) {
    if (size < 32 || size > 2048 || size % 32 != 0) {
      throw Error(Errc::invalid_argument,
                  fmt::format("tiny input size {} must be a multiple of 32 in [32, 2048]", size));
    }
  }
  if (!(o.min_face_size >= 0.0f) || !std::isfinite(o.min_face_size)) {
    throw Error(Errc::invalid_argument,
                fmt::format("min_face_size {} must be a finite number >= 0", o.min_face_size));
  }
}

std::vector<float> unit_length(const detail::FacenNet::Descriptor& a,
                               const detail::FacenNet::Descriptor& b) {
  std::vector<float> v(a.size());
  double norm = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    v[i] = a[i] + b[i];
    norm += static_cast<double>(v[i]) * v[i];
  }
  const float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
  for (float& x : v) x *= inv;
  return v;
}

}  // namespace

struct Extractor::Impl {
  ModelPaths paths;
  detail::TinyFaceDetector tiny;
  detail::SsdMobilenetDetector ssd;
  detail::HogDetector hog;
  detail::LandmarkNet landmarks68;
  detail::LandmarkNet landmarks68_tiny;
  detail::FacenNet facen;
  detail::AgeGenderNet age_gender;
  detail::ExpressionNet expression;

  // dlib's shape predictor is 100 MB: loaded on first use only.
  mutable std::once_flag shape_predictor_once;
  mutable std::unique_ptr<detail::DlibShapePredictor> shape_predictor;
  mutable std::exception_ptr shape_predictor_error;

  explicit Impl(const ModelPaths& p)
      : paths(detail::resolve_model_paths(p)),
        tiny(detail::TinyFaceDetector::load(paths.model_dir)),
        ssd(detail::SsdMobilenetDetector::load(paths.model_dir)),
        landmarks68(detail::LandmarkNet::load(paths.model_dir, false)),
        landmarks68_tiny(detail::LandmarkNet::load(paths.model_dir, true)),
        facen(detail::FacenNet::load(paths.model_dir)),
        age_gender(detail::AgeGenderNet::load(paths.model_dir)),
        expression(detail::ExpressionNet::load(paths.model_dir)) {}

  const detail::DlibShapePredictor& dlib_predictor() const {
    std::call_once(shape_predictor_once, [&] {
      try {
        shape_predictor = std::make_unique<detail::DlibShapePredictor>(paths.dlib_shape_predictor);
      } catch (...) {
        shape_predictor_error = std::current_exception();
      }
    });
    if (shape_predictor_error) std::rethrow_exception(shape_predictor_error);
    return *shape_predictor;
  }

  std::vector<Detection> detect(const RgbImage& img, const ExtractOptions& o) const {
    switch (o.detector) {
      case Detector::tiny: {
        auto found = detail::detect_tiny_pyramid(
            tiny, img, o.min_confidence < 0 ? 0.5f : o.min_confidence, o.tiny_input_sizes);
        if (found.empty() && o.hog_fallback) found = hog.detect(img, 0.0, 0);
        return found;
      }
      case Detector::ssd:
        return ssd.detect(img, o.min_confidence < 0 ? 0.5f : o.min_confidence, 100);
      case Detector::hog:
        return hog.detect(
            img, o.min_confidence < 0 ? 0.0 : detail::hog_score_to_margin(o.min_confidence),
            kHogUpsample);
    }
    throw Error(Errc::invalid_argument, "unknown detector");
  }

  // 68 points in `img` coordinates, or empty when the face's crop is empty.
  std::vector<Point> locate_landmarks(const RgbImage& img, const BBox& box,
                                      const ExtractOptions& o) const {
    if (o.landmarker == Landmarker::dlib68) return dlib_predictor().predict(img, box);
    const detail::IntRect r = detail::clip_floor(box, img.width, img.height);
    if (r.empty()) return {};
    const RgbImage face = detail::crop(img, r.x, r.y, r.width, r.height);
    const auto& net = o.landmarker == Landmarker::faceapi68_tiny ? landmarks68_tiny : landmarks68;
    std::vector<Point> points;
    for (const auto& p : net.detect(face).points) {
      points.push_back({p.x + static_cast<float>(r.x), p.y + static_cast<float>(r.y)});
    }
    return points;
  }

  // The face of detection `d` in `img` (the photo turned by `turns` quarter turns).
  std::optional<Candidate> locate(const std::shared_ptr<const RgbImage>& img, int turns,
                                  const Detection& d, const RgbImage& photo,
                                  const ExtractOptions& o) const {
    Candidate c;
    c.score = d.score;
    c.box = detail::unrotate_box(d.box, turns, photo.width, photo.height);
    auto to_photo = [&](Point p) {
      return detail::unrotate_point(p, turns, photo.width, photo.height);
    };
    c.upright = img;
    c.landmarks_upright = locate_landmarks(*img, d.box, o);
    if (c.landmarks_upright.empty()) return std::nullopt;
    for (const Point& p : c.landmarks_upright) c.landmarks.push_back(to_photo(p));
    c.chip = detail::extract_face_chip(photo, c.landmarks, kChipSize, kChipPadding);
    if (o.upright_check && detail::is_upside_down(hog, tiny, c.chip, *img, d.box)) {
      // Landmarks of an upside-down face are found in the region around it turned by 180
      // degrees, where the face is upright.
      detail::FaceRegion region = detail::face_region(*img, d.box, kUpsideDownRegionScale);
      const int n = region.pixels.width;
      c.upright = std::make_shared<const RgbImage>(detail::rotate_quarter_turns(region.pixels, 2));
      const BBox local{d.box.left - region.x, d.box.top - region.y, d.box.right - region.x,
                       d.box.bottom - region.y};
      c.landmarks_upright = locate_landmarks(*c.upright, detail::unrotate_box(local, 2, n, n), o);
      if (c.landmarks_upright.empty()) return std::nullopt;
      c.landmarks.clear();
      for (const Point& p : c.landmarks_upright) {
        const Point q = detail::unrotate_point(p, 2, n, n);
        c.landmarks.push_back(to_photo({q.x + region.x, q.y + region.y}));
      }
      c.chip = detail::extract_face_chip(photo, c.landmarks, kChipSize, kChipPadding);
    }
    return c;
  }

  std::vector<Candidate> find_faces(const std::shared_ptr<const RgbImage>& photo,
                                    const ExtractOptions& o, ExtractTimings& t) const {
    std::vector<Candidate> all;
    const int turns = o.rotated_search ? 4 : 1;
    Stopwatch clock;
    for (int k = 0; k < turns; ++k) {
      const auto img =
          k == 0 ? photo
                 : std::make_shared<const RgbImage>(detail::rotate_quarter_turns(*photo, k));
      const std::vector<Detection> detections = detect(*img, o);
      t.detect_ms += clock.lap_ms();
      for (const Detection& d : detections) {
        if (std::min(d.box.width(), d.box.height()) < o.min_face_size) continue;
        if (auto c = locate(img, k, d, *photo, o)) all.push_back(std::move(*c));
      }
      t.landmarks_ms += clock.lap_ms();
    }
    if (turns == 1) return all;
    // The same face seen in several turned copies: keep the most confident sighting.
    std::stable_sort(all.begin(), all.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<Candidate> kept;
    for (auto& c : all) {
      if (std::none_of(kept.begin(), kept.end(),
                       [&](const Candidate& k) { return detail::same_face(k.box, c.box); })) {
        kept.push_back(std::move(c));
      }
    }
    return kept;
  }

  // The unit-length facen of each face: dlib's input scaling (/256), the mirror image's
  // descriptor averaged in. All chips and mirrors go through the network as one batch.
  std::vector<std::vector<float>> facens(const std::vector<Candidate>& found) const {
    std::vector<RgbImage> chips;
    for (const Candidate& c : found) {
      chips.push_back(c.chip);
      chips.push_back(detail::flip_horizontal(c.chip));
    }
    const auto d = facen.describe_batch(chips, 256.0f);
    std::vector<std::vector<float>> out;
    for (std::size_t i = 0; i < found.size(); ++i)
      out.push_back(unit_length(d[2 * i], d[2 * i + 1]));
    return out;
  }

  // Everything but the facen.
  ExtractionFace describe(const Candidate& c, const ExtractOptions& o, ExtractTimings& t) const {
    Stopwatch clock;
    ExtractionFace face;
    face.bbox = c.box;
    face.detection_score = c.score;
    face.landmarks = c.landmarks;
    face.pose = detail::estimate_pose(c.landmarks);
    const RgbImage& chip = c.chip;
    face.score = quality_score(face.pose, detail::laplacian_variance(chip));
    if (o.normalized) face.normalized = detail::encode_png(chip);
    t.align_ms += clock.lap_ms();
    if (o.gender_age || o.emotions) {
      // The attribute nets were trained on face-api's aligned rect, cut from the image in which
      // the face is upright.
      const RgbImage& upright = *c.upright;
      const detail::IntRect r = detail::clip_floor(detail::aligned_rect(c.landmarks_upright),
                                                   upright.width, upright.height);
      const detail::nn::Tensor input =
          detail::FaceNetInput112::from_crop(detail::crop(upright, r.x, r.y, r.width, r.height));
      if (o.gender_age) {
        const auto ag = age_gender.predict_input(input);
        face.age = ag.age;
        face.gender = ag.male > 0.5f ? Gender::male : Gender::female;
        face.gender_probability = std::max(ag.male, 1.0f - ag.male);
      }
      if (o.emotions) {
        Emotions e;
        e.probabilities = expression.predict_input(input);
        face.emotions = e;
      }
      t.attributes_ms += clock.lap_ms();
    }
    return face;
  }
};

Extractor::Extractor(const ModelPaths& paths) {
  try {
    impl_ = std::make_unique<Impl>(paths);
  } catch (const Error& e) {
    if (e.errc() != Errc::model_error) throw;
    throw Error(Errc::model_error,
                fmt::format("{} (scripts/fetch_models.sh puts the models in place; "
                            "FACENAPI_MODEL_DIR or ModelPaths::model_dir point elsewhere)",
                            e.what()));
  }
}
Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

std::vector<ExtractionFace> Extractor::extract(const void* data, std::size_t size,
                                               const ExtractOptions& options,
                                               ExtractTimings* timings) const {
  if (data == nullptr && size > 0) throw Error(Errc::invalid_argument, "photo data is null");
  validate(options);
  Stopwatch clock;
  ExtractTimings t;
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  const auto photo =
      std::make_shared<const RgbImage>(detail::decode_image(bytes, size, options.limits));
  const std::string photo_hash = detail::sha256_hex(bytes, size);
  t.decode_ms = clock.lap_ms();

  std::vector<Candidate> found = impl_->find_faces(photo, options, t);

  if (options.mf_selector == MultiFaceSelector::reject && found.size() > 1) {
    throw Error(Errc::too_many_faces,
                fmt::format("the photo holds {} faces and the selector rejects more than one",
                            found.size()));
  }
  if (options.mf_selector == MultiFaceSelector::biggest && found.size() > 1) {
    const auto biggest =
        std::max_element(found.begin(), found.end(), [](const auto& a, const auto& b) {
          return a.box.width() * a.box.height() < b.box.width() * b.box.height();
        });
    found = {std::move(*biggest)};
  }

  std::vector<ExtractionFace> faces;
  faces.reserve(found.size());
  for (const Candidate& c : found) {
    faces.push_back(impl_->describe(c, options, t));
    faces.back().photo_hash = photo_hash;
  }
  if (options.facen && !found.empty()) {
    Stopwatch facen_clock;
    auto facens = impl_->facens(found);
    for (std::size_t i = 0; i < faces.size(); ++i) {
      faces[i].facen = Facen{detail::kFacenModelId, std::move(facens[i])};
    }
    t.facen_ms += facen_clock.lap_ms();
  }
  if (timings) {
    t.total_ms = t.decode_ms + clock.lap_ms();
    *timings = t;
  }
  return faces;
}

}  // namespace facenapi
