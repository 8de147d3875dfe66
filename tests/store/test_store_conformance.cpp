// The storage conformance suite: every TEST_CASE runs on each engine (see store_engines.hpp).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <facenapi/error.hpp>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/collection.hpp"
#include "store/store_engines.hpp"

using facenapi::Errc;
using facenapi::Error;
using facenapi::detail::Collection;
using facenapi::detail::Database;
using facenapi::detail::Document;
using facenapi::detail::Filter;
using facenapi::detail::FindOptions;
using facenapi::detail::Order;
using facenapi::detail::Record;
using facenapi::detail::Scope;
using facenapi::detail::Update;
using facenapi::test::MongoEngine;
using facenapi::test::SqliteEngine;

namespace {

template <typename Engine>
struct Env {
  Engine engine;
  std::shared_ptr<Database> db;

  Env() {
    const std::string uri = engine.uri();
    if (uri.empty()) {
      WARN("no MongoDB server for the "
           << Engine::kName << " engine (scripts/jongodb.sh start did not run): skipped");
      return;
    }
    db = facenapi::detail::open_database(uri);
  }
  bool ready() const { return db != nullptr; }
  std::shared_ptr<Collection> collection(const std::string& base,
                                         const std::vector<std::string>& indexed = {}) {
    return db->collection(facenapi::test::unique_name(base), indexed);
  }
};

#define STORE_ENV(env) \
  Env<TestType> env;   \
  if (!env.ready()) return

const Scope kAlice = Scope::owner(1);
const Scope kBob = Scope::owner(2);

std::vector<std::int64_t> ids_of(const std::vector<Record>& records) {
  std::vector<std::int64_t> ids;
  for (const auto& r : records) ids.push_back(r.id);
  return ids;
}

Errc errc_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.errc();
  }
  return Errc::ok;
}

}  // namespace

TEMPLATE_TEST_CASE("a stored document comes back equal, types, key order and bytes included",
                   "[store]", SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  std::vector<std::uint8_t> bytes(256);
  for (int i = 0; i < 256; ++i) bytes[i] = static_cast<std::uint8_t>(i);
  Document doc = Document::object();
  doc["zeta"] = 1;
  doc["alpha"] = std::int64_t{9007199254740993};  // 2^53 + 1: not representable as a double
  doc["negative"] = std::int64_t{-42};
  doc["score"] = -0.00067401276;
  doc["whole"] = 2.0;
  doc["male"] = true;
  doc["nothing"] = nullptr;
  doc["name"] = "Zoë 🙂 \xE6\x97\xA5";
  doc["with_nul"] = std::string("a\0b", 3);
  doc["bbox"] = {{"left", -3.5}, {"top", 1.25}, {"right", 100.0}, {"bottom", 120.0}};
  doc["galleries"] = {std::int64_t{3}, std::int64_t{7}};
  doc["normalized"] = facenapi::detail::make_binary(bytes);
  doc["nested"] = {{"list", {Document::object(), Document::array(), "x"}}};

  const auto id = faces->insert(kAlice, doc);
  const auto back = faces->get(kAlice, id);
  REQUIRE(back);
  CHECK(back->id == id);
  CHECK(back->body == doc);
  CHECK(back->body.dump() == doc.dump());  // same key order
  CHECK(back->body["alpha"].get<std::int64_t>() == 9007199254740993);
  CHECK(back->body["whole"].is_number_float());
  CHECK(back->body["normalized"].get_binary() == bytes);
  CHECK(back->body["with_nul"].get<std::string>().size() == 3);
}

TEMPLATE_TEST_CASE("ids are positive, unique, increasing and never reused", "[store]", SqliteEngine,
                   MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(faces->insert(i % 2 ? kAlice : kBob, {{"i", i}}));
  CHECK(ids.front() > 0);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(std::set<std::int64_t>(ids.begin(), ids.end()).size() == ids.size());
  REQUIRE(faces->remove(kAlice, Filter().id_in({ids.back()})) == 1);
  CHECK(faces->insert(kAlice, {{"i", 20}}) > ids.back());
  // Each collection counts on its own.
  std::shared_ptr<Collection> galleries = env.collection("galleries");
  const auto first = galleries->insert(kAlice, {{"name", "g"}});
  CHECK(first == 1);
}

