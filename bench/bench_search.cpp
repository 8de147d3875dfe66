// The facen index against FAISS (IndexFlatIP, IndexHNSWFlat) and hnswlib on synthetic face-like
// facens (tests/support/synthetic_facens.hpp): build time, memory per face, single-query latency
// p50/p99 on 1 and 2 threads, queries per second in batches, recall@1/@10 against exact search,
// and (for the facenapi HNSW index) the time to load a saved index.
//
//   bench_search [--faces N]... [--queries Q] [--ef E]... [--ef-construction C] [--no-peers]
//                [--no-faiss-hnsw]
#include "search/facen_index.hpp"
#include "support/synthetic_facens.hpp"

#ifdef FACENAPI_BENCH_FAISS
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <omp.h>
#endif
#ifdef FACENAPI_BENCH_HNSWLIB
#include <hnswlib/hnswlib.h>
#endif

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

using namespace facenapi::detail;
using Clock = std::chrono::steady_clock;

namespace {

bool faiss_hnsw = true;   // --no-faiss-hnsw: its build is the slowest part of a 1M run
bool approximate = true;  // --exact-only: no HNSW index (facenapi's or the peers') is built

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double rss_bytes() {
  malloc_trim(0);
  long pages = 0, resident = 0;
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

using Ids = std::vector<std::int64_t>;
using SearchFn = std::function<Ids(const float*)>;

struct Row {
  std::string method;
  double build_s = 0, bytes_per_face = 0;
  double p50_1 = 0, p99_1 = 0, p50_2 = 0, p99_2 = 0, qps = 0, recall1 = 0, recall10 = 0;
  double load_s = -1;
};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Latency of single queries on `threads` threads (each runs all queries); returns p50, p99 ms.
std::pair<double, double> latency(const SearchFn& fn, const std::vector<float>& queries,
                                  std::size_t nq, int threads) {
  std::vector<std::vector<double>> ms(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (std::size_t i = 0; i < nq; ++i) {
        const std::size_t k = (i + t * nq / 2) % nq;
        const auto t0 = Clock::now();
        const Ids ids = fn(queries.data() + k * 128);
        ms[t].push_back(seconds_since(t0) * 1e3);
        if (ids.empty()) std::abort();
      }
    });
  for (auto& th : pool) th.join();
  std::vector<double> all;
  for (auto& v : ms) all.insert(all.end(), v.begin(), v.end());
  return {percentile(all, 0.5), percentile(all, 0.99)};
}

void measure(Row& row, const SearchFn& fn, const std::vector<float>& queries, std::size_t nq,
             const std::vector<Ids>& truth, const std::function<double()>& batch_qps) {
  double r1 = 0, r10 = 0;
  for (std::size_t i = 0; i < nq; ++i) {
    const Ids got = fn(queries.data() + i * 128);
    if (!got.empty() && got[0] == truth[i][0]) r1 += 1;
    for (const auto id : truth[i]) r10 += std::count(got.begin(), got.end(), id);
  }
  row.recall1 = r1 / static_cast<double>(nq);
  row.recall10 = r10 / static_cast<double>(nq * 10);
  std::tie(row.p50_1, row.p99_1) = latency(fn, queries, nq, 1);
  std::tie(row.p50_2, row.p99_2) = latency(fn, queries, nq, 2);
  row.qps = batch_qps();
}

// Queries per second with the queries split over 2 threads.
double threaded_qps(const SearchFn& fn, const std::vector<float>& queries, std::size_t nq) {
  const auto t0 = Clock::now();
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < nq;) fn(queries.data() + i * 128);
  };
  std::thread other(work);
  work();
  other.join();
  return static_cast<double>(nq) / seconds_since(t0);
}

