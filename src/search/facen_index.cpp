#include "facen_index.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <facenapi/error.hpp>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

namespace facenapi::detail {

namespace {

constexpr float kUnitTolerance = 1e-3f;
constexpr std::size_t kScanBlock = 1024;

float to_distance(float dot) { return std::sqrt(std::max(0.0f, 2.0f - 2.0f * dot)); }

// The dot product a hit must reach to be within max_distance of the query.
float min_dot_for(float max_distance) {
  if (!(max_distance < INFINITY)) return -std::numeric_limits<float>::infinity();
  return 1.0f - max_distance * max_distance / 2.0f;
}

struct Scored {
  float score;  // dot product: larger is closer
  std::int64_t id;
  std::uint32_t row;
};
// Better first: higher score, then smaller id.
bool better(const Scored& a, const Scored& b) {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

// The best n by better(); the worst kept is at front() of the heap.
class TopN {
 public:
  explicit TopN(std::size_t n) : n_(n) { heap_.reserve(n + 1); }
  bool full() const { return heap_.size() >= n_; }
  const Scored& worst() const { return heap_.front(); }
  bool admits(float score) const { return !full() || score >= heap_.front().score; }
  void push(const Scored& s) {
    if (full()) {
      if (!better(s, heap_.front())) return;
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = s;
    } else {
      heap_.push_back(s);
    }
    std::push_heap(heap_.begin(), heap_.end(), better);
  }
  std::vector<Scored> sorted() {
    std::sort(heap_.begin(), heap_.end(), better);
    return heap_;
  }

 private:
  std::size_t n_;
  std::vector<Scored> heap_;
};

std::vector<SearchHit> to_hits(const std::vector<Scored>& best, std::size_t n, float min_dot) {
  std::vector<SearchHit> hits;
  for (const Scored& s : best) {
    if (hits.size() >= n || s.score < min_dot) break;
    hits.push_back({s.id, to_distance(s.score)});
  }
  return hits;
}

// Rows a search may return: live, and in one of the galleries when galleries are named.
struct RowFilter {
  const FacenIndexState& state;
  const std::vector<std::int64_t>* galleries;
  bool operator()(std::uint32_t row) const {
    return state.ids[row] != 0 && (!galleries || state.postings.in_any(row, *galleries));
  }
};

// The galleries a search names, sorted and without repeats, in `galleries`; returns how many
// rows they hold (counting a face once per gallery), or every row's count when none are named.
std::size_t searched_galleries(const FacenIndexState& s, const SearchOptions& options,
                               std::vector<std::int64_t>& galleries) {
  if (!options.galleries) return s.rows.size();
  galleries = *options.galleries;
  std::sort(galleries.begin(), galleries.end());
  galleries.erase(std::unique(galleries.begin(), galleries.end()), galleries.end());
  std::size_t rows = 0;
  for (const std::int64_t g : galleries) rows += s.postings.rows_of(g).size();
  return rows;
}

// Whether a search walks the HNSW graph.
bool walks_graph(const FacenIndexState& s, const SearchOptions& options) {
  return s.graph &&
         (options.kind == IndexKind::approximate ||
          (options.kind == IndexKind::auto_ && s.rows.size() >= s.options.approximate_min_size));
}

// The int8 scan of one query: every row whose approximate score is within twice the error
// bound of the n-th best approximate score (or within the bound of min_dot) may be in the exact
// top n; those are re-ranked exactly at the end. Fed block by block, so that the queries of a
// batch can share each block of codes while it is in the cache.
class Int8Scan {
 public:
  Int8Scan(const FacenIndexState& s, const PreparedQuery& q, std::size_t n, float min_dot,
           const RowFilter& filter)
      : s_(s),
        q_(q),
        n_(n),
        min_dot_(min_dot),
        filter_(filter),
        top_(n),
        bound_(s.store.error_bound(q)),
        floor_(min_dot - bound_),
        cut_(floor_) {}

  const PreparedQuery& query() const { return q_; }

  // Rows [begin, begin + count) with their raw dot products (scan_u8s8).
  void feed(std::size_t begin, std::size_t count, const std::int32_t* raw) {
    const float* scales = s_.store.scales() + begin;
    const std::int32_t* sums = s_.store.code_sums() + begin;
    for (std::size_t i = 0; i < count; ++i) {
      const float a = q_.scale * scales[i] * static_cast<float>(raw[i] - 128 * sums[i]);
      if (a < cut_) continue;
      const auto r = static_cast<std::uint32_t>(begin + i);
      if (!filter_(r)) continue;
      candidates_.push_back({a, s_.ids[r], r});
      if (top_.admits(a)) {
        top_.push({a, s_.ids[r], r});
        cut_ = top_.full() ? std::max(floor_, top_.worst().score - 2 * bound_) : floor_;
      }
    }
    if (candidates_.size() > 8 * n_ + 4096) {
      const float cut = cut_;
      candidates_.erase(std::remove_if(candidates_.begin(), candidates_.end(),
                                       [cut](const Scored& c) { return c.score < cut; }),
                        candidates_.end());
    }
  }

  std::vector<SearchHit> finish() const {
    TopN exact(n_);
    for (const Scored& c : candidates_) {
      if (c.score < cut_) continue;
      const float score = s_.store.exact_dot(q_, c.row);
      if (score >= min_dot_) exact.push({score, c.id, c.row});
    }
    return to_hits(exact.sorted(), n_, min_dot_);
  }

 private:
  const FacenIndexState& s_;
  const PreparedQuery& q_;
  std::size_t n_;
  float min_dot_;
  RowFilter filter_;
  TopN top_;
  std::vector<Scored> candidates_;
  float bound_, floor_, cut_;
};

}  // namespace

FacenIndex::FacenIndex(std::size_t dimension, FacenIndexOptions options)
    : dim_(dimension), state_(std::make_unique<FacenIndexState>(dimension, options)) {
  if (dimension == 0 || dimension > 4096)
    throw Error(Errc::invalid_argument,
                "facen index dimension " + std::to_string(dimension) + " is not in [1, 4096]");
  if (options.hnsw_m < 2 || options.hnsw_m > 128)
    throw Error(Errc::invalid_argument, "hnsw_m must be in [2, 128]");
}

FacenIndex::FacenIndex(std::size_t dimension, std::unique_ptr<FacenIndexState> state)
    : dim_(dimension), state_(std::move(state)) {}

FacenIndex::FacenIndex(FacenIndex&& other) noexcept
    : dim_(other.dim_), state_(std::move(other.state_)) {}

FacenIndex& FacenIndex::operator=(FacenIndex&& other) noexcept {
  if (this != &other) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    dim_ = other.dim_;
    state_ = std::move(other.state_);
  }
  return *this;
}

FacenIndex::~FacenIndex() = default;

void FacenIndex::check_facen(const float* facen) const {
  if (!facen) throw Error(Errc::invalid_argument, "facen is null");
  double norm2 = 0;
  for (std::size_t i = 0; i < dim_; ++i) {
    if (!std::isfinite(facen[i]))
      throw Error(Errc::invalid_argument, "facen value " + std::to_string(i) + " is not finite");
    norm2 += static_cast<double>(facen[i]) * facen[i];
  }
  if (std::fabs(std::sqrt(norm2) - 1.0) > kUnitTolerance)
    throw Error(Errc::invalid_argument,
                "facen has length " + std::to_string(std::sqrt(norm2)) + ", not 1");
}

void FacenIndex::add(std::int64_t id, const std::vector<float>& facen,
                     const std::vector<std::int64_t>& galleries) {
  if (facen.size() != dim_)
    throw Error(Errc::invalid_argument, "facen has " + std::to_string(facen.size()) +
                                            " values, the index " + std::to_string(dim_));
  add(id, facen.data(), galleries);
}

void FacenIndex::add(std::int64_t id, const float* facen,
                     const std::vector<std::int64_t>& galleries) {
  if (id <= 0) throw Error(Errc::invalid_argument, "face id must be > 0");
  check_facen(facen);
  std::unique_lock<std::shared_mutex> lock(mutex_);
  add_locked(id, facen, galleries, true);
  auto& s = *state_;
  if (!s.graph && live() >= s.options.approximate_min_size) build_graph_locked(0);
}

void FacenIndex::add_batch(const std::vector<std::int64_t>& ids, const float* facens,
                           const std::vector<std::vector<std::int64_t>>& galleries) {
  if (!galleries.empty() && galleries.size() != ids.size())
    throw Error(Errc::invalid_argument, "add_batch needs one gallery list a face or none");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] <= 0) throw Error(Errc::invalid_argument, "face id must be > 0");
    check_facen(facens + i * dim_);
  }
  static const std::vector<std::int64_t> kNoGalleries;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto& s = *state_;
  const std::size_t first = s.ids.size();
  s.store.reserve(first + ids.size());
  // Appended rows are linked below, in parallel; replaced and reused rows are linked now.
  for (std::size_t i = 0; i < ids.size(); ++i)
    add_locked(ids[i], facens + i * dim_, galleries.empty() ? kNoGalleries : galleries[i], false);
  if (s.graph)
    build_graph_locked(first);
  else if (live() >= s.options.approximate_min_size)
    build_graph_locked(0);
}

