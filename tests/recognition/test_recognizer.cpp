// Recognizer: verify, identify and persons on real photos, over an embedded database.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <facenapi/facenapi.hpp>
#include <filesystem>
#include <facenapi/recognition.hpp>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "store/store_classes_env.hpp"
#include "support/test_data.hpp"

using facenapi::Errc;
using facenapi::Faces;
using facenapi::Probe;
using facenapi::Recognizer;
using facenapi::ThresholdPreset;
using facenapi_test::face_photo;

namespace {

const facenapi::Extractor& extractor() {
  static const facenapi::Extractor x;
  return x;
}

// The biggest face of a photo of faces/, as a face to store, its meta set to `meta`.
Faces::Model face_of(const std::string& photo, const std::string& meta) {
  facenapi::ExtractOptions o;
  o.mf_selector = facenapi::MultiFaceSelector::biggest;
  const auto bytes = face_photo(photo);
  const auto found = extractor().extract(bytes, o);
  REQUIRE(found.size() == 1);
  auto face = Faces::Model::from_extraction_face(found.front());
  face.meta = meta;
  return face;
}

// A fresh database on `Engine` (SQLite by default; MongoDB through the jongodb fixture) with
// two users. ready() is false when the engine has no server (the test is then skipped).
template <typename Engine = facenapi::test::SqliteEngine>
struct EngineFixture {
  Engine engine;
  std::string uri = database_uri(engine.uri());
  std::optional<facenapi::Database> opened =
      uri.empty() ? std::nullopt : std::optional<facenapi::Database>(uri);
  facenapi::Database& db = opened ? *opened : placeholder();
  bool ready() const { return opened.has_value(); }

  static std::string database_uri(const std::string& engine_uri) {
    return engine_uri.rfind("mongodb", 0) == 0 ? facenapi::test::unique_database_uri(engine_uri)
                                               : engine_uri;
  }
  static facenapi::Database& placeholder() {
    static facenapi::test::SqliteEngine spare;
    static facenapi::Database db(spare.uri());
    return db;
  }
  facenapi::Users users{db};
  facenapi::Galleries galleries{db};
  facenapi::Faces faces{db};
  facenapi::Users::Model alice = ready() ? users.create("alice").user : facenapi::Users::Model{};
  facenapi::Users::Model bob = ready() ? users.create("bob").user : facenapi::Users::Model{};
};
using Fixture = EngineFixture<>;

const std::string kObama = "recognition/face_recognition/Barack_Obama/";
const std::string kBiden = "recognition/face_recognition/Joe_Biden/";

}  // namespace

TEST_CASE("identify names each face of a group photo from a gallery of single photos",
          "[recognition][identify]") {
  Fixture f;
  Recognizer recognizer(extractor(), f.db);
  const auto cast = f.galleries.create(f.alice, "cast");
  const char* names[] = {"amy", "bernadette", "howard", "leonard", "penny", "raj", "sheldon"};
  for (const char* name : names) {
    auto face =
        face_of(std::string("recognition/faceapi_bbt/") + name + "/" + name + "1.png", name);
    face.galleries = {cast.id};
    recognizer.add_face(f.alice, face);
  }
  // faceapi_bbt1.jpg: Raj, Leonard, Howard and Sheldon on a sofa, left to right, all four in
  // false beards. Each is named right; at `low` at least three of them are named and nothing
  // else on the photo is.
  struct Seat {
    float left, right;
    const char* name;
  };
  const Seat seats[] = {
      {80, 320, "raj"}, {380, 580, "leonard"}, {640, 840, "howard"}, {900, 1120, "sheldon"}};
  const auto group = face_photo("group/faceapi_bbt1.jpg");
  Recognizer::IdentifyOptions options;
  options.galleries = {cast.id};
  options.n = 3;
  options.threshold = ThresholdPreset::none;
  const auto all = recognizer.identify(f.alice, Probe::photo(group), options);
  options.threshold = ThresholdPreset::low;
  const auto sure = recognizer.identify(f.alice, Probe::photo(group), options);
  REQUIRE(all.size() == sure.size());
  std::size_t seated = 0, named = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    REQUIRE(all[i].bbox.has_value());
    REQUIRE(all[i].matches.size() == 3);
    for (std::size_t k = 1; k < all[i].matches.size(); ++k) {
      REQUIRE(all[i].matches[k - 1].confidence >= all[i].matches[k].confidence);
    }
    const float cx = (all[i].bbox->left + all[i].bbox->right) / 2;
    const Seat* seat = nullptr;
    for (const auto& s : seats) {
      if (cx >= s.left && cx <= s.right) seat = &s;
    }
    if (!seat) {
      CHECK(sure[i].matches.empty());
      continue;
    }
    ++seated;
    CHECK(all[i].matches.front().face.meta == seat->name);
    CHECK(all[i].matches.front().face.galleries == std::vector<std::int64_t>{cast.id});
    if (!sure[i].matches.empty()) {
      ++named;
      CHECK(sure[i].matches.front().face.meta == seat->name);
    }
  }
  CHECK(seated == 4);
  CHECK(named >= 3);
}