TEMPLATE_TEST_CASE("a document of another owner is not found", "[store][auth]", SqliteEngine,
                   MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  const auto id = faces->insert(kAlice, {{"meta", "alice's"}, {"galleries", {1}}});

  CHECK_FALSE(faces->get(kBob, id));
  CHECK_FALSE(faces->get(Scope::unowned(), id));
  CHECK(faces->find(kBob, Filter()).empty());
  CHECK(faces->find(kBob, Filter().eq("meta", "alice's")).empty());
  CHECK(faces->count(kBob, Filter()) == 0);
  CHECK(faces->update(kBob, id, Update{{{"meta", "bob was here"}}, {}}) == 0);
  CHECK(faces->update(kBob, Filter(), Update{{{"meta", "bob was here"}}, {}}) == 0);
  CHECK(faces->remove(kBob, Filter().id_in({id})) == 0);
  CHECK(faces->remove(kBob, Filter()) == 0);

  const auto still = faces->get(kAlice, id);
  REQUIRE(still);
  CHECK(still->body["meta"] == "alice's");
  CHECK(faces->count(kAlice, Filter()) == 1);
}

TEST_CASE("a user id of zero or less is unauthenticated", "[store][auth]") {
  CHECK(errc_of([] { Scope::owner(0); }) == Errc::unauthenticated);
  CHECK(errc_of([] { Scope::owner(-5); }) == Errc::unauthenticated);
  CHECK(Scope::owner(7).owner_id() == 7);
}

TEMPLATE_TEST_CASE("filters select by equality, set membership, array contents and ranges",
                   "[store][filter]", SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces", {"photo_hash", "timestamp"});
  const auto a = faces->insert(kAlice, {{"photo_hash", "aaa"},
                                        {"galleries", {std::int64_t{1}, std::int64_t{2}}},
                                        {"timestamp", "2020-01-01T00:00:00Z"},
                                        {"age", 30},
                                        {"score", -0.5},
                                        {"male", true},
                                        {"bbox", {{"left", 10.0}}}});
  const auto b = faces->insert(kAlice, {{"photo_hash", "bbb"},
                                        {"galleries", {std::int64_t{2}}},
                                        {"timestamp", "2020-06-01T00:00:00Z"},
                                        {"age", 40},
                                        {"score", -2.0},
                                        {"male", false},
                                        {"bbox", {{"left", 20.0}}}});
  const auto c = faces->insert(kAlice, {{"photo_hash", "5"},
                                        {"galleries", Document::array()},
                                        {"timestamp", "2021-01-01T00:00:00Z"},
                                        {"age", "40"},
                                        {"score", 0.0}});
  faces->insert(kBob, {{"photo_hash", "aaa"}, {"galleries", {std::int64_t{2}}}, {"age", 30}});

  using V = std::vector<std::int64_t>;
  auto ids = [&](const Filter& f) { return ids_of(faces->find(kAlice, f)); };
  CHECK(ids(Filter()) == V{a, b, c});
  CHECK(ids(Filter().eq("photo_hash", "aaa")) == V{a});
  CHECK(ids(Filter().eq("age", 40)) == V{b});  // the string "40" is not the number 40
  CHECK(ids(Filter().eq("age", "40")) == V{c});
  CHECK(ids(Filter().eq("photo_hash", 5)).empty());  // nor is the number 5 the string "5"
  CHECK(ids(Filter().eq("male", true)) == V{a});
  CHECK(ids(Filter().eq("male", false)) == V{b});
  CHECK(ids(Filter().eq("score", 0.0)) == V{c});
  CHECK(ids(Filter().eq("bbox.left", 20.0)) == V{b});
  CHECK(ids(Filter().eq("missing", "x")).empty());
  CHECK(ids(Filter().in("photo_hash", {"aaa", "5", "zzz"})) == V{a, c});
  CHECK(ids(Filter().in("age", {30, 40})) == V{a, b});
  CHECK(ids(Filter().in("photo_hash", {})).empty());
  CHECK(ids(Filter().contains("galleries", 2)) == V{a, b});
  CHECK(ids(Filter().contains("galleries", 1)) == V{a});
  CHECK(ids(Filter().contains("galleries", "1")).empty());
  CHECK(ids(Filter().contains("age", 30)).empty());  // not an array
  CHECK(ids(Filter().range("timestamp", "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z")) ==
        V{a, b});
  CHECK(ids(Filter().range("timestamp", "2020-03-01", std::nullopt)) == V{b, c});
  CHECK(ids(Filter().range("score", std::nullopt, -1.0)) == V{b});
  CHECK(ids(Filter().range("score", -1.0, 1)) == V{a, c});
  CHECK(ids(Filter().range("age", 35, std::nullopt)) == V{b});  // numbers only: not "40"
  CHECK(ids(Filter().contains("galleries", 2).range("age", 35, 100)) == V{b});
  CHECK(ids(Filter().id_in({c, a, 999999})) == V{a, c});
  CHECK(faces->count(kAlice, Filter().contains("galleries", 2)) == 2);
  CHECK(faces->count(kBob, Filter().contains("galleries", 2)) == 1);

  CHECK(errc_of([] { Filter().eq("a.b.c.d.e", 1); }) == Errc::invalid_argument);
  CHECK(errc_of([] { Filter().eq("9lives", 1); }) == Errc::invalid_argument);
  CHECK(errc_of([] { Filter().in("x", {true}); }) == Errc::invalid_argument);
  CHECK(errc_of([] { Filter().range("x", "a", 1); }) == Errc::invalid_argument);
  CHECK(errc_of([] { Filter().range("x", std::nullopt, std::nullopt); }) == Errc::invalid_argument);
}

