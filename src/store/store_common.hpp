// What the store classes (users.cpp, galleries.cpp, faces.cpp) share: their collections, the
// user check every UserStore call starts with, unique names, and ISO 8601 times.
#pragma once

#include <cstdint>
#include <facenapi/store.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/collection.hpp"

namespace facenapi::detail {

// The collections, each created (with its indexes) on first use.
std::shared_ptr<Collection> users_collection(Database& db);      // unowned: {name, disabled, ...}
std::shared_ptr<Collection> tokens_collection(Database& db);     // unowned: {user, digest, ...}
std::shared_ptr<Collection> galleries_collection(Database& db);  // owned: {name, created}
std::shared_ptr<Collection> faces_collection(Database& db);      // owned: see face_document.hpp
std::shared_ptr<Collection> persons_collection(Database& db);    // owned: {name, meta, created}
std::shared_ptr<Collection> cameras_collection(Database& db);    // owned: {name, stream_url, ...}

// The Scope of `user` after checking, in the database, that the user exists and is enabled;
// Error(unauthenticated) otherwise. Every Galleries and Faces method calls it first.
Scope require_user(Collection& users, UserRef user);

// Error(invalid_argument) if `id` <= 0, Error(not_found) ("no such <what>") unless `collection`
// holds document `id` in `scope`.
void require_owned(Collection& collection, const Scope& scope, std::int64_t id,
                   std::string_view what);

// Inserts `doc` into `collection` unless another document in `scope` already has `field` ==
// `value` (Error(already_exists), with `what` in the message). Collections have no unique
// indexes, so the check runs again after the insert, and an insert that then sees another
// document of that name removes itself: of racing creators at most one succeeds (when all of
// them back off at once they retry after a random pause; a caller that loses a race gets
// already_exists).
std::int64_t insert_unique(Collection& collection, const Scope& scope, const std::string& field,
                           const std::string& value, const Document& doc, std::string_view what);

// Error(invalid_argument) unless `text` is at most max_bytes bytes without ASCII control
// characters (an empty text is fine).
void validate_text(std::string_view text, std::size_t max_bytes, std::string_view what);

// Error(invalid_argument) unless `name` is 1..max_bytes bytes without ASCII control characters
// (UTF-8 validity is checked when the document is stored).
void validate_name(std::string_view name, std::size_t max_bytes, std::string_view what);

// Now as "YYYY-MM-DDTHH:MM:SS.ffffffZ".
std::string now_iso8601();
// `text` ("YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z", or with +00:00) rewritten in now_iso8601()'s
// fixed-width form, so that stored times order correctly as text; nullopt if malformed.
std::optional<std::string> normalize_iso8601(std::string_view text);

}  // namespace facenapi::detail
