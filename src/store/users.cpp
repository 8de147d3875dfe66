// Users: accounts, password hashes and API token digests (both in unowned collections).
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>

#include "store/media/media_store.hpp"
#include "store/secrets.hpp"
#include "store/store_common.hpp"

namespace facenapi {
namespace {

using detail::Collection;
using detail::Document;
using detail::Filter;
using detail::Scope;

const Scope kUnowned = Scope::unowned();

Users::Model to_model(const detail::Record& r) {
  Users::Model m;
  m.id = r.id;
  m.name = r.body.value("name", "");
  m.disabled = r.body.value("disabled", false);
  m.has_password = r.body.contains("password");
  m.created = r.body.value("created", "");
  return m;
}

void validate_password(std::string_view password) {
  if (password.size() < Users::kMinPasswordBytes || password.size() > Users::kMaxPasswordBytes) {
    throw Error(Errc::invalid_argument, "a password must be " +
                                            std::to_string(Users::kMinPasswordBytes) + " to " +
                                            std::to_string(Users::kMaxPasswordBytes) + " bytes");
  }
}

detail::Record get_record(Collection& users, std::int64_t id) {
  auto r = id > 0 ? users.get(kUnowned, id) : std::nullopt;
  if (!r) throw Error(Errc::not_found, "no such user");
  return std::move(*r);
}

Error unauthenticated() { return Error(Errc::unauthenticated, "authentication failed"); }

}  // namespace

Users::Users(const Database& db)
    : db_(db.impl_),
      media_(db.media_),
      users_(detail::users_collection(*db_)),
      tokens_(detail::tokens_collection(*db_)) {}

Users::Created Users::create(std::string_view name, std::string_view password) {
  detail::validate_name(name, kMaxNameBytes, "a user name");
  Document doc = Document::object();
  doc["name"] = std::string(name);
  doc["disabled"] = false;
  doc["created"] = detail::now_iso8601();
  if (!password.empty()) {
    validate_password(password);
    doc["password"] = detail::hash_password(password, kPasswordIterations);
  }
  const std::int64_t id =
      detail::insert_unique(*users_, kUnowned, "name", std::string(name), doc, "a user");
  Created out;
  out.user = to_model(detail::Record{id, doc});
  out.token = add_token(id);
  return out;
}

Users::Model Users::get(std::int64_t id) { return to_model(get_record(*users_, id)); }

Users::Model Users::get(std::string_view name) {
  const bool impossible = name.empty() || name.find('\0') != std::string_view::npos;
  const auto found =
      impossible ? std::vector<detail::Record>{}
                 : users_->find(kUnowned, Filter().eq("name", name), detail::FindOptions{1});
  if (found.empty()) throw Error(Errc::not_found, "no such user");
  return to_model(found.front());
}

std::vector<Users::Model> Users::list() {
  std::vector<Model> out;
  for (const auto& r : users_->find(kUnowned, Filter())) out.push_back(to_model(r));
  return out;
}

void Users::disable(std::int64_t id) {
  get_record(*users_, id);
  users_->update(kUnowned, id, detail::Update{{{"disabled", true}}, {}});
}

void Users::enable(std::int64_t id) {
  get_record(*users_, id);
  users_->update(kUnowned, id, detail::Update{{{"disabled", false}}, {}});
}

void Users::set_password(std::int64_t id, std::string_view password) {
  get_record(*users_, id);
  detail::Update update;
  if (password.empty()) {
    update.unset = {"password"};
  } else {
    validate_password(password);
    update.set["password"] = detail::hash_password(password, kPasswordIterations);
  }
  users_->update(kUnowned, id, update);
}

void Users::remove(std::int64_t id) {
  get_record(*users_, id);
  // The user first: from here on nothing authenticates as it, then its secrets and data.
  users_->remove(kUnowned, Filter().id_in({id}));
  tokens_->remove(kUnowned, Filter().eq("user", id));
  const Scope scope = Scope::owner(id);
  detail::faces_collection(*db_)->remove(scope, Filter());
  detail::galleries_collection(*db_)->remove(scope, Filter());
  detail::persons_collection(*db_)->remove(scope, Filter());
  detail::cameras_collection(*db_)->remove(scope, Filter());
  media_->remove_owner(id);
}

Users::Token Users::add_token(std::int64_t user_id) {
  get_record(*users_, user_id);
  Token token;
  token.secret = detail::make_token_secret();
  Document doc = Document::object();
  doc["user"] = user_id;
  doc["digest"] = detail::token_digest(token.secret);
  doc["created"] = detail::now_iso8601();
  token.id = tokens_->insert(kUnowned, doc);
  return token;
}

void Users::revoke_token(std::int64_t user_id, std::int64_t token_id) {
  if (token_id <= 0 ||
      tokens_->remove(kUnowned, Filter().id_in({token_id}).eq("user", user_id)) == 0) {
    throw Error(Errc::not_found, "the user has no such token");
  }
}

std::vector<std::int64_t> Users::token_ids(std::int64_t user_id) {
  get_record(*users_, user_id);
  std::vector<std::int64_t> ids;
  for (const auto& r : tokens_->find(kUnowned, Filter().eq("user", user_id))) ids.push_back(r.id);
  return ids;
}

Users::Model Users::authenticate(std::string_view token_secret) {
  const std::string digest = detail::token_digest(token_secret);
  if (digest.empty()) throw unauthenticated();
  const auto found = tokens_->find(kUnowned, Filter().eq("digest", digest), detail::FindOptions{1});
  if (found.empty() || !detail::equal_secret(found.front().body.value("digest", ""), digest)) {
    throw unauthenticated();
  }
  const auto user_id = found.front().body.value("user", std::int64_t{0});
  const auto user = user_id > 0 ? users_->get(kUnowned, user_id) : std::nullopt;
  if (!user || user->body.value("disabled", false)) throw unauthenticated();
  return to_model(*user);
}

Users::Model Users::authenticate(std::string_view name, std::string_view password) {
  const bool impossible =
      name.empty() || name.size() > kMaxNameBytes || name.find('\0') != std::string_view::npos;
  const auto found =
      impossible ? std::vector<detail::Record>{}
                 : users_->find(kUnowned, Filter().eq("name", name), detail::FindOptions{1});
  if (found.empty() || !found.front().body.contains("password")) {
    detail::burn_password_time(password, kPasswordIterations);  // no timing hint of which
    throw unauthenticated();
  }
  const auto& user = found.front();
  if (!detail::verify_password(user.body["password"], password) ||
      user.body.value("disabled", false)) {
    throw unauthenticated();
  }
  return to_model(user);
}

}  // namespace facenapi
