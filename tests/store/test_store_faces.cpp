// Galleries and faces, on both engines.
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/store_classes_env.hpp"

using facenapi::Errc;
using facenapi::Error;
using facenapi::Faces;
using facenapi::Galleries;
using facenapi::Users;
using facenapi::test::face_of;
using facenapi::test::make_extraction_face;
using facenapi::test::MongoEngine;
using facenapi::test::SqliteEngine;

namespace {

std::vector<std::int64_t> ids_of(const Faces::Page& page) {
  std::vector<std::int64_t> ids;
  for (const auto& f : page.faces) ids.push_back(f.id);
  return ids;
}

}  // namespace

TEMPLATE_TEST_CASE("a face made from an ExtractionFace comes back with every field", "[faces]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto staff = galleries.create(alice, "staff");

  const auto extracted = make_extraction_face(3);
  auto face = Faces::Model::from_extraction_face(extracted);
  REQUIRE(face.emotions.size() == 2);
  REQUIRE(face.emotions[0].first == "happy");
  face.photo = "https://example.com/p.jpg";
  face.thumbnail = "https://example.com/t.jpg";
  face.meta = "employee 42";
  face.galleries = {staff.id, staff.id};
  const auto person = facenapi::Persons(*env.db).create(alice, "Ann");
  const auto camera = facenapi::Cameras(*env.db).create(alice, {0, "door"});
  face.person = person.id;
  face.camera = camera.id;
  face.timestamp = "2026-11-28T01:56:07Z";

  const auto created = faces.create(alice, face);
  REQUIRE(created.id > 0);
  const auto got = faces.get(alice, created.id);
  REQUIRE(got.id == created.id);
  REQUIRE(got.bbox.left == extracted.bbox.left);
  REQUIRE(got.bbox.bottom == extracted.bbox.bottom);
  REQUIRE(got.facen->model_id == extracted.facen->model_id);
  REQUIRE(got.facen->values == extracted.facen->values);  // float32, bit for bit
  REQUIRE(got.gender == extracted.gender);
  REQUIRE(got.age == extracted.age);
  REQUIRE(got.emotions == face.emotions);
  REQUIRE(got.normalized == extracted.normalized);
  REQUIRE(got.score == extracted.score);
  REQUIRE(got.timestamp == "2026-11-28T01:56:07.000000Z");
  REQUIRE(got.photo == face.photo);
  REQUIRE(got.photo_hash == extracted.photo_hash);
  REQUIRE(got.thumbnail == face.thumbnail);
  REQUIRE(got.meta == "employee 42");
  REQUIRE(got.galleries == std::vector<std::int64_t>{staff.id});
  REQUIRE(got.person == person.id);
  REQUIRE(got.camera == camera.id);

  const auto j = nlohmann::json::parse(got.to_json(true));
  REQUIRE(j["id"] == created.id);
  REQUIRE(j["bbox"]["left"].get<float>() == extracted.bbox.left);
  REQUIRE(j["facen"] == extracted.facen->to_base64());
  REQUIRE(j["gender"] == "female");
  REQUIRE(j["emotions"] == nlohmann::json::array({"happy", "neutral"}));
  REQUIRE(j.contains("normalized"));
  REQUIRE(j["timestamp"] == got.timestamp);
  REQUIRE(j["photo_hash"] == extracted.photo_hash);
  REQUIRE(j["galleries"] == nlohmann::json::array({staff.id}));
  REQUIRE_FALSE(nlohmann::json::parse(got.to_json())["normalized"].is_string());

  // An empty timestamp becomes the creation time.
  const auto now = faces.create(alice, face_of(4));
  REQUIRE(now.timestamp.size() == 27);
  REQUIRE(now.timestamp.back() == 'Z');
}

