// The collection media engine (see media_engine.hpp): each file is a "media_files" document
// and its bytes are "media_chunks" documents of at most kChunkBytes, GridFS's layout (field
// names and chunk size) expressed through the Collection interface, so that it runs on every
// engine (it is the MongoDB default; jongodb has no GridFS commands to rely on). The chunks are
// written before the file document, and a file document names its chunks by a random upload
// id, so a reader sees a file whole or not at all.
#include <algorithm>
#include <facenapi/error.hpp>

#include "store/collection.hpp"
#include "store/media/media_engine.hpp"
#include "store/secrets.hpp"
#include "store/store_common.hpp"

namespace facenapi::detail {
namespace {

constexpr std::size_t kChunkBytes = 255 * 1024;  // GridFS's default chunkSizeBytes

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

class CollectionMedia final : public MediaEngine {
 public:
  explicit CollectionMedia(Database& db)
      : files_(db.collection("media_files", {"filename"})),
        chunks_(db.collection("media_chunks", {"upload"})) {}

  void put(std::int64_t owner, const std::string& key,
           const std::vector<std::uint8_t>& bytes) override {
    const Scope scope = Scope::owner(owner);
    if (files_->count(scope, Filter().eq("filename", key)) > 0) return;
    const std::string upload = hex(random_bytes(16));
    std::int64_t n = 0;  // an empty file has no chunks, as in GridFS
    for (std::size_t at = 0; at < bytes.size(); at += kChunkBytes) {
      const auto begin = bytes.begin() + static_cast<std::ptrdiff_t>(at);
      const auto end =
          bytes.begin() + static_cast<std::ptrdiff_t>(std::min(at + kChunkBytes, bytes.size()));
      Document chunk = Document::object();
      chunk["upload"] = upload;
      chunk["n"] = n++;
      chunk["data"] = make_binary(std::vector<std::uint8_t>(begin, end));
      chunks_->insert(scope, chunk);
    }
    Document file = Document::object();
    file["filename"] = key;
    file["length"] = static_cast<std::int64_t>(bytes.size());
    file["chunkSize"] = static_cast<std::int64_t>(kChunkBytes);
    file["uploadDate"] = now_iso8601();
    file["upload"] = upload;
    files_->insert(scope, file);
  }

  std::optional<std::vector<std::uint8_t>> get(std::int64_t owner,
                                               const std::string& key) override {
    const Scope scope = Scope::owner(owner);
    const auto files = files_->find(scope, Filter().eq("filename", key), FindOptions{1});
    if (files.empty()) return std::nullopt;
    const auto& file = files.front().body;
    const auto length = file.value("length", std::int64_t{-1});
    std::vector<std::uint8_t> out;
    std::int64_t n = 0;
    for (const auto& chunk :
         chunks_->find(scope, Filter().eq("upload", file.value("upload", "")))) {
      if (chunk.body.value("n", std::int64_t{-1}) != n++) break;
      const auto& data = chunk.body["data"].get_binary();
      out.insert(out.end(), data.begin(), data.end());
    }
    if (static_cast<std::int64_t>(out.size()) != length) {
      // Deleted while being read, or corrupt.
      if (files_->count(scope, Filter().id_in({files.front().id})) == 0) return std::nullopt;
      throw Error(Errc::internal, "a stored media file is incomplete");
    }
    return out;
  }

  bool remove(std::int64_t owner, const std::string& key) override {
    const Scope scope = Scope::owner(owner);
    const auto files = files_->find(scope, Filter().eq("filename", key));
    bool removed = false;
    for (const auto& f : files) {
      removed |= files_->remove(scope, Filter().id_in({f.id})) > 0;
      chunks_->remove(scope, Filter().eq("upload", f.body.value("upload", "")));
    }
    return removed;
  }

  void remove_owner(std::int64_t owner) override {
    const Scope scope = Scope::owner(owner);
    files_->remove(scope, Filter());
    chunks_->remove(scope, Filter());
  }

 private:
  std::shared_ptr<Collection> files_;
  std::shared_ptr<Collection> chunks_;
};

}  // namespace

std::shared_ptr<MediaEngine> open_collection_media(Database& db) {
  return std::make_shared<CollectionMedia>(db);
}

}  // namespace facenapi::detail