void FacenIndex::add_locked(std::int64_t id, const float* facen,
                            const std::vector<std::int64_t>& galleries, bool link) {
  auto& s = *state_;
  const auto it = s.rows.find(id);
  if (it != s.rows.end()) {
    const std::uint32_t row = it->second;
    s.store.set(row, facen);
    s.postings.assign(row, galleries);
    if (s.graph) s.graph->relink(row, s.store);
    return;
  }
  if (s.graph && !s.free_rows.empty()) {
    const std::uint32_t row = s.free_rows.back();
    s.free_rows.pop_back();
    s.store.set(row, facen);
    s.ids[row] = id;
    s.rows.emplace(id, row);
    s.postings.assign(row, galleries);
    s.graph->relink(row, s.store);
    return;
  }
  if (s.ids.size() >= std::numeric_limits<std::uint32_t>::max() - 1)
    throw Error(Errc::too_large, "a facen index holds at most 2^32 - 2 faces");
  const auto row = static_cast<std::uint32_t>(s.store.append(facen));
  s.ids.push_back(id);
  s.rows.emplace(id, row);
  s.postings.assign(row, galleries);
  if (s.graph && link) {
    s.graph->grow(s.ids.size());
    s.graph->insert(row, s.store);
  }
}

void FacenIndex::build_graph_locked(std::size_t first_row) {
  auto& s = *state_;
  if (!s.graph)
    s.graph =
        std::make_unique<HnswGraph>(s.options.hnsw_m, s.options.ef_construction, s.options.seed);
  s.graph->grow(s.ids.size());
  const std::size_t end = s.ids.size();
  std::atomic<std::size_t> next{first_row};
  auto work = [&] {
    for (std::size_t r; (r = next.fetch_add(1)) < end;)
      if (s.ids[r] != 0) s.graph->insert(static_cast<std::uint32_t>(r), s.store);
  };
  // The first node becomes the entry; the rest may then be linked by several threads.
  if (first_row < end && s.graph->entry() == HnswGraph::kNone) {
    next = first_row + 1;
    if (s.ids[first_row] != 0) s.graph->insert(static_cast<std::uint32_t>(first_row), s.store);
  }
  const std::size_t threads =
      std::max<std::size_t>(1, std::min<std::size_t>(s.options.build_threads, 64));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads && end - first_row > 1000; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

bool FacenIndex::remove(std::int64_t id) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto& s = *state_;
  const auto it = s.rows.find(id);
  if (it == s.rows.end()) return false;
  const std::uint32_t row = it->second;
  s.rows.erase(it);
  s.postings.clear(row);
  if (s.graph) {
    s.ids[row] = 0;
    s.free_rows.push_back(row);
    if (s.free_rows.size() > 1000 && s.free_rows.size() > s.rows.size()) compact_locked();
    return true;
  }
  const auto last = static_cast<std::uint32_t>(s.ids.size() - 1);
  if (row != last) {
    s.postings.move(last, row);
    s.ids[row] = s.ids[last];
    s.rows[s.ids[row]] = row;
  }
  s.store.move(last, row);
  s.ids.pop_back();
  return true;
}