TEMPLATE_TEST_CASE("another user's face and gallery are not found for reads, updates and deletes",
                   "[faces][galleries][auth]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  const auto gallery = galleries.create(alice, "private");
  auto face = face_of(1);
  face.galleries = {gallery.id};
  face.meta = "m";
  const auto stored = faces.create(alice, face);

  REQUIRE_ERRC(faces.get(bob, stored.id), Errc::not_found);
  REQUIRE_ERRC(faces.update(bob, stored.id, Faces::Changes{std::string("x"), std::nullopt}),
               Errc::not_found);
  REQUIRE_ERRC(faces.remove(bob, stored.id), Errc::not_found);
  REQUIRE(faces.remove_by_meta(bob, "m") == 0);
  REQUIRE(faces.count(bob) == 0);
  REQUIRE(faces.list(bob, {}).faces.empty());
  REQUIRE_ERRC(galleries.get(bob, gallery.id), Errc::not_found);
  REQUIRE_ERRC(galleries.get(bob, "private"), Errc::not_found);
  REQUIRE_ERRC(galleries.remove(bob, gallery.id), Errc::not_found);
  REQUIRE(galleries.list(bob).empty());
  auto into_foreign = face_of(2);
  into_foreign.galleries = {gallery.id};
  REQUIRE_ERRC(faces.create(bob, into_foreign), Errc::not_found);

  // Nothing of alice's changed.
  REQUIRE(faces.get(alice, stored.id).meta == "m");
  REQUIRE(galleries.get(alice, gallery.id).name == "private");
}

TEMPLATE_TEST_CASE("gallery names are unique per user", "[galleries]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  const auto a = galleries.create(alice, "staff");
  REQUIRE_ERRC(galleries.create(alice, "staff"), Errc::already_exists);
  const auto b = galleries.create(bob, "staff");  // another user may use the name
  REQUIRE(a.id != b.id);
  REQUIRE(galleries.get(alice, "staff").id == a.id);
  REQUIRE(galleries.get(bob, "staff").id == b.id);
  REQUIRE_ERRC(galleries.create(alice, ""), Errc::invalid_argument);
  REQUIRE_ERRC(galleries.create(alice, std::string(Galleries::kMaxNameBytes + 1, 'g')),
               Errc::invalid_argument);
  galleries.create(alice, "visitors");
  const auto list = galleries.list(alice);
  REQUIRE(list.size() == 2);
  REQUIRE(list[0].name == "staff");
  REQUIRE(list[1].name == "visitors");
  galleries.remove(alice, a.id);
  REQUIRE(galleries.create(alice, "staff").id > a.id);  // the name is free again
}

TEMPLATE_TEST_CASE(
    "threads racing to create one gallery name leave at most one, and it stays usable",
    "[galleries][threads]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  const auto alice = users.create("alice").user;
  for (int round = 0; round < 3; ++round) {
    const std::string name = "race " + std::to_string(round);
    std::atomic<int> created{0}, taken{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
      threads.emplace_back([&] {
        try {
          galleries.create(alice, name);
          ++created;
        } catch (const Error& e) {
          if (e.errc() == Errc::already_exists) ++taken;
        }
      });
    }
    for (auto& t : threads) t.join();
    REQUIRE(created + taken == 6);
    REQUIRE(created <= 1);
    std::int64_t stored = 0;
    for (const auto& g : galleries.list(alice)) stored += g.name == name;
    REQUIRE(stored == created);
    if (created == 0) galleries.create(alice, name);  // every racer backed off: the name is free
    REQUIRE(galleries.get(alice, name).name == name);
  }
}

TEMPLATE_TEST_CASE("deleting a gallery removes it from its faces and keeps the faces",
                   "[galleries][faces]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto g1 = galleries.create(alice, "one");
  const auto g2 = galleries.create(alice, "two");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    auto face = face_of(i);
    face.galleries =
        i % 2 ? std::vector<std::int64_t>{g1.id, g2.id} : std::vector<std::int64_t>{g1.id};
    ids.push_back(faces.create(alice, face).id);
  }
  Faces::Query in_g1;
  in_g1.gallery = g1.id;
  REQUIRE(faces.count(alice, in_g1) == 5);

  galleries.remove(alice, g1.id);
  REQUIRE_ERRC(galleries.get(alice, g1.id), Errc::not_found);
  REQUIRE_ERRC(galleries.remove(alice, g1.id), Errc::not_found);
  REQUIRE(faces.count(alice, in_g1) == 0);
  REQUIRE(faces.count(alice) == 5);
  for (int i = 0; i < 5; ++i) {
    const auto face = faces.get(alice, ids[i]);
    REQUIRE(face.galleries ==
            (i % 2 ? std::vector<std::int64_t>{g2.id} : std::vector<std::int64_t>{}));
  }
  auto into_deleted = face_of(9);
  into_deleted.galleries = {g1.id};
  REQUIRE_ERRC(faces.create(alice, into_deleted), Errc::not_found);
}

