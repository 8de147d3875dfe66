#include "store/media/media_store.hpp"

#include <facenapi/error.hpp>

#include "common/sha256.hpp"

namespace facenapi::detail {
namespace {

constexpr std::string_view kScheme = "media:";

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string photo_extension(const std::vector<std::uint8_t>& b) {
  if (b.size() >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff) return "jpg";
  if (b.size() >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "png";
  return "bin";
}

}  // namespace

std::shared_ptr<MediaEngine> open_media(Database& db, std::string_view uri) {
  if (db.engine() == "sqlite") return open_directory_media(std::string(uri) + ".media");
  return open_collection_media(db);
}

std::optional<std::string> media_key(std::string_view url) {
  if (!starts_with(url, kScheme)) return std::nullopt;
  const std::string_view key = url.substr(kScheme.size());
  for (const auto& [dir, extensions] :
       {std::pair<std::string_view, std::vector<std::string_view>>{"photos/",
                                                                   {".jpg", ".png", ".bin"}},
        std::pair<std::string_view, std::vector<std::string_view>>{"thumbnails/", {".png"}}}) {
    if (!starts_with(key, dir)) continue;
    const std::string_view name = key.substr(dir.size());
    if (name.size() != 68 || !is_hex64(name.substr(0, 64))) return std::nullopt;
    for (auto ext : extensions) {
      if (name.substr(64) == ext) return std::string(key);
    }
  }
  return std::nullopt;
}

std::string put_photo(MediaEngine& media, std::int64_t owner,
                      const std::vector<std::uint8_t>& bytes, std::string* sha256) {
  if (bytes.empty()) throw Error(Errc::invalid_argument, "a photo may not be empty");
  const std::string hash = sha256_hex(bytes.data(), bytes.size());
  const std::string key = "photos/" + hash + "." + photo_extension(bytes);
  media.put(owner, key, bytes);
  if (sha256) *sha256 = hash;
  return std::string(kScheme) + key;
}

std::string put_thumbnail(MediaEngine& media, std::int64_t owner,
                          const std::vector<std::uint8_t>& png) {
  const std::string key = "thumbnails/" + sha256_hex(png.data(), png.size()) + ".png";
  media.put(owner, key, png);
  return std::string(kScheme) + key;
}

void release_media(MediaEngine& media, Collection& faces, const Scope& scope,
                   const std::string& field, const std::string& url) {
  const auto key = media_key(url);
  if (!key) return;
  const auto in_use = [&] { return faces.count(scope, Filter().eq(field, url)) > 0; };
  if (in_use()) return;
  const auto bytes = media.get(scope.owner_id(), *key);
  if (!bytes) return;
  media.remove(scope.owner_id(), *key);
  if (in_use()) media.put(scope.owner_id(), *key, *bytes);  // a face took it meanwhile
}

}  // namespace facenapi::detail
