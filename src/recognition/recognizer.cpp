#include <algorithm>
#include <cmath>
#include <facenapi/error.hpp>
#include <facenapi/recognition.hpp>
#include <optional>
#include <string>
#include <utility>

#include "extract/facen_model.hpp"
#include "recognition/user_indexes.hpp"
#include "store/face_document.hpp"
#include "store/store_common.hpp"

namespace facenapi {
namespace {

// One face of a probe: its facen and, for a photo, where it is.
struct ProbeFace {
  std::optional<BBox> bbox;
  Facen facen;
};

// Error(invalid_argument) unless `facen` is a unit vector of the current model.
void validate_facen(const Facen& facen) {
  if (facen.model_id != detail::kFacenModelId) {
    throw Error(Errc::invalid_argument, "facen of model '" + facen.model_id +
                                            "' cannot be compared with this library's model '" +
                                            detail::kFacenModelId + "'");
  }
  if (facen.values.size() != static_cast<std::size_t>(detail::kFacenDimension)) {
    throw Error(Errc::invalid_argument, "facen has " + std::to_string(facen.values.size()) +
                                            " values, the model makes " +
                                            std::to_string(detail::kFacenDimension));
  }
  double norm = 0;
  for (float v : facen.values) {
    if (!std::isfinite(v)) throw Error(Errc::invalid_argument, "facen holds a non-finite value");
    norm += double{v} * v;
  }
  if (std::abs(std::sqrt(norm) - 1) > 1e-3) {
    throw Error(Errc::invalid_argument, "facen is not of unit length");
  }
}

}  // namespace

struct Recognizer::Impl {
  Impl(const Extractor& x, const Database& db, Options o)
      : extractor(x),
        options(std::move(o)),
        faces(db),
        persons(db),
        users(detail::users_collection(*db.impl_)),
        faces_collection(detail::faces_collection(*db.impl_)),
        indexes(faces_collection,
                detail::UserIndexesOptions{options.sync_interval_seconds,
                                           options.full_sync_interval_seconds, options.index_dir,
                                           options.index_save_interval_seconds}),
        galleries_collection(detail::galleries_collection(*db.impl_)) {
    options.extract.facen = true;
  }

  void require_user(UserRef user) { detail::require_user(*users, user); }

  std::vector<ProbeFace> resolve(UserRef user, const Probe& probe) {
    std::vector<ProbeFace> out;
    switch (probe.kind()) {
      case Probe::Kind::photo: {
        ExtractOptions o = options.extract;
        o.gender_age = o.emotions = o.normalized = false;
        for (auto& f : extractor.extract(probe.bytes().data(), probe.bytes().size(), o)) {
          if (f.facen) out.push_back({f.bbox, std::move(*f.facen)});
        }
        break;
      }
      case Probe::Kind::face: {
        auto face = faces.get(user, probe.face_id());
        if (!face.facen) {
          throw Error(Errc::invalid_argument,
                      "face " + std::to_string(probe.face_id()) + " has no facen");
        }
        validate_facen(*face.facen);
        out.push_back({std::nullopt, std::move(*face.facen)});
        break;
      }
      case Probe::Kind::facen:
        validate_facen(probe.facen_value());
        out.push_back({std::nullopt, probe.facen_value()});
        break;
    }
    return out;
  }

  // The user's best matches of `facen`, read back from the store; faces deleted or moved out
  // of `galleries` meanwhile are dropped and unindexed, and the search runs again (a few
  // rounds at most) so that they do not cost the caller a place among the n.
  std::vector<Match> search(const detail::Scope& scope, const Facen& facen,
                            const std::vector<std::int64_t>& galleries, float min_confidence,
                            std::size_t n) {
    const auto& calibration = FacenCalibration::of(facen.model_id);
    const auto index = indexes.index(scope.owner_id());
    detail::SearchOptions so;
    so.n = n;
    so.max_distance = calibration.max_distance(min_confidence);
    so.galleries = galleries.empty() ? nullptr : &galleries;
    constexpr int kRounds = 3;
    std::vector<Match> matches;
    for (int round = 0; round < kRounds; ++round) {
      matches.clear();
      std::size_t dropped = 0;
      const auto hits = index->search(facen.values.data(), so);
      for (const auto& hit : hits) {
        const float confidence = calibration.confidence(hit.distance);
        if (confidence < min_confidence) continue;
        if (auto face = read_back(scope, hit.id, galleries)) {
          matches.push_back({std::move(*face), hit.distance, confidence});
        } else {
          ++dropped;
        }
      }
      if (dropped == 0 || hits.size() < n) break;
    }
    return matches;
  }

