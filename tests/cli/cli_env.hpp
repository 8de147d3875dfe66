// The environment of a CLI test: a fresh database on one engine (a new SQLite file, or a new
// MongoDB database) and a fresh working folder, and helpers that run build/facenapi on them.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "cli/cli_run.hpp"
#include "store/store_engines.hpp"

namespace facenapi::test {

// Made from an engine's URI (empty: no server, the test is skipped); not a template, so that
// the tests' expressions on it are not dependent.
class CliEnv {
 public:
  explicit CliEnv(const std::string& engine_uri) : uri(engine_uri) {
    if (uri.rfind("mongodb", 0) == 0) uri = unique_database_uri(uri);
  }
  bool ready() const { return !uri.empty(); }

  TempDir cwd;  // the working folder of every run
  std::string uri;

  // facenapi --db URI ARGS...
  CliResult run(std::vector<std::string> args,
                const std::map<std::string, std::string>& env = {}) const {
    args.insert(args.begin(), {"--db", uri});
    return run_cli(args, cwd.path(), env);
  }
  // facenapi --db URI --token TOKEN ARGS...
  CliResult as(const std::string& token, std::vector<std::string> args) const {
    args.insert(args.begin(), {"--token", token});
    return run(std::move(args));
  }
  // users create NAME; returns the new user's token.
  std::string create_user(const std::string& name) const {
    const CliResult r = run({"users", "create", name});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return r.json()["token"]["secret"].get<std::string>();
  }
  // Everything the users with `tokens` can see, and the user list, as one text.
  std::string state(const std::vector<std::string>& tokens) const {
    std::string out = run({"users", "list"}).out;
    for (const auto& token : tokens) {
      out += as(token, {"galleries", "list"}).out;
      out += as(token, {"faces", "list", "--limit", "1000"}).out;
    }
    return out;
  }
};

// In a TEMPLATE_TEST_CASE over SqliteEngine / MongoEngine: `env`, a CliEnv on a fresh database.
#define CLI_ENV(env)                                                             \
  TestType env##_engine;                                                         \
  facenapi::test::CliEnv env(env##_engine.uri());                                \
  if (!env.ready()) {                                                            \
    WARN("no MongoDB server for the " << TestType::kName << " engine: skipped"); \
    return;                                                                      \
  }

// Requires `r` to be a rejected call: exit status `status` and a message on stderr.
inline void require_rejected(const CliResult& r, int status) {
  INFO("stdout: " << r.out);
  INFO("stderr: " << r.err);
  REQUIRE(r.status == status);
  REQUIRE(r.err.rfind("facenapi: ", 0) == 0);
}

}  // namespace facenapi::test
