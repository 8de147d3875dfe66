// Recognition: detect, verify (1:1), identify (1:N in a user's galleries) and persons, on top of
// the Extractor, the store and a facen index kept in memory.
//
//   facenapi::Extractor extractor;
//   facenapi::Database db("faces.db");
//   facenapi::Recognizer recognizer(extractor, db);
//   auto face = recognizer.add_face(me, facenapi::Faces::Model::from_extraction_face(x));
//   auto found = recognizer.identify(me, facenapi::Probe::photo(bytes),
//                                    {{staff.id}, facenapi::ThresholdPreset::medium, 5});
//
// Confidence. A distance between two facens becomes a confidence in [0, 1]: the probability that
// the two faces are the same person, fitted on every pair of LFW photos with equal weight for
// same-person and different-person pairs (FacenCalibration; docs/recognition.md has the table).
// A threshold is a minimum confidence: a number in [0, 1] or a preset:
//   strict  the confidence at which 1 in 10,000 different-person pairs of LFW passes (FAR 1e-4)
//   medium  FAR 1e-3
//   low     the threshold of best accuracy on LFW's View-2 protocol
//   none    everything (confidence >= 0)
// Each facen model brings its own calibration; a model without one cannot be searched.
//
// The index. A Recognizer keeps one facen index per user in memory, built from the store on the
// user's first query (reading only each face's id, facen and galleries) and then kept current
// in place, never rebuilt:
//   - faces added or removed through this Recognizer are in (out of) the index when the call
//     returns;
//   - faces created by anyone else (another Recognizer, a Faces object, another process) are
//     found by queries that start Options::sync_interval_seconds after the create returned
//     (default 1 s): a query first reads the user's faces with ids above the highest it has
//     seen;
//   - a face deleted elsewhere, or taken out of a gallery elsewhere, is never returned: every
//     match is read back from the store before it is returned, and dropped (and unindexed) when
//     it no longer exists or no longer lies in the galleries asked for;
//   - a background thread reconciles each user's index with the store every
//     Options::full_sync_interval_seconds (default 60 s, counted from the end of the previous
//     pass): it reads only (id, galleries) of the user's faces and applies the differences in
//     place (removes faces no longer stored, corrects gallery lists, adds faces it lacks) while
//     searches go on. So a face deleted, put into or taken out of a gallery elsewhere is out of
//     the index, or searched under its new galleries, at most full_sync_interval_seconds plus
//     two reconciliation passes (of every user this Recognizer has indexed, one after another)
//     after the change. The same bound holds for a face created elsewhere whose insert became
//     visible only after a face with a higher id was read (MongoDB allocates ids before the
//     insert, so concurrent inserts may appear out of order; SQLite never does).
//
// Saved indexes (Options::index_dir, off by default). Each user's index is saved to
// "<index_dir>/user-<id>.facenidx" (written to a temporary file, then renamed) after a
// reconciliation at most every Options::index_save_interval_seconds, by save_indexes(), and by
// the destructor. The user's first query then loads the file instead of reading every face:
// it reads only the faces with ids above the highest the file had read, and a reconciliation
// runs at once in the background (deletes and gallery changes made while no Recognizer ran are
// applied there; until then matches are read back from the store as always). A file that is
// damaged, truncated, of another user or of another facen model is ignored and the index built
// from the store; never a crash. One index_dir serves one database (several processes on that
// database may share it); it is a cache: deleting it only costs the next open a full read.
//
// Thread safety: all methods may be called from any number of threads at once. A Recognizer
// holds references to its Extractor and Database: both must outlive it. It runs one background
// thread (the reconciliations), stopped by its destructor.
//
// Errors (facenapi::Error): invalid_argument (a facen of another model or length, a NaN value,
// a threshold outside [0, 1], an unknown preset name, n outside 1..kMaxResults, a gallery id
// <= 0), not_found (a face id or gallery the user does not have), unauthenticated (as every
// store call), and the Extractor's errors for photos.
#pragma once

#include <cstddef>
#include <cstdint>
#include <facenapi/export.hpp>
#include <facenapi/extraction_face.hpp>
#include <facenapi/extractor.hpp>
#include <facenapi/store.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace facenapi {

enum class ThresholdPreset { strict, medium, low, none };
// "strict", "medium", "low" or "none".
FACENAPI_API const char* to_string(ThresholdPreset preset) noexcept;

// The calibration of one facen model: distance to confidence, and the presets' thresholds.
struct FACENAPI_API FacenCalibration {
  struct Row {
    ThresholdPreset preset;
    float distance;    // pairs at this distance or closer pass
    float confidence;  // confidence(distance)
    double far;        // LFW different-person pairs that pass
    double tar;        // LFW same-person pairs that pass
  };
  std::string model_id;
  // confidence(d) = 1 / (1 + exp(scale * (d - midpoint)))
  float scale = 0;
  float midpoint = 0;
  std::vector<Row> rows;  // strict, medium, low (none: every distance passes)

  // In [0, 1], decreasing with the distance; 0 for NaN.
  float confidence(float distance) const noexcept;
  // The largest distance whose confidence is at least `confidence` (2, the largest distance
  // between unit vectors, for 0).
  float max_distance(float confidence) const noexcept;
  // The minimum confidence of a preset.
  float preset_confidence(ThresholdPreset preset) const noexcept;

  // The calibration of `model_id`. Error(invalid_argument) if facenapi has none for it.
  static const FacenCalibration& of(std::string_view model_id);
};

