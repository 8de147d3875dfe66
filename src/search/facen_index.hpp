// The facen index: one user's faces of one facen model, searchable by facen.
//
// A FacenIndex holds, per face, its id, its facen and the galleries it belongs to. search()
// returns the faces nearest a query facen (Euclidean distance between unit vectors, best
// first), optionally only those in some galleries and within a distance.
//
// - Exact search scans int8 codes of all rows with AVX-512 VNNI (a quarter of the float bytes),
//   keeps every row whose approximate score could still reach the top n (a proven bound on the
//   quantization error), and re-ranks those with the full-precision vectors: its results equal
//   a float32 scan's. A float32 scan is available too (SearchOptions::int8_scan = false).
// - Approximate search walks an HNSW graph built over the same rows once the index reaches
//   FacenIndexOptions::approximate_min_size faces, and re-ranks its candidates exactly.
// - A search over galleries whose faces are a small part of the index visits only their rows
//   (per-gallery posting lists); otherwise the scan or the graph skips the other rows.
// - add() of a new id appends a row (or reuses a removed one); add() of an existing id replaces
//   its facen and galleries. remove() swap-removes the row while there is no graph; with a graph
//   the row becomes a tombstone (still routing, never returned) whose slot the next add() takes;
//   when tombstones outnumber the live faces the index compacts itself.
// - save()/load(): a versioned file with a checksum per section; the graph is persisted, so
//   loading is a bulk read plus validation. A damaged file is an Error(io_error), never a crash.
//
// Facens must be finite and of unit length (|norm - 1| <= 1e-3); ids are > 0.
//
// Thread safety: any number of concurrent search()/size()/save(); add/remove/set_galleries take
// an exclusive lock (std::shared_mutex).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "gallery_postings.hpp"
#include "hnsw_graph.hpp"
#include "vector_store.hpp"

namespace facenapi::detail {

struct SearchHit {
  std::int64_t id;
  float distance;
};

enum class IndexKind : std::uint32_t {
  exact,        // always scan (int8 + exact re-rank, or float32)
  approximate,  // the HNSW graph where the index has one, else exact
  auto_,        // approximate from FacenIndexOptions::approximate_min_size faces, else exact
};

struct SearchOptions {
  std::size_t n = 10;                                    // at most this many hits (>= 1)
  float max_distance = INFINITY;                         // only hits at or below this distance
  const std::vector<std::int64_t>* galleries = nullptr;  // null: all of the index's faces
  IndexKind kind = IndexKind::auto_;
  std::size_t ef = 0;     // HNSW search breadth (0: FacenIndexOptions::ef_search); >= n is used
  bool int8_scan = true;  // exact search scans the int8 codes (same results, ~4x less memory
                          // traffic) instead of the full-precision rows
};

struct FacenIndexOptions {
  Precision precision = Precision::float32;  // float16 halves the re-rank vectors' memory
  std::size_t approximate_min_size = 50000;  // the graph is built when the index reaches this
  std::size_t hnsw_m = 16;                   // links a node (2M at level 0)
  std::size_t ef_construction = 100;
  // 256: recall@10 0.993 at 1,000,000 synthetic faces (128 gives 0.964; docs/benchmarks.md).
  std::size_t ef_search = 256;
  std::size_t build_threads = 1;  // threads for (re)building the graph
  std::uint64_t seed = 0x5eed;    // HNSW level draws (reproducible graphs)
};

// The state of an index (FacenIndex's lock guards it); the index file reads and writes it.
struct FacenIndexState {
  FacenIndexState(std::size_t dim, const FacenIndexOptions& o)
      : options(o), store(dim, o.precision) {}
  FacenIndexOptions options;
  VectorStore store;
  std::vector<std::int64_t> ids;                         // by row; 0 marks a tombstone
  std::unordered_map<std::int64_t, std::uint32_t> rows;  // id -> row
  GalleryPostings postings;
  std::unique_ptr<HnswGraph> graph;
  std::vector<std::uint32_t> free_rows;  // tombstones, reused by add()
};

class FacenIndex {
 public:
  explicit FacenIndex(std::size_t dimension, FacenIndexOptions options = {});
  FacenIndex(FacenIndex&& other) noexcept;
  FacenIndex& operator=(FacenIndex&& other) noexcept;
  ~FacenIndex();

  // Adds a face, or replaces the facen and galleries of an existing id.
  // Errors: invalid_argument for an id <= 0 or a facen that is not finite and unit length.
  void add(std::int64_t id, const float* facen, const std::vector<std::int64_t>& galleries);
  void add(std::int64_t id, const std::vector<float>& facen,
           const std::vector<std::int64_t>& galleries);  // also checks the length
  // Adds many faces at once (facens: ids.size() rows of dimension() floats; galleries: empty or
  // one list a face); the graph part runs on FacenIndexOptions::build_threads threads.
  void add_batch(const std::vector<std::int64_t>& ids, const float* facens,
                 const std::vector<std::vector<std::int64_t>>& galleries);
  // Removes a face; false if the id is not in the index.
  bool remove(std::int64_t id);
  // Replaces a face's galleries. Errors: not_found for an unknown id.
  void set_galleries(std::int64_t id, const std::vector<std::int64_t>& galleries);

  // The nearest faces, best first (ties by ascending id).
  // Errors: invalid_argument for a facen that is not finite and unit length, or n == 0.
  std::vector<SearchHit> search(const float* query, const SearchOptions& options) const;
  std::vector<SearchHit> search(const std::vector<float>& query,
                                const SearchOptions& options) const;  // also checks the length
  // search() of `count` queries (count rows of dimension() floats), each answered as search()
  // answers it. An exact int8 scan of the whole index (or of large galleries) reads each block
  // of codes once for all the queries, while it is in the cache: the way to many queries a
  // second at millions of faces. Any other plan (HNSW, float32 scan, a few galleries' rows) runs
  // the queries one by one. Errors as search(), for any query, before any is answered.
  std::vector<std::vector<SearchHit>> search_batch(const float* queries, std::size_t count,
                                                   const SearchOptions& options) const;

  std::size_t size() const;
  std::size_t dimension() const { return dim_; }
  bool contains(std::int64_t id) const;
  std::vector<std::int64_t> ids() const;  // the live faces' ids, in no particular order
  std::vector<std::int64_t> galleries_of(std::int64_t id) const;  // not_found for unknown ids
  bool has_graph() const;
  // Bytes held by the index's arrays and maps (an estimate of the heap it uses).
  std::size_t memory_bytes() const;
  // Drops tombstones and rebuilds the graph over the live faces.
  void compact();

  void save(std::ostream& out) const;
  // Errors: io_error for a stream that ends early or a file that is damaged or not an index.
  static FacenIndex load(std::istream& in);

 private:
  FacenIndex(std::size_t dimension, std::unique_ptr<FacenIndexState> state);
  void check_facen(const float* facen) const;
  static void check_search_options(const SearchOptions& options);
  // search() with the shared lock held.
  std::vector<SearchHit> search_locked(const float* query, const SearchOptions& options) const;
  std::size_t live() const { return state_->rows.size(); }
  void add_locked(std::int64_t id, const float* facen, const std::vector<std::int64_t>& galleries,
                  bool link);
  void build_graph_locked(std::size_t first_row);
  void compact_locked();

  std::size_t dim_;
  std::unique_ptr<FacenIndexState> state_;
  mutable std::shared_mutex mutex_;
};

// The index file (facen_index_file.cpp).
void write_index_file(std::ostream& out, const FacenIndexState& state);
std::unique_ptr<FacenIndexState> read_index_file(std::istream& in);

}  // namespace facenapi::detail
