// The JSON form of verify() and identify() answers (include/facenapi/recognition.hpp).
#include <facenapi/recognition.hpp>
#include <nlohmann/json.hpp>

namespace facenapi {
namespace {

using Json = nlohmann::ordered_json;

Json bbox_json(const std::optional<BBox>& b) {
  if (!b) return nullptr;
  return Json{{"left", b->left}, {"top", b->top}, {"right", b->right}, {"bottom", b->bottom}};
}

}  // namespace

std::string to_json(const std::vector<Recognizer::Verification>& verifications) {
  Json results = Json::array();
  bool verified = false;
  for (const auto& v : verifications) {
    results.push_back({{"a", bbox_json(v.a)},
                       {"b", bbox_json(v.b)},
                       {"distance", v.distance},
                       {"confidence", v.confidence},
                       {"verified", v.verified}});
    verified = verified || v.verified;
  }
  return Json{{"verified", verified}, {"results", results}}.dump();
}

std::string to_json(const std::vector<Recognizer::Identification>& identifications) {
  Json out = Json::array();
  for (const auto& found : identifications) {
    Json matches = Json::array();
    for (const auto& m : found.matches) {
      Json j = Json::parse(m.face.to_json());
      j["confidence"] = m.confidence;
      j["distance"] = m.distance;
      matches.push_back(std::move(j));
    }
    out.push_back({{"bbox", bbox_json(found.bbox)}, {"matches", std::move(matches)}});
  }
  return out.dump();
}

}  // namespace facenapi