void FacenIndex::set_galleries(std::int64_t id, const std::vector<std::int64_t>& galleries) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  auto& s = *state_;
  const auto it = s.rows.find(id);
  if (it == s.rows.end())
    throw Error(Errc::not_found, "face " + std::to_string(id) + " is not in the index");
  s.postings.assign(it->second, galleries);
}

void FacenIndex::compact() {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  compact_locked();
}

void FacenIndex::compact_locked() {
  auto& s = *state_;
  auto fresh = std::make_unique<FacenIndexState>(dim_, s.options);
  fresh->store.reserve(s.rows.size());
  std::vector<float> values(dim_);
  for (std::uint32_t r = 0; r < s.ids.size(); ++r) {
    if (s.ids[r] == 0) continue;
    s.store.row_values(r, values.data());
    const auto row = static_cast<std::uint32_t>(fresh->store.append(values.data()));
    fresh->ids.push_back(s.ids[r]);
    fresh->rows.emplace(s.ids[r], row);
    fresh->postings.assign(row, s.postings.galleries_of(r));
  }
  const bool had_graph = s.graph != nullptr;
  state_ = std::move(fresh);
  if (had_graph) build_graph_locked(0);
}

std::vector<SearchHit> FacenIndex::search(const std::vector<float>& query,
                                          const SearchOptions& options) const {
  if (query.size() != dim_)
    throw Error(Errc::invalid_argument, "query facen has " + std::to_string(query.size()) +
                                            " values, the index " + std::to_string(dim_));
  return search(query.data(), options);
}