TEMPLATE_TEST_CASE("find pages through documents by id in both orders", "[store][filter]",
                   SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  std::vector<std::int64_t> all;
  for (int i = 0; i < 25; ++i) all.push_back(faces->insert(kAlice, {{"i", i}}));
  faces->insert(kBob, {{"i", 100}});

  std::vector<std::int64_t> seen;
  Filter next;
  while (true) {
    const auto page = faces->find(kAlice, next, FindOptions{10, Order::ascending});
    CHECK(page.size() <= 10);
    if (page.empty()) break;
    for (const auto& r : page) seen.push_back(r.id);
    next = Filter().id_above(page.back().id);
  }
  CHECK(seen == all);

  seen.clear();
  next = Filter();
  while (true) {
    const auto page = faces->find(kAlice, next, FindOptions{7, Order::descending});
    if (page.empty()) break;
    for (const auto& r : page) seen.push_back(r.id);
    next = Filter().id_below(page.back().id);
  }
  CHECK(seen == std::vector<std::int64_t>(all.rbegin(), all.rend()));
  CHECK(faces->find(kAlice, Filter(), FindOptions{3, Order::descending}).front().body["i"] == 24);
  CHECK(ids_of(faces->find(kAlice, Filter().id_above(all[3]).id_below(all[6]))) ==
        std::vector<std::int64_t>{all[4], all[5]});
}

