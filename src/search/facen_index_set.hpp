// The facen indexes of many users: one FacenIndex per (user id, facen model id), created on
// first use. Indexes are shared (std::shared_ptr), so a search keeps its index alive while the
// set drops or replaces it.
//
// Thread safety: all members may be called concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "facen_index.hpp"

namespace facenapi::detail {

class FacenIndexSet {
 public:
  explicit FacenIndexSet(FacenIndexOptions options = {}) : options_(options) {}

  // The index of a user's faces of a model, created empty (of `dimension`) if there is none.
  // Errors: invalid_argument if the existing index has another dimension.
  std::shared_ptr<FacenIndex> get_or_create(std::int64_t user, const std::string& model,
                                            std::size_t dimension);
  // The index, or null.
  std::shared_ptr<FacenIndex> find(std::int64_t user, const std::string& model) const;
  // Installs an index (e.g. one loaded from a file), replacing any other.
  void put(std::int64_t user, const std::string& model, std::shared_ptr<FacenIndex> index);
  // Drops the index; false if there was none.
  bool erase(std::int64_t user, const std::string& model);
  std::size_t size() const;

 private:
  using Key = std::pair<std::int64_t, std::string>;
  FacenIndexOptions options_;
  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<FacenIndex>> indexes_;
};

}  // namespace facenapi::detail