TEMPLATE_TEST_CASE("faces created while their galleries are deleted keep no deleted gallery",
                   "[galleries][faces][threads]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  constexpr int kRounds = 40;
  std::vector<std::int64_t> gallery_ids;
  for (int i = 0; i < kRounds; ++i) {
    gallery_ids.push_back(galleries.create(alice, "g" + std::to_string(i)).id);
  }
  std::thread deleter([&] {
    for (auto id : gallery_ids) galleries.remove(alice, id);
  });
  for (auto id : gallery_ids) {
    auto face = face_of(1);
    face.galleries = {id};
    try {
      faces.create(alice, face);
    } catch (const Error& e) {
      REQUIRE(e.errc() == Errc::not_found);  // deleted before the check
    }
  }
  deleter.join();
  REQUIRE(galleries.list(alice).empty());
  for (const auto& face : faces.list(alice, {}, Faces::kMaxPageSize).faces) {
    INFO("face " << face.id);
    REQUIRE(face.galleries.empty());
  }
}

TEMPLATE_TEST_CASE("update changes a face's meta and galleries", "[faces]", SqliteEngine,
                   MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto g = galleries.create(alice, "g");
  const auto face = faces.create(alice, face_of(1));

  auto changed =
      faces.update(alice, face.id, Faces::Changes{std::string("new meta"), std::nullopt});
  REQUIRE(changed.meta == "new meta");
  changed =
      faces.update(alice, face.id, Faces::Changes{std::nullopt, std::vector<std::int64_t>{g.id}});
  REQUIRE(changed.meta == "new meta");
  REQUIRE(faces.get(alice, face.id).galleries == std::vector<std::int64_t>{g.id});
  REQUIRE_ERRC(faces.update(alice, face.id,
                            Faces::Changes{std::nullopt, std::vector<std::int64_t>{g.id + 100}}),
               Errc::not_found);
  REQUIRE_ERRC(faces.update(alice, face.id + 100, Faces::Changes{std::string("x"), std::nullopt}),
               Errc::not_found);
  REQUIRE(faces.get(alice, face.id).galleries == std::vector<std::int64_t>{g.id});
}

TEMPLATE_TEST_CASE("invalid facens and fields are rejected before anything is stored", "[faces]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;

  auto empty = face_of(1);
  empty.facen->values.clear();
  REQUIRE_ERRC(faces.create(alice, empty), Errc::invalid_argument);
  auto nan = face_of(1);
  nan.facen->values[5] = std::numeric_limits<float>::quiet_NaN();
  REQUIRE_ERRC(faces.create(alice, nan), Errc::invalid_argument);
  auto not_unit = face_of(1);
  for (auto& v : not_unit.facen->values) v *= 2;
  REQUIRE_ERRC(faces.create(alice, not_unit), Errc::invalid_argument);
  auto no_model = face_of(1);
  no_model.facen->model_id.clear();
  REQUIRE_ERRC(faces.create(alice, no_model), Errc::invalid_argument);
  auto too_long = face_of(1);
  too_long.facen->values.assign(Faces::kMaxFacenDimension + 1, 0.0f);
  too_long.facen->values[0] = 1.0f;
  REQUIRE_ERRC(faces.create(alice, too_long), Errc::invalid_argument);
  auto bad_time = face_of(1);
  bad_time.timestamp = "yesterday";
  REQUIRE_ERRC(faces.create(alice, bad_time), Errc::invalid_argument);
  auto bad_bbox = face_of(1);
  bad_bbox.bbox.left = std::numeric_limits<float>::infinity();
  REQUIRE_ERRC(faces.create(alice, bad_bbox), Errc::invalid_argument);
  auto bad_gallery = face_of(1);
  bad_gallery.galleries = {0};
  REQUIRE_ERRC(faces.create(alice, bad_gallery), Errc::invalid_argument);
  REQUIRE(faces.count(alice) == 0);

  auto no_facen = face_of(1);  // a face without a facen is allowed (facen is optional)
  no_facen.facen.reset();
  REQUIRE_FALSE(faces.get(alice, faces.create(alice, no_facen).id).facen.has_value());
}

