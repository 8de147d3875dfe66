// Users and authentication, on both engines.
#include <catch2/catch.hpp>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <string>
#include <vector>

#include "store/collection.hpp"
#include "store/store_classes_env.hpp"

using facenapi::Errc;
using facenapi::Error;
using facenapi::Faces;
using facenapi::Galleries;
using facenapi::Users;
using facenapi::test::MongoEngine;
using facenapi::test::SqliteEngine;

namespace {
constexpr const char* kPassword = "correct horse battery";
}

TEMPLATE_TEST_CASE("a new user authenticates with its first token and with its password",
                   "[users][auth]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  const auto created = users.create("alice", kPassword);
  REQUIRE(created.user.id > 0);
  REQUIRE(created.user.name == "alice");
  REQUIRE_FALSE(created.user.disabled);
  REQUIRE(created.user.has_password);
  REQUIRE(created.token.secret.size() == 64);

  REQUIRE(users.authenticate(created.token.secret).id == created.user.id);
  REQUIRE(users.authenticate("alice", kPassword).id == created.user.id);
  REQUIRE(users.get("alice").id == created.user.id);
  REQUIRE(users.get(created.user.id).name == "alice");
}

TEMPLATE_TEST_CASE("a wrong, malformed or revoked token does not authenticate", "[users][auth]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  const auto alice = users.create("alice");
  const auto second = users.add_token(alice.user.id);
  REQUIRE(users.token_ids(alice.user.id) == std::vector<std::int64_t>{alice.token.id, second.id});

  std::string wrong = alice.token.secret;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  REQUIRE_ERRC(users.authenticate(wrong), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate(""), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate("{\"$gt\": \"\"}"), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate(std::string(64, 'Z')), Errc::unauthenticated);

  users.revoke_token(alice.user.id, alice.token.id);
  REQUIRE_ERRC(users.authenticate(alice.token.secret), Errc::unauthenticated);
  REQUIRE(users.authenticate(second.secret).id == alice.user.id);  // the other still works
  REQUIRE_ERRC(users.revoke_token(alice.user.id, alice.token.id), Errc::not_found);

  const auto bob = users.create("bob");
  REQUIRE_ERRC(users.revoke_token(bob.user.id, second.id), Errc::not_found);  // not bob's
  REQUIRE(users.authenticate(second.secret).id == alice.user.id);
}

TEMPLATE_TEST_CASE("a wrong password, an unknown name or no password does not authenticate",
                   "[users][auth]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  const auto alice = users.create("alice", kPassword);
  users.create("nopassword");
  REQUIRE_ERRC(users.authenticate("alice", "correct horse battery!"), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate("alice", ""), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate("Alice", kPassword), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate("nopassword", ""), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate("", kPassword), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate(std::string("alice\0x", 7), kPassword), Errc::unauthenticated);

  users.set_password(alice.user.id, "another password");
  REQUIRE_ERRC(users.authenticate("alice", kPassword), Errc::unauthenticated);
  REQUIRE(users.authenticate("alice", "another password").id == alice.user.id);
  REQUIRE_ERRC(users.set_password(alice.user.id, "short"), Errc::invalid_argument);
}

TEMPLATE_TEST_CASE("a disabled user cannot authenticate or use the store until re-enabled",
                   "[users][auth]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  const auto alice = users.create("alice", kPassword);
  const auto gallery = galleries.create(alice.user, "staff");

  users.disable(alice.user.id);
  REQUIRE(users.get(alice.user.id).disabled);
  REQUIRE_ERRC(users.authenticate(alice.token.secret), Errc::unauthenticated);
  REQUIRE_ERRC(users.authenticate("alice", kPassword), Errc::unauthenticated);
  REQUIRE_ERRC(galleries.list(alice.user), Errc::unauthenticated);
  REQUIRE_ERRC(galleries.get(alice.user, gallery.id), Errc::unauthenticated);

  users.enable(alice.user.id);
  REQUIRE(users.authenticate(alice.token.secret).id == alice.user.id);
  REQUIRE(galleries.get(alice.user, gallery.id).name == "staff");
}

TEMPLATE_TEST_CASE("store calls without a valid user fail with unauthenticated and change nothing",
                   "[users][auth]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice");
  const auto face = faces.create(
      alice.user, Faces::Model::from_extraction_face(facenapi::test::make_extraction_face(1)));
  const auto unknown = alice.user.id + 1000;
  for (const facenapi::UserRef who :
       {facenapi::UserRef(0), facenapi::UserRef(-1), facenapi::UserRef(unknown),
        facenapi::UserRef(Users::Model{})}) {
    REQUIRE_ERRC(galleries.create(who, "g"), Errc::unauthenticated);
    REQUIRE_ERRC(faces.create(who, face), Errc::unauthenticated);
    REQUIRE_ERRC(faces.get(who, face.id), Errc::unauthenticated);
    REQUIRE_ERRC(faces.remove(who, face.id), Errc::unauthenticated);
    REQUIRE_ERRC(faces.remove_by_meta(who, ""), Errc::unauthenticated);
    REQUIRE_ERRC(faces.count(who), Errc::unauthenticated);
  }
  REQUIRE(faces.count(alice.user) == 1);
  REQUIRE(galleries.list(alice.user).empty());
}

