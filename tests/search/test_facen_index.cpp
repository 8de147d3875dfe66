#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/error.hpp>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "search/facen_index.hpp"
#include "search/facen_index_set.hpp"
#include "support/synthetic_facens.hpp"

using facenapi::Errc;
using facenapi::Error;
using namespace facenapi::detail;
using facenapi_test::SyntheticFaceModel;
using facenapi_test::SyntheticFacens;

namespace {

struct Ref {
  std::int64_t id;
  double distance;
};

// Brute force in double precision over the faces that `keep` accepts, best first.
template <class Keep>
std::vector<Ref> brute_force(const SyntheticFacens& data, const std::vector<std::int64_t>& ids,
                             const float* q, std::size_t n, Keep keep) {
  std::vector<Ref> all;
  for (std::size_t i = 0; i < data.count(); ++i) {
    if (!keep(i)) continue;
    double d2 = 0;
    for (std::size_t k = 0; k < data.dim; ++k) {
      const double diff = double(data.row(i)[k]) - q[k];
      d2 += diff * diff;
    }
    all.push_back({ids[i], std::sqrt(d2)});
  }
  std::sort(all.begin(), all.end(), [](const Ref& a, const Ref& b) {
    return a.distance < b.distance || (a.distance == b.distance && a.id < b.id);
  });
  if (all.size() > n) all.resize(n);
  return all;
}

// Equal to the reference: same distances (to float precision), same ids wherever the
// reference's neighbours are not within float precision of each other.
void require_same(const std::vector<SearchHit>& hits, const std::vector<Ref>& ref) {
  REQUIRE(hits.size() == ref.size());
  for (std::size_t i = 0; i < ref.size(); ++i) {
    REQUIRE(hits[i].distance == Approx(ref[i].distance).margin(2e-5));
    const bool tied = (i > 0 && ref[i].distance - ref[i - 1].distance < 4e-5) ||
                      (i + 1 < ref.size() && ref[i + 1].distance - ref[i].distance < 4e-5);
    if (!tied) REQUIRE(hits[i].id == ref[i].id);
  }
}

std::vector<std::int64_t> ids_for(std::size_t count) {
  std::vector<std::int64_t> ids(count);
  for (std::size_t i = 0; i < count; ++i) ids[i] = static_cast<std::int64_t>(1000 + 7 * i);
  return ids;
}

std::vector<float> query_near(SyntheticFaceModel& model, const SyntheticFacens& data,
                              std::size_t i) {
  return model.face(std::vector<float>(data.row(i), data.row(i) + data.dim), 0.15f);
}

FacenIndexOptions graph_options(std::size_t min_size = 500) {
  FacenIndexOptions o;
  o.approximate_min_size = min_size;
  o.build_threads = 2;
  return o;
}

}  // namespace

TEST_CASE("exact search equals brute force in double precision", "[search][exact]") {
  SyntheticFaceModel model(1);
  const auto data = model.make(800, 4);
  const auto ids = ids_for(data.count());
  FacenIndex index(128);
  for (std::size_t i = 0; i < data.count(); ++i) index.add(ids[i], data.row(i), {});
  REQUIRE(index.size() == data.count());
  for (std::size_t t = 0; t < 40; ++t) {
    const auto q = query_near(model, data, t * 71 % data.count());
    for (const std::size_t n : {1, 10, 50}) {
      SearchOptions o;
      o.n = n;
      o.kind = IndexKind::exact;
      const auto ref = brute_force(data, ids, q.data(), n, [](std::size_t) { return true; });
      require_same(index.search(q, o), ref);
      o.int8_scan = false;
      require_same(index.search(q, o), ref);
    }
  }
}

