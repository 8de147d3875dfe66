// Storage throughput: inserts, gets and indexed finds per second on the embedded engine (and on
// MongoDB when a URI is given), with 1 and 8 threads.
//
//   bench_store [mongodb://...]
#include <facenapi/error.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/collection.hpp"

using facenapi::detail::Collection;
using facenapi::detail::Document;
using facenapi::detail::Filter;
using facenapi::detail::Scope;

namespace {

template <typename F>
double per_second(int threads, int per_thread, F&& op) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) op(t, i);
    });
  }
  for (auto& th : pool) th.join();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return threads * per_thread / took.count();
}

void run(const std::string& label, const std::string& uri, int inserts) {
  auto db = facenapi::detail::open_database(uri);
  auto faces = db->collection("bench_" + std::to_string(::getpid()), {"photo_hash"});
  const Scope owner = Scope::owner(1);
  const std::string png(30000, 'p');  // about a normalized face chip
  std::atomic<std::int64_t> last{0};
  for (const int threads : {1, 8}) {
    const int per = inserts / threads;
    const double ips = per_second(threads, per, [&](int t, int i) {
      last = faces->insert(owner, {{"photo_hash", std::to_string(t * 1000000 + i)},
                                   {"galleries", {1, 2}},
                                   {"meta", "bench"},
                                   {"normalized", png}});
    });
    const std::int64_t n = last.load();
    const double gps = per_second(threads, 2000 / threads, [&](int, int i) {
      faces->get(owner, 1 + (i * 7919) % n);
    });
    const double fps = per_second(threads, 2000 / threads, [&](int t, int i) {
      faces->find(owner, Filter().eq("photo_hash", std::to_string(t * 1000000 + i % per)));
    });
    std::printf("%-8s %d thread%s  insert %7.0f/s   get %7.0f/s   find by indexed field %7.0f/s\n",
                label.c_str(), threads, threads == 1 ? " " : "s", ips, gps, fps);
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("facenapi-bench-store-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    run("sqlite", (dir / "store.db").string(), 800);
    std::filesystem::remove_all(dir);
    if (argc > 1) run("mongodb", argv[1], 400);
  } catch (const facenapi::Error& e) {
    std::fprintf(stderr, "bench_store: %s\n", e.what());
    return 1;
  }
}