TEMPLATE_TEST_CASE("a projection returns only the named top-level fields, in their order",
                   "[store][filter]", SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  const std::vector<std::uint8_t> facen_bytes = {0, 1, 2, 255, 128, 7, 0, 9};
  const std::vector<std::uint8_t> chip(4096, 0xab);
  Document full = Document::object();
  full["bbox"] = {{"left", 1.5}, {"top", 2.0}};
  full["facen"] = {{"model", "m1"}, {"values", facenapi::detail::make_binary(facen_bytes)}};
  full["normalized"] = facenapi::detail::make_binary(chip);
  full["meta"] = "x\"}, 'y";
  full["galleries"] = {std::int64_t{3}, std::int64_t{9}};
  full["nothing"] = nullptr;
  const auto a = faces->insert(kAlice, full);
  const auto b = faces->insert(kAlice, {{"meta", "no facen, no galleries"}});
  const auto c = faces->insert(kAlice, {{"galleries", Document::array()}, {"facen", 1}});
  faces->insert(kBob, full);

  FindOptions projected;
  projected.fields = {"galleries", "facen", "nothing"};
  const auto records = faces->find(kAlice, Filter(), projected);
  REQUIRE(ids_of(records) == std::vector<std::int64_t>{a, b, c});
  Document expected_a = Document::object();
  expected_a["galleries"] = full["galleries"];
  expected_a["facen"] = full["facen"];
  expected_a["nothing"] = nullptr;  // a stored null is present; an absent field is absent
  CHECK(records[0].body == expected_a);
  CHECK(records[0].body.dump() == expected_a.dump());  // the projection's order
  CHECK(records[0].body["facen"]["values"].get_binary() == facen_bytes);
  CHECK(records[1].body == Document::object());
  CHECK(records[2].body.dump() == R"({"galleries":[],"facen":1})");

  // With a filter, a limit and descending order, as find without a projection.
  projected.fields = {"meta"};
  projected.limit = 1;
  projected.order = Order::descending;
  const auto last = faces->find(kAlice, Filter().id_below(c), projected);
  REQUIRE(last.size() == 1);
  CHECK(last[0].id == b);
  CHECK(last[0].body == Document{{"meta", "no facen, no galleries"}});
  projected.limit = 0;
  projected.order = Order::ascending;
  CHECK(ids_of(faces->find(kAlice, Filter().contains("galleries", 9), projected)) ==
        std::vector<std::int64_t>{a});
  CHECK(faces->find(kBob, Filter().id_in({a, b, c}), projected).empty());

  for (const auto& bad : std::vector<std::vector<std::string>>{
           {"facen.model"}, {"$where"}, {""}, {"meta", "meta"}, {"a b"}, {"x'"}}) {
    FindOptions o;
    o.fields = bad;
    CHECK(errc_of([&] { faces->find(kAlice, Filter(), o); }) == Errc::invalid_argument);
  }
}

TEMPLATE_TEST_CASE("update changes only the named fields of matching documents", "[store]",
                   SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  const auto a = faces->insert(kAlice, {{"meta", "a"}, {"age", 1}, {"galleries", {1}}});
  const auto b = faces->insert(kAlice, {{"meta", "b"}, {"age", 2}, {"galleries", {2}}});

  CHECK(faces->update(kAlice, a, Update{{{"meta", "changed"}, {"new", {{"x", 1}}}}, {"age"}}) == 1);
  const auto got = faces->get(kAlice, a);
  REQUIRE(got);
  CHECK(got->body == Document{{"meta", "changed"}, {"galleries", {1}}, {"new", {{"x", 1}}}});
  CHECK(faces->get(kAlice, b)->body == Document{{"meta", "b"}, {"age", 2}, {"galleries", {2}}});

  CHECK(faces->update(kAlice, Filter(), Update{{{"reviewed", true}}, {}}) == 2);
  CHECK(faces->count(kAlice, Filter().eq("reviewed", true)) == 2);
  CHECK(faces->update(kAlice, 999999, Update{{{"meta", "x"}}, {}}) == 0);
  CHECK(errc_of([&] {
          faces->update(kAlice, a, Update{{{"$set", 1}}, {}});
        }) == Errc::invalid_argument);
  CHECK(errc_of([&] {
          faces->update(kAlice, a, Update{{{"meta", 1}}, {"meta"}});
        }) == Errc::invalid_argument);
}

TEMPLATE_TEST_CASE("remove deletes only matching documents and says how many", "[store]",
                   SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  for (int i = 0; i < 6; ++i) faces->insert(kAlice, {{"even", i % 2 == 0}});
  faces->insert(kBob, {{"even", true}});
  CHECK(faces->remove(kAlice, Filter().eq("even", true)) == 3);
  CHECK(faces->count(kAlice, Filter()) == 3);
  CHECK(faces->count(kAlice, Filter().eq("even", true)) == 0);
  CHECK(faces->count(kBob, Filter()) == 1);
  CHECK(faces->remove(kAlice, Filter()) == 3);
  CHECK(faces->count(kAlice, Filter()) == 0);
}

