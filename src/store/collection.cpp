#include "store/collection.hpp"

#include <algorithm>
#include <facenapi/error.hpp>

namespace facenapi::detail {
namespace {

constexpr std::size_t kMaxCollectionName = 48;

void validate_update(const Update& update) {
  if (!update.set.is_object()) {
    throw Error(Errc::invalid_argument, "an update's set must be an object");
  }
  // The set fields alone must make a valid document; the SQLite engine also checks each
  // updated document as a whole.
  validate_document(update.set);
  for (const auto& key : update.unset) {
    validate_key(key);
    if (update.set.contains(key)) {
      throw Error(Errc::invalid_argument, "an update sets and unsets the same field");
    }
  }
}

}  // namespace

void validate_collection_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= kMaxCollectionName && name.front() >= 'a' &&
                  name.front() <= 'z' && std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                  });
  if (!ok) throw Error(Errc::invalid_argument, "not a valid collection name");
}

std::int64_t Collection::insert(const Scope& scope, const Document& body) {
  validate_document(body);
  return do_insert(scope.owner_id(), body);
}

std::optional<Record> Collection::get(const Scope& scope, std::int64_t id) {
  auto found = do_find(scope.owner_id(), Filter().id_in({id}), FindOptions{1, Order::ascending});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Record> Collection::find(const Scope& scope, const Filter& filter,
                                     const FindOptions& options) {
  for (const auto& field : options.fields) {
    validate_field_path(field);
    if (field.find('.') != std::string::npos) {
      throw Error(Errc::invalid_argument, "a projection names top-level fields only");
    }
  }
  auto sorted = options.fields;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    throw Error(Errc::invalid_argument, "a projection names a field twice");
  }
  return do_find(scope.owner_id(), filter, options);
}

std::int64_t Collection::update(const Scope& scope, const Filter& filter, const Update& update) {
  validate_update(update);
  if (update.set.empty() && update.unset.empty()) return do_count(scope.owner_id(), filter);
  return do_update(scope.owner_id(), filter, update);
}

std::int64_t Collection::update(const Scope& scope, std::int64_t id, const Update& update) {
  return this->update(scope, Filter().id_in({id}), update);
}

std::int64_t Collection::remove(const Scope& scope, const Filter& filter) {
  return do_remove(scope.owner_id(), filter);
}

std::int64_t Collection::count(const Scope& scope, const Filter& filter) {
  return do_count(scope.owner_id(), filter);
}

std::shared_ptr<Collection> Database::collection(std::string_view name,
                                                 const std::vector<std::string>& indexed_fields) {
  validate_collection_name(name);
  for (const auto& field : indexed_fields) validate_field_path(field);
  return do_collection(std::string(name), indexed_fields);
}

}  // namespace facenapi::detail