// FacenIndex::search_batch in batches of `batch` queries, on 2 threads taking batches in turn;
// `recall` receives recall@10 against `truth`.
double batch_qps(const FacenIndex& index, const SearchOptions& options,
                 const std::vector<float>& queries, std::size_t nq, std::size_t batch,
                 const std::vector<Ids>& truth, double& recall) {
  std::vector<std::vector<SearchHit>> answers(nq);
  const auto t0 = Clock::now();
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t b; (b = next.fetch_add(batch)) < nq;) {
      const std::size_t count = std::min(batch, nq - b);
      auto hits = index.search_batch(queries.data() + b * 128, count, options);
      for (std::size_t i = 0; i < count; ++i) answers[b + i] = std::move(hits[i]);
    }
  };
  std::thread other(work);
  work();
  other.join();
  const double qps = static_cast<double>(nq) / seconds_since(t0);
  std::size_t found = 0, wanted = 0;
  for (std::size_t i = 0; i < nq; ++i) {
    for (const auto& h : answers[i]) found += std::count(truth[i].begin(), truth[i].end(), h.id);
    wanted += truth[i].size();
  }
  recall = wanted ? static_cast<double>(found) / static_cast<double>(wanted) : 1.0;
  return qps;
}

#ifdef FACENAPI_BENCH_FAISS
// FAISS's own batch search (all queries in one call) on 2 OpenMP threads.
double faiss_batch_qps(const faiss::Index& index, const std::vector<float>& queries,
                       std::size_t nq) {
  omp_set_num_threads(2);
  std::vector<float> d(nq * 10);
  std::vector<faiss::Index::idx_t> l(nq * 10);
  const auto t0 = Clock::now();
  index.search(static_cast<faiss::Index::idx_t>(nq), queries.data(), 10, d.data(), l.data());
  omp_set_num_threads(1);
  return static_cast<double>(nq) / seconds_since(t0);
}
#endif

void print(const Row& r) {
  std::printf("| %s | %.1f | %.0f | %.3f | %.3f | %.3f | %.3f | %.0f | %.4f | %.4f | %s |\n",
              r.method.c_str(), r.build_s, r.bytes_per_face, r.p50_1, r.p99_1, r.p50_2, r.p99_2,
              r.qps, r.recall1, r.recall10,
              r.load_s < 0 ? "" : (std::to_string(r.load_s).substr(0, 5) + " s").c_str());
  std::fflush(stdout);
}

// One core's read bandwidth in GB/s: the best of 5 sums over `bytes` of memory that no cache
// holds (the yardstick of the exact scans, which read every row once per query).
double read_bandwidth_gbs(const std::vector<float>& data) {
  double best = 0;
  volatile float sink = 0;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = Clock::now();
    float acc[16] = {};
    for (std::size_t i = 0; i + 16 <= data.size(); i += 16)
      for (int k = 0; k < 16; ++k) acc[k] += data[i + k];
    const double s = seconds_since(t0);
    for (float a : acc) sink = sink + a;
    best = std::max(best, static_cast<double>(data.size()) * sizeof(float) / s / 1e9);
  }
  return best;
}

