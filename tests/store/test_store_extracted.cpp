// Faces extracted from a real photo, stored and read back, on both engines.
#include <catch2/catch.hpp>
#include <facenapi/extractor.hpp>
#include <facenapi/store.hpp>
#include <nlohmann/json.hpp>
#include <vector>

#include "store/store_classes_env.hpp"
#include "support/test_data.hpp"

using facenapi::Faces;
using facenapi::test::MongoEngine;
using facenapi::test::SqliteEngine;

namespace {

const std::vector<facenapi::ExtractionFace>& extracted() {
  static const auto faces = [] {
    const facenapi::Extractor extractor;
    return extractor.extract(facenapi_test::face_photo("group/fr_obama_and_biden.jpg"));
  }();
  return faces;
}

}  // namespace

TEMPLATE_TEST_CASE("faces extracted from a photo are stored and come back unchanged",
                   "[faces][extract]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  facenapi::Users users(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  REQUIRE(extracted().size() >= 2);
  for (const auto& e : extracted()) {
    auto face = Faces::Model::from_extraction_face(e);
    face.photo = "https://example.com/fr_obama_and_biden.jpg";
    const auto got = faces.get(alice, faces.create(alice, face).id);
    REQUIRE(got.facen->values == e.facen->values);
    REQUIRE(got.facen->model_id == e.facen->model_id);
    REQUIRE(got.normalized == e.normalized);
    REQUIRE(got.photo_hash == e.photo_hash);
    REQUIRE(got.gender == e.gender);
    REQUIRE(got.age == e.age);
    REQUIRE(got.emotions == e.emotions->top(2));
    REQUIRE(got.score == e.score);
    // The stored face shows the same facen, bbox and hash as the extraction's own JSON.
    const auto mine = nlohmann::json::parse(got.to_json());
    const auto theirs = nlohmann::json::parse(facenapi::to_json(e));
    REQUIRE(mine["facen"] == theirs["facen"]);
    REQUIRE(mine["bbox"] == theirs["bbox"]);
    REQUIRE(mine["photo_hash"] == theirs["photo_hash"]);
    REQUIRE(mine["gender"] == theirs["gender"]);
    REQUIRE(got.facen->distance(*e.facen) == 0.0f);
  }
  REQUIRE(faces.count(alice) == static_cast<std::int64_t>(extracted().size()));
}