TEMPLATE_TEST_CASE("injection strings are stored literally and match only themselves",
                   "[store][safety]", SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces", {"meta"});
  const std::vector<std::string> attacks = {
      R"({"$gt": ""})",
      "'; DROP TABLE faces; --",
      "\"; DROP TABLE c_faces; --",
      "' OR '1'='1",
      "$where",
      "function() { return true; }",
      "$ne",
      "a.b.c",
      std::string("nul\0inside", 10),
      "json_extract(doc, '$.meta')",
      "') OR 1=1 --",
      "*",
      "%",
  };
  std::vector<std::int64_t> ids;
  for (const auto& s : attacks) ids.push_back(faces->insert(kAlice, {{"meta", s}, {"tag", s}}));
  for (std::size_t i = 0; i < attacks.size(); ++i) {
    const auto got = faces->get(kAlice, ids[i]);
    REQUIRE(got);
    CHECK(got->body["meta"].get<std::string>() == attacks[i]);
    if (attacks[i].find('\0') != std::string::npos) {  // stored, but no filter may hold a NUL
      CHECK(errc_of([&] { Filter().eq("meta", attacks[i]); }) == Errc::invalid_argument);
      continue;
    }
    CHECK(ids_of(faces->find(kAlice, Filter().eq("meta", attacks[i]))) ==
          std::vector<std::int64_t>{ids[i]});
    CHECK(faces->count(kAlice, Filter().contains("meta", attacks[i])) == 0);
    CHECK(faces->count(kAlice, Filter().range("meta", attacks[i], attacks[i] + "\x01")) == 1);
  }
  CHECK(faces->count(kAlice, Filter().in("tag", {attacks[0], attacks[1]})) == 2);
  CHECK(faces->count(kAlice, Filter()) == static_cast<std::int64_t>(attacks.size()));
  CHECK(faces->update(kAlice, Filter().eq("meta", attacks[0]), Update{{{"tag", "$set"}}, {}}) == 1);
  CHECK(faces->remove(kAlice, Filter().eq("meta", attacks[1])) == 1);
  CHECK(faces->count(kAlice, Filter()) == static_cast<std::int64_t>(attacks.size()) - 1);

  // Keys are not data: operator-like, dotted, NUL-holding or empty keys are refused.
  for (const std::string& key :
       std::vector<std::string>{"$where", "$gt", "a.b", std::string("a\0b", 3), ""}) {
    CHECK(errc_of([&] { faces->insert(kAlice, Document{{key, 1}}); }) == Errc::invalid_argument);
    CHECK(errc_of([&] {
            faces->insert(kAlice, Document{{"meta", {{key, 1}}}});
          }) == Errc::invalid_argument);
  }
  CHECK(errc_of([&] {
          faces->insert(kAlice, Document{{"meta", "\xC3\x28"}});
        }) == Errc::invalid_argument);  // not UTF-8
  CHECK(errc_of([&] { Filter().eq("meta') OR 1=1 --", 1); }) == Errc::invalid_argument);
  CHECK(errc_of([&] { env.db->collection("faces; DROP TABLE x"); }) == Errc::invalid_argument);
  CHECK(errc_of([&] { env.db->collection("$cmd"); }) == Errc::invalid_argument);
  CHECK(faces->count(kAlice, Filter()) == static_cast<std::int64_t>(attacks.size()) - 1);
}

TEMPLATE_TEST_CASE("a 1 MB string is stored and a document over the size limit is refused",
                   "[store][limits]", SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  const std::string megabyte(1 << 20, 'm');
  const auto id = faces->insert(kAlice, {{"meta", megabyte}});
  const auto got = faces->get(kAlice, id);
  REQUIRE(got);
  CHECK(got->body["meta"].get<std::string>() == megabyte);

  const std::string too_big(facenapi::detail::kMaxDocumentBytes, 'x');
  CHECK(errc_of([&] { faces->insert(kAlice, {{"meta", too_big}}); }) == Errc::too_large);
  CHECK(errc_of([&] {
          faces->update(kAlice, id, Update{{{"meta", too_big}}, {}});
        }) == Errc::too_large);
  CHECK(faces->count(kAlice, Filter()) == 1);
  CHECK(faces->get(kAlice, id)->body["meta"].get<std::string>() == megabyte);
}