TEST_CASE("the int8 scan returns the same hits as the float32 scan", "[search][exact][int8]") {
  SyntheticFaceModel model(2);
  const auto data = model.make(1500, 4);
  const auto ids = ids_for(data.count());
  FacenIndex index(128);
  for (std::size_t i = 0; i < data.count(); ++i) index.add(ids[i], data.row(i), {});
  for (std::size_t t = 0; t < 100; ++t) {
    // Queries near stored faces and fresh identities (whose neighbours are all far and close
    // together: the hardest case for a quantized scan).
    const auto q = t % 2 ? query_near(model, data, t * 37 % data.count()) : model.identity();
    for (const std::size_t n : {1, 10, 100}) {
      for (const float max_distance : {INFINITY, 0.6f, 1.0f}) {
        SearchOptions o;
        o.n = n;
        o.max_distance = max_distance;
        o.kind = IndexKind::exact;
        const auto quantized = index.search(q, o);
        o.int8_scan = false;
        const auto full = index.search(q, o);
        REQUIRE(quantized.size() == full.size());
        for (std::size_t i = 0; i < full.size(); ++i) {
          REQUIRE(quantized[i].id == full[i].id);
          REQUIRE(quantized[i].distance == Approx(full[i].distance).margin(1e-6));
          REQUIRE(full[i].distance <= max_distance);
        }
      }
    }
  }
}

TEST_CASE("a float16 index returns the hits of brute force over its rounded rows",
          "[search][exact][float16]") {
  SyntheticFaceModel model(3);
  const auto data = model.make(500, 4);
  const auto ids = ids_for(data.count());
  FacenIndexOptions opts;
  opts.precision = Precision::float16;
  FacenIndex index(128, opts);
  for (std::size_t i = 0; i < data.count(); ++i) index.add(ids[i], data.row(i), {});
  for (std::size_t t = 0; t < 30; ++t) {
    const auto q = query_near(model, data, t * 13 % data.count());
    SearchOptions o;
    o.kind = IndexKind::exact;
    const auto ref = brute_force(data, ids, q.data(), 10, [](std::size_t) { return true; });
    const auto hits = index.search(q, o);
    REQUIRE(hits.size() == ref.size());
    // Half precision moves distances by at most a few 1e-4.
    for (std::size_t i = 0; i < ref.size(); ++i)
      REQUIRE(hits[i].distance == Approx(ref[i].distance).margin(1e-3));
    REQUIRE(hits[0].id == ref[0].id);
  }
}

TEST_CASE("a search over galleries never returns a face outside them", "[search][galleries]") {
  SyntheticFaceModel model(4);
  const auto data = model.make(1500, 4);
  const auto ids = ids_for(data.count());
  // Gallery 1 holds every second face, galleries 10..29 a twentieth each, 99 a few faces;
  // some faces are in no gallery.
  std::vector<std::vector<std::int64_t>> galleries(data.count());
  for (std::size_t i = 0; i < data.count(); ++i) {
    if (i % 2 == 0) galleries[i].push_back(1);
    if (i % 3 != 0) galleries[i].push_back(10 + static_cast<std::int64_t>(i % 20));
    if (i % 500 == 7) galleries[i].push_back(99);
  }
  auto in_any = [&](std::size_t i, const std::vector<std::int64_t>& gs) {
    for (const auto g : gs)
      if (std::find(galleries[i].begin(), galleries[i].end(), g) != galleries[i].end()) return true;
    return false;
  };
  for (const bool graph : {false, true}) {
    FacenIndex index(128, graph_options(graph ? 1000 : 1000000));
    index.add_batch(ids, data.values.data(), galleries);
    REQUIRE(index.has_graph() == graph);
    const std::vector<std::vector<std::int64_t>> queries = {{1},          {12},    {99},
                                                            {12, 13, 99}, {1, 12}, {5555}};
    for (std::size_t t = 0; t < 20; ++t) {
      const auto q = query_near(model, data, t * 101 % data.count());
      for (const auto& gs : queries) {
        SearchOptions o;
        o.galleries = &gs;
        o.kind = IndexKind::exact;
        const auto hits = index.search(q, o);
        for (const auto& h : hits) REQUIRE(in_any(static_cast<std::size_t>((h.id - 1000) / 7), gs));
        const auto ref =
            brute_force(data, ids, q.data(), 10, [&](std::size_t i) { return in_any(i, gs); });
        require_same(hits, ref);
        o.kind = IndexKind::approximate;
        for (const auto& h : index.search(q, o))
          REQUIRE(in_any(static_cast<std::size_t>((h.id - 1000) / 7), gs));
      }
    }
  }
}