TEST_CASE("verify accepts two photos of one person and rejects two people",
          "[recognition][verify]") {
  Fixture f;
  Recognizer recognizer(extractor(), f.db);
  const auto obama1 = face_photo(kObama + "obama1.jpg");
  const auto obama2 = face_photo(kObama + "obama2.jpg");
  const auto biden = face_photo(kBiden + "biden.jpg");
  const auto same = recognizer.verify(f.alice, Probe::photo(obama1), Probe::photo(obama2),
                                      ThresholdPreset::strict);
  REQUIRE(same.size() == 1);
  CHECK(same.front().verified);
  CHECK(same.front().confidence > 0.9f);
  REQUIRE(same.front().a.has_value());
  const auto other =
      recognizer.verify(f.alice, Probe::photo(obama1), Probe::photo(biden), ThresholdPreset::low);
  REQUIRE(other.size() == 1);
  CHECK_FALSE(other.front().verified);
  CHECK(other.front().confidence < 0.1f);
  CHECK(other.front().distance > same.front().distance);

  // A stored face (with its photo kept in the media store) and a facen compare the same way as
  // the photo they came from.
  const auto stored = recognizer.add_face(f.alice, face_of(kObama + "obama1.jpg", "obama"), obama1);
  REQUIRE(stored.photo.rfind("media:", 0) == 0);
  CHECK(facenapi::Media(f.db).get(f.alice, stored.photo) == obama1);
  CHECK_FALSE(stored.thumbnail.empty());
  const auto by_id = recognizer.verify(f.alice, Probe::face(stored.id), Probe::photo(obama2));
  REQUIRE(by_id.size() == 1);
  CHECK(by_id.front().distance == Approx(same.front().distance).margin(1e-4));
  const auto by_facen =
      recognizer.verify(f.alice, Probe::facen(*stored.facen), Probe::face(stored.id));
  REQUIRE(by_facen.front().distance == Approx(0).margin(1e-6));
  CHECK(by_facen.front().confidence > 0.99f);
}