TEMPLATE_TEST_CASE("eight threads writing at once lose no writes and get unique ids",
                   "[store][concurrency]", SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  std::shared_ptr<Collection> faces = env.collection("faces");
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::vector<std::vector<std::int64_t>> ids(kThreads);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  std::mutex errors_mutex;
  std::vector<std::string> errors;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        const Scope owner = Scope::owner(1 + t % 2);
        for (int i = 0; i < kPerThread; ++i) {
          const auto id = faces->insert(owner, {{"thread", t}, {"i", i}});
          ids[t].push_back(id);
          // Read-your-write and an update from the same thread, interleaved with the others.
          if (!faces->get(owner, id)) ++failures;
          if (faces->update(owner, id, Update{{{"seen", true}}, {}}) != 1) ++failures;
        }
      } catch (const std::exception& e) {
        ++failures;
        const std::lock_guard<std::mutex> lock(errors_mutex);
        errors.push_back(e.what());
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& e : errors) UNSCOPED_INFO(e);
  CHECK(failures.load() == 0);
  std::set<std::int64_t> unique;
  for (const auto& v : ids) unique.insert(v.begin(), v.end());
  CHECK(unique.size() == static_cast<std::size_t>(kThreads * kPerThread));
  CHECK(faces->count(kAlice, Filter().eq("seen", true)) +
            faces->count(kBob, Filter().eq("seen", true)) ==
        kThreads * kPerThread);
  for (int t = 0; t < kThreads; ++t) {
    CHECK(std::is_sorted(ids[t].begin(), ids[t].end()));
  }
}

TEMPLATE_TEST_CASE("ids stay unique when several processes insert into one database",
                   "[store][concurrency]", SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  const std::string name = facenapi::test::unique_name("faces");
  env.db->collection(name);
  constexpr int kChildren = 3;
  constexpr int kPerChild = 30;
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  std::vector<pid_t> children;
  for (int c = 0; c < kChildren; ++c) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      int code = 0;
      try {  // a child opens its own database: nothing is shared with the parent across fork()
        auto db = facenapi::detail::open_database(env.engine.uri());
        auto faces = db->collection(name);
        for (int i = 0; i < kPerChild; ++i) {
          const std::int64_t id = faces->insert(kAlice, {{"child", c}});
          if (write(fds[1], &id, sizeof id) != sizeof id) code = 2;
        }
      } catch (...) {
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  close(fds[1]);
  std::vector<std::int64_t> ids;
  std::int64_t id = 0;
  while (read(fds[0], &id, sizeof id) == sizeof id) ids.push_back(id);
  close(fds[0]);
  for (const pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(ids.size() == static_cast<std::size_t>(kChildren * kPerChild));
  CHECK(std::set<std::int64_t>(ids.begin(), ids.end()).size() == ids.size());
  CHECK(env.db->collection(name)->count(kAlice, Filter()) == kChildren * kPerChild);
}

TEMPLATE_TEST_CASE("a reopened database keeps its documents and its id counter", "[store]",
                   SqliteEngine, MongoEngine) {
  STORE_ENV(env);
  const std::string name = facenapi::test::unique_name("faces");
  std::int64_t last = 0;
  {
    std::shared_ptr<Collection> faces = env.db->collection(name);
    for (int i = 0; i < 3; ++i) last = faces->insert(kAlice, {{"i", i}});
    faces->remove(kAlice, Filter().id_in({last}));
  }
  env.db.reset();
  auto reopened = facenapi::detail::open_database(env.engine.uri());
  CHECK(reopened->engine() == TestType::kName);
  auto faces = reopened->collection(name);
  CHECK(faces->count(kAlice, Filter()) == 2);
  CHECK(faces->insert(kAlice, {{"i", 3}}) > last);
}
