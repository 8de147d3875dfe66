// ExtractionFace: everything facenapi extracts about one face in a photo.
//
// This is the record Extractor::extract() returns, one per face, with the fields of the
// FindFace facenapi ExtractionFace (bbox, normalized, facen, gender, age, emotions, score,
// photo_hash) plus the detector confidence, the 68 landmarks and the head pose they imply.
// Records are plain values: copyable, movable, no references into the Extractor.
#pragma once

#include <facenapi/export.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace facenapi {

// A face's bounding box in the original photo's pixel coordinates (after EXIF orientation).
// right > left and bottom > top; the box may reach past the photo's edges, so any coordinate
// may be negative or larger than the photo.
struct BBox {
  float left = 0, top = 0, right = 0, bottom = 0;
  float width() const noexcept { return right - left; }
  float height() const noexcept { return bottom - top; }
};

struct Point {
  float x = 0, y = 0;
};

// Head pose in degrees, estimated from the landmarks. yaw > 0: the face turns to the photo's
// right; pitch > 0: the face looks up; roll: the angle of the line through the eyes against the
// horizontal, in (-180, 180], so an upside-down face has |roll| near 180.
struct Pose {
  float yaw = 0, pitch = 0, roll = 0;
};

enum class Gender { male, female };
FACENAPI_API const char* to_string(Gender g) noexcept;  // "male" or "female"

// The 7 emotion probabilities of the expression network; they sum to 1.
struct Emotions {
  static constexpr std::size_t kCount = 7;
  // Names in the network's output order.
  static constexpr std::array<const char*, kCount> kNames = {
      "neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised"};
  std::array<float, kCount> probabilities{};

  // The n most probable emotions, most probable first (ties keep the network's order).
  // n is clamped to kCount. The face object keeps top(2), as the FindFace reference does.
  FACENAPI_API std::vector<std::pair<std::string, float>> top(std::size_t n) const;
};

// A face feature vector ("facen"). Two facens are comparable only when their model_id is
// equal; the Euclidean distance between unit vectors is in [0, 2], and a distance below the
// model's threshold (kFacenMatchThreshold for the current model) means "same person".
struct Facen {
  std::string model_id;       // which network and alignment made it, e.g. "dlib-resnet29-u8/chip150-v1"
  std::vector<float> values;  // unit length

  // Base64 (RFC 4648, with padding) of the values as little-endian IEEE-754 float32.
  FACENAPI_API std::string to_base64() const;
  // Parses to_base64()'s output. Throws Error(invalid_argument) on bad base64, a length that
  // is not 4*dimension bytes, or non-finite values.
  FACENAPI_API static Facen from_base64(std::string_view base64, std::string model_id,
                                        std::size_t dimension = 128);
  // Euclidean distance. Throws Error(invalid_argument) if the model ids or sizes differ.
  FACENAPI_API float distance(const Facen& other) const;
};

struct ExtractionFace {
  BBox bbox;                      // where the face is in the original photo
  float detection_score = 0;      // detector confidence in [0, 1] (HOG: a squashed margin)
  std::vector<Point> landmarks;   // 68 points, iBUG-300W order, in the original photo's pixels
  Pose pose;                      // from the landmarks (see Pose)
  std::vector<std::uint8_t> normalized;  // the aligned 150x150 face chip, PNG bytes
  std::optional<Facen> facen;            // absent when ExtractOptions::facen is false
  std::optional<Gender> gender;          // absent when ExtractOptions::gender_age is false
  float gender_probability = 0;          // probability of `gender`, in [0.5, 1]
  std::optional<float> age;              // years; absent when ExtractOptions::gender_age is false
  std::optional<Emotions> emotions;      // absent when ExtractOptions::emotions is false
  // Face quality: about 0 (slightly negative) for a sharp, upright, frontal face; falls as yaw,
  // pitch, roll and blur grow; -5 and lower for inverted faces and large angles. The formula is
  // documented at quality_score() in extractor.hpp.
  float score = 0;
  std::string photo_hash;  // SHA-256 of the photo's original bytes, 64 lowercase hex digits
};

// JSON for one face with the reference field names: bbox {left, top, right, bottom}, facen
// (base64), gender, age, emotions (all 7 probabilities), score, photo_hash, plus
// detection_score, landmarks, pose and facen_model. `normalized` (base64 PNG) only when asked.
FACENAPI_API std::string to_json(const ExtractionFace& face, bool include_normalized = false);

}  // namespace facenapi
