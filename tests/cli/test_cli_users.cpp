// build/facenapi users, and authentication of the galleries and faces commands.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_env.hpp"

using facenapi::test::MongoEngine;
using facenapi::test::require_rejected;
using facenapi::test::SqliteEngine;
using Json = nlohmann::ordered_json;

TEMPLATE_TEST_CASE("users create prints the user and a first token that authenticates",
                   "[cli][users]", SqliteEngine, MongoEngine) {
  CLI_ENV(env);
  const auto created = env.run({"users", "create", "alice", "--password", "a long password"});
  INFO(created.err);
  REQUIRE(created.status == 0);
  const Json j = created.json();
  REQUIRE(j["user"]["id"].get<std::int64_t>() > 0);
  REQUIRE(j["user"]["name"] == "alice");
  REQUIRE(j["user"]["disabled"] == false);
  REQUIRE(j["user"]["has_password"] == true);
  REQUIRE(j["token"]["id"].get<std::int64_t>() > 0);
  const std::string token = j["token"]["secret"].get<std::string>();
  REQUIRE(token.size() == 64);
  REQUIRE(created.err.empty());

  REQUIRE(env.as(token, {"galleries", "create", "staff"}).status == 0);
  const auto listed = env.run({"galleries", "list"}, {{"FACENAPI_TOKEN", token}});
  REQUIRE(listed.status == 0);
  REQUIRE(listed.json()["galleries"][0]["name"] == "staff");
  // Global options may also be written --name=VALUE.
  REQUIRE(facenapi::test::run_cli({"--db=" + env.uri, "--token=" + token, "galleries", "list"},
                                  env.cwd.path())
              .json()["galleries"]
              .size() == 1);
}

TEMPLATE_TEST_CASE("users list, token, revoke, disable and enable manage users by name or id",
                   "[cli][users]", SqliteEngine) {
  CLI_ENV(env);
  const Json alice = env.run({"users", "create", "alice"}).json();
  const Json bob = env.run({"users", "create", "bob"}).json();
  const std::string bob_id = std::to_string(bob["user"]["id"].get<std::int64_t>());

  const auto token = env.run({"users", "token", "alice"}).json();
  REQUIRE(token["user"] == alice["user"]["id"]);
  const std::string second = token["token"]["secret"].get<std::string>();
  REQUIRE(second != alice["token"]["secret"]);
  Json users = env.run({"users", "list"}).json()["users"];
  REQUIRE(users.size() == 2);
  REQUIRE(users[0]["name"] == "alice");
  REQUIRE(users[0]["tokens"] == Json::array({alice["token"]["id"], token["token"]["id"]}));
  REQUIRE(users[1]["id"] == bob["user"]["id"]);
  REQUIRE(users[1]["has_password"] == false);

  const auto disabled = env.run({"users", "disable", bob_id});
  REQUIRE(disabled.status == 0);
  REQUIRE(disabled.json()["name"] == "bob");
  REQUIRE(disabled.json()["disabled"] == true);
  REQUIRE(env.run({"users", "list"}).json()["users"][1]["disabled"] == true);
  REQUIRE(env.run({"users", "enable", "bob"}).json()["disabled"] == false);

  const std::string first_id = std::to_string(alice["token"]["id"].get<std::int64_t>());
  const auto revoked = env.run({"users", "revoke", "alice", first_id});
  REQUIRE(revoked.status == 0);
  REQUIRE(revoked.json()["revoked"] == alice["token"]["id"]);
  REQUIRE(env.run({"users", "list"}).json()["users"][0]["tokens"] ==
          Json::array({token["token"]["id"]}));
  REQUIRE(env.as(second, {"galleries", "list"}).status == 0);
}

TEMPLATE_TEST_CASE(
    "user commands fail for an unknown user, a foreign token or a taken name, "
    "and change nothing",
    "[cli][users]", SqliteEngine) {
  CLI_ENV(env);
  const Json alice = env.run({"users", "create", "alice"}).json();
  const Json bob = env.run({"users", "create", "bob"}).json();
  const std::string bob_token_id = std::to_string(bob["token"]["id"].get<std::int64_t>());
  const std::string before = env.state({});

  require_rejected(env.run({"users", "create", "alice"}), 1);
  require_rejected(env.run({"users", "create", "carol", "--password", "short"}), 1);
  require_rejected(env.run({"users", "disable", "nobody"}), 1);
  require_rejected(env.run({"users", "enable", "999999"}), 1);
  require_rejected(env.run({"users", "token", "nobody"}), 1);
  require_rejected(env.run({"users", "revoke", "alice", bob_token_id}), 1);
  REQUIRE(env.state({}) == before);
}

