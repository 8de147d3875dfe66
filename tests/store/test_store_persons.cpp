// Persons and cameras, on both engines.
#include <atomic>
#include <catch2/catch.hpp>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/store_classes_env.hpp"

using facenapi::Cameras;
using facenapi::Errc;
using facenapi::Error;
using facenapi::Faces;
using facenapi::Persons;
using facenapi::Users;
using facenapi::test::face_of;
using facenapi::test::MongoEngine;
using facenapi::test::SqliteEngine;

namespace {

Faces::Model face_of_person(int seed, std::int64_t person) {
  auto face = face_of(seed);
  face.person = person;
  return face;
}

std::set<std::int64_t> face_ids(const Faces::Page& page) {
  std::set<std::int64_t> ids;
  for (const auto& f : page.faces) ids.insert(f.id);
  return ids;
}

Faces::Changes person_change(std::int64_t person) {
  Faces::Changes c;
  c.person = person;
  return c;
}

Faces::Changes camera_change(std::int64_t camera) {
  Faces::Changes c;
  c.camera = camera;
  return c;
}

}  // namespace

TEMPLATE_TEST_CASE("a person is created, read, listed, renamed and lists its faces", "[persons]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Persons persons(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto ann = persons.create(alice, "Ann", "{\"$gt\": \"\"}");
  const auto unnamed = persons.create(alice);
  REQUIRE(ann.id > 0);
  REQUIRE(unnamed.id > ann.id);
  REQUIRE(ann.created.size() == 27);
  const auto got = persons.get(alice, ann.id);
  REQUIRE(got.name == "Ann");
  REQUIRE(got.meta == "{\"$gt\": \"\"}");  // stored literally
  REQUIRE(persons.get(alice, unnamed.id).name.empty());
  const auto all = persons.list(alice);
  REQUIRE(all.size() == 2);
  REQUIRE(all[0].id == ann.id);
  REQUIRE(all[1].id == unnamed.id);

  Persons::Changes rename;
  rename.name = "Ann Smith";
  const auto renamed = persons.update(alice, ann.id, rename);
  REQUIRE(renamed.name == "Ann Smith");
  REQUIRE(renamed.meta == got.meta);
  REQUIRE(persons.get(alice, ann.id).name == "Ann Smith");
  rename.name = std::string("bad\nname");
  REQUIRE_ERRC(persons.update(alice, ann.id, rename), Errc::invalid_argument);
  REQUIRE_ERRC(persons.create(alice, std::string(Persons::kMaxNameBytes + 1, 'p')),
               Errc::invalid_argument);

  std::set<std::int64_t> hers;
  for (int i = 0; i < 5; ++i) hers.insert(faces.create(alice, face_of_person(i, ann.id)).id);
  const auto other = faces.create(alice, face_of_person(9, unnamed.id));
  faces.create(alice, face_of(10));  // no person
  REQUIRE(persons.count_faces(alice, ann.id) == 5);
  const auto first = persons.faces(alice, ann.id, 3);
  REQUIRE(first.faces.size() == 3);
  REQUIRE(first.next);
  const auto rest = persons.faces(alice, ann.id, 3, *first.next);
  REQUIRE_FALSE(rest.next);
  auto seen = face_ids(first);
  for (auto id : face_ids(rest)) seen.insert(id);
  REQUIRE(seen == hers);
  REQUIRE(face_ids(persons.faces(alice, unnamed.id)) == std::set<std::int64_t>{other.id});
  REQUIRE_ERRC(persons.faces(alice, ann.id, 0), Errc::invalid_argument);
}

