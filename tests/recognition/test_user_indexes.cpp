// The recognizer's per-user indexes (src/recognition/user_indexes.hpp) against another process
// writing to the same store, on SQLite and on MongoDB: the delays recognition.hpp states.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <optional>
#include <string>
#include <thread>

#include "recognition/index_writer.hpp"
#include "recognition/user_index_file.hpp"
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

TEST_CASE("a saved index is loaded at first use and brought up to date with the store",
          "[recognition][index][file]") {
  facenapi::test::SqliteEngine engine;
  const std::string dir = engine.dir.path() + "/indexes";
  facenapi::Database db(engine.uri());
  facenapi::Users users(db);
  facenapi::Galleries galleries(db);
  facenapi::Faces faces(db);
  const auto alice = users.create("alice").user;
  const auto bob = users.create("bob").user;
  const auto g1 = galleries.create(alice, "g1").id;
  const auto g2 = galleries.create(alice, "g2").id;
  const auto a = faces.create(alice, face_with_facen(1, {g1})).id;
  const auto b = faces.create(alice, face_with_facen(2, {g1})).id;
  const auto collection =
      facenapi::detail::faces_collection(*facenapi::detail::open_database(engine.uri()));
  const UserIndexesOptions options{0, 3600, dir, 3600};
  {
    UserIndexes indexes(collection, options);
    CHECK(indexes.index(alice.id)->size() == 2);
    CHECK(indexes.loaded_count() == 0);
  }  // saved here
  const std::string path = facenapi::detail::user_index_path(dir, alice.id);
  REQUIRE(std::filesystem::exists(path));

  // While no index runs: a new face, a delete, a gallery move.
  const auto c = faces.create(alice, face_with_facen(3, {g2})).id;
  faces.remove(alice, a);
  faces.update(alice, b, facenapi::Faces::Changes{std::nullopt, std::vector<std::int64_t>{g2}});
  {
    UserIndexes indexes(collection, options);
    const auto index = indexes.index(alice.id);
    CHECK(indexes.loaded_count() == 1);
    CHECK(index->contains(c));  // read at once: its id is above the saved highest one
    indexes.reconcile(alice.id);  // what the background runs at once after a load
    CHECK(sorted(index->ids()) == std::vector<std::int64_t>{b, c});
    CHECK(index->galleries_of(b) == std::vector<std::int64_t>{g2});
    indexes.save_all();
  }

  // Damaged, truncated, foreign files: ignored, the index is built from the store.
  std::string good;
  {
    std::ifstream in(path, std::ios::binary);
    good.assign(std::istreambuf_iterator<char>(in), {});
  }
  REQUIRE(good.size() > 100);
  const auto check_rebuilt = [&](const std::string& content, std::int64_t user,
                                 std::vector<std::int64_t> expected) {
    std::ofstream(facenapi::detail::user_index_path(dir, user), std::ios::binary | std::ios::trunc)
        << content;
    UserIndexes indexes(collection, options);
    const auto index = indexes.index(user);
    CHECK(indexes.loaded_count() == 0);
    CHECK(sorted(index->ids()) == expected);
  };
  check_rebuilt("", alice.id, {b, c});
  check_rebuilt("not an index file at all", alice.id, {b, c});
  for (const std::size_t length : {std::size_t{8}, std::size_t{20}, good.size() / 2,
                                   good.size() - 1}) {
    check_rebuilt(good.substr(0, length), alice.id, {b, c});
  }
  for (const std::size_t at : {std::size_t{10}, std::size_t{30}, good.size() / 3,
                               good.size() - 3}) {
    std::string flipped = good;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
    check_rebuilt(flipped, alice.id, {b, c});
  }
  check_rebuilt(good, bob.id, {});  // alice's file under bob's name
  facenapi::detail::FacenIndex other(facenapi::detail::kFacenDimension);
  other.add(999, facenapi::test::facen_of(9).values, {});
  std::ostringstream foreign;
  facenapi::detail::write_user_index(foreign, alice.id, 0, "another-model/v1", other);
  check_rebuilt(foreign.str(), alice.id, {b, c});

  // The good file again: loaded.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << good;
  UserIndexes indexes(collection, options);
  CHECK(indexes.index(alice.id)->size() == 2);
  CHECK(indexes.loaded_count() == 1);
}

TEST_CASE("an index directory that cannot be made is an io_error", "[recognition][index][errors]") {
  facenapi::test::SqliteEngine engine;
  const std::string file = engine.dir.path() + "/a-file";
  std::ofstream(file) << "x";
  const auto collection =
      facenapi::detail::faces_collection(*facenapi::detail::open_database(engine.uri()));
  REQUIRE_ERRC(UserIndexes(collection, UserIndexesOptions{1, 60, file + "/indexes", 600}),
               Errc::io_error);
  REQUIRE_ERRC(UserIndexes(collection, UserIndexesOptions{1, 60, engine.dir.path(), -1}),
               Errc::invalid_argument);
}