void run(std::size_t faces, std::size_t nq, const std::vector<std::size_t>& efs,
         std::size_t ef_construction, bool peers) {
  std::fprintf(stderr, "generating %zu faces\n", faces);
  facenapi_test::SyntheticFaceModel model(faces);
  const auto data = model.make(faces / 5, 5);
  std::vector<std::int64_t> ids(faces);
  for (std::size_t i = 0; i < faces; ++i) ids[i] = static_cast<std::int64_t>(i + 1);
  // Half the queries are new photos of known identities, half unknown people.
  std::vector<float> queries;
  for (std::size_t i = 0; i < nq; ++i) {
    const auto q = i % 2 ? model.identity()
                         : model.face(std::vector<float>(data.row(i * 7919 % faces),
                                                         data.row(i * 7919 % faces) + 128));
    queries.insert(queries.end(), q.begin(), q.end());
  }
  std::printf("\n### %zu faces (%zu identities x 5), %zu queries, top 10\n\n", faces, faces / 5,
              nq);
  const double gbs = read_bandwidth_gbs(data.values);
  std::printf(
      "One core reads %.1f GB/s here (a plain sum over the %.0f MB of float32 facens): the "
      "bandwidth bound of an exact scan is %.2f ms for float32 rows, %.2f ms for int8 rows.\n\n",
      gbs, faces * 512 / 1e6, faces * 512 / gbs / 1e6, faces * 128 / gbs / 1e6);
  std::printf(
      "| method | build s | bytes/face | p50 ms 1 thr | p99 ms 1 thr | p50 ms 2 thr | p99 ms 2 "
      "thr | queries/s (2 thr) | recall@1 | recall@10 | load |\n|---|---:|---:|---:|---:|---:|"
      "---:|---:|---:|---:|---:|\n");
  std::vector<Ids> truth(nq);

  {  // facenapi exact
    Row row;
    const double before = rss_bytes();
    auto t0 = Clock::now();
    FacenIndexOptions o;
    o.approximate_min_size = faces + 1;
    FacenIndex index(128, o);
    index.add_batch(ids, data.values.data(), {});
    row.build_s = seconds_since(t0);
    row.bytes_per_face = (rss_bytes() - before) / static_cast<double>(faces);
    SearchOptions f32;
    f32.kind = IndexKind::exact;
    f32.int8_scan = false;
    auto to_ids = [](const std::vector<SearchHit>& hits) {
      Ids out;
      for (const auto& h : hits) out.push_back(h.id);
      return out;
    };
    for (std::size_t i = 0; i < nq; ++i)
      truth[i] = to_ids(index.search(queries.data() + i * 128, f32));
    for (const bool int8 : {true, false}) {
      SearchOptions so = f32;
      so.int8_scan = int8;
      SearchFn fn = [&, so](const float* q) { return to_ids(index.search(q, so)); };
      row.method =
          int8 ? "facenapi exact, int8 scan + exact re-rank" : "facenapi exact, float32 scan";
      measure(row, fn, queries, nq, truth, [&] { return threaded_qps(fn, queries, nq); });
      print(row);
    }
    for (const std::size_t batch : {8, 32}) {
      double recall = 0;
      SearchOptions so = f32;
      so.int8_scan = true;
      const double qps = batch_qps(index, so, queries, nq, batch, truth, recall);
      std::printf("| facenapi exact int8, search_batch of %zu | | | | | | | %.0f | | %.4f | |\n",
                  batch, qps, recall);
    }
  }
#ifdef FACENAPI_BENCH_FAISS
  if (peers) {
    Row row;
    row.method = "FAISS IndexFlatIP";
    const double before = rss_bytes();
    auto t0 = Clock::now();
    faiss::IndexFlatIP flat(128);
    flat.add(static_cast<faiss::Index::idx_t>(faces), data.values.data());
    row.build_s = seconds_since(t0);
    row.bytes_per_face = (rss_bytes() - before) / static_cast<double>(faces);
    omp_set_num_threads(1);
    SearchFn fn = [&](const float* q) {
      float d[10];
      faiss::Index::idx_t l[10];
      flat.search(1, q, 10, d, l);
      return Ids(l, l + 10);
    };
    // FAISS's exact search is id-for-id the truth up to ties; its ids are rows (id - 1).
    SearchFn shifted = [&](const float* q) {
      Ids r = fn(q);
      for (auto& id : r) ++id;
      return r;
    };
    measure(row, shifted, queries, nq, truth, [&] { return faiss_batch_qps(flat, queries, nq); });
    print(row);
  }
#endif

  if (approximate) {  // facenapi HNSW (int8 graph, float16 re-rank)
    Row row;
    const double before = rss_bytes();
    auto t0 = Clock::now();
    FacenIndexOptions o;
    o.approximate_min_size = 1;
    o.precision = Precision::float16;
    o.ef_construction = ef_construction;
    o.build_threads = 2;
    auto index = std::make_unique<FacenIndex>(128, o);
    index->add_batch(ids, data.values.data(), {});
    row.build_s = seconds_since(t0);
    row.bytes_per_face = (rss_bytes() - before) / static_cast<double>(faces);
    std::fprintf(stderr, "facenapi hnsw built in %.1f s, memory_bytes %.0f/face\n", row.build_s,
                 double(index->memory_bytes()) / double(faces));
    const std::string path = "/tmp/bench_search_index.fni";
    {
      std::ofstream out(path, std::ios::binary);
      index->save(out);
    }
    index.reset();
    std::system("sync");
    t0 = Clock::now();
    {
      std::ifstream in(path, std::ios::binary);
      index = std::make_unique<FacenIndex>(FacenIndex::load(in));
    }
    row.load_s = seconds_since(t0);
    std::remove(path.c_str());
    for (const std::size_t ef : efs) {
      SearchOptions so;
      so.kind = IndexKind::approximate;
      so.ef = ef;
      SearchFn fn = [&, so](const float* q) {
        Ids out;
        for (const auto& h : index->search(q, so)) out.push_back(h.id);
        return out;
      };
      row.method = "facenapi HNSW M=16 ef=" + std::to_string(ef);
      measure(row, fn, queries, nq, truth, [&] { return threaded_qps(fn, queries, nq); });
      print(row);
    }
  }
#ifdef FACENAPI_BENCH_HNSWLIB
  if (peers && approximate) {
    Row row;
    const double before = rss_bytes();
    auto t0 = Clock::now();
    hnswlib::InnerProductSpace space(128);
    hnswlib::HierarchicalNSW<float> alg(&space, faces, 16, ef_construction);
    alg.addPoint(data.row(0), 1);
    std::atomic<std::size_t> next{1};
    auto work = [&] {
      for (std::size_t i; (i = next++) < faces;) alg.addPoint(data.row(i), i + 1);
    };
    std::thread other(work);
    work();
    other.join();
    row.build_s = seconds_since(t0);
    row.bytes_per_face = (rss_bytes() - before) / static_cast<double>(faces);
    for (const std::size_t ef : efs) {
      alg.setEf(ef);
      SearchFn fn = [&](const float* q) {
        auto pq = alg.searchKnn(q, 10);
        Ids out(pq.size());
        for (std::size_t i = out.size(); i-- > 0; pq.pop())
          out[i] = static_cast<std::int64_t>(pq.top().second);
        return out;
      };
      row.method = "hnswlib M=16 ef=" + std::to_string(ef);
      measure(row, fn, queries, nq, truth, [&] { return threaded_qps(fn, queries, nq); });
      print(row);
    }
  }
#endif
#ifdef FACENAPI_BENCH_FAISS
  if (peers && faiss_hnsw && approximate) {
    Row row;
    const double before = rss_bytes();
    auto t0 = Clock::now();
    omp_set_num_threads(2);
    faiss::IndexHNSWFlat hnsw(128, 16, faiss::METRIC_INNER_PRODUCT);
    hnsw.hnsw.efConstruction = static_cast<int>(ef_construction);
    hnsw.add(static_cast<faiss::Index::idx_t>(faces), data.values.data());
    omp_set_num_threads(1);
    row.build_s = seconds_since(t0);
    row.bytes_per_face = (rss_bytes() - before) / static_cast<double>(faces);
    for (const std::size_t ef : efs) {
      hnsw.hnsw.efSearch = static_cast<int>(ef);
      SearchFn fn = [&](const float* q) {
        float d[10];
        faiss::Index::idx_t l[10];
        hnsw.search(1, q, 10, d, l);
        Ids out;
        for (auto x : l)
          if (x >= 0) out.push_back(x + 1);
        return out;
      };
      row.method = "FAISS IndexHNSWFlat M=16 ef=" + std::to_string(ef);
      measure(row, fn, queries, nq, truth, [&] { return faiss_batch_qps(hnsw, queries, nq); });
      print(row);
    }
  }
#endif
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes, efs;
  std::size_t nq = 1000, ef_construction = 80;
  bool peers = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] {
      return static_cast<std::size_t>(std::stoull(i + 1 < argc ? argv[++i] : "0"));
    };
    if (a == "--faces")
      sizes.push_back(next());
    else if (a == "--queries")
      nq = next();
    else if (a == "--ef")
      efs.push_back(next());
    else if (a == "--ef-construction")
      ef_construction = next();
    else if (a == "--no-peers")
      peers = false;
    else if (a == "--no-faiss-hnsw")
      faiss_hnsw = false;
    else if (a == "--exact-only")
      approximate = false;
    else {
      std::fprintf(stderr,
                   "usage: bench_search [--faces N]... [--queries Q] [--ef E]... "
                   "[--ef-construction C] [--no-peers] [--no-faiss-hnsw] [--exact-only]\n");
      return 2;
    }
  }
  if (sizes.empty()) sizes = {100000, 1000000};
  if (efs.empty()) efs = {32, 64, 128};
  for (const auto n : sizes) run(n, nq, efs, ef_construction, peers);
}
