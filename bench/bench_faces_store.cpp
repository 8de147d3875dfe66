// The store classes' throughput: faces created and got per second through facenapi::Faces (user
// check, validation, document layout included) with 1 and 2 threads, bytes on disk per face,
// and the time to open a database holding them. The embedded engine at `count` faces (default
// 100 000), and MongoDB when a URI is given, at `mongo_count` faces (default 2 000; jongodb is a
// functional peer, not a performance reference).
//
//   bench_faces_store [count [mongodb://... [mongo_count]]]
//
// Half of `count` is created by 1 thread, the other half by 2; gets pick random ids of all of
// them. Each face is a full face object: a 128-float facen, a 30 000-byte stand-in for the
// normalized PNG chip, emotions, meta and a gallery.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <facenapi/store.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

template <typename F>
double per_second(int threads, int per_thread, F&& op) {
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) op(t, i);
    });
  }
  for (auto& th : pool) th.join();
  return threads * per_thread / seconds_since(start);
}

facenapi::Faces::Model make_face(int seed, std::int64_t gallery) {
  facenapi::Faces::Model face;
  face.bbox = {10.0f + seed % 100, 20, 150, 170};
  facenapi::Facen facen;
  facen.model_id = "dlib-resnet29-u8/chip150-v1";
  facen.values.resize(128);
  double norm2 = 0;
  for (int i = 0; i < 128; ++i) {
    facen.values[i] = std::sin(0.37f * (i + 1) * (seed % 9973 + 1));
    norm2 += facen.values[i] * facen.values[i];
  }
  for (auto& v : facen.values) v = static_cast<float>(v / std::sqrt(norm2));
  face.facen = facen;
  face.gender = facenapi::Gender::female;
  face.age = 31;
  face.emotions = {{"happy", 0.6f}, {"neutral", 0.2f}};
  face.normalized.assign(30000, static_cast<std::uint8_t>(seed));
  face.score = -0.0007f;
  face.photo_hash = std::string(64, 'a');
  face.meta = "face " + std::to_string(seed);
  face.galleries = {gallery};
  return face;
}

std::uintmax_t bytes_under(const std::string& path) {
  std::uintmax_t total = 0;
  const std::filesystem::path p(path);
  for (const auto& e : std::filesystem::directory_iterator(p.parent_path())) {
    if (e.is_regular_file() && e.path().filename().string().rfind(p.filename().string(), 0) == 0) {
      total += e.file_size();
    }
  }
  return total;
}

void run(const std::string& label, const std::string& uri, int count, bool on_disk) {
  std::int64_t user = 0, gallery = 0;
  std::vector<std::int64_t> ids(count);
  {
    facenapi::Database db(uri);
    facenapi::Users users(db);
    facenapi::Faces faces(db);
    user = users.create("bench " + std::to_string(::getpid())).user.id;
    gallery = facenapi::Galleries(db).create(user, "bench").id;
    const int half = count / 2;
    for (const int threads : {1, 2}) {
      const int base = threads == 1 ? 0 : half;
      const int per = (threads == 1 ? half : count - half) / threads;
      const double cps = per_second(threads, per, [&](int t, int i) {
        const int k = base + t * per + i;
        ids[k] = faces.create(user, make_face(k, gallery)).id;
      });
      std::printf("%-8s %d thread(s): %8.0f faces created/s (faces %d..%d)\n", label.c_str(),
                  threads, cps, base, base + per * threads);
    }
    ids.erase(std::remove(ids.begin(), ids.end(), 0), ids.end());
    std::printf("%-8s %zu faces stored\n", label.c_str(), ids.size());
    for (const int threads : {1, 2}) {
      const int per = std::min<int>(20000, static_cast<int>(ids.size())) / threads;
      std::atomic<std::int64_t> sink{0};
      const double gps = per_second(threads, per, [&](int t, int i) {
        thread_local std::minstd_rand pick(1234 + t);
        sink += faces.get(user, ids[pick() % ids.size()]).id;
        (void)i;
      });
      std::printf("%-8s %d thread(s): %8.0f faces got/s (random ids)\n", label.c_str(), threads,
                  gps);
    }
  }
  if (on_disk) {
    const auto bytes = bytes_under(uri);
    std::printf("%-8s %.0f bytes on disk per face (%.1f MB for %zu faces, with -wal/-shm)\n",
                label.c_str(), static_cast<double>(bytes) / ids.size(), bytes / 1e6, ids.size());
  }
  const auto start = Clock::now();
  facenapi::Database db(uri);
  facenapi::Faces faces(db);
  const auto first = faces.get(user, ids.back());
  const double open_s = seconds_since(start);
  std::printf("%-8s open + first get with %zu faces: %.3f s (face %lld)\n", label.c_str(),
              ids.size(), open_s, static_cast<long long>(first.id));
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 100000;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("facenapi_bench_faces_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  try {
    run("sqlite", (dir / "faces.db").string(), count, true);
    if (argc > 2) run("jongodb", argv[2], argc > 3 ? std::stoi(argv[3]) : 2000, false);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_faces_store: %s\n", e.what());
    std::filesystem::remove_all(dir);
    return 1;
  }
  std::filesystem::remove_all(dir);
  return 0;
}
