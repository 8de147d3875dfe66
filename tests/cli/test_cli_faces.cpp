// build/facenapi galleries and faces, end to end on a fresh database, with real photos.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cli/cli_env.hpp"
#include "support/test_data.hpp"

using facenapi::test::MongoEngine;
using facenapi::test::require_rejected;
using facenapi::test::SqliteEngine;
using Json = nlohmann::ordered_json;

namespace {

const std::string kTwoFaces = "group/fr_obama_and_biden.jpg";
const std::string kOneFace = "recognition/deepface/Elon_Musk/img18.jpg";

std::string photo(const std::string& relative) {
  return facenapi_test::data_path("faces/" + relative);
}

// `j` with its keys in any order (extract prints them sorted, the store in reference order).
nlohmann::json unordered(const Json& j) { return nlohmann::json::parse(j.dump()); }

std::vector<std::int64_t> ids_of(const Json& faces) {
  std::vector<std::int64_t> ids;
  for (const auto& f : faces) ids.push_back(f["id"].get<std::int64_t>());
  return ids;
}

}  // namespace

TEMPLATE_TEST_CASE(
    "a user adds faces from photos, then lists, filters, pages, updates and "
    "deletes them with its token",
    "[cli][faces]", SqliteEngine, MongoEngine) {
  CLI_ENV(env);
  const std::string token = env.create_user("alice");
  const auto staff = env.as(token, {"galleries", "create", "staff"});
  REQUIRE(staff.status == 0);
  const std::int64_t staff_id = staff.json()["id"].get<std::int64_t>();
  REQUIRE(staff.json()["name"] == "staff");
  const std::int64_t vip_id =
      env.as(token, {"galleries", "create", "vip"}).json()["id"].get<std::int64_t>();
  const auto listed_galleries = env.as(token, {"galleries", "list"}).json()["galleries"];
  REQUIRE(listed_galleries.size() == 2);
  REQUIRE(listed_galleries[0]["id"] == staff_id);
  REQUIRE(listed_galleries[1]["name"] == "vip");

  // What the extractor finds in the photos is what faces add stores.
  const auto extracted =
      facenapi::test::run_cli({"extract", photo(kTwoFaces), photo(kOneFace)}, env.cwd.path())
          .json();
  REQUIRE(extracted.size() >= 2);
  const auto added = env.as(token, {"faces", "add", photo(kTwoFaces), photo(kOneFace), "--gallery",
                                    "staff", "--meta", "batch 1"});
  INFO(added.err);
  REQUIRE(added.status == 0);
  const auto faces = added.json()["faces"];
  REQUIRE(faces.size() == extracted.size());
  for (std::size_t i = 0; i < faces.size(); ++i) {
    const auto& f = faces[i];
    REQUIRE(f["id"].get<std::int64_t>() > 0);
    REQUIRE(unordered(f["bbox"]) == unordered(extracted[i]["bbox"]));
    REQUIRE(f["facen"] == extracted[i]["facen"]);
    REQUIRE(f["facen_model"] == extracted[i]["facen_model"]);
    REQUIRE(f["gender"] == extracted[i]["gender"]);
    REQUIRE(f["emotions"].size() == 2);
    REQUIRE(f["galleries"] == Json::array({staff_id}));
    REQUIRE(f["meta"] == "batch 1");
    REQUIRE_FALSE(f.contains("normalized"));
    const std::string given = extracted[i]["photo"].get<std::string>();
    const std::string source = given.substr(photo("").size());
    REQUIRE(f["photo_hash"] == facenapi_test::manifest_sha256(source));
    // The photo and a thumbnail are kept in the media store, named by content.
    REQUIRE(f["photo"].get<std::string>() ==
            "media:photos/" + facenapi_test::manifest_sha256(source) + ".jpg");
    REQUIRE(f["thumbnail"].get<std::string>().rfind("media:thumbnails/", 0) == 0);
  }
  const auto all_ids = ids_of(faces);

  // Lists, filters and pages.
  auto page = env.as(token, {"faces", "list"}).json();
  REQUIRE(ids_of(page["faces"]) == all_ids);
  REQUIRE(page["next"].is_null());
  REQUIRE(page["faces"][0] == faces[0]);
  REQUIRE(env.as(token, {"faces", "list", "--gallery", "vip"}).json()["faces"].empty());
  REQUIRE(ids_of(env.as(token, {"faces", "list", "--gallery", "staff", "--meta", "batch 1"})
                     .json()["faces"]) == all_ids);
  REQUIRE(env.as(token, {"faces", "list", "--meta", "batch 2"}).json()["faces"].empty());

  page = env.as(token, {"faces", "list", "--limit", "1"}).json();
  REQUIRE(ids_of(page["faces"]) == std::vector<std::int64_t>{all_ids[0]});
  REQUIRE(page["next"] == all_ids[0]);
  page = env.as(token, {"faces", "list", "--limit", "1000", "--min-id",
                        std::to_string(page["next"].get<std::int64_t>())})
             .json();
  REQUIRE(ids_of(page["faces"]) == std::vector<std::int64_t>(all_ids.begin() + 1, all_ids.end()));
  REQUIRE(page["next"].is_null());
  page = env.as(token, {"faces", "list", "--desc", "--limit", "1"}).json();
  REQUIRE(ids_of(page["faces"]) == std::vector<std::int64_t>{all_ids.back()});
  page = env.as(token, {"faces", "list", "--desc", "--max-id",
                        std::to_string(page["next"].get<std::int64_t>())})
             .json();
  REQUIRE(ids_of(page["faces"]) == std::vector<std::int64_t>(all_ids.rbegin() + 1, all_ids.rend()));

  const std::string first_time = faces[0]["timestamp"].get<std::string>();
  REQUIRE(ids_of(env.as(token, {"faces", "list", "--from", first_time}).json()["faces"]) ==
          all_ids);
  REQUIRE(env.as(token, {"faces", "list", "--to", first_time}).json()["faces"].empty());

  // get, update, delete.
  const std::string id0 = std::to_string(all_ids[0]);
  REQUIRE(env.as(token, {"faces", "get", id0}).json() == faces[0]);
  const auto updated =
      env.as(token, {"faces", "update", id0, "--meta", "moved", "--gallery", "vip"}).json();
  REQUIRE(updated["meta"] == "moved");
  REQUIRE(updated["galleries"] == Json::array({vip_id}));
  REQUIRE(updated["facen"] == faces[0]["facen"]);
  REQUIRE(env.as(token, {"faces", "get", id0}).json() == updated);
  REQUIRE(ids_of(env.as(token, {"faces", "list", "--gallery", "vip"}).json()["faces"]) ==
          std::vector<std::int64_t>{all_ids[0]});
  REQUIRE(env.as(token, {"faces", "update", id0, "--no-galleries"}).json()["galleries"] ==
          Json::array());

  const std::string id1 = std::to_string(all_ids[1]);
  REQUIRE(env.as(token, {"galleries", "delete", "staff"}).json()["deleted"]["id"] == staff_id);
  REQUIRE(env.as(token, {"faces", "get", id1}).json()["galleries"] == Json::array());

  REQUIRE(env.as(token, {"faces", "delete", id1}).json()["deleted"] == 1);
  require_rejected(env.as(token, {"faces", "get", id1}), 1);
  REQUIRE(env.as(token, {"faces", "delete", "--meta", "batch 1"}).json()["deleted"] ==
          static_cast<std::int64_t>(all_ids.size() - 2));
  REQUIRE(ids_of(env.as(token, {"faces", "list"}).json()["faces"]) ==
          std::vector<std::int64_t>{all_ids[0]});
}

