// MongoStore and UserStore: the reference's base layers of every store class, as templates over
// a collection's Model codec. The public classes (Galleries, Persons, Cameras, Faces) are built
// on them and add what is particular to each (unique names, cascades, compare-and-set updates).
//
//   MongoStore<T>  one collection; get / find / insert / update / remove / count in a Scope,
//                  returning T::Model objects made by T::to_model.
//   UserStore<T>   the same with a UserRef instead of a Scope: the user is checked first
//                  (Error(unauthenticated) for a missing, unknown or disabled user, before any of
//                  its data is touched) and every call is scoped to that user, so another user's
//                  object is "not found" (T::kNotFound) for reads, updates and deletes alike.
//
// T (a codec) provides: `using Model = ...;`, `static Model to_model(const Record&);` and
// `static constexpr const char* kNotFound` (the not_found message, e.g. "no such gallery").
//
// Thread safety: as the Collection's (any number of threads); both are cheap to copy.
#pragma once

#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "store/collection.hpp"
#include "store/store_common.hpp"

namespace facenapi::detail {

template <typename T>
class MongoStore {
 public:
  using Model = typename T::Model;

  explicit MongoStore(std::shared_ptr<Collection> collection)
      : collection_(std::move(collection)) {}

  std::optional<Model> get(const Scope& scope, std::int64_t id) const {
    const auto r = id > 0 ? collection_->get(scope, id) : std::nullopt;
    if (!r) return std::nullopt;
    return T::to_model(*r);
  }
  std::vector<Model> find(const Scope& scope, const Filter& filter,
                          const FindOptions& options = {}) const {
    std::vector<Model> out;
    for (const auto& r : collection_->find(scope, filter, options)) out.push_back(T::to_model(r));
    return out;
  }
  // Stores `body` under a new id and returns it as a Model.
  Model insert(const Scope& scope, const Document& body) const {
    return T::to_model(Record{collection_->insert(scope, body), body});
  }
  std::int64_t update(const Scope& scope, std::int64_t id, const Update& update) const {
    return id > 0 ? collection_->update(scope, id, update) : 0;
  }
  std::int64_t remove(const Scope& scope, const Filter& filter) const {
    return collection_->remove(scope, filter);
  }
  std::int64_t count(const Scope& scope, const Filter& filter) const {
    return collection_->count(scope, filter);
  }
  Collection& collection() const { return *collection_; }

 private:
  std::shared_ptr<Collection> collection_;
};

template <typename T>
class UserStore : public MongoStore<T> {
 public:
  using Model = typename T::Model;

  UserStore(std::shared_ptr<Collection> users, std::shared_ptr<Collection> collection)
      : MongoStore<T>(std::move(collection)), users_(std::move(users)) {}

  // The Scope of `user`, after checking that it exists and is enabled.
  Scope scope(UserRef user) const { return require_user(*users_, user); }

  // The user's object `id`; Error(not_found) if the user has none.
  Model get(UserRef user, std::int64_t id) const {
    auto m = MongoStore<T>::get(scope(user), id);
    if (!m) throw Error(Errc::not_found, T::kNotFound);
    return std::move(*m);
  }
  // The user's object whose "name" is `name`; Error(not_found) if the user has none.
  Model get_by_name(UserRef user, std::string_view name) const {
    const auto s = scope(user);
    const bool impossible = name.empty() || name.find('\0') != std::string_view::npos;
    auto found = impossible ? std::vector<Model>{}
                            : MongoStore<T>::find(s, Filter().eq("name", name), FindOptions{1});
    if (found.empty()) throw Error(Errc::not_found, T::kNotFound);
    return std::move(found.front());
  }
  // Every object of the user, in id order.
  std::vector<Model> list(UserRef user) const { return MongoStore<T>::find(scope(user), Filter()); }
  // Removes the user's object `id` and returns the user's Scope (for the cascades that follow);
  // Error(not_found) if the user has none.
  Scope remove(UserRef user, std::int64_t id) const {
    Scope s = scope(user);
    if (id <= 0 || MongoStore<T>::remove(s, Filter().id_in({id})) == 0) {
      throw Error(Errc::not_found, T::kNotFound);
    }
    return s;
  }

 private:
  std::shared_ptr<Collection> users_;
};

}  // namespace facenapi::detail