void FacenIndex::check_search_options(const SearchOptions& options) {
  if (options.n == 0) throw Error(Errc::invalid_argument, "n must be at least 1");
  if (std::isnan(options.max_distance) || options.max_distance < 0)
    throw Error(Errc::invalid_argument, "max_distance must be >= 0");
}

std::vector<SearchHit> FacenIndex::search(const float* query, const SearchOptions& options) const {
  check_facen(query);
  check_search_options(options);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return search_locked(query, options);
}

std::vector<SearchHit> FacenIndex::search_locked(const float* query,
                                                 const SearchOptions& options) const {
  const auto& s = *state_;
  if (s.rows.empty()) return {};
  const PreparedQuery q = s.store.prepare(query);
  const float min_dot = min_dot_for(options.max_distance);
  const std::size_t n = std::min(options.n, s.rows.size());

  std::vector<std::int64_t> galleries;
  const std::size_t gallery_rows = searched_galleries(s, options, galleries);
  if (gallery_rows == 0) return {};
  const RowFilter filter{s, options.galleries ? &galleries : nullptr};

  // A few galleries' faces: score only their rows.
  if (options.galleries && gallery_rows * 16 <= s.rows.size()) {
    std::vector<std::uint32_t> rows;
    rows.reserve(gallery_rows);
    for (const std::int64_t g : galleries) {
      const auto& list = s.postings.rows_of(g);
      rows.insert(rows.end(), list.begin(), list.end());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    TopN top(n);
    for (const std::uint32_t r : rows) {
      const float score = s.store.exact_dot(q, r);
      if (score >= min_dot && top.admits(score)) top.push({score, s.ids[r], r});
    }
    return to_hits(top.sorted(), n, min_dot);
  }

  if (walks_graph(s, options)) {
    std::size_t ef = std::max(options.ef ? options.ef : s.options.ef_search, n);
    // A filter passes a fraction of the nodes: widen the search by as much (up to 8x).
    if (options.galleries) ef = std::min(ef * 8, ef * s.rows.size() / gallery_rows);
    const CodeQuery cq{q.code.data(), q.scale};
    const auto found = s.graph->search(cq, s.store, ef, filter);
    TopN top(n);
    for (const GraphCandidate& c : found) {
      const float score = s.store.exact_dot(q, c.row);
      if (score >= min_dot) top.push({score, s.ids[c.row], c.row});
    }
    return to_hits(top.sorted(), n, min_dot);
  }

  const std::size_t rows = s.ids.size();
  TopN top(n);
  if (!options.int8_scan || s.store.precision() != Precision::float32) {
    if (!options.int8_scan) {
      std::vector<float> scores(kScanBlock);
      for (std::size_t begin = 0; begin < rows; begin += kScanBlock) {
        const std::size_t count = std::min(kScanBlock, rows - begin);
        if (s.store.precision() == Precision::float32) {
          scan_f32(q.values.data(), s.store.f32() + begin * s.store.float_stride(), count,
                   s.store.float_stride(), scores.data());
        } else {
          for (std::size_t i = 0; i < count; ++i) scores[i] = s.store.exact_dot(q, begin + i);
        }
        for (std::size_t i = 0; i < count; ++i) {
          const float score = scores[i];
          if (score < min_dot || !top.admits(score)) continue;
          const auto r = static_cast<std::uint32_t>(begin + i);
          if (filter(r)) top.push({score, s.ids[r], r});
        }
      }
      return to_hits(top.sorted(), n, min_dot);
    }
  }

  Int8Scan scan(s, q, n, min_dot, filter);
  std::vector<std::int32_t> raw(kScanBlock);
  for (std::size_t begin = 0; begin < rows; begin += kScanBlock) {
    const std::size_t count = std::min(kScanBlock, rows - begin);
    scan_u8s8(q.code.data(), s.store.codes() + begin * s.store.code_stride(), count,
              s.store.code_stride(), raw.data());
    scan.feed(begin, count, raw.data());
  }
  return scan.finish();
}

std::vector<std::vector<SearchHit>> FacenIndex::search_batch(const float* queries,
                                                             std::size_t count,
                                                             const SearchOptions& options) const {
  check_search_options(options);
  for (std::size_t i = 0; i < count; ++i) check_facen(queries + i * dim_);
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto& s = *state_;
  std::vector<std::vector<SearchHit>> out(count);
  if (s.rows.empty() || count == 0) return out;
  // Only a full int8 scan shares its reads between queries; any other plan runs per query.
  std::vector<std::int64_t> galleries;
  const std::size_t gallery_rows = searched_galleries(s, options, galleries);
  if (walks_graph(s, options) || !options.int8_scan || s.store.precision() != Precision::float32 ||
      (options.galleries && gallery_rows * 16 <= s.rows.size())) {
    for (std::size_t i = 0; i < count; ++i) out[i] = search_locked(queries + i * dim_, options);
    return out;
  }
  const RowFilter filter{s, options.galleries ? &galleries : nullptr};
  const float min_dot = min_dot_for(options.max_distance);
  const std::size_t n = std::min(options.n, s.rows.size());
  std::vector<PreparedQuery> prepared;
  prepared.reserve(count);
  for (std::size_t i = 0; i < count; ++i) prepared.push_back(s.store.prepare(queries + i * dim_));
  std::vector<Int8Scan> scans;
  scans.reserve(count);
  for (const PreparedQuery& q : prepared) scans.emplace_back(s, q, n, min_dot, filter);
  const std::size_t rows = s.ids.size();
  std::vector<std::int32_t> raw(kScanBlock);
  for (std::size_t begin = 0; begin < rows; begin += kScanBlock) {
    const std::size_t block = std::min(kScanBlock, rows - begin);
    const std::int8_t* codes = s.store.codes() + begin * s.store.code_stride();
    for (Int8Scan& scan : scans) {
      scan_u8s8(scan.query().code.data(), codes, block, s.store.code_stride(), raw.data());
      scan.feed(begin, block, raw.data());
    }
  }
  for (std::size_t i = 0; i < count; ++i) out[i] = scans[i].finish();
  return out;
}

std::size_t FacenIndex::size() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return state_->rows.size();
}