TEST_CASE("a batch of queries gets each query's own answer", "[search][batch]") {
  SyntheticFaceModel model(9);
  // 3,000 faces: three blocks of the scan, the last one partial.
  const auto data = model.make(750, 4);
  const auto ids = ids_for(data.count());
  std::vector<std::vector<std::int64_t>> galleries(data.count());
  for (std::size_t i = 0; i < data.count(); ++i) {
    if (i % 2 == 0) galleries[i].push_back(1);    // a large gallery: the shared scan
    if (i % 300 == 5) galleries[i].push_back(2);  // a few faces: scored one query at a time
  }
  std::vector<float> queries;
  for (std::size_t t = 0; t < 24; ++t) {
    const auto q = t % 3 ? query_near(model, data, t * 113 % data.count()) : model.identity();
    queries.insert(queries.end(), q.begin(), q.end());
  }
  const std::size_t count = queries.size() / 128;
  const std::vector<std::int64_t> large = {1}, small = {2}, none = {777};
  for (const bool graph : {false, true}) {
    FacenIndex index(128, graph_options(graph ? 1000 : 1000000));
    index.add_batch(ids, data.values.data(), galleries);
    index.remove(ids[3]);  // a tombstone inside the first block
    for (const IndexKind kind : {IndexKind::exact, IndexKind::auto_})
      for (const auto* gs :
           {static_cast<const std::vector<std::int64_t>*>(nullptr), &large, &small, &none})
        for (const std::size_t n : {1, 10, 100})
          for (const float max_distance : {INFINITY, 0.7f}) {
            SearchOptions o;
            o.kind = kind;
            o.n = n;
            o.max_distance = max_distance;
            o.galleries = gs;
            const auto batch = index.search_batch(queries.data(), count, o);
            REQUIRE(batch.size() == count);
            for (std::size_t i = 0; i < count; ++i) {
              const auto one = index.search(queries.data() + i * 128, o);
              REQUIRE(batch[i].size() == one.size());
              for (std::size_t k = 0; k < one.size(); ++k) {
                REQUIRE(batch[i][k].id == one[k].id);
                REQUIRE(batch[i][k].distance == one[k].distance);
              }
            }
          }
    CHECK(index.search_batch(queries.data(), 0, SearchOptions{}).empty());
    // One bad query fails the whole batch with a clear error.
    std::vector<float> bad = queries;
    bad[5 * 128 + 3] = std::numeric_limits<float>::quiet_NaN();
    CHECK_THROWS_MATCHES(
        index.search_batch(bad.data(), count, SearchOptions{}), Error,
        Catch::Predicate<Error>([](const Error& e) { return e.errc() == Errc::invalid_argument; }));
    SearchOptions zero;
    zero.n = 0;
    CHECK_THROWS_AS(index.search_batch(queries.data(), count, zero), Error);
  }
}

