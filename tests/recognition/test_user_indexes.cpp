// The recognizer's per-user indexes (src/recognition/user_indexes.hpp) against another process
// writing to the same store, on SQLite and on MongoDB: the delays recognition.hpp states.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "recognition/index_writer.hpp"
#include "recognition/user_indexes.hpp"
#include "store/store_classes_env.hpp"
#include "store/store_common.hpp"

using facenapi::Errc;
using facenapi::detail::UserIndexes;
using facenapi::detail::UserIndexesOptions;
using facenapi::test::face_with_facen;
using facenapi::test::IndexWriter;
using Clock = std::chrono::steady_clock;

namespace {

std::string database_uri(const std::string& engine_uri) {
  return engine_uri.rfind("mongodb", 0) == 0 ? facenapi::test::unique_database_uri(engine_uri)
                                             : engine_uri;
}

// Seconds until `done()` holds, polling; nullopt if it does not within `limit` seconds.
std::optional<double> seconds_until(const std::function<bool()>& done, double limit) {
  const auto start = Clock::now();
  for (;;) {
    if (done()) return std::chrono::duration<double>(Clock::now() - start).count();
    if (Clock::now() - start > std::chrono::duration<double>(limit)) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::vector<std::int64_t> sorted(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEMPLATE_TEST_CASE(
    "another process's creates are indexed at the next sync, its deletes and gallery changes "
    "within the reconciliation interval, in place",
    "[recognition][index]", facenapi::test::SqliteEngine, facenapi::test::MongoEngine) {
  TestType engine;
  if (engine.uri().empty()) {
    WARN("no MongoDB server: skipped");
    return;
  }
  const std::string uri = database_uri(engine.uri());
  IndexWriter writer(uri);  // forked before this process opens anything

  facenapi::Database db(uri);
  facenapi::Users users(db);
  facenapi::Galleries galleries(db);
  facenapi::Faces faces(db);
  const auto alice = users.create("alice").user;
  const auto g1 = galleries.create(alice, "g1").id;
  const auto g2 = galleries.create(alice, "g2").id;
  const auto a = faces.create(alice, face_with_facen(1, {g1})).id;
  const auto b = faces.create(alice, face_with_facen(2, {})).id;
  facenapi::Faces::Model no_facen;
  no_facen.meta = "no facen";
  const auto c = faces.create(alice, no_facen).id;
  writer.run("user " + std::to_string(alice.id));

  constexpr double kReconcile = 0.3;
  UserIndexes indexes(facenapi::detail::faces_collection(*facenapi::detail::open_database(uri)),
                      UserIndexesOptions{0, kReconcile});
  const auto index = indexes.index(alice.id);
  CHECK(sorted(index->ids()) == std::vector<std::int64_t>{a, b});
  CHECK(index->galleries_of(a) == std::vector<std::int64_t>{g1});

  // Created elsewhere: in at the next sync (sync interval 0: the next index() call).
  const auto d = writer.run("create 4 " + std::to_string(g1));
  CHECK(indexes.index(alice.id)->contains(d));

  // Deleted, and moved to another gallery, elsewhere: out, and moved, within the
  // reconciliation interval (plus a pass on a tiny store and polling).
  writer.run("remove " + std::to_string(a));
  writer.run("galleries " + std::to_string(b) + " " + std::to_string(g2));
  const auto took = seconds_until(
      [&] {
        const auto i = indexes.index(alice.id);
        return !i->contains(a) && i->galleries_of(b) == std::vector<std::int64_t>{g2};
      },
      kReconcile + 5);
  REQUIRE(took);
  CHECK(*took <= kReconcile + 2);
  // No rebuild: the same index object throughout, still holding the other faces.
  CHECK(indexes.index(alice.id) == index);
  CHECK(sorted(index->ids()) == std::vector<std::int64_t>{b, d});
  CHECK_FALSE(index->contains(c));

  // A face the index lost (e.g. an insert that became visible after higher ids were read)
  // comes back at the next reconciliation; one removed elsewhere since does not.
  index->remove(d);
  CHECK(seconds_until([&] { return index->contains(d); }, kReconcile + 5));
  index->remove(b);
  writer.run("remove " + std::to_string(b));
  indexes.reconcile(alice.id);
  CHECK_FALSE(index->contains(b));
  CHECK(sorted(index->ids()) == std::vector<std::int64_t>{d});
}

TEST_CASE("bad sync intervals are refused", "[recognition][index][errors]") {
  facenapi::test::SqliteEngine engine;
  auto db = facenapi::detail::open_database(engine.uri());
  const auto faces = facenapi::detail::faces_collection(*db);
  for (const auto& [sync, reconcile] : std::vector<std::pair<double, double>>{
           {-1, 60}, {1, 0}, {1, -5}, {NAN, 60}, {1, INFINITY}}) {
    REQUIRE_ERRC(UserIndexes(faces, UserIndexesOptions{sync, reconcile}), Errc::invalid_argument);
  }
  UserIndexes ok(faces, UserIndexesOptions{0, 0.01});
}
