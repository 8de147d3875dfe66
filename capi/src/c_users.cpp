// facenapi_db_users_*: users, passwords and API tokens (facenapi::Users).
#include <cstring>
#include <nlohmann/json.hpp>

#include "c_internal.hpp"

using namespace facenapi::capi;

namespace {

std::string user_json(const facenapi::Users::Model& u) {
  return nlohmann::json{{"id", u.id},
                        {"name", u.name},
                        {"disabled", u.disabled},
                        {"has_password", u.has_password},
                        {"created", u.created}}
      .dump();
}

// Token outputs are checked before anything is written to the database.
void require_token_buffer(const int64_t* token_id, const char* token, size_t capacity) {
  require(token_id != nullptr, "token_id is NULL");
  require(token != nullptr, "token is NULL");
  if (capacity < FACENAPI_TOKEN_SIZE) {
    throw facenapi::Error(facenapi::Errc::buffer_too_small,
                          "the token buffer holds fewer than FACENAPI_TOKEN_SIZE (65) bytes");
  }
}

void write_token(int64_t* token_id, char* token, const facenapi::Users::Token& t) {
  *token_id = t.id;
  std::memcpy(token, t.secret.c_str(), t.secret.size() + 1);
}

}  // namespace

extern "C" {

int facenapi_db_users_create(int64_t* user_id, int64_t* token_id, char* token, size_t capacity,
                             facenapi_context_t* ctx, const char* name, const char* password) {
  return guard([&] {
    require(user_id != nullptr, "user_id is NULL");
    *user_id = 0;
    require_token_buffer(token_id, token, capacity);
    *token_id = 0;
    auto& s = stores(ctx);
    const auto created =
        s.users.create(require_utf8(name, "name"), optional_utf8(password, "password"));
    *user_id = created.user.id;
    write_token(token_id, token, created.token);
    return FACENAPI_OK;
  });
}

int facenapi_db_users_get(char** json, facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    set_text(json, user_json(stores(ctx).users.get(user_id)));
    return FACENAPI_OK;
  });
}

int facenapi_db_users_get_by_name(char** json, facenapi_context_t* ctx, const char* name) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    auto& s = stores(ctx);
    set_text(json, user_json(s.users.get(std::string_view(require_utf8(name, "name")))));
    return FACENAPI_OK;
  });
}

int facenapi_db_users_authenticate_token(int64_t* user_id, facenapi_context_t* ctx,
                                         const char* token) {
  return guard([&] {
    require(user_id != nullptr, "user_id is NULL");
    *user_id = 0;
    auto& s = stores(ctx);
    *user_id = s.users.authenticate(require_utf8(token, "token")).id;
    return FACENAPI_OK;
  });
}

int facenapi_db_users_authenticate_password(int64_t* user_id, facenapi_context_t* ctx,
                                            const char* name, const char* password) {
  return guard([&] {
    require(user_id != nullptr, "user_id is NULL");
    *user_id = 0;
    auto& s = stores(ctx);
    *user_id =
        s.users.authenticate(require_utf8(name, "name"), require_utf8(password, "password")).id;
    return FACENAPI_OK;
  });
}

int facenapi_db_users_disable(facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    stores(ctx).users.disable(user_id);
    return FACENAPI_OK;
  });
}

int facenapi_db_users_enable(facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    stores(ctx).users.enable(user_id);
    return FACENAPI_OK;
  });
}

int facenapi_db_users_set_password(facenapi_context_t* ctx, int64_t user_id, const char* password) {
  return guard([&] {
    auto& s = stores(ctx);
    s.users.set_password(user_id, optional_utf8(password, "password"));
    return FACENAPI_OK;
  });
}

int facenapi_db_users_delete(facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    stores(ctx).users.remove(user_id);
    return FACENAPI_OK;
  });
}

int facenapi_db_users_add_token(int64_t* token_id, char* token, size_t capacity,
                                facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    require_token_buffer(token_id, token, capacity);
    *token_id = 0;
    write_token(token_id, token, stores(ctx).users.add_token(user_id));
    return FACENAPI_OK;
  });
}

int facenapi_db_users_revoke_token(facenapi_context_t* ctx, int64_t user_id, int64_t token_id) {
  return guard([&] {
    stores(ctx).users.revoke_token(user_id, token_id);
    return FACENAPI_OK;
  });
}

int facenapi_db_users_token_ids(int64_t* out, size_t capacity, size_t* needed,
                                facenapi_context_t* ctx, int64_t user_id) {
  return guard([&] {
    require(needed != nullptr, "needed is NULL");
    *needed = 0;
    const auto ids = stores(ctx).users.token_ids(user_id);
    return copy_out(out, capacity, needed, ids.data(), ids.size(), sizeof(int64_t));
  });
}

}  // extern "C"
