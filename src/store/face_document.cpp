#include "store/face_document.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <facenapi/error.hpp>

#include "store/store_common.hpp"

namespace facenapi::detail {
namespace {

constexpr std::size_t kMaxModelIdBytes = 128;

Error corrupt() { return Error(Errc::internal, "a stored face is malformed"); }

}  // namespace

void validate_facen(const Facen& facen) {
  if (facen.model_id.empty() || facen.model_id.size() > kMaxModelIdBytes) {
    throw Error(Errc::invalid_argument, "a facen needs a model id of 1 to 128 bytes");
  }
  if (facen.values.empty() || facen.values.size() > Faces::kMaxFacenDimension) {
    throw Error(Errc::invalid_argument, "a facen must have 1 to 4096 values");
  }
  double norm2 = 0;
  for (float v : facen.values) {
    if (!std::isfinite(v)) throw Error(Errc::invalid_argument, "a facen value is not finite");
    norm2 += static_cast<double>(v) * v;
  }
  if (std::fabs(std::sqrt(norm2) - 1.0) > 1e-3) {
    throw Error(Errc::invalid_argument, "a facen must have unit length");
  }
}

Document face_to_document(const Faces::Model& face) {
  Document doc = Document::object();
  doc["bbox"] = {{"left", face.bbox.left},
                 {"top", face.bbox.top},
                 {"right", face.bbox.right},
                 {"bottom", face.bbox.bottom}};
  if (face.facen) {
    validate_facen(*face.facen);
    std::vector<std::uint8_t> bytes(face.facen->values.size() * 4);
    std::memcpy(bytes.data(), face.facen->values.data(), bytes.size());  // little-endian x86-64
    doc["facen"] = {{"model", face.facen->model_id}, {"values", make_binary(std::move(bytes))}};
  }
  if (face.gender) doc["gender"] = to_string(*face.gender);
  if (face.age) doc["age"] = *face.age;
  if (!face.emotions.empty()) {
    Document emotions = Document::array();
    for (const auto& [name, p] : face.emotions) emotions.push_back(Document::array({name, p}));
    doc["emotions"] = std::move(emotions);
  }
  doc["normalized"] = make_binary(face.normalized);
  doc["score"] = face.score;
  if (face.timestamp.empty()) {
    doc["timestamp"] = now_iso8601();
  } else {
    const auto t = normalize_iso8601(face.timestamp);
    if (!t) throw Error(Errc::invalid_argument, "a face's timestamp is not ISO 8601 UTC");
    doc["timestamp"] = *t;
  }
  doc["photo"] = face.photo;
  doc["photo_hash"] = face.photo_hash;
  doc["thumbnail"] = face.thumbnail;
  doc["meta"] = face.meta;
  doc["galleries"] = galleries_document(face.galleries);
  if (face.person) doc["person"] = *face.person;
  if (face.camera) doc["camera"] = *face.camera;
  doc["rev"] = 0;
  return doc;
}

std::vector<std::int64_t> stored_galleries(const Document& face) {
  std::vector<std::int64_t> out;
  const auto it = face.find("galleries");
  if (it == face.end() || !it->is_array()) return out;
  for (const auto& g : *it) {
    if (g.is_number_integer()) out.push_back(g.get<std::int64_t>());
  }
  return out;
}

std::optional<Facen> stored_facen(const Document& face) {
  const auto it = face.find("facen");
  if (it == face.end()) return std::nullopt;
  try {
    const auto& bytes = it->at("values").get_binary();
    if (bytes.size() % 4 != 0) throw corrupt();
    Facen facen;
    facen.model_id = it->at("model").get<std::string>();
    facen.values.resize(bytes.size() / 4);
    std::memcpy(facen.values.data(), bytes.data(), bytes.size());  // little-endian x86-64
    return facen;
  } catch (const nlohmann::json::exception&) {
    throw corrupt();
  }
}

Faces::Model face_from_record(const Record& record) {
  const Document& d = record.body;
  if (!d.is_object() || !d.contains("bbox") || !d["bbox"].is_object()) throw corrupt();
  try {
    Faces::Model m;
    m.id = record.id;
    const auto& b = d["bbox"];
    m.bbox = BBox{b.at("left").get<float>(), b.at("top").get<float>(), b.at("right").get<float>(),
                  b.at("bottom").get<float>()};
    m.facen = stored_facen(d);
    if (d.contains("gender")) {
      m.gender = d["gender"].get<std::string>() == "female" ? Gender::female : Gender::male;
    }
    if (d.contains("age")) m.age = d["age"].get<float>();
    if (d.contains("emotions")) {
      for (const auto& e : d["emotions"]) {
        m.emotions.emplace_back(e.at(0).get<std::string>(), e.at(1).get<float>());
      }
    }
    if (d.contains("normalized")) {
      const auto& n = d["normalized"].get_binary();
      m.normalized.assign(n.begin(), n.end());
    }
    m.score = d.value("score", 0.0f);
    m.timestamp = d.value("timestamp", "");
    m.photo = d.value("photo", "");
    m.photo_hash = d.value("photo_hash", "");
    m.thumbnail = d.value("thumbnail", "");
    m.meta = d.value("meta", "");
    m.galleries = stored_galleries(d);
    if (d.contains("person")) m.person = d["person"].get<std::int64_t>();
    if (d.contains("camera")) m.camera = d["camera"].get<std::int64_t>();
    return m;
  } catch (const nlohmann::json::exception&) {
    throw corrupt();
  }
}

Document galleries_document(std::vector<std::int64_t> ids) {
  for (auto g : ids) {
    if (g <= 0) throw Error(Errc::invalid_argument, "a gallery id must be > 0");
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  Document out = Document::array();
  for (auto id : ids) out.push_back(id);
  return out;
}

bool compare_and_set_galleries(
    Collection& faces, const Scope& scope, const Record& face,
    const std::function<std::vector<std::int64_t>(std::vector<std::int64_t>)>& change) {
  Update update;
  update.set["galleries"] = galleries_document(change(stored_galleries(face.body)));
  return compare_and_set_face(faces, scope, face, std::move(update));
}

bool compare_and_set_face(Collection& faces, const Scope& scope, const Record& face,
                          Update update) {
  const std::int64_t rev = face.body.value("rev", std::int64_t{0});
  update.set["rev"] = rev + 1;
  return faces.update(scope, Filter().id_in({face.id}).eq("rev", rev), update) == 1;
}

std::int64_t reassign_faces(Collection& faces, const Scope& scope, const std::string& field,
                            std::int64_t from, std::optional<std::int64_t> to) {
  constexpr std::size_t kBatch = 500;
  std::int64_t changed = 0;
  for (;;) {
    const auto batch = faces.find(scope, Filter().eq(field, from), {kBatch});
    if (batch.empty()) return changed;
    for (const auto& face : batch) {
      Update update;
      if (to) {
        update.set[field] = *to;
      } else {
        update.unset = {field};
      }
      changed += compare_and_set_face(faces, scope, face, std::move(update));
    }
  }
}

}  // namespace facenapi::detail