TEMPLATE_TEST_CASE("the user list holds every user in id order, disabled ones too, and no secret",
                   "[users]", SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  REQUIRE(users.list().empty());
  const auto alice = users.create("alice", kPassword);
  const auto bob = users.create("bob");
  users.disable(bob.user.id);
  const auto carol = users.create("carol");
  users.remove(carol.user.id);

  const auto listed = users.list();
  REQUIRE(listed.size() == 2);
  REQUIRE(listed[0].id == alice.user.id);
  REQUIRE(listed[0].name == "alice");
  REQUIRE(listed[0].has_password);
  REQUIRE_FALSE(listed[0].disabled);
  REQUIRE(listed[0].created == alice.user.created);
  REQUIRE(listed[1].id == bob.user.id);
  REQUIRE(listed[1].disabled);
  REQUIRE_FALSE(listed[1].has_password);
}

TEMPLATE_TEST_CASE("user names are unique, checked, and stored literally", "[users]", SqliteEngine,
                   MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  users.create("alice");
  REQUIRE_ERRC(users.create("alice"), Errc::already_exists);
  REQUIRE_ERRC(users.create(""), Errc::invalid_argument);
  REQUIRE_ERRC(users.create("tab\tname"), Errc::invalid_argument);
  REQUIRE_ERRC(users.create(std::string(Users::kMaxNameBytes + 1, 'x')), Errc::invalid_argument);
  REQUIRE_ERRC(users.create("\xff\xfe"), Errc::invalid_argument);
  REQUIRE_ERRC(users.create("carol", "short"), Errc::invalid_argument);
  for (const std::string name : {"{\"$gt\": \"\"}", "'; DROP TABLE c_users; --", "$where", "a.b",
                                 "\" OR 1=1 --", "Алиса 🙂"}) {
    const auto created = users.create(name);
    REQUIRE(users.get(name).id == created.user.id);
    REQUIRE(users.get(created.user.id).name == name);
  }
  REQUIRE_ERRC(users.get("nobody"), Errc::not_found);
}

TEMPLATE_TEST_CASE("secrets are stored only as a salted hash and a token digest", "[users][auth]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  const auto a = users.create("alice", kPassword);
  const auto b = users.create("bob", kPassword);

  auto raw = facenapi::detail::open_database(env.uri);
  const auto scope = facenapi::detail::Scope::unowned();
  const auto stored_a = raw->collection("users")->get(scope, a.user.id)->body;
  const auto stored_b = raw->collection("users")->get(scope, b.user.id)->body;
  const std::string text = facenapi::detail::to_text(stored_a);
  REQUIRE(text.find(kPassword) == std::string::npos);
  REQUIRE(stored_a["password"]["alg"] == "pbkdf2-sha256");
  REQUIRE(stored_a["password"]["iterations"].template get<int>() >= 100000);
  REQUIRE(stored_a["password"]["salt"] != stored_b["password"]["salt"]);  // salted
  REQUIRE(stored_a["password"]["hash"] != stored_b["password"]["hash"]);

  const auto tokens = raw->collection("user_tokens")->find(scope, facenapi::detail::Filter());
  REQUIRE(tokens.size() == 2);
  for (const auto& t : tokens) {
    const std::string token_text = facenapi::detail::to_text(t.body);
    REQUIRE(token_text.find(a.token.secret) == std::string::npos);
    REQUIRE(token_text.find(b.token.secret) == std::string::npos);
  }
}

TEMPLATE_TEST_CASE("deleting a user deletes its tokens, galleries and faces", "[users]",
                   SqliteEngine, MongoEngine) {
  STORE_CLASSES_ENV(env);
  Users users(*env.db);
  Galleries galleries(*env.db);
  Faces faces(*env.db);
  const auto alice = users.create("alice");
  const auto bob = users.create("bob");
  galleries.create(alice.user, "g");
  galleries.create(bob.user, "g");
  const auto face = Faces::Model::from_extraction_face(facenapi::test::make_extraction_face(2));
  faces.create(alice.user, face);
  faces.create(bob.user, face);

  users.remove(alice.user.id);
  REQUIRE_ERRC(users.get(alice.user.id), Errc::not_found);
  REQUIRE_ERRC(users.authenticate(alice.token.secret), Errc::unauthenticated);
  REQUIRE_ERRC(faces.count(alice.user), Errc::unauthenticated);
  REQUIRE_ERRC(users.remove(alice.user.id), Errc::not_found);

  auto raw = facenapi::detail::open_database(env.uri);
  const auto scope = facenapi::detail::Scope::owner(alice.user.id);
  REQUIRE(raw->collection("faces")->count(scope, facenapi::detail::Filter()) == 0);
  REQUIRE(raw->collection("galleries")->count(scope, facenapi::detail::Filter()) == 0);
  REQUIRE(faces.count(bob.user) == 1);  // bob keeps his
  REQUIRE(galleries.list(bob.user).size() == 1);
  REQUIRE(users.authenticate(bob.token.secret).id == bob.user.id);
}
