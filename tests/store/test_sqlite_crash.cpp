// The embedded engine's durability: what an insert acknowledged survives a SIGKILL.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "store/collection.hpp"
#include "store/store_engines.hpp"

using facenapi::detail::Document;
using facenapi::detail::Filter;
using facenapi::detail::Scope;

namespace {

std::string integrity_check(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "open failed";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return result;
}

}  // namespace

TEST_CASE("every insert acknowledged before a SIGKILL is there after reopening",
          "[store][sqlite][durability]") {
  facenapi::test::TempDir dir;
  const std::string path = dir.path() + "/store.db";
  const Scope alice = Scope::owner(1);
  facenapi::detail::open_database(path)->collection("faces");

  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(fds[0]);
    try {
      auto faces = facenapi::detail::open_database(path)->collection("faces");
      const std::string payload(2000, 'p');
      for (int i = 0;; ++i) {  // until killed
        const std::int64_t id = faces->insert(alice, {{"i", i}, {"payload", payload}});
        if (write(fds[1], &id, sizeof id) != sizeof id) _exit(2);
      }
    } catch (...) {
      _exit(1);
    }
  }
  close(fds[1]);
  std::vector<std::int64_t> acknowledged;
  std::int64_t id = 0;
  while (acknowledged.size() < 150 && read(fds[0], &id, sizeof id) == sizeof id) {
    acknowledged.push_back(id);
  }
  REQUIRE(kill(child, SIGKILL) == 0);
  // Ids the child wrote before dying are acknowledged too.
  while (read(fds[0], &id, sizeof id) == sizeof id) acknowledged.push_back(id);
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));
  REQUIRE(acknowledged.size() >= 150);

  CHECK(integrity_check(path) == "ok");
  auto faces = facenapi::detail::open_database(path)->collection("faces");
  std::size_t missing = 0;
  for (const auto acked : acknowledged) {
    if (!faces->get(alice, acked)) ++missing;
  }
  CHECK(missing == 0);
  CHECK(faces->count(alice, Filter()) >= static_cast<std::int64_t>(acknowledged.size()));
  // The file still takes writes, with ids past the dead process's.
  CHECK(faces->insert(alice, {{"after", true}}) > acknowledged.back());
  CHECK(integrity_check(path) == "ok");
}