TEMPLATE_TEST_CASE("faces reject a person or camera the user does not have",
                   "[persons][cameras][faces][auth]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Persons persons(*env.db);
  Cameras cameras(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  const auto bobs_person = persons.create(bob, "B");
  const auto bobs_camera = cameras.create(bob, {0, "bob's door"});
  const auto mine = persons.create(alice, "A");

  REQUIRE_ERRC(faces.create(alice, face_of_person(1, bobs_person.id)), Errc::not_found);
  REQUIRE_ERRC(faces.create(alice, face_of_person(1, bobs_person.id + 1000)), Errc::not_found);
  REQUIRE_ERRC(faces.create(alice, face_of_person(1, -2)), Errc::invalid_argument);
  auto with_camera = face_of(1);
  with_camera.camera = bobs_camera.id;
  REQUIRE_ERRC(faces.create(alice, with_camera), Errc::not_found);
  REQUIRE(faces.count(alice) == 0);

  const auto face = faces.create(alice, face_of_person(2, mine.id));
  REQUIRE_ERRC(faces.update(alice, face.id, person_change(bobs_person.id)), Errc::not_found);
  REQUIRE_ERRC(faces.update(alice, face.id, camera_change(bobs_camera.id)), Errc::not_found);
  REQUIRE_ERRC(faces.update(alice, face.id, person_change(-1)), Errc::invalid_argument);
  REQUIRE(faces.get(alice, face.id).person == mine.id);
  REQUIRE_FALSE(faces.get(alice, face.id).camera);

  // Setting and clearing (0) through update.
  const auto other = persons.create(alice, "C");
  const auto door = cameras.create(alice, {0, "door"});
  REQUIRE(faces.update(alice, face.id, person_change(other.id)).person == other.id);
  REQUIRE(faces.update(alice, face.id, camera_change(door.id)).camera == door.id);
  REQUIRE(faces.get(alice, face.id).camera == door.id);
  REQUIRE_FALSE(faces.update(alice, face.id, person_change(0)).person);
  REQUIRE_FALSE(faces.get(alice, face.id).person);
  REQUIRE(faces.get(alice, face.id).camera == door.id);
}

TEMPLATE_TEST_CASE("another user's person and camera are not found for every call",
                   "[persons][cameras][auth]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Persons persons(*env.db);
  Cameras cameras(*env.db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  const auto person = persons.create(alice, "Ann");
  const auto mine = persons.create(bob, "Bea");
  const auto camera = cameras.create(alice, {0, "door", "rtsp://10.0.0.5/1"});

  REQUIRE_ERRC(persons.get(bob, person.id), Errc::not_found);
  REQUIRE_ERRC(persons.update(bob, person.id, Persons::Changes{std::string("x"), std::nullopt}),
               Errc::not_found);
  REQUIRE_ERRC(persons.remove(bob, person.id), Errc::not_found);
  REQUIRE_ERRC(persons.faces(bob, person.id), Errc::not_found);
  REQUIRE_ERRC(persons.count_faces(bob, person.id), Errc::not_found);
  REQUIRE_ERRC(persons.merge(bob, mine.id, person.id), Errc::not_found);
  REQUIRE_ERRC(persons.merge(bob, person.id, mine.id), Errc::not_found);
  REQUIRE(persons.get(bob, mine.id).name == "Bea");  // the failed merge left it
  REQUIRE(persons.list(bob).size() == 1);
  REQUIRE_ERRC(cameras.get(bob, camera.id), Errc::not_found);
  REQUIRE_ERRC(cameras.get(bob, "door"), Errc::not_found);
  REQUIRE_ERRC(cameras.update(bob, camera.id, Cameras::Changes{std::nullopt, std::nullopt, false}),
               Errc::not_found);
  REQUIRE_ERRC(cameras.remove(bob, camera.id), Errc::not_found);
  REQUIRE(cameras.list(bob).empty());

  REQUIRE(persons.get(alice, person.id).name == "Ann");
  REQUIRE(cameras.get(alice, camera.id).active);
}

TEMPLATE_TEST_CASE("persons and cameras need an enabled user", "[persons][cameras][auth]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Persons persons(*env.db);
  Cameras cameras(*env.db);
  const auto alice = users.create("alice").user;
  const auto person = persons.create(alice, "Ann");
  const auto other = persons.create(alice, "Bea");
  const auto camera = cameras.create(alice, {0, "door"});
  const auto carol = users.create("carol").user;
  users.disable(carol.id);
  const auto check = [&](facenapi::UserRef who) {
    REQUIRE_ERRC(persons.create(who, "x"), Errc::unauthenticated);
    REQUIRE_ERRC(persons.get(who, person.id), Errc::unauthenticated);
    REQUIRE_ERRC(persons.list(who), Errc::unauthenticated);
    REQUIRE_ERRC(persons.update(who, person.id, {}), Errc::unauthenticated);
    REQUIRE_ERRC(persons.remove(who, person.id), Errc::unauthenticated);
    REQUIRE_ERRC(persons.faces(who, person.id), Errc::unauthenticated);
    REQUIRE_ERRC(persons.count_faces(who, person.id), Errc::unauthenticated);
    REQUIRE_ERRC(persons.merge(who, person.id, other.id), Errc::unauthenticated);
    REQUIRE_ERRC(cameras.create(who, {0, "x"}), Errc::unauthenticated);
    REQUIRE_ERRC(cameras.get(who, camera.id), Errc::unauthenticated);
    REQUIRE_ERRC(cameras.get(who, "door"), Errc::unauthenticated);
    REQUIRE_ERRC(cameras.list(who), Errc::unauthenticated);
    REQUIRE_ERRC(cameras.update(who, camera.id, {}), Errc::unauthenticated);
    REQUIRE_ERRC(cameras.remove(who, camera.id), Errc::unauthenticated);
  };
  check(0);
  check(-1);
  check(alice.id + 1000);
  check(Users::Model{});
  check(carol);  // disabled
  users.disable(alice.id);
  check(alice);  // disabled after its data was made
  users.enable(alice.id);
  REQUIRE(persons.list(alice).size() == 2);
  REQUIRE(cameras.list(alice).size() == 1);
}

TEMPLATE_TEST_CASE("removing a person clears it from its faces and keeps the faces", "[persons]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Persons persons(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto ann = persons.create(alice, "Ann");
  const auto bea = persons.create(alice, "Bea");
  std::vector<std::int64_t> anns, beas;
  for (int i = 0; i < 4; ++i) anns.push_back(faces.create(alice, face_of_person(i, ann.id)).id);
  beas.push_back(faces.create(alice, face_of_person(5, bea.id)).id);
  persons.remove(alice, ann.id);
  REQUIRE_ERRC(persons.get(alice, ann.id), Errc::not_found);
  REQUIRE_ERRC(persons.remove(alice, ann.id), Errc::not_found);
  for (auto id : anns) REQUIRE_FALSE(faces.get(alice, id).person);
  REQUIRE(faces.get(alice, beas[0]).person == bea.id);
  REQUIRE(faces.count(alice) == 5);
  Faces::Query q;
  q.person = ann.id;
  REQUIRE(faces.count(alice, q) == 0);
  REQUIRE_ERRC(faces.create(alice, face_of_person(7, ann.id)), Errc::not_found);
}

TEMPLATE_TEST_CASE("merging moves every face to the kept person and deletes the other", "[persons]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Persons persons(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto into = persons.create(alice, "Ann");
  const auto from = persons.create(alice, "Ann again");
  const auto bystander = persons.create(alice, "Bea");
  std::set<std::int64_t> all;
  for (int i = 0; i < 3; ++i) all.insert(faces.create(alice, face_of_person(i, into.id)).id);
  for (int i = 3; i < 7; ++i) all.insert(faces.create(alice, face_of_person(i, from.id)).id);
  const auto beas = faces.create(alice, face_of_person(8, bystander.id));

  REQUIRE_ERRC(persons.merge(alice, into.id, into.id), Errc::invalid_argument);
  const auto kept = persons.merge(alice, into.id, from.id);
  REQUIRE(kept.id == into.id);
  REQUIRE(kept.name == "Ann");
  REQUIRE_ERRC(persons.get(alice, from.id), Errc::not_found);
  REQUIRE(face_ids(persons.faces(alice, into.id)) == all);
  REQUIRE(faces.get(alice, beas.id).person == bystander.id);
  REQUIRE_ERRC(persons.merge(alice, into.id, from.id), Errc::not_found);  // already merged
}

TEMPLATE_TEST_CASE("concurrent merges and face writes leave no face on a deleted person",
                   "[persons][threads]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Persons persons(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  constexpr int kPersons = 8;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kPersons; ++i) ids.push_back(persons.create(alice, "p").id);
  for (int i = 0; i < kPersons * 3; ++i) faces.create(alice, face_of_person(i, ids[i % kPersons]));
  // One thread merges each person into the next (a chain toward the last); another creates
  // faces on the persons as they go; a third re-assigns existing faces.
  std::thread merger([&] {
    for (int i = 0; i + 1 < kPersons; ++i) persons.merge(alice, ids[i + 1], ids[i]);
  });
  std::atomic<int> unexpected{0};
  std::thread creator([&] {
    for (int i = 0; i < kPersons * 2; ++i) {
      try {
        faces.create(alice, face_of_person(100 + i, ids[i % kPersons]));
      } catch (const Error& e) {
        unexpected += e.errc() != Errc::not_found;  // not_found: merged away before the check
      }
    }
  });
  const auto existing = faces.list(alice, {}, Faces::kMaxPageSize).faces;
  for (int i = 0; i < static_cast<int>(existing.size()); ++i) {
    try {
      faces.update(alice, existing[i].id, person_change(ids[(i * 5) % kPersons]));
    } catch (const Error& e) {
      REQUIRE(e.errc() == Errc::not_found);
    }
  }
  merger.join();
  creator.join();
  REQUIRE(unexpected == 0);
  REQUIRE(persons.list(alice).size() == 1);
  const auto last = ids.back();
  for (const auto& face : faces.list(alice, {}, Faces::kMaxPageSize).faces) {
    INFO("face " << face.id);
    REQUIRE((!face.person || *face.person == last));
  }
}

TEMPLATE_TEST_CASE("cameras keep their fields, unique names per user, and leave faces on removal",
                   "[cameras]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Cameras cameras(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  Cameras::Model door;
  door.name = "front door";
  door.stream_url = "rtsp://10.0.0.5:554/stream1?user=a&x='; DROP TABLE cameras; --";
  door.active = false;
  door.meta = "{\"floor\": 1}";
  const auto created = cameras.create(alice, door);
  REQUIRE(created.id > 0);
  const auto got = cameras.get(alice, created.id);
  REQUIRE(got.name == door.name);
  REQUIRE(got.stream_url == door.stream_url);
  REQUIRE_FALSE(got.active);
  REQUIRE(got.meta == door.meta);
  REQUIRE(got.created == created.created);
  REQUIRE(cameras.get(alice, "front door").id == created.id);
  REQUIRE_ERRC(cameras.create(alice, door), Errc::already_exists);
  REQUIRE(cameras.create(bob, door).id != created.id);  // another user may use the name
  REQUIRE_ERRC(cameras.create(alice, {0, ""}), Errc::invalid_argument);
  Cameras::Model bad_url{0, "x", "rtsp://a\nb"};
  REQUIRE_ERRC(cameras.create(alice, bad_url), Errc::invalid_argument);
  bad_url.stream_url = std::string(Cameras::kMaxStreamUrlBytes + 1, 'u');
  REQUIRE_ERRC(cameras.create(alice, bad_url), Errc::invalid_argument);

  const auto gate = cameras.create(alice, {0, "gate"});
  REQUIRE(gate.active);
  Cameras::Changes rename;
  rename.name = "front door";
  REQUIRE_ERRC(cameras.update(alice, gate.id, rename), Errc::already_exists);
  REQUIRE(cameras.get(alice, gate.id).name == "gate");
  Cameras::Changes change;
  change.name = "back gate";
  change.active = false;
  change.stream_url = "rtsp://10.0.0.6/s";
  const auto updated = cameras.update(alice, gate.id, change);
  REQUIRE(updated.name == "back gate");
  REQUIRE_FALSE(updated.active);
  REQUIRE(updated.stream_url == "rtsp://10.0.0.6/s");
  REQUIRE(cameras.get(alice, "back gate").id == gate.id);
  REQUIRE_ERRC(cameras.get(alice, "gate"), Errc::not_found);
  const auto list = cameras.list(alice);
  REQUIRE(list.size() == 2);
  REQUIRE(list[0].id == created.id);
  REQUIRE(list[1].id == gate.id);

  // Faces from the door keep existing and lose the camera when it is removed.
  std::vector<std::int64_t> seen;
  for (int i = 0; i < 3; ++i) {
    auto face = face_of(i);
    face.camera = created.id;
    seen.push_back(faces.create(alice, face).id);
  }
  auto from_gate = face_of(4);
  from_gate.camera = gate.id;
  const auto gate_face = faces.create(alice, from_gate);
  cameras.remove(alice, created.id);
  REQUIRE_ERRC(cameras.get(alice, created.id), Errc::not_found);
  for (auto id : seen) REQUIRE_FALSE(faces.get(alice, id).camera);
  REQUIRE(faces.get(alice, gate_face.id).camera == gate.id);
  REQUIRE(faces.count(alice) == 4);
  auto late = face_of(5);
  late.camera = created.id;
  REQUIRE_ERRC(faces.create(alice, late), Errc::not_found);
  REQUIRE(cameras.create(alice, door).id > gate.id);  // the name is free again
}
