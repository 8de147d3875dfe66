// Media: the public face of the media store (engines in media/, URLs in media_store.cpp).
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>

#include "store/media/media_store.hpp"
#include "store/store_common.hpp"

namespace facenapi {
namespace {

Error no_file() { return Error(Errc::not_found, "no such media file"); }

}  // namespace

Media::Media(const Database& db)
    : db_(db.impl_),
      media_(db.media_),
      users_(detail::users_collection(*db_)),
      faces_(detail::faces_collection(*db_)) {}

std::string Media::put_photo(UserRef user, const std::vector<std::uint8_t>& bytes) {
  const auto scope = detail::require_user(*users_, user);
  return detail::put_photo(*media_, scope.owner_id(), bytes);
}

std::vector<std::uint8_t> Media::get(UserRef user, std::string_view url) {
  const auto scope = detail::require_user(*users_, user);
  const auto key = detail::media_key(url);
  auto bytes = key ? media_->get(scope.owner_id(), *key) : std::nullopt;
  if (!bytes) throw no_file();
  return std::move(*bytes);
}

void Media::remove(UserRef user, std::string_view url) {
  const auto scope = detail::require_user(*users_, user);
  const auto key = detail::media_key(url);
  if (!key) throw no_file();
  const std::string text(url);
  for (const char* field : {"photo", "thumbnail"}) {
    if (faces_->count(scope, detail::Filter().eq(field, text)) > 0) {
      throw Error(Errc::invalid_argument, "a face still refers to this media file");
    }
  }
  if (!media_->remove(scope.owner_id(), *key)) throw no_file();
}

}  // namespace facenapi