TEMPLATE_TEST_CASE("another user's faces and galleries do not exist for a user's token",
                   "[cli][faces][auth]", SqliteEngine) {
  CLI_ENV(env);
  const std::string alice = env.create_user("alice");
  const std::string bob = env.create_user("bob");
  REQUIRE(env.as(alice, {"galleries", "create", "staff"}).status == 0);
  const auto added = env.as(alice, {"faces", "add", photo(kOneFace), "--meta", "m"});
  REQUIRE(added.status == 0);
  const std::string id = std::to_string(added.json()["faces"][0]["id"].get<std::int64_t>());
  const std::string before = env.state({alice, bob});

  require_rejected(env.as(bob, {"faces", "get", id}), 1);
  require_rejected(env.as(bob, {"faces", "update", id, "--meta", "stolen"}), 1);
  require_rejected(env.as(bob, {"faces", "delete", id}), 1);
  require_rejected(env.as(bob, {"galleries", "delete", "staff"}), 1);
  REQUIRE(env.as(bob, {"faces", "delete", "--meta", "m"}).json()["deleted"] == 0);
  REQUIRE(env.as(bob, {"faces", "list"}).json()["faces"].empty());
  REQUIRE(env.as(bob, {"galleries", "list"}).json()["galleries"].empty());
  REQUIRE(env.state({alice, bob}) == before);
  // bob may use the same gallery name: names are unique per user.
  REQUIRE(env.as(bob, {"galleries", "create", "staff"}).status == 0);
}