TEMPLATE_TEST_CASE("list filters by gallery, meta, person, camera, id and time", "[faces]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto g = galleries.create(alice, "g");
  facenapi::Persons persons(*env.db);
  std::vector<std::int64_t> person_ids;
  for (int i = 0; i < 3; ++i) person_ids.push_back(persons.create(alice).id);
  const auto camera = facenapi::Cameras(*env.db).create(alice, {0, "gate"});
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    auto face = face_of(i);
    if (i < 3) face.galleries = {g.id};
    face.meta = i % 2 ? "odd" : "even";
    face.person = person_ids[i / 2];
    if (i == 5) face.camera = camera.id;
    face.timestamp = "2026-01-0" + std::to_string(i + 1) + "T12:00:00Z";
    ids.push_back(faces.create(alice, face).id);
  }
  const auto select = [&](Faces::Query q) { return ids_of(faces.list(alice, q)); };
  Faces::Query q;
  q.gallery = g.id;
  REQUIRE(select(q) == std::vector<std::int64_t>{ids[0], ids[1], ids[2]});
  q.meta = "odd";
  REQUIRE(select(q) == std::vector<std::int64_t>{ids[1]});
  REQUIRE(faces.count(alice, q) == 1);

  Faces::Query by_person;
  by_person.person = person_ids[1];
  REQUIRE(select(by_person) == std::vector<std::int64_t>{ids[2], ids[3]});
  Faces::Query by_camera;
  by_camera.camera = camera.id;
  REQUIRE(select(by_camera) == std::vector<std::int64_t>{ids[5]});
  Faces::Query by_id;
  by_id.min_id = ids[1];
  by_id.max_id = ids[4];
  REQUIRE(select(by_id) == std::vector<std::int64_t>{ids[2], ids[3]});
  Faces::Query by_time;
  by_time.from = "2026-01-02T12:00:00Z";
  by_time.to = "2026-01-04T12:00:00.000+00:00";
  REQUIRE(select(by_time) == std::vector<std::int64_t>{ids[1], ids[2]});
  Faces::Query bad_time;
  bad_time.from = "2026-01-02 12:00";
  REQUIRE_ERRC(faces.list(alice, bad_time), Errc::invalid_argument);
  REQUIRE_ERRC(faces.list(alice, {}, 0), Errc::invalid_argument);
  REQUIRE_ERRC(faces.list(alice, {}, Faces::kMaxPageSize + 1), Errc::invalid_argument);

  REQUIRE(faces.remove_by_meta(alice, "even") == 3);
  REQUIRE(faces.count(alice) == 3);
  faces.remove(alice, ids[1]);
  REQUIRE_ERRC(faces.get(alice, ids[1]), Errc::not_found);
  REQUIRE(faces.count(alice) == 2);
}

TEMPLATE_TEST_CASE("cursor pagination visits every face once, in both orders", "[faces]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 7; ++i) {
    ids.push_back(faces.create(alice, face_of(i)).id);
    faces.create(bob, face_of(i));  // interleaved, never listed for alice
  }

  std::vector<std::int64_t> seen;
  Faces::Query q;
  for (;;) {
    const auto page = faces.list(alice, q, 3);
    REQUIRE(page.faces.size() <= 3);
    for (auto id : ids_of(page)) seen.push_back(id);
    if (!page.next) break;
    q.min_id = page.next;
  }
  REQUIRE(seen == ids);

  std::vector<std::int64_t> backwards;
  Faces::Query d;
  for (;;) {
    const auto page = faces.list(alice, d, 2, true);
    for (auto id : ids_of(page)) backwards.push_back(id);
    if (!page.next) break;
    d.max_id = page.next;
  }
  REQUIRE(backwards == std::vector<std::int64_t>(ids.rbegin(), ids.rend()));
  REQUIRE_FALSE(faces.list(alice, {}, 7).next.has_value());
}

