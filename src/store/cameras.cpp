// Cameras: a user's video sources. A face names its camera in its "camera" field; deleting a
// camera clears that field face by face (compare-and-set on "rev").
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>

#include "store/face_document.hpp"
#include "store/store_common.hpp"
#include "store/user_store.hpp"

namespace facenapi {
namespace {

using detail::Document;
using detail::Filter;

struct CameraCodec {
  using Model = Cameras::Model;
  static constexpr const char* kNotFound = "no such camera";
  static Model to_model(const detail::Record& r) {
    Model m;
    m.id = r.id;
    m.name = r.body.value("name", "");
    m.stream_url = r.body.value("stream_url", "");
    m.active = r.body.value("active", true);
    m.meta = r.body.value("meta", "");
    m.created = r.body.value("created", "");
    return m;
  }
};
using Store = detail::UserStore<CameraCodec>;

Error no_camera() { return Error(Errc::not_found, CameraCodec::kNotFound); }
Error name_taken() { return Error(Errc::already_exists, "a camera of that name already exists"); }

}  // namespace

Cameras::Cameras(const Database& db)
    : db_(db.impl_),
      users_(detail::users_collection(*db_)),
      cameras_(detail::cameras_collection(*db_)),
      faces_(detail::faces_collection(*db_)) {}

Cameras::Model Cameras::create(UserRef user, const Model& camera) {
  const auto scope = detail::require_user(*users_, user);
  detail::validate_name(camera.name, kMaxNameBytes, "a camera name");
  detail::validate_text(camera.stream_url, kMaxStreamUrlBytes, "a stream URL");
  Document doc = Document::object();
  doc["name"] = camera.name;
  doc["stream_url"] = camera.stream_url;
  doc["active"] = camera.active;
  doc["meta"] = camera.meta;
  doc["created"] = detail::now_iso8601();
  const auto id = detail::insert_unique(*cameras_, scope, "name", camera.name, doc, "a camera");
  return CameraCodec::to_model(detail::Record{id, doc});
}

Cameras::Model Cameras::get(UserRef user, std::int64_t id) {
  return Store(users_, cameras_).get(user, id);
}

Cameras::Model Cameras::get(UserRef user, std::string_view name) {
  return Store(users_, cameras_).get_by_name(user, name);
}

std::vector<Cameras::Model> Cameras::list(UserRef user) {
  return Store(users_, cameras_).list(user);
}

Cameras::Model Cameras::update(UserRef user, std::int64_t id, const Changes& changes) {
  const auto scope = detail::require_user(*users_, user);
  if (changes.name) detail::validate_name(*changes.name, kMaxNameBytes, "a camera name");
  if (changes.stream_url) {
    detail::validate_text(*changes.stream_url, kMaxStreamUrlBytes, "a stream URL");
  }
  auto before = id > 0 ? cameras_->get(scope, id) : std::nullopt;
  if (!before) throw no_camera();
  const auto others_named = [&](const std::string& name) {
    for (const auto& r : cameras_->find(scope, Filter().eq("name", name), {2})) {
      if (r.id != id) return true;
    }
    return false;
  };
  const bool rename = changes.name && *changes.name != before->body.value("name", "");
  if (rename && others_named(*changes.name)) throw name_taken();
  detail::Update update;
  if (changes.name) update.set["name"] = *changes.name;
  if (changes.stream_url) update.set["stream_url"] = *changes.stream_url;
  if (changes.active) update.set["active"] = *changes.active;
  if (changes.meta) update.set["meta"] = *changes.meta;
  if (!update.set.empty() && cameras_->update(scope, id, update) == 0) throw no_camera();
  // As insert_unique: a rename that now sees another camera of its name takes its old name back
  // (only if nothing renamed it since), so of racing renames at most one keeps the name.
  if (rename && others_named(*changes.name)) {
    detail::Update back;
    back.set["name"] = before->body["name"];
    cameras_->update(scope, Filter().id_in({id}).eq("name", *changes.name), back);
    throw name_taken();
  }
  const auto r = cameras_->get(scope, id);
  if (!r) throw no_camera();  // deleted meanwhile
  return CameraCodec::to_model(*r);
}

void Cameras::remove(UserRef user, std::int64_t id) {
  const auto scope = Store(users_, cameras_).remove(user, id);
  // The camera is gone first, so no face can be given it any more; then its faces lose it.
  detail::reassign_faces(*faces_, scope, "camera", id, std::nullopt);
}

}  // namespace facenapi
