// facenapi_db_galleries_*: a user's galleries (facenapi::Galleries).
#include <nlohmann/json.hpp>

#include "c_internal.hpp"

using namespace facenapi::capi;

namespace {

nlohmann::json gallery_json(const facenapi::Galleries::Model& g) {
  return {{"id", g.id}, {"name", g.name}, {"created", g.created}};
}

}  // namespace

extern "C" {

int facenapi_db_galleries_create(int64_t* gallery_id, facenapi_context_t* ctx, int64_t user_id,
                                 const char* name) {
  return guard([&] {
    require(gallery_id != nullptr, "gallery_id is NULL");
    *gallery_id = 0;
    auto& s = stores(ctx);
    *gallery_id = s.galleries.create(user_id, require_utf8(name, "name")).id;
    return FACENAPI_OK;
  });
}

int facenapi_db_galleries_list(char** json, facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    auto list = nlohmann::json::array();
    for (const auto& g : stores(ctx).galleries.list(user_id)) list.push_back(gallery_json(g));
    set_text(json, list.dump());
    return FACENAPI_OK;
  });
}

int facenapi_db_galleries_get(char** json, facenapi_context_t* ctx, int64_t user_id,
                              int64_t gallery_id) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    set_text(json, gallery_json(stores(ctx).galleries.get(user_id, gallery_id)).dump());
    return FACENAPI_OK;
  });
}

int facenapi_db_galleries_delete(facenapi_context_t* ctx, int64_t user_id, int64_t gallery_id) {
  return guard([&] {
    stores(ctx).galleries.remove(user_id, gallery_id);
    return FACENAPI_OK;
  });
}

}  // extern "C"