bool FacenIndex::contains(std::int64_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return state_->rows.count(id) != 0;
}

std::vector<std::int64_t> FacenIndex::ids() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<std::int64_t> out;
  out.reserve(state_->rows.size());
  for (const auto& [id, row] : state_->rows) out.push_back(id);
  return out;
}

std::vector<std::int64_t> FacenIndex::galleries_of(std::int64_t id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto it = state_->rows.find(id);
  if (it == state_->rows.end())
    throw Error(Errc::not_found, "face " + std::to_string(id) + " is not in the index");
  return state_->postings.galleries_of(it->second);
}

bool FacenIndex::has_graph() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return state_->graph != nullptr;
}

std::size_t FacenIndex::memory_bytes() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto& s = *state_;
  std::size_t bytes = s.store.memory_bytes() + s.ids.capacity() * 8 + s.postings.memory_bytes() +
                      s.free_rows.capacity() * 4;
  // unordered_map: a bucket pointer plus a node (next pointer, key, value; malloc rounding).
  bytes += s.rows.bucket_count() * 8 + s.rows.size() * 32;
  if (s.graph) bytes += s.graph->memory_bytes();
  return bytes;
}

void FacenIndex::save(std::ostream& out) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  write_index_file(out, *state_);
}

FacenIndex FacenIndex::load(std::istream& in) {
  auto state = read_index_file(in);
  const std::size_t dim = state->store.dim();
  return FacenIndex(dim, std::move(state));
}

}  // namespace facenapi::detail
