// A user's saved facen index (Recognizer::Options::index_dir): which user and model it belongs
// to, the highest face id it had read, then the FacenIndex file (facen_index_file.cpp).
//
//   "FNUSRIDX" u32 version=1, i64 user id, i64 max id, u32 model id length, the model id bytes,
//   u64 checksum of those fields, then FacenIndex::save().
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "search/facen_index.hpp"

namespace facenapi::detail {

struct SavedUserIndex {
  FacenIndex index;
  std::int64_t max_id = 0;  // every face with an id up to this one was read into it
};

void write_user_index(std::ostream& out, std::int64_t user_id, std::int64_t max_id,
                      const std::string& model_id, const FacenIndex& index);

// The index `in` holds if it is an intact file of `user_id` and `model_id` with `dimension`;
// nullopt for anything else (damaged, truncated, another user's, another model's), never an
// exception for bad content.
std::optional<SavedUserIndex> read_user_index(std::istream& in, std::int64_t user_id,
                                              const std::string& model_id,
                                              std::size_t dimension);

// "<dir>/user-<id>.facenidx".
std::string user_index_path(const std::string& dir, std::int64_t user_id);

}  // namespace facenapi::detail
