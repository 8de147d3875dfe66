// Media URLs and what Faces, Media and Users do with media files (media_store.cpp).
//
// A media URL is "media:photos/<sha256 hex>.<jpg|png|bin>" (an original photo, named by the
// SHA-256 of its bytes, the extension by their signature) or "media:thumbnails/<sha256
// hex>.png" (a face's normalized PNG chip). The part after "media:" is the engine's key; each
// user has a namespace of its own, so a URL names a file only for the user who stored it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/collection.hpp"
#include "store/media/media_engine.hpp"

namespace facenapi::detail {

// The media engine of a database opened from `uri`: a folder "<uri>.media" beside an SQLite
// file, the GridFS-layout collections on MongoDB.
std::shared_ptr<MediaEngine> open_media(Database& db, std::string_view uri);

// The key of a media URL; nullopt when `url` is not one (any other text, e.g. an http URL).
std::optional<std::string> media_key(std::string_view url);

// Stores a photo / thumbnail for `owner` and returns its URL (put_photo also its SHA-256 hex).
std::string put_photo(MediaEngine& media, std::int64_t owner,
                      const std::vector<std::uint8_t>& bytes, std::string* sha256 = nullptr);
std::string put_thumbnail(MediaEngine& media, std::int64_t owner,
                          const std::vector<std::uint8_t>& png);

// Deletes the file `url` names (if it is a media URL) unless a face of `scope` still has it in
// `field` ("photo" or "thumbnail"). Safe against a face created with the same file at the same
// time: the bytes are read before the delete and put back if a face refers to them afterwards
// (and Faces::create puts its files again after its insert).
void release_media(MediaEngine& media, Collection& faces, const Scope& scope,
                   const std::string& field, const std::string& url);

}  // namespace facenapi::detail
