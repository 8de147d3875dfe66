// build/facenapi detect, verify, identify and persons, end to end on real photos.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "cli/cli_env.hpp"
#include "support/test_data.hpp"

using facenapi::test::MongoEngine;
using facenapi::test::require_rejected;
using facenapi::test::SqliteEngine;
using Json = nlohmann::ordered_json;

namespace {

std::string photo(const std::string& relative) {
  return facenapi_test::data_path("faces/" + relative);
}

const std::string kObama1 = photo("recognition/face_recognition/Barack_Obama/obama1.jpg");
const std::string kObama2 = photo("recognition/face_recognition/Barack_Obama/obama2.jpg");
const std::string kBiden = photo("recognition/face_recognition/Joe_Biden/biden.jpg");
const std::string kBoth = photo("group/fr_obama_and_biden.jpg");

}  // namespace

TEMPLATE_TEST_CASE("a user enrolls faces with persons, then identifies and verifies photos",
                   "[cli][recognition]", SqliteEngine, MongoEngine) {
  CLI_ENV(env);
  const std::string token = env.create_user("alice");
  REQUIRE(env.as(token, {"galleries", "create", "known"}).status == 0);
  auto add = [&](const std::string& file, const std::string& meta) -> Json {
    const auto r = env.as(token, {"faces", "add", file, "--gallery", "known", "--meta", meta,
                                  "--persons", "--mf-selector", "biggest"});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return r.json()["faces"][0];
  };
  const Json o1 = add(kObama1, "obama");
  const Json o2 = add(kObama2, "obama");
  const Json b = add(kBiden, "biden");
  REQUIRE(o1["person"] == o2["person"]);
  REQUIRE(o1["person"] != b["person"]);

  // identify: each face of the two-person photo is named, with its confidence; --draw writes a PNG.
  const std::string drawn = env.cwd.path() + "/identified.png";
  const auto id =
      env.as(token, {"identify", kBoth, "--gallery", "known", "--n", "2", "--draw", drawn});
  INFO(id.err);
  REQUIRE(id.status == 0);
  const auto faces = id.json();
  REQUIRE(faces.size() == 2);
  std::vector<std::string> names;
  for (const auto& f : faces) {
    REQUIRE(f["bbox"].contains("left"));
    REQUIRE(!f["matches"].empty());
    REQUIRE(f["matches"].size() <= 2);
    const auto& best = f["matches"][0];
    REQUIRE(best["confidence"].get<double>() >= 0.9);
    REQUIRE(best["galleries"].size() == 1);
    names.push_back(best["meta"].get<std::string>());
  }
  std::sort(names.begin(), names.end());
  REQUIRE(names == std::vector<std::string>{"biden", "obama"});
  std::ifstream png(drawn, std::ios::binary);
  char signature[8] = {};
  png.read(signature, 8);
  REQUIRE(std::string(signature + 1, 3) == "PNG");

  // verify: two photos of one man; two stored faces of two men.
  const auto same = env.as(token, {"verify", kObama1, kObama2});
  REQUIRE(same.status == 0);
  REQUIRE(same.json()["verified"] == true);
  const auto other =
      env.as(token, {"verify", std::to_string(o1["id"].get<std::int64_t>()),
                     std::to_string(b["id"].get<std::int64_t>()), "--threshold", "low"});
  REQUIRE(other.status == 0);
  REQUIRE(other.json()["verified"] == false);
  REQUIRE(other.json()["results"][0]["confidence"].get<double>() < 0.5);

  // persons: two persons; merging moves Biden's face to Obama's person (the user's call).
  const auto persons = env.as(token, {"persons", "list"}).json()["persons"];
  REQUIRE(persons.size() == 2);
  const auto into = std::to_string(o1["person"].get<std::int64_t>());
  const auto from = std::to_string(b["person"].get<std::int64_t>());
  const auto merged = env.as(token, {"persons", "merge", into, from});
  REQUIRE(merged.status == 0);
  REQUIRE(merged.json()["faces"] == 3);
  REQUIRE(env.as(token, {"persons", "get", into}).json()["face_objects"].size() == 3);
  require_rejected(env.as(token, {"persons", "get", from}), 1);

  // detect needs no user and stores nothing.
  const auto detected = env.run({"detect", kBoth, "--attributes"});
  REQUIRE(detected.status == 0);
  REQUIRE(detected.json().size() == 2);
  REQUIRE_FALSE(detected.json()[0].contains("facen"));
  REQUIRE(detected.json()[0].contains("gender"));
}

TEMPLATE_TEST_CASE("recognition commands reject bad calls and never show another user's faces",
                   "[cli][recognition][auth]", SqliteEngine) {
  CLI_ENV(env);
  const std::string alice = env.create_user("alice");
  const std::string bob = env.create_user("bob");
  REQUIRE(env.as(alice, {"galleries", "create", "g"}).status == 0);
  const auto added = env.as(alice, {"faces", "add", kObama1, "--gallery", "g"});
  REQUIRE(added.status == 0);
  const auto alices_face = std::to_string(added.json()["faces"][0]["id"].get<std::int64_t>());

  // Bob's search of the same man finds nothing of alice's, and her face id is unknown to him.
  const auto bobs = env.as(bob, {"identify", kObama2, "--threshold", "none", "--n", "10"});
  REQUIRE(bobs.status == 0);
  REQUIRE(bobs.json()[0]["matches"].empty());
  require_rejected(env.as(bob, {"verify", alices_face, kObama2}), 1);
  require_rejected(env.as(bob, {"identify", kObama2, "--gallery", "g"}), 1);

  require_rejected(env.run({"identify", kObama2}), 1);         // no token
  require_rejected(env.as("0123", {"identify", kObama2}), 1);  // wrong token
  require_rejected(env.as(alice, {"identify", kObama2, "--threshold", "lenient"}), 1);
  require_rejected(env.as(alice, {"identify", kObama2, "--threshold", "1.5"}), 1);
  require_rejected(env.as(alice, {"identify", kObama2, "--n", "0"}), 2);
  require_rejected(env.as(alice, {"identify", kObama2, "--n", "100000"}), 2);
  require_rejected(env.as(alice, {"identify", "/no/such/photo.jpg"}), 1);
  require_rejected(env.as(alice, {"verify", kObama1}), 2);
  require_rejected(env.as(alice, {"verify", kObama1, "not-a-facen-nor-file"}), 2);
  require_rejected(env.as(alice, {"persons", "merge", "1", "1"}), 1);
  require_rejected(env.as(alice, {"persons", "fly"}), 2);
}