TEST_CASE("removed faces are not found and replaced faces are found by their new facen",
          "[search][update]") {
  SyntheticFaceModel model(5);
  const auto data = model.make(600, 4);
  const auto ids = ids_for(data.count());
  for (const bool graph : {false, true}) {
    FacenIndex index(128, graph_options(graph ? 1000 : 1000000));
    index.add_batch(ids, data.values.data(), {});
    REQUIRE(index.has_graph() == graph);
    SearchOptions o;
    o.n = 1;
    for (const IndexKind kind : {IndexKind::exact, IndexKind::approximate}) {
      o.kind = kind;
      REQUIRE(index.search(data.row(10), o).at(0).id == ids[10]);
    }
    REQUIRE(index.remove(ids[10]));
    REQUIRE_FALSE(index.remove(ids[10]));
    REQUIRE_FALSE(index.contains(ids[10]));
    REQUIRE(index.size() == data.count() - 1);
    for (const IndexKind kind : {IndexKind::exact, IndexKind::approximate}) {
      o.kind = kind;
      o.n = 20;
      for (const auto& h : index.search(data.row(10), o)) REQUIRE(h.id != ids[10]);
    }
    // Replace face 20 by a new identity's facen: found by it, not by the old one.
    const auto fresh = model.identity();
    index.add(ids[20], fresh, {7});
    REQUIRE(index.size() == data.count() - 1);
    o.n = 1;
    for (const IndexKind kind : {IndexKind::exact, IndexKind::approximate}) {
      o.kind = kind;
      const auto hit = index.search(fresh, o).at(0);
      REQUIRE(hit.id == ids[20]);
      REQUIRE(hit.distance < 1e-3f);
      REQUIRE(index.search(data.row(20), o).at(0).id != ids[20]);
    }
    REQUIRE(index.galleries_of(ids[20]) == std::vector<std::int64_t>{7});
    index.set_galleries(ids[20], {8, 9});
    const std::vector<std::int64_t> seven{7}, nine{9};
    o.galleries = &seven;
    REQUIRE(index.search(fresh, o).empty());
    o.galleries = &nine;
    REQUIRE(index.search(fresh, o).at(0).id == ids[20]);
    REQUIRE_THROWS_MATCHES(
        index.set_galleries(ids[10], {1}), Error,
        Catch::Predicate<Error>([](const Error& e) { return e.errc() == Errc::not_found; }));
    // A new face takes a free slot (graph) or a new row (no graph) and is found.
    const auto another = model.identity();
    index.add(5, another, {});
    o.galleries = nullptr;
    REQUIRE(index.search(another, o).at(0).id == 5);
    // Remove half of the faces: the rest are still found, each by its own facen.
    for (std::size_t i = 0; i < data.count(); i += 2) index.remove(ids[i]);
    index.compact();
    for (std::size_t i = 1; i < data.count(); i += 50) {
      o.kind = IndexKind::auto_;
      if (i != 20) REQUIRE(index.search(data.row(i), o).at(0).id == ids[i]);
    }
  }
}

TEST_CASE("HNSW search finds at least 99% of the exact top 10 on 20,000 face-like facens",
          "[search][hnsw]") {
  SyntheticFaceModel model(6);
  const auto data = model.make(4000, 5);
  const auto ids = ids_for(data.count());
  FacenIndexOptions opts = graph_options(1000);
  opts.precision = Precision::float16;
  FacenIndex index(128, opts);
  index.add_batch(ids, data.values.data(), {});
  REQUIRE(index.has_graph());
  std::size_t found = 0, total = 0;
  for (std::size_t t = 0; t < 200; ++t) {
    const auto q = t % 4 ? query_near(model, data, t * 97 % data.count()) : model.identity();
    SearchOptions o;
    o.kind = IndexKind::exact;
    const auto exact = index.search(q, o);
    o.kind = IndexKind::approximate;
    const auto approx = index.search(q, o);
    for (const auto& e : exact)
      found += std::any_of(approx.begin(), approx.end(),
                           [&](const SearchHit& a) { return a.id == e.id; });
    total += exact.size();
  }
  const double recall = double(found) / double(total);
  INFO("recall@10 " << recall);
  REQUIRE(recall >= 0.99);
}

