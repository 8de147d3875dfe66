// MediaEngine: where photos and face thumbnails are kept, as files named by a key
// ("photos/<sha256>.jpg", "thumbnails/<sha256>.png"; see media_url.hpp) in one namespace per
// owner (user id). Two engines: a directory next to the SQLite file (directory_media.cpp) and,
// on MongoDB, chunked documents in the GridFS layout (collection_media.cpp).
//
// Content-addressed: a key names its bytes, so put() of a key that exists is a no-op, and a
// file read back is never partial (writes become visible whole or not at all).
//
// Thread safety: any number of threads (and processes) at once. Errors: Error(io_error) when
// the disk or database fails.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace facenapi::detail {

class Database;

class MediaEngine {
 public:
  virtual ~MediaEngine() = default;
  // Stores `bytes` under (owner, key) unless that file exists; durable when it returns.
  virtual void put(std::int64_t owner, const std::string& key,
                   const std::vector<std::uint8_t>& bytes) = 0;
  // The file's bytes, or nullopt.
  virtual std::optional<std::vector<std::uint8_t>> get(std::int64_t owner,
                                                       const std::string& key) = 0;
  // Deletes the file; returns whether it existed.
  virtual bool remove(std::int64_t owner, const std::string& key) = 0;
  // Deletes every file of `owner`.
  virtual void remove_owner(std::int64_t owner) = 0;
};

// Files under `root` (created on first put): root/u<owner>/<key>, written to a temporary file,
// fsynced, renamed into place, and the folder fsynced.
std::shared_ptr<MediaEngine> open_directory_media(const std::string& root);

// Files as documents of `db` in GridFS's layout: "media_files" {filename, length, chunkSize,
// uploadDate, upload} and "media_chunks" {upload, n, data (binary, 255 KiB)}, scoped by owner.
std::shared_ptr<MediaEngine> open_collection_media(Database& db);

}  // namespace facenapi::detail