TEMPLATE_TEST_CASE(
    "galleries and faces commands fail unauthenticated without a token, with a "
    "wrong or revoked token or for a disabled user, and change nothing",
    "[cli][auth]", SqliteEngine, MongoEngine) {
  CLI_ENV(env);
  const Json alice = env.run({"users", "create", "alice"}).json();
  const std::string token = alice["token"]["secret"].get<std::string>();
  const std::string revoked = env.run({"users", "token", "alice"}).json()["token"]["secret"];
  const std::string revoked_id = std::to_string(
      env.run({"users", "list"}).json()["users"][0]["tokens"][1].get<std::int64_t>());
  REQUIRE(env.run({"users", "revoke", "alice", revoked_id}).status == 0);
  REQUIRE(env.as(token, {"galleries", "create", "staff"}).status == 0);
  std::string wrong = token;
  wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
  const std::string before = env.state({token});

  const std::vector<std::vector<std::string>> commands{{"galleries", "list"},
                                                       {"galleries", "create", "other"},
                                                       {"galleries", "delete", "staff"},
                                                       {"faces", "list"},
                                                       {"faces", "get", "1"},
                                                       {"faces", "update", "1", "--meta", "x"},
                                                       {"faces", "delete", "1"},
                                                       {"faces", "delete", "--meta", "x"},
                                                       {"faces", "add", "/nonexistent.jpg"}};
  auto require_unauthenticated = [&](const facenapi::test::CliResult& r) {
    require_rejected(r, 1);
    REQUIRE(r.err.find("unauthenticated") != std::string::npos);
    REQUIRE(r.out.empty());
    REQUIRE(r.err.find(token) == std::string::npos);  // no secret on stderr
    REQUIRE(r.err.find(wrong) == std::string::npos);
    REQUIRE(r.err.find(revoked) == std::string::npos);
  };
  for (const auto& command : commands) {
    INFO(command[0] << " " << command[1]);
    require_unauthenticated(env.run(command));
    require_unauthenticated(env.as("", command));
    require_unauthenticated(env.as(wrong, command));
    require_unauthenticated(env.as(revoked, command));
    require_unauthenticated(env.run(command, {{"FACENAPI_TOKEN", wrong}}));
  }
  REQUIRE(env.run({"users", "disable", "alice"}).status == 0);
  for (const auto& command : commands) require_unauthenticated(env.as(token, command));
  REQUIRE(env.run({"users", "enable", "alice"}).status == 0);
  REQUIRE(env.state({token}) == before);
}

TEMPLATE_TEST_CASE("a malformed command line exits 2 with a message and changes nothing",
                   "[cli][usage]", SqliteEngine) {
  CLI_ENV(env);
  const std::string token = env.create_user("alice");
  REQUIRE(env.as(token, {"galleries", "create", "staff"}).status == 0);
  const std::string before = env.state({token});
  const std::vector<std::vector<std::string>> commands{
      {"frobnicate"},
      {"users"},
      {"users", "create"},
      {"users", "create", "a", "b"},
      {"users", "create", "carol", "--pasword", "x"},
      {"users", "revoke", "alice", "first"},
      {"users", "rename", "alice"},
      {"galleries"},
      {"galleries", "create"},
      {"galleries", "delete", "staff", "extra"},
      {"galleries", "list", "extra"},
      {"faces"},
      {"faces", "add"},
      {"faces", "add", "x.jpg", "--detector", "nope"},
      {"faces", "add", "x.jpg", "--min-face-size", "big"},
      {"faces", "add", "x.jpg", "--draw", "out.png"},
      {"faces", "get"},
      {"faces", "get", "abc"},
      {"faces", "get", "0"},
      {"faces", "get", "-3"},
      {"faces", "get", "1x"},
      {"faces", "list", "--limit", "0"},
      {"faces", "list", "--limit", "1001"},
      {"faces", "list", "--min-id", "x"},
      {"faces", "list", "--bogus"},
      {"faces", "list", "extra"},
      {"faces", "list", "--gallery"},
      {"faces", "update", "1"},
      {"faces", "update", "1", "--gallery", "staff", "--no-galleries"},
      {"faces", "delete"},
      {"faces", "delete", "1", "--meta", "x"},
      {"faces", "delete", "--meta", ""},
      {"faces", "rename", "1"}};
  for (const auto& command : commands) {
    INFO(command[0] << (command.size() > 1 ? " " + command[1] : ""));
    const auto r = env.as(token, command);
    require_rejected(r, 2);
    REQUIRE(r.out.empty());
  }
  require_rejected(facenapi::test::run_cli({"--db"}, env.cwd.path()), 2);
  require_rejected(facenapi::test::run_cli({"--db", env.uri, "--token"}, env.cwd.path()), 2);
  REQUIRE(facenapi::test::run_cli({}, env.cwd.path()).status == 2);
  REQUIRE(env.state({token}) == before);
}

TEMPLATE_TEST_CASE(
    "the database is --db, else $FACENAPI_DB, else facenapi.db in the current "
    "folder, and only users create makes a missing file",
    "[cli][db]", SqliteEngine) {
  CLI_ENV(env);
  namespace fs = std::filesystem;
  const std::string cwd = env.cwd.path();

  const auto missing = facenapi::test::run_cli({"users", "list"}, cwd);
  require_rejected(missing, 1);
  REQUIRE(missing.err.find("facenapi.db") != std::string::npos);
  require_rejected(facenapi::test::run_cli({"galleries", "list"}, cwd, {{"FACENAPI_TOKEN", "x"}}),
                   1);
  REQUIRE_FALSE(fs::exists(cwd + "/facenapi.db"));

  REQUIRE(facenapi::test::run_cli({"users", "create", "alice"}, cwd).status == 0);
  REQUIRE(fs::exists(cwd + "/facenapi.db"));
  REQUIRE(facenapi::test::run_cli({"users", "list"}, cwd).json()["users"].size() == 1);

  const std::string other = cwd + "/other.db";
  REQUIRE(
      facenapi::test::run_cli({"users", "create", "bob"}, cwd, {{"FACENAPI_DB", other}}).status ==
      0);
  const auto in_other = facenapi::test::run_cli({"users", "list"}, cwd, {{"FACENAPI_DB", other}});
  REQUIRE(in_other.json()["users"][0]["name"] == "bob");
  // --db wins over $FACENAPI_DB.
  const auto explicit_db = facenapi::test::run_cli({"--db", cwd + "/facenapi.db", "users", "list"},
                                                   cwd, {{"FACENAPI_DB", other}});
  REQUIRE(explicit_db.json()["users"][0]["name"] == "alice");
}