  // The face `id` as stored now if it still exists and lies in `galleries` (any, when empty);
  // otherwise the index learns so and nullopt.
  std::optional<Faces::Model> read_back(const detail::Scope& scope, std::int64_t id,
                                        const std::vector<std::int64_t>& galleries) {
    const auto record = faces_collection->get(scope, id);
    if (!record) {
      indexes.remove(scope.owner_id(), id);
      return std::nullopt;
    }
    Faces::Model face = detail::face_from_record(*record);
    const bool in_galleries =
        galleries.empty() ||
        std::any_of(face.galleries.begin(), face.galleries.end(), [&](std::int64_t g) {
          return std::find(galleries.begin(), galleries.end(), g) != galleries.end();
        });
    if (in_galleries) return face;
    indexes.add(scope.owner_id(), face);  // its galleries as they are now
    return std::nullopt;
  }

  Faces::Model add_face(UserRef user, Faces::Model f, const std::vector<std::uint8_t>* photo,
                        bool assign_person) {
    std::optional<std::int64_t> new_person;
    if (assign_person && !f.person && f.facen) {
      validate_facen(*f.facen);
      const auto& calibration = FacenCalibration::of(f.facen->model_id);
      const auto best = search(detail::require_user(*users, user), *f.facen, {},
                               options.person_threshold.min_confidence(calibration), 1);
      if (!best.empty() && best.front().face.person) {
        f.person = best.front().face.person;
      } else {
        f.person = new_person = persons.create(user).id;
      }
    }
    try {
      f = photo ? faces.create(user, f, *photo) : faces.create(user, f);
    } catch (const Error&) {
      if (new_person) persons.remove(user, *new_person);  // no person without a face
      throw;
    }
    indexes.add(user.id(), f);
    return f;
  }

  const Extractor& extractor;
  Options options;
  Faces faces;
  Persons persons;
  std::shared_ptr<detail::Collection> users;
  std::shared_ptr<detail::Collection> faces_collection;
  detail::UserIndexes indexes;
  std::shared_ptr<detail::Collection> galleries_collection;
};

Recognizer::Recognizer(const Extractor& extractor, const Database& db)
    : Recognizer(extractor, db, Options{}) {}

Recognizer::Recognizer(const Extractor& extractor, const Database& db, Options options)
    : impl_(std::make_unique<Impl>(extractor, db, std::move(options))) {}

Recognizer::~Recognizer() = default;

std::vector<ExtractionFace> Recognizer::detect(const void* data, std::size_t size,
                                               bool attributes) const {
  ExtractOptions o = impl_->options.extract;
  o.facen = false;
  o.normalized = false;
  o.gender_age = o.emotions = attributes;
  return impl_->extractor.extract(data, size, o);
}

std::vector<Recognizer::Verification> Recognizer::verify(UserRef user, const Probe& a,
                                                         const Probe& b,
                                                         const Threshold& threshold) {
  impl_->require_user(user);
  const auto faces_a = impl_->resolve(user, a);
  const auto faces_b = impl_->resolve(user, b);
  std::vector<Verification> out;
  for (const auto& fa : faces_a) {
    for (const auto& fb : faces_b) {
      const auto& calibration = FacenCalibration::of(fa.facen.model_id);
      Verification v;
      v.a = fa.bbox;
      v.b = fb.bbox;
      v.distance = fa.facen.distance(fb.facen);
      v.confidence = calibration.confidence(v.distance);
      v.verified = v.confidence >= threshold.min_confidence(calibration);
      out.push_back(v);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Verification& x, const Verification& y) {
    return x.confidence > y.confidence;
  });
  return out;
}

std::vector<Recognizer::Identification> Recognizer::identify(UserRef user, const Probe& query,
                                                             const IdentifyOptions& options) {
  const auto scope = detail::require_user(*impl_->users, user);
  if (options.n < 1 || options.n > kMaxResults) {
    throw Error(Errc::invalid_argument, "n must lie in 1.." + std::to_string(kMaxResults) +
                                            ", not " + std::to_string(options.n));
  }
  for (std::int64_t g : options.galleries) {
    if (g <= 0) throw Error(Errc::invalid_argument, "gallery ids are positive");
    detail::require_owned(*impl_->galleries_collection, scope, g, "gallery");
  }
  const auto& calibration = FacenCalibration::of(detail::kFacenModelId);
  const float min_confidence = options.threshold.min_confidence(calibration);
  std::vector<Identification> out;
  for (const auto& face : impl_->resolve(user, query)) {
    out.push_back({face.bbox,
                   impl_->search(scope, face.facen, options.galleries, min_confidence, options.n)});
  }
  return out;
}

Faces::Model Recognizer::add_face(UserRef user, const Faces::Model& face, bool assign_person) {
  return impl_->add_face(user, face, nullptr, assign_person);
}

Faces::Model Recognizer::add_face(UserRef user, const Faces::Model& face,
                                  const std::vector<std::uint8_t>& photo, bool assign_person) {
  return impl_->add_face(user, face, &photo, assign_person);
}

void Recognizer::save_indexes() { impl_->indexes.save_all(); }

void Recognizer::remove_face(UserRef user, std::int64_t face_id) {
  impl_->faces.remove(user, face_id);
  impl_->indexes.remove(user.id(), face_id);
}

}  // namespace facenapi