TEST_CASE("a saved index loads with the same faces, galleries and results", "[search][file]") {
  SyntheticFaceModel model(7);
  const auto data = model.make(700, 3);
  const auto ids = ids_for(data.count());
  std::vector<std::vector<std::int64_t>> galleries(data.count());
  for (std::size_t i = 0; i < data.count(); ++i) galleries[i] = {static_cast<std::int64_t>(i % 5)};
  for (const bool graph : {false, true}) {
    for (const Precision p : {Precision::float32, Precision::float16}) {
      FacenIndexOptions opts = graph_options(graph ? 1000 : 1000000);
      opts.precision = p;
      FacenIndex index(128, opts);
      index.add_batch(ids, data.values.data(), galleries);
      index.remove(ids[3]);  // a tombstone (graph) or a moved row
      std::stringstream file;
      index.save(file);
      const std::string bytes = file.str();
      std::istringstream in(bytes);
      const FacenIndex loaded = FacenIndex::load(in);
      REQUIRE(loaded.size() == index.size());
      REQUIRE(loaded.has_graph() == graph);
      REQUIRE(loaded.galleries_of(ids[100]) == std::vector<std::int64_t>{0});
      for (std::size_t t = 0; t < 30; ++t) {
        const auto q = query_near(model, data, t * 61 % data.count());
        const std::vector<std::int64_t> g2{2};
        for (const IndexKind kind : {IndexKind::exact, IndexKind::approximate}) {
          SearchOptions o;
          o.kind = kind;
          if (t % 2) o.galleries = &g2;
          const auto a = index.search(q, o), b = loaded.search(q, o);
          REQUIRE(a.size() == b.size());
          for (std::size_t i = 0; i < a.size(); ++i) {
            REQUIRE(a[i].id == b[i].id);
            REQUIRE(a[i].distance == b[i].distance);
          }
        }
      }
      std::stringstream again;
      loaded.save(again);
      REQUIRE(again.str() == bytes);
    }
  }
}

TEST_CASE("a truncated or corrupted index file is rejected with an io_error", "[search][file]") {
  SyntheticFaceModel model(8);
  const auto data = model.make(150, 2);
  const auto ids = ids_for(data.count());
  std::vector<std::vector<std::int64_t>> galleries(data.count(), {1, 2});
  FacenIndex index(128, graph_options(100));
  index.add_batch(ids, data.values.data(), galleries);
  index.remove(ids[0]);
  std::stringstream file;
  index.save(file);
  const std::string bytes = file.str();
  auto is_io_error =
      Catch::Predicate<Error>([](const Error& e) { return e.errc() == Errc::io_error; });
  for (std::size_t cut = 0; cut < bytes.size(); cut += 1 + cut / 3) {
    std::istringstream in(bytes.substr(0, cut));
    REQUIRE_THROWS_MATCHES(FacenIndex::load(in), Error, is_io_error);
  }
  std::mt19937 rng(8);
  for (std::size_t pos = 0; pos < bytes.size(); pos += 1 + rng() % 397) {
    std::string damaged = bytes;
    damaged[pos] = static_cast<char>(damaged[pos] ^ (1 + rng() % 255));
    std::istringstream in(damaged);
    INFO("byte " << pos);
    REQUIRE_THROWS_MATCHES(FacenIndex::load(in), Error, is_io_error);
  }
  std::istringstream not_index("FACENAPI this is not an index");
  REQUIRE_THROWS_MATCHES(FacenIndex::load(not_index), Error, is_io_error);
}

TEST_CASE("bad facens, ids and options are invalid arguments", "[search][errors]") {
  FacenIndex index(128);
  SyntheticFaceModel model(9);
  const auto good = model.identity();
  index.add(1, good, {});
  auto invalid =
      Catch::Predicate<Error>([](const Error& e) { return e.errc() == Errc::invalid_argument; });
  auto nan = good;
  nan[5] = std::numeric_limits<float>::quiet_NaN();
  auto inf = good;
  inf[0] = INFINITY;
  auto longer = good;
  longer.push_back(0);
  auto unnormalized = good;
  for (auto& v : unnormalized) v *= 2;
  SearchOptions o;
  REQUIRE_THROWS_MATCHES(index.search(nan, o), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.search(inf, o), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.search(longer, o), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.search(std::vector<float>(64, 0.125f), o), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.search(unnormalized, o), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.add(2, nan, {}), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.add(2, longer, {}), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.add(0, good, {}), Error, invalid);
  REQUIRE_THROWS_MATCHES(index.add(-4, good, {}), Error, invalid);
  o.n = 0;
  REQUIRE_THROWS_MATCHES(index.search(good, o), Error, invalid);
  o.n = std::numeric_limits<std::size_t>::max();
  REQUIRE(index.search(good, o).size() == 1);
  o.max_distance = -1;
  REQUIRE_THROWS_MATCHES(index.search(good, o), Error, invalid);
  REQUIRE(index.size() == 1);
}

