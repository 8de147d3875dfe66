// Faces::Model: made from an extraction, shown as the reference's face object.
#include <facenapi/store.hpp>
#include <nlohmann/json.hpp>

#include "common/base64.hpp"

namespace facenapi {

Faces::Model Faces::Model::from_extraction_face(const ExtractionFace& face) {
  Model m;
  m.bbox = face.bbox;
  m.facen = face.facen;
  m.gender = face.gender;
  m.age = face.age;
  if (face.emotions) m.emotions = face.emotions->top(2);
  m.normalized = face.normalized;
  m.score = face.score;
  m.photo_hash = face.photo_hash;
  return m;
}

std::string Faces::Model::to_json(bool include_normalized) const {
  nlohmann::ordered_json j;
  j["id"] = id;
  j["bbox"] = {
      {"left", bbox.left}, {"top", bbox.top}, {"right", bbox.right}, {"bottom", bbox.bottom}};
  if (facen) {
    j["facen"] = facen->to_base64();
    j["facen_model"] = facen->model_id;
  }
  if (gender) j["gender"] = facenapi::to_string(*gender);
  if (age) j["age"] = *age;
  if (!emotions.empty()) {
    auto names = nlohmann::ordered_json::array();
    for (const auto& e : emotions) names.push_back(e.first);
    j["emotions"] = std::move(names);
  }
  if (include_normalized) {
    j["normalized"] = detail::base64_encode(normalized.data(), normalized.size());
  }
  j["score"] = score;
  if (!timestamp.empty()) j["timestamp"] = timestamp;
  if (!photo.empty()) j["photo"] = photo;
  j["photo_hash"] = photo_hash;
  if (!thumbnail.empty()) j["thumbnail"] = thumbnail;
  if (!meta.empty()) j["meta"] = meta;
  j["galleries"] = galleries;
  if (person) j["person"] = *person;
  if (camera) j["camera"] = *camera;
  // Replace, not throw: a meta string is any bytes the caller stored.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace facenapi