TEST_CASE("identify searches only the named galleries and only the user's own faces",
          "[recognition][identify][auth]") {
  Fixture f;
  Recognizer recognizer(extractor(), f.db);
  const auto a = f.galleries.create(f.alice, "a");
  const auto b = f.galleries.create(f.alice, "b");
  auto obama = face_of(kObama + "obama1.jpg", "obama in a");
  obama.galleries = {a.id};
  const auto in_a = recognizer.add_face(f.alice, obama);
  auto biden = face_of(kBiden + "biden.jpg", "biden in b");
  biden.galleries = {b.id};
  recognizer.add_face(f.alice, biden);
  recognizer.add_face(f.bob, face_of(kObama + "obama2.jpg", "bob's obama"));

  const auto query = Probe::photo(face_photo(kObama + "obama3.jpg"));
  Recognizer::IdentifyOptions options;
  options.threshold = ThresholdPreset::none;
  options.n = 10;
  options.galleries = {b.id};
  auto r = recognizer.identify(f.alice, query, options);
  REQUIRE(r.size() == 1);
  REQUIRE(r.front().matches.size() == 1);
  CHECK(r.front().matches.front().face.meta == "biden in b");

  options.galleries = {};
  r = recognizer.identify(f.alice, query, options);
  REQUIRE(r.front().matches.size() == 2);  // never bob's face
  CHECK(r.front().matches.front().face.id == in_a.id);

  // Bob's galleries do not exist for alice.
  const auto bobs = f.galleries.create(f.bob, "bob's");
  options.galleries = {bobs.id};
  REQUIRE_ERRC(recognizer.identify(f.alice, query, options), Errc::not_found);
  REQUIRE_ERRC(recognizer.verify(f.bob, Probe::face(in_a.id), query), Errc::not_found);
}