TEST_CASE("searches run while other threads add and remove faces", "[search][threads]") {
  SyntheticFaceModel model(10);
  const auto data = model.make(1500, 2);
  const auto ids = ids_for(data.count());
  FacenIndex index(128, graph_options(500));
  const std::size_t half = data.count() / 2;
  for (std::size_t i = 0; i < half; ++i) index.add(ids[i], data.row(i), {i % 2 ? 1 : 2});
  REQUIRE(index.has_graph());
  std::atomic<bool> done{false};
  std::atomic<std::size_t> searches{0};
  std::atomic<bool> bad{false};
  std::thread writer([&] {
    for (std::size_t i = half; i < data.count(); ++i) {
      index.add(ids[i], data.row(i), {i % 2 ? 1 : 2});
      if (i % 3 == 0) index.remove(ids[i - half]);
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t)
    readers.emplace_back([&, t] {
      const std::vector<std::int64_t> one{1};
      // A bounded number of searches: a reader-preferring lock would let an endless stream of
      // searches hold the writer off.
      for (std::size_t k = 0; k < 300 && (!done || k < 20); ++k) {
        const std::size_t i = (k * 31 + t) % data.count();
        SearchOptions o;
        o.kind = k % 2 ? IndexKind::exact : IndexKind::approximate;
        if (k % 3 == 0) o.galleries = &one;
        for (const auto& h : index.search(data.row(i), o)) {
          const auto face = static_cast<std::size_t>((h.id - 1000) / 7);
          if ((h.id - 1000) % 7 != 0 || face >= data.count() || (o.galleries && face % 2 == 0))
            bad = true;
        }
        ++searches;
      }
    });
  writer.join();
  for (auto& r : readers) r.join();
  REQUIRE_FALSE(bad);
  REQUIRE(searches > 0);
  REQUIRE(index.size() == data.count() - (data.count() - half + 2) / 3);
  SearchOptions o;
  o.n = 1;
  REQUIRE(index.search(data.row(data.count() - 1), o).at(0).id == ids[data.count() - 1]);
}

TEST_CASE("an index set keeps one index per user and facen model", "[search][set]") {
  FacenIndexSet set;
  const auto a = set.get_or_create(1, "model-a", 128);
  REQUIRE(set.get_or_create(1, "model-a", 128) == a);
  REQUIRE(set.get_or_create(2, "model-a", 128) != a);
  REQUIRE(set.find(1, "model-b") == nullptr);
  REQUIRE_THROWS_AS(set.get_or_create(1, "model-a", 64), Error);
  REQUIRE(set.erase(1, "model-a"));
  REQUIRE(set.find(1, "model-a") == nullptr);
  REQUIRE(set.size() == 1);
}

namespace {
// A stream that cannot seek (like a pipe): the index file is then read chunk by chunk.
class PipeBuf : public std::streambuf {
 public:
  explicit PipeBuf(std::string bytes) : bytes_(std::move(bytes)) {
    setg(bytes_.data(), bytes_.data(), bytes_.data() + bytes_.size());
  }

 private:
  std::string bytes_;
};
}  // namespace

TEST_CASE("an index loads from a stream that cannot seek, and rejects it truncated",
          "[search][file]") {
  SyntheticFaceModel model(11);
  const auto data = model.make(200, 2);
  const auto ids = ids_for(data.count());
  FacenIndex index(128, graph_options(100));
  index.add_batch(ids, data.values.data(), {});
  std::stringstream file;
  index.save(file);
  PipeBuf whole(file.str());
  std::istream in(&whole);
  const FacenIndex loaded = FacenIndex::load(in);
  REQUIRE(loaded.size() == index.size());
  SearchOptions o;
  o.n = 1;
  REQUIRE(loaded.search(data.row(17), o).at(0).id == ids[17]);
  PipeBuf cut(file.str().substr(0, file.str().size() - 9));
  std::istream short_in(&cut);
  REQUIRE_THROWS_AS(FacenIndex::load(short_in), Error);
}