TEMPLATE_TEST_CASE("injection strings in meta and gallery names are stored and matched literally",
                   "[faces][galleries]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const std::vector<std::string> nasty = {"{\"$gt\": \"\"}",
                                          "'; DROP TABLE c_faces; --",
                                          "$where",
                                          "a.b.c",
                                          "\" OR 1=1 --",
                                          "$ne",
                                          "{\"$regex\": \".*\"}",
                                          "%",
                                          "_",
                                          "\\",
                                          "Ünïcødé 🙂"};
  faces.create(alice, face_of(0));  // meta "": must never match the strings below
  for (const auto& s : nasty) {
    const auto gallery = galleries.create(alice, s);
    REQUIRE(galleries.get(alice, s).id == gallery.id);
    auto face = face_of(1);
    face.meta = s;
    face.galleries = {gallery.id};
    const auto stored = faces.create(alice, face);
    REQUIRE(faces.get(alice, stored.id).meta == s);
    REQUIRE(nlohmann::json::parse(stored.to_json())["meta"] == s);  // escaped, not spliced
  }
  for (const auto& s : nasty) {
    Faces::Query q;
    q.meta = s;
    const auto page = faces.list(alice, q);
    REQUIRE(page.faces.size() == 1);
    REQUIRE(page.faces[0].meta == s);
  }
  REQUIRE(galleries.list(alice).size() == nasty.size());
  REQUIRE(faces.remove_by_meta(alice, "{\"$gt\": \"\"}") == 1);
  REQUIRE(faces.count(alice) == static_cast<std::int64_t>(nasty.size()));
}

TEMPLATE_TEST_CASE(
    "8 threads creating, updating, listing and deleting faces of 3 users lose and mix up nothing",
    "[faces][threads]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  constexpr int kUsers = 3, kThreads = 8, kFaces = 12;
  std::vector<Users::Model> owners;
  std::vector<std::int64_t> owner_gallery;
  for (int u = 0; u < kUsers; ++u) {
    owners.push_back(users.create("user " + std::to_string(u)).user);
    owner_gallery.push_back(galleries.create(owners.back(), "g").id);
  }
  // Thread t acts for user t % 3; its faces' meta starts with "t<t>-".
  std::vector<std::vector<std::int64_t>> created(kThreads), kept(kThreads);
  std::atomic<int> failures{0}, foreign{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const auto& me = owners[t % kUsers];
      const std::string tag = "t" + std::to_string(t) + "-";
      try {
        for (int i = 0; i < kFaces; ++i) {
          auto face = face_of(t * kFaces + i);
          face.meta = tag + std::to_string(i);
          created[t].push_back(faces.create(me, face).id);
        }
        for (int i = 0; i < kFaces; ++i) {
          Faces::Changes changes;
          changes.meta = tag + std::to_string(i) + "-updated";
          changes.galleries = std::vector<std::int64_t>{owner_gallery[t % kUsers]};
          faces.update(me, created[t][i], changes);
          // Every face listed is this user's: its meta names a thread of the same user.
          for (const auto& f : faces.list(me, {}, 50, i % 2 == 1).faces) {
            const int writer = std::stoi(f.meta.substr(1));
            foreign += writer % kUsers != t % kUsers;
          }
        }
        for (int i = 0; i < kFaces; ++i) {
          if (i % 3 == 0) {
            faces.remove(me, created[t][i]);
          } else {
            kept[t].push_back(created[t][i]);
          }
        }
      } catch (const Error&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  REQUIRE(failures == 0);
  REQUIRE(foreign == 0);

  std::set<std::int64_t> all_ids;
  for (const auto& ids : created) all_ids.insert(ids.begin(), ids.end());
  REQUIRE(all_ids.size() == static_cast<std::size_t>(kThreads * kFaces));  // ids unique
  for (int u = 0; u < kUsers; ++u) {
    std::set<std::int64_t> expected;
    for (int t = u; t < kThreads; t += kUsers) expected.insert(kept[t].begin(), kept[t].end());
    const auto page = faces.list(owners[u], {}, Faces::kMaxPageSize);
    std::set<std::int64_t> stored;
    for (const auto& f : page.faces) {
      stored.insert(f.id);
      INFO("face " << f.id << " meta " << f.meta);
      const int t = std::stoi(f.meta.substr(1));
      REQUIRE(t % kUsers == u);
      const int i = std::stoi(f.meta.substr(f.meta.find('-') + 1));
      REQUIRE(created[t][i] == f.id);  // the meta written for this very face
      REQUIRE(f.meta == "t" + std::to_string(t) + "-" + std::to_string(i) + "-updated");
      REQUIRE(f.galleries == std::vector<std::int64_t>{owner_gallery[u]});
      REQUIRE(f.bbox.left == face_of(t * kFaces + i).bbox.left);
    }
    REQUIRE(stored == expected);
    REQUIRE(faces.count(owners[u]) == static_cast<std::int64_t>(expected.size()));
  }
}
