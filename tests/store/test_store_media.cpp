// Photos and thumbnails in the media store (a folder beside SQLite, GridFS-layout collections on
// MongoDB), on both engines.
#include <catch2/catch.hpp>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "store/store_classes_env.hpp"
#include "support/test_data.hpp"

using facenapi::Errc;
using facenapi::Faces;
using facenapi::Media;
using facenapi::Users;
using facenapi::test::face_of;
using facenapi::test::MongoEngine;
using facenapi::test::SqliteEngine;

namespace {

const std::string kBig = "resolution/fr_obama-1080p.jpg";  // 387 KB: two GridFS chunks
const std::string kSmall = "resolution/fr_obama-480p.jpg";

}  // namespace

TEMPLATE_TEST_CASE("a face created with its photo keeps the photo and its thumbnail",
                   "[media][faces]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Faces faces(*env.db);
  Media media(*env.db);
  const auto alice = users.create("alice").user;
  const auto photo = facenapi_test::face_photo(kBig);
  auto face = face_of(1);
  face.photo_hash.clear();
  const auto created = faces.create(alice, face, photo);
  const std::string sha = facenapi_test::manifest_sha256(kBig);
  REQUIRE(created.photo == "media:photos/" + sha + ".jpg");
  REQUIRE(created.photo_hash == sha);
  REQUIRE(created.thumbnail.rfind("media:thumbnails/", 0) == 0);
  REQUIRE(created.thumbnail.size() == std::string("media:thumbnails/").size() + 64 + 4);
  const auto stored = faces.get(alice, created.id);
  REQUIRE(stored.photo == created.photo);
  REQUIRE(stored.thumbnail == created.thumbnail);
  REQUIRE(media.get(alice, stored.photo) == photo);
  REQUIRE(media.get(alice, stored.thumbnail) == face.normalized);

  if (env.db->engine() == "sqlite") {  // the files, named as documented, and no temporaries
    const std::filesystem::path dir = env.uri + ".media/u" + std::to_string(alice.id) + "/photos";
    REQUIRE(facenapi_test::read_bytes((dir / (sha + ".jpg")).string()) == photo);
    for (const auto& e : std::filesystem::recursive_directory_iterator(env.uri + ".media")) {
      REQUIRE(e.path().filename().string().rfind(".tmp-", 0) != 0);
    }
  }
}

TEMPLATE_TEST_CASE("another user cannot read, delete or guess a user's media", "[media][auth]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Faces faces(*env.db);
  Media media(*env.db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  const auto photo = facenapi_test::face_photo(kSmall);
  const auto face = faces.create(alice, face_of(2), photo);
  REQUIRE_ERRC(media.get(bob, face.photo), Errc::not_found);
  REQUIRE_ERRC(media.get(bob, face.thumbnail), Errc::not_found);
  REQUIRE_ERRC(media.remove(bob, face.photo), Errc::not_found);
  for (const facenapi::UserRef who : {facenapi::UserRef(0), facenapi::UserRef(bob.id + 100)}) {
    REQUIRE_ERRC(media.get(who, face.photo), Errc::unauthenticated);
    REQUIRE_ERRC(media.put_photo(who, photo), Errc::unauthenticated);
    REQUIRE_ERRC(media.remove(who, face.photo), Errc::unauthenticated);
  }
  // Not media URLs, or paths out of the namespace: not found, never read.
  for (const std::string url :
       {std::string("media:photos/../u1/photos/x.jpg"), std::string("media:../../etc/passwd"),
        std::string("https://example.com/a.jpg"), std::string(""),
        "media:photos/" + std::string(64, 'A') + ".jpg",
        "media:photos/" + face.photo_hash + ".exe"}) {
    INFO(url);
    REQUIRE_ERRC(media.get(alice, url), Errc::not_found);
  }
  // Bob's own copy of the same photo is his: deleting alice's face leaves it.
  const auto his = faces.create(bob, face_of(3), photo);
  REQUIRE(his.photo == face.photo);
  faces.remove(alice, face.id);
  REQUIRE_ERRC(media.get(alice, face.photo), Errc::not_found);
  REQUIRE(media.get(bob, his.photo) == photo);
}

TEMPLATE_TEST_CASE("a photo shared by faces is deleted with its last face, thumbnails with theirs",
                   "[media][faces]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Faces faces(*env.db);
  Media media(*env.db);
  const auto alice = users.create("alice").user;
  const auto photo = facenapi_test::face_photo(kBig);
  auto first = face_of(4), second = face_of(5), third = face_of(6);
  third.meta = second.meta = "group";
  const auto a = faces.create(alice, first, photo);
  const auto b = faces.create(alice, second, photo);
  const auto c = faces.create(alice, third, photo);
  REQUIRE(a.photo == b.photo);
  REQUIRE(a.thumbnail != b.thumbnail);

  faces.remove(alice, a.id);
  REQUIRE_ERRC(media.get(alice, a.thumbnail), Errc::not_found);
  REQUIRE(media.get(alice, a.photo) == photo);  // b and c still use it
  REQUIRE_ERRC(media.remove(alice, b.photo), Errc::invalid_argument);
  REQUIRE(faces.remove_by_meta(alice, "group") == 2);
  REQUIRE_ERRC(media.get(alice, b.thumbnail), Errc::not_found);
  REQUIRE_ERRC(media.get(alice, c.thumbnail), Errc::not_found);
  REQUIRE_ERRC(media.get(alice, a.photo), Errc::not_found);

  // A face the store rejects leaves no files behind.
  auto bad = face_of(8);
  bad.facen->values[0] = 7;  // not unit length
  REQUIRE_ERRC(faces.create(alice, bad, facenapi_test::face_photo(kSmall)), Errc::invalid_argument);
  REQUIRE_ERRC(media.put_photo(alice, {}), Errc::invalid_argument);
  REQUIRE_ERRC(media.get(alice, "media:photos/" + facenapi_test::manifest_sha256(kSmall) + ".jpg"),
               Errc::not_found);

  // Media alone: put, get, remove.
  const auto url = media.put_photo(alice, photo);
  REQUIRE(url == a.photo);
  REQUIRE(media.put_photo(alice, photo) == url);
  REQUIRE(media.get(alice, url) == photo);
  media.remove(alice, url);
  REQUIRE_ERRC(media.get(alice, url), Errc::not_found);
  REQUIRE_ERRC(media.remove(alice, url), Errc::not_found);
  REQUIRE_ERRC(media.put_photo(alice, {}), Errc::invalid_argument);
  const std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1};
  REQUIRE(media.put_photo(alice, png).substr(77) == ".png");
}

TEMPLATE_TEST_CASE("deleting a user deletes its media", "[media][users]", SqliteEngine,
                   MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Faces faces(*env.db);
  Media media(*env.db);
  const auto alice = users.create("alice").user;
  const auto face = faces.create(alice, face_of(7), facenapi_test::face_photo(kSmall));
  users.remove(alice.id);
  const auto again = users.create("alice again").user;  // a new id, so a new namespace
  REQUIRE_ERRC(media.get(again, face.photo), Errc::not_found);
  auto raw = facenapi::detail::open_database(env.uri);
  if (env.db->engine() == "sqlite") {
    REQUIRE_FALSE(std::filesystem::exists(env.uri + ".media/u" + std::to_string(alice.id)));
  } else {
    const auto scope = facenapi::detail::Scope::owner(alice.id);
    REQUIRE(raw->collection("media_files")->count(scope, facenapi::detail::Filter()) == 0);
    REQUIRE(raw->collection("media_chunks")->count(scope, facenapi::detail::Filter()) == 0);
  }
}
