// facenapi_db_cameras_*: a user's cameras (facenapi::Cameras).
#include <nlohmann/json.hpp>

#include "c_internal.hpp"

using namespace facenapi::capi;
using facenapi::Cameras;

namespace {

std::string camera_json(const Cameras::Model& c) {
  return nlohmann::json{{"id", c.id},         {"name", c.name}, {"stream_url", c.stream_url},
                        {"active", c.active}, {"meta", c.meta}, {"created", c.created}}
      .dump();
}

const facenapi_camera_fields_t& checked(const facenapi_camera_fields_t* fields) {
  require(fields != nullptr, "fields is NULL");
  require(fields->version >= 1 && fields->version <= FACENAPI_CAMERA_FIELDS_VERSION,
          "unsupported facenapi_camera_fields_t version (use FACENAPI_CAMERA_FIELDS_INIT)");
  return *fields;
}

}  // namespace

extern "C" {

int facenapi_db_cameras_create(int64_t* camera_id, char** json, facenapi_context_t* ctx,
                               int64_t user_id, const facenapi_camera_fields_t* fields) {
  return guard([&] {
    require(camera_id != nullptr, "camera_id is NULL");
    *camera_id = 0;
    if (json) *json = nullptr;
    auto& s = stores(ctx);
    const auto& f = checked(fields);
    Cameras::Model m;
    m.name = require_utf8(f.name, "name");
    m.stream_url = optional_utf8(f.stream_url, "stream_url");
    m.active = f.active != 0;
    m.meta = optional_utf8(f.meta, "meta");
    m = s.cameras.create(user_id, m);
    if (json) set_text(json, camera_json(m));
    *camera_id = m.id;
    return FACENAPI_OK;
  });
}

int facenapi_db_cameras_get(char** json, facenapi_context_t* ctx, int64_t user_id,
                            int64_t camera_id) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    set_text(json, camera_json(stores(ctx).cameras.get(user_id, camera_id)));
    return FACENAPI_OK;
  });
}

int facenapi_db_cameras_list(char** json, facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    std::string out = "[";
    for (const auto& c : stores(ctx).cameras.list(user_id)) {
      if (out.size() > 1) out += ',';
      out += camera_json(c);
    }
    set_text(json, out + "]");
    return FACENAPI_OK;
  });
}

int facenapi_db_cameras_update(char** json, facenapi_context_t* ctx, int64_t user_id,
                               int64_t camera_id, const facenapi_camera_fields_t* fields) {
  return guard([&] {
    if (json) *json = nullptr;
    auto& s = stores(ctx);
    const auto& f = checked(fields);
    Cameras::Changes c;
    if (f.name) c.name = require_utf8(f.name, "name");
    if (f.stream_url) c.stream_url = require_utf8(f.stream_url, "stream_url");
    if (f.active >= 0) c.active = f.active != 0;
    if (f.meta) c.meta = require_utf8(f.meta, "meta");
    const auto m = s.cameras.update(user_id, camera_id, c);
    if (json) set_text(json, camera_json(m));
    return FACENAPI_OK;
  });
}

int facenapi_db_cameras_delete(facenapi_context_t* ctx, int64_t user_id, int64_t camera_id) {
  return guard([&] {
    stores(ctx).cameras.remove(user_id, camera_id);
    return FACENAPI_OK;
  });
}

}  // extern "C"
