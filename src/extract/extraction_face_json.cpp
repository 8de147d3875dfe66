#include <facenapi/extraction_face.hpp>

#include <nlohmann/json.hpp>

#include "common/base64.hpp"

namespace facenapi {

std::string to_json(const ExtractionFace& face, bool include_normalized) {
  using nlohmann::json;
  json j;
  j["bbox"] = {{"left", face.bbox.left},
               {"top", face.bbox.top},
               {"right", face.bbox.right},
               {"bottom", face.bbox.bottom}};
  j["detection_score"] = face.detection_score;
  if (face.facen) {
    j["facen"] = face.facen->to_base64();
    j["facen_model"] = face.facen->model_id;
  }
  if (face.gender) {
    j["gender"] = to_string(*face.gender);
    j["gender_probability"] = face.gender_probability;
  }
  if (face.age) j["age"] = *face.age;
  if (face.emotions) {
    json emotions = json::object();
    for (std::size_t i = 0; i < Emotions::kCount; ++i) {
      emotions[Emotions::kNames[i]] = face.emotions->probabilities[i];
    }
    j["emotions"] = emotions;
  }
  j["score"] = face.score;
  j["pose"] = {{"yaw", face.pose.yaw}, {"pitch", face.pose.pitch}, {"roll", face.pose.roll}};
  json landmarks = json::array();
  for (const Point& p : face.landmarks) landmarks.push_back({p.x, p.y});
  j["landmarks"] = landmarks;
  j["photo_hash"] = face.photo_hash;
  if (include_normalized) {
    j["normalized"] = detail::base64_encode(face.normalized.data(), face.normalized.size());
  }
  return j.dump();
}

}  // namespace facenapi