TEMPLATE_TEST_CASE(
    "faces deleted or moved elsewhere are never returned, new ones from another process are "
    "found at the next query after the sync interval",
    "[recognition][identify]", facenapi::test::SqliteEngine, facenapi::test::MongoEngine) {
  EngineFixture<TestType> f;
  if (!f.ready()) {
    WARN("no MongoDB server: skipped");
    return;
  }
  Recognizer::Options ro;
  ro.sync_interval_seconds = 0;  // every query reads faces stored by others
  Recognizer recognizer(extractor(), f.db, ro);
  const auto gallery = f.galleries.create(f.alice, "g");
  auto obama = face_of(kObama + "obama1.jpg", "obama");
  obama.galleries = {gallery.id};
  const auto stored = recognizer.add_face(f.alice, obama);
  const auto query = Probe::photo(face_photo(kObama + "obama2.jpg"));
  Recognizer::IdentifyOptions options;
  options.galleries = {gallery.id};
  REQUIRE(recognizer.identify(f.alice, query, options).front().matches.size() == 1);

  // Taken out of the gallery, then deleted, through the store, not the recognizer.
  f.faces.update(f.alice, stored.id, Faces::Changes{std::nullopt, std::vector<std::int64_t>{}});
  CHECK(recognizer.identify(f.alice, query, options).front().matches.empty());
  // Deleted through the store while a second photo of him is outside the gallery: a search of
  // all faces for the best one drops the deleted face and still answers with the other.
  recognizer.add_face(f.alice, face_of(kObama + "obama_small.jpg", "second"));
  f.faces.remove(f.alice, stored.id);
  options.galleries = {};
  const auto after_delete = recognizer.identify(f.alice, query, options).front().matches;
  REQUIRE(after_delete.size() == 1);
  CHECK(after_delete.front().face.meta == "second");

  // Another process stores a face: the next query finds it.
  const auto face = face_of(kObama + "obama3.jpg", "from another process");
  const pid_t child = fork();
  if (child == 0) {
    try {
      facenapi::Database db(f.uri);
      facenapi::Faces(db).create(f.alice, face);
    } catch (...) {
      _exit(1);
    }
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  options.n = 5;
  const auto r = recognizer.identify(f.alice, query, options);
  REQUIRE(r.front().matches.size() == 2);
  CHECK((r.front().matches[0].face.meta == "from another process" ||
         r.front().matches[1].face.meta == "from another process"));

  // Put into the gallery elsewhere: searched under it after the next reconciliation (a
  // Recognizer made after the fork, so that no reconciling thread was copied into the child).
  ro.full_sync_interval_seconds = 0.3;
  Recognizer reconciling(extractor(), f.db, ro);
  options.galleries = {gallery.id};
  REQUIRE(reconciling.identify(f.alice, query, options).front().matches.empty());
  for (const auto& face : f.faces.list(f.alice, {}, 10).faces) {
    if (face.meta == "second") {
      f.faces.update(f.alice, face.id, Faces::Changes{std::nullopt, std::vector<std::int64_t>{gallery.id}});
    }
  }
  const auto start = std::chrono::steady_clock::now();
  while (reconciling.identify(f.alice, query, options).front().matches.empty() &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto found = reconciling.identify(f.alice, query, options).front().matches;
  REQUIRE(found.size() == 1);
  CHECK(found.front().face.meta == "second");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(2300));
}

TEST_CASE("faces with person assignment join the person of their best match or a new one",
          "[recognition][persons]") {
  Fixture f;
  Recognizer recognizer(extractor(), f.db);
  const auto o1 = recognizer.add_face(f.alice, face_of(kObama + "obama1.jpg", "o1"), true);
  const auto o2 = recognizer.add_face(f.alice, face_of(kObama + "obama2.jpg", "o2"), true);
  const auto b1 = recognizer.add_face(f.alice, face_of(kBiden + "biden.jpg", "b1"), true);
  const auto b2 = recognizer.add_face(f.alice, face_of(kBiden + "biden2.jpg", "b2"), true);
  REQUIRE(o1.person.has_value());
  REQUIRE(b1.person.has_value());
  CHECK(o2.person == o1.person);
  CHECK(b2.person == b1.person);
  CHECK(b1.person != o1.person);
  // A face the store rejects (an unknown gallery) leaves no new person behind (at a threshold
  // of 1 it matches nobody, so a new person is made for it first).
  auto rejected = face_of("recognition/deepface/Jack_Dorsey/img62.jpg", "rejected");
  rejected.galleries = {424242};
  const auto persons_before = facenapi::Persons(f.db).list(f.alice).size();
  Recognizer strict_persons(extractor(), f.db, [] {
    Recognizer::Options o;
    o.person_threshold = facenapi::Threshold::confidence(1.0f);
    return o;
  }());
  REQUIRE_ERRC(strict_persons.add_face(f.alice, rejected, true), Errc::not_found);
  CHECK(facenapi::Persons(f.db).list(f.alice).size() == persons_before);
  // Bob's Obama is a person of bob's.
  const auto bo = recognizer.add_face(f.bob, face_of(kObama + "obama3.jpg", "bo"), true);
  REQUIRE(bo.person.has_value());
  CHECK(bo.person != o1.person);
}

TEST_CASE("bad queries get clear errors", "[recognition][errors]") {
  Fixture f;
  Recognizer recognizer(extractor(), f.db);
  const auto stored = recognizer.add_face(f.alice, face_of(kObama + "obama1.jpg", "o"));
  facenapi::Facen good = *stored.facen;
  Recognizer::IdentifyOptions options;

  auto other_model = good;
  other_model.model_id = "some-other-model";
  REQUIRE_ERRC(recognizer.identify(f.alice, Probe::facen(other_model), options),
               Errc::invalid_argument);
  auto short_facen = good;
  short_facen.values.resize(64);
  REQUIRE_ERRC(recognizer.identify(f.alice, Probe::facen(short_facen), options),
               Errc::invalid_argument);
  auto nan_facen = good;
  nan_facen.values[5] = std::numeric_limits<float>::quiet_NaN();
  REQUIRE_ERRC(recognizer.verify(f.alice, Probe::facen(nan_facen), Probe::facen(good)),
               Errc::invalid_argument);

  options.n = 0;
  REQUIRE_ERRC(recognizer.identify(f.alice, Probe::facen(good), options), Errc::invalid_argument);
  options.n = Recognizer::kMaxResults + 1;
  REQUIRE_ERRC(recognizer.identify(f.alice, Probe::facen(good), options), Errc::invalid_argument);
  options.n = 1;
  options.galleries = {424242};
  REQUIRE_ERRC(recognizer.identify(f.alice, Probe::facen(good), options), Errc::not_found);
  options.galleries = {-1};
  REQUIRE_ERRC(recognizer.identify(f.alice, Probe::facen(good), options), Errc::invalid_argument);

  REQUIRE_ERRC(facenapi::Threshold::confidence(1.5f), Errc::invalid_argument);
  REQUIRE_ERRC(facenapi::Threshold::confidence(-0.1f), Errc::invalid_argument);
  REQUIRE_ERRC(facenapi::Threshold::confidence(std::nanf("")), Errc::invalid_argument);
  REQUIRE_ERRC(facenapi::Threshold::parse("lenient"), Errc::invalid_argument);
  REQUIRE_ERRC(facenapi::Threshold::parse("0.5x"), Errc::invalid_argument);
  REQUIRE_ERRC(facenapi::Threshold::parse(""), Errc::invalid_argument);

  REQUIRE_ERRC(recognizer.identify(0, Probe::facen(good), {}), Errc::unauthenticated);
  REQUIRE_ERRC(recognizer.identify(999, Probe::facen(good), {}), Errc::unauthenticated);
  f.users.disable(f.alice.id);
  REQUIRE_ERRC(recognizer.verify(f.alice, Probe::facen(good), Probe::facen(good)),
               Errc::unauthenticated);
  REQUIRE_ERRC(recognizer.identify(f.alice, Probe::photo(std::vector<std::uint8_t>{1, 2, 3}), {}),
               Errc::unauthenticated);
}

TEST_CASE("confidence falls with distance and the presets are ordered",
          "[recognition][calibration]") {
  const auto& c = facenapi::FacenCalibration::of(facenapi::facen_model_id());
  float last = 2;
  for (float d = 0; d <= 2.0f; d += 0.01f) {
    const float conf = c.confidence(d);
    REQUIRE(conf >= 0);
    REQUIRE(conf <= 1);
    REQUIRE(conf <= last);
    last = conf;
    if (conf > 1e-4f && conf < 1 - 1e-4f) REQUIRE(c.max_distance(conf) == Approx(d).margin(1e-3));
  }
  const float strict = c.preset_confidence(ThresholdPreset::strict);
  const float medium = c.preset_confidence(ThresholdPreset::medium);
  const float low = c.preset_confidence(ThresholdPreset::low);
  CHECK(strict > medium);
  CHECK(medium > low);
  CHECK(c.preset_confidence(ThresholdPreset::none) == 0);
  CHECK(facenapi::Threshold::parse("strict").min_confidence(c) == strict);
  CHECK(facenapi::Threshold::parse("0.25").min_confidence(c) == 0.25f);
  CHECK(facenapi::Threshold().min_confidence(c) == medium);
  REQUIRE_ERRC(facenapi::FacenCalibration::of("no-such-model"), Errc::invalid_argument);
}

TEST_CASE("with index_dir a Recognizer saves its indexes and the next one loads them",
          "[recognition][identify][file]") {
  Fixture f;
  Recognizer::Options ro;
  ro.index_dir = f.engine.dir.path() + "/indexes";
  const auto obama = face_of(kObama + "obama1.jpg", "obama");
  {
    Recognizer first(extractor(), f.db, ro);
    first.add_face(f.alice, obama);
    REQUIRE(first.identify(f.alice, Probe::facen(*obama.facen), {}).front().matches.size() == 1);
    first.save_indexes();
  }
  CHECK(std::filesystem::exists(ro.index_dir + "/user-" + std::to_string(f.alice.id) +
                                ".facenidx"));
  Recognizer second(extractor(), f.db, ro);
  const auto found = second.identify(f.alice, Probe::facen(*obama.facen), {}).front().matches;
  REQUIRE(found.size() == 1);
  CHECK(found.front().face.meta == "obama");

  Recognizer::Options bad;
  bad.full_sync_interval_seconds = 0;
  REQUIRE_ERRC(Recognizer(extractor(), f.db, bad), Errc::invalid_argument);
  bad = {};
  bad.index_save_interval_seconds = -1;
  REQUIRE_ERRC(Recognizer(extractor(), f.db, bad), Errc::invalid_argument);
}
