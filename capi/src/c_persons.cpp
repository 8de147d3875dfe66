// facenapi_db_persons_*: a user's persons (facenapi::Persons).
#include <nlohmann/json.hpp>

#include "c_internal.hpp"

using namespace facenapi::capi;
using facenapi::Persons;

namespace {

std::string person_json(const Persons::Model& p) {
  return nlohmann::json{{"id", p.id}, {"name", p.name}, {"meta", p.meta}, {"created", p.created}}
      .dump();
}

}  // namespace

extern "C" {

int facenapi_db_persons_create(int64_t* person_id, char** json, facenapi_context_t* ctx,
                               int64_t user_id, const char* name, const char* meta) {
  return guard([&] {
    require(person_id != nullptr, "person_id is NULL");
    *person_id = 0;
    if (json) *json = nullptr;
    auto& s = stores(ctx);
    const auto p =
        s.persons.create(user_id, optional_utf8(name, "name"), optional_utf8(meta, "meta"));
    if (json) set_text(json, person_json(p));
    *person_id = p.id;
    return FACENAPI_OK;
  });
}

int facenapi_db_persons_get(char** json, facenapi_context_t* ctx, int64_t user_id,
                            int64_t person_id) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    set_text(json, person_json(stores(ctx).persons.get(user_id, person_id)));
    return FACENAPI_OK;
  });
}

int facenapi_db_persons_list(char** json, facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    std::string out = "[";
    for (const auto& p : stores(ctx).persons.list(user_id)) {
      if (out.size() > 1) out += ',';
      out += person_json(p);
    }
    set_text(json, out + "]");
    return FACENAPI_OK;
  });
}

int facenapi_db_persons_update(char** json, facenapi_context_t* ctx, int64_t user_id,
                               int64_t person_id, const char* name, const char* meta) {
  return guard([&] {
    if (json) *json = nullptr;
    auto& s = stores(ctx);
    Persons::Changes c;
    if (name) c.name = require_utf8(name, "name");
    if (meta) c.meta = require_utf8(meta, "meta");
    const auto p = s.persons.update(user_id, person_id, c);
    if (json) set_text(json, person_json(p));
    return FACENAPI_OK;
  });
}

int facenapi_db_persons_delete(facenapi_context_t* ctx, int64_t user_id, int64_t person_id) {
  return guard([&] {
    stores(ctx).persons.remove(user_id, person_id);
    return FACENAPI_OK;
  });
}

int facenapi_db_persons_faces(char** json, facenapi_context_t* ctx, int64_t user_id,
                              int64_t person_id, size_t limit, int64_t after) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    auto& s = stores(ctx);
    const auto page = s.persons.faces(user_id, person_id, limit, after);
    const auto count = s.persons.count_faces(user_id, person_id);
    auto out = page_json(page, false);
    out.pop_back();  // the closing brace
    set_text(json, out + ",\"count\":" + std::to_string(count) + "}");
    return FACENAPI_OK;
  });
}

int facenapi_db_persons_merge(char** json, facenapi_context_t* ctx, int64_t user_id, int64_t into,
                              int64_t from) {
  return guard([&] {
    if (json) *json = nullptr;
    const auto p = stores(ctx).persons.merge(user_id, into, from);
    if (json) set_text(json, person_json(p));
    return FACENAPI_OK;
  });
}

}  // extern "C"