TEMPLATE_TEST_CASE("an unknown gallery or a taken gallery name fails and changes nothing",
                   "[cli][galleries]", SqliteEngine) {
  CLI_ENV(env);
  const std::string token = env.create_user("alice");
  REQUIRE(env.as(token, {"galleries", "create", "staff"}).status == 0);
  const auto added = env.as(token, {"faces", "add", photo(kOneFace)});
  REQUIRE(added.status == 0);
  const std::string id = std::to_string(added.json()["faces"][0]["id"].get<std::int64_t>());
  const std::string before = env.state({token});

  require_rejected(env.as(token, {"galleries", "create", "staff"}), 1);
  require_rejected(env.as(token, {"galleries", "delete", "nope"}), 1);
  require_rejected(
      env.as(token, {"faces", "add", photo(kOneFace), "--gallery", "staff", "--gallery", "nope"}),
      1);
  require_rejected(env.as(token, {"faces", "update", id, "--gallery", "nope", "--meta", "x"}), 1);
  const auto listed = env.as(token, {"faces", "list", "--gallery", "nope"});
  require_rejected(listed, 1);
  REQUIRE(listed.err.find("nope") != std::string::npos);
  REQUIRE(env.state({token}) == before);
}

TEMPLATE_TEST_CASE(
    "a photo that cannot be read or decoded stores nothing, and one without a face stores no "
    "face",
    "[cli][faces]", SqliteEngine) {
  CLI_ENV(env);
  const std::string token = env.create_user("alice");
  const std::string before = env.state({token});

  const auto missing = env.as(token, {"faces", "add", photo(kOneFace), photo("no-such.jpg")});
  require_rejected(missing, 1);
  REQUIRE(missing.err.find("no-such.jpg") != std::string::npos);
  const auto not_image = env.as(token, {"faces", "add", photo(kOneFace), photo("MANIFEST.md")});
  require_rejected(not_image, 1);
  REQUIRE(not_image.err.find("MANIFEST.md") != std::string::npos);
  REQUIRE(env.state({token}) == before);

  const std::string landscape = "noface/dlib_giraffe.jpg";
  REQUIRE(facenapi::test::run_cli({"extract", photo(landscape)}, env.cwd.path()).json().empty());
  const auto none = env.as(token, {"faces", "add", photo(landscape)});
  REQUIRE(none.status == 0);
  REQUIRE(none.json()["faces"].empty());
  REQUIRE(none.err.find("no face found") != std::string::npos);
  REQUIRE(env.state({token}) == before);
}