// A minimum confidence: a preset or a number in [0, 1]. Default: medium.
class FACENAPI_API Threshold {
 public:
  Threshold() noexcept = default;
  Threshold(ThresholdPreset preset) noexcept : preset_(preset) {}  // NOLINT: implicit on purpose
  // Error(invalid_argument) unless 0 <= value <= 1.
  static Threshold confidence(float value);
  // "strict", "medium", "low", "none" or a number in [0, 1] ("0.8"). Error(invalid_argument)
  // for anything else.
  static Threshold parse(std::string_view text);

  std::optional<ThresholdPreset> preset() const noexcept { return preset_; }
  // The minimum confidence under `calibration`.
  float min_confidence(const FacenCalibration& calibration) const noexcept;

 private:
  std::optional<ThresholdPreset> preset_ = ThresholdPreset::medium;
  float value_ = 0;
};

// What verify() and identify() compare: every face of a photo, one stored face of the user, or
// a facen.
class FACENAPI_API Probe {
 public:
  enum class Kind { photo, face, facen };
  static Probe photo(std::vector<std::uint8_t> bytes);
  static Probe photo(const void* data, std::size_t size);  // copies the bytes
  static Probe face(std::int64_t face_id);
  static Probe facen(Facen facen);

  Kind kind() const noexcept { return kind_; }
  const std::vector<std::uint8_t>& bytes() const noexcept { return bytes_; }
  std::int64_t face_id() const noexcept { return face_id_; }
  const Facen& facen_value() const noexcept { return facen_; }

 private:
  Probe() = default;
  Kind kind_ = Kind::face;
  std::vector<std::uint8_t> bytes_;
  std::int64_t face_id_ = 0;
  Facen facen_;
};

class FACENAPI_API Recognizer {
 public:
  struct Options {
    // How photos are extracted for detect, verify, identify. facen is forced on for verify
    // and identify.
    ExtractOptions extract;
    // add_face(assign_person = true): the confidence a best match needs to lend its person.
    Threshold person_threshold = ThresholdPreset::medium;
    // See "The index" above. Error(invalid_argument) from the constructor unless
    // sync_interval_seconds >= 0 and full_sync_interval_seconds > 0 (both finite).
    double sync_interval_seconds = 1.0;
    double full_sync_interval_seconds = 60.0;
    // A folder for the users' indexes (see "Saved indexes" above); empty (the default): none.
    // Created if missing; Error(io_error) from the constructor if it cannot be.
    std::string index_dir;
    // With index_dir: an index is saved after a reconciliation when its last save is at least
    // this old (and always by the destructor). >= 0, else Error(invalid_argument).
    double index_save_interval_seconds = 600.0;
  };

  // One face of a verify(): the faces compared (their bbox when the probe is a photo), their
  // distance and confidence, and whether the confidence reaches the threshold.
  struct Verification {
    std::optional<BBox> a;
    std::optional<BBox> b;
    float distance = 0;
    float confidence = 0;
    bool verified = false;
  };

  struct Match {
    Faces::Model face;  // as stored now
    float distance = 0;
    float confidence = 0;
  };
  // The answer for one face of the query: its bbox when the query is a photo, and up to n
  // matches, best first.
  struct Identification {
    std::optional<BBox> bbox;
    std::vector<Match> matches;
  };
  struct IdentifyOptions {
    std::vector<std::int64_t> galleries;  // empty: all of the user's faces
    Threshold threshold;
    std::size_t n = 1;
  };
  static constexpr std::size_t kMaxResults = 1000;

  Recognizer(const Extractor& extractor, const Database& db);
  Recognizer(const Extractor& extractor, const Database& db, Options options);
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  // The faces of a photo with bbox, landmarks, pose and score; with attributes also gender,
  // age and emotions. No facen, no user needed.
  std::vector<ExtractionFace> detect(const void* data, std::size_t size,
                                     bool attributes = false) const;

  // Compares a and b. A photo stands for each of its faces; every pair of a face of a with a
  // face of b is answered, most confident first (empty when a photo holds no face). Face ids
  // are the user's.
  std::vector<Verification> verify(UserRef user, const Probe& a, const Probe& b,
                                   const Threshold& threshold = {});

  // Up to n of the user's faces in `galleries` (all of the user's faces when empty) whose
  // confidence reaches the threshold, best first, for each face of the query (one
  // Identification per face of a photo, in the Extractor's order; one for a face id or facen).
  std::vector<Identification> identify(UserRef user, const Probe& query,
                                       const IdentifyOptions& options);

  // Stores `face` (Faces::create) and indexes it. With assign_person, a face without a person
  // takes the person of its best match among the user's faces whose confidence reaches
  // Options::person_threshold, or else a new person (Persons::create).
  Faces::Model add_face(UserRef user, const Faces::Model& face, bool assign_person = false);
  // The same, keeping the photo the face was found in and its thumbnail in the media store
  // (Faces::create with a photo).
  Faces::Model add_face(UserRef user, const Faces::Model& face,
                        const std::vector<std::uint8_t>& photo, bool assign_person = false);
  // Deletes the user's face (Faces::remove) and unindexes it.
  void remove_face(UserRef user, std::int64_t face_id);

  // Saves every user's index built so far into Options::index_dir now (nothing without one).
  // Error(io_error) when a file cannot be written.
  void save_indexes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The answers as JSON, in the shape the CLI prints and the C API returns:
//   verify:   {"verified": any pair verified, "results": [{"a", "b" (bbox or null), "distance",
//             "confidence", "verified"}, ...]}
//   identify: [{"bbox" (or null), "matches": [face object (Faces::Model::to_json()) plus
//             "confidence" and "distance", ...]}, ...]
FACENAPI_API std::string to_json(const std::vector<Recognizer::Verification>& verifications);
FACENAPI_API std::string to_json(const std::vector<Recognizer::Identification>& identifications);

}  // namespace facenapi
