// A hierarchical navigable small world graph (Malkov & Yashunin) over the rows of a
// VectorStore, navigated with the int8 codes (an approximate dot product; the caller re-ranks
// the candidates with the full-precision rows). Nodes are row numbers. Level-0 links live in one
// contiguous array (count + 2M slots a node); the few nodes above level 0 keep their upper links
// in a map. A removed row stays in the graph as a routing node until its slot is reused: then
// relink() repairs its old neighbours' lists and inserts the new vector (as hnswlib does).
//
// Thread safety: insert() may run concurrently for distinct rows (per-node striped locks; used
// by parallel builds); search() may run concurrently with other searches but not with writes
// (FacenIndex's shared_mutex guarantees that).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <queue>
#include <random>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vector_store.hpp"

namespace facenapi::detail {

// A row in query form: its int8 code shifted to unsigned bytes and its scale.
struct CodeQuery {
  const std::uint8_t* code;
  float scale;
};

struct GraphCandidate {
  float distance;  // -(approximate dot product): smaller is closer
  std::uint32_t row;
  bool operator<(const GraphCandidate& o) const { return distance < o.distance; }
  bool operator>(const GraphCandidate& o) const { return distance > o.distance; }
};

class HnswGraph {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  HnswGraph(std::size_t m, std::size_t ef_construction, std::uint64_t seed);

  std::size_t m() const { return m_; }
  std::size_t ef_construction() const { return ef_construction_; }
  std::size_t nodes() const { return levels_.size(); }
  std::uint32_t entry() const { return entry_; }
  int max_level() const { return max_level_; }

  // Makes room for rows [nodes(), rows) and draws their levels; not concurrent.
  void grow(std::size_t rows);
  // Links row `row` (< nodes(), its vector in `store`, not yet linked) into the graph.
  void insert(std::uint32_t row, const VectorStore& store);
  // Row `row` holds a new vector: repair its old neighbours, then link it again.
  void relink(std::uint32_t row, const VectorStore& store);

  // Up to `ef` rows closest to `q` by the int8 codes among those with accept(row), closest first.
  template <class Accept>
  std::vector<GraphCandidate> search(const CodeQuery& q, const VectorStore& store, std::size_t ef,
                                     const Accept& accept) const;

  std::size_t memory_bytes() const;

  // Raw state, for the index file.
  AlignedVector<std::uint32_t>& raw_level0() { return level0_; }
  std::vector<std::uint8_t>& raw_levels() { return levels_; }
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>& raw_upper() { return upper_; }
  void set_entry(std::uint32_t entry, int max_level) {
    entry_ = entry;
    max_level_ = max_level;
  }
  std::size_t level0_width() const { return 1 + m0_; }
  std::size_t upper_width() const { return 1 + m_; }

 private:
  // The link list of a node at a level: [count, links...].
  std::uint32_t* links(std::uint32_t row, int level) {
    return level == 0 ? level0_.data() + row * (1 + m0_)
                      : upper_.find(row)->second.data() + (level - 1) * (1 + m_);
  }
  const std::uint32_t* links(std::uint32_t row, int level) const {
    return const_cast<HnswGraph*>(this)->links(row, level);
  }
  std::size_t max_links(int level) const { return level == 0 ? m0_ : m_; }
  std::mutex& lock_of(std::uint32_t row) const { return locks_[row % kStripes]; }

  static float distance(const CodeQuery& q, const VectorStore& store, std::uint32_t row) {
    const std::int32_t raw =
        dot_u8s8(q.code, store.code(row), store.code_stride()) - 128 * store.code_sums()[row];
    return -q.scale * store.scale(row) * static_cast<float>(raw);
  }
  // Best-first search of one level from `entry` (construction: links read under locks).
  std::vector<GraphCandidate> search_level(const CodeQuery& q, const VectorStore& store,
                                           std::uint32_t entry, std::size_t ef, int level) const;
  std::uint32_t greedy(const CodeQuery& q, const VectorStore& store, std::uint32_t entry,
                       int from_level, int to_level, bool locked) const;
  // The HNSW neighbour-selection heuristic: keeps up to `m` of `candidates` (closest first).
  std::vector<std::uint32_t> select(const std::vector<GraphCandidate>& candidates, std::size_t m,
                                    const VectorStore& store) const;
  void connect(std::uint32_t row, const std::vector<std::uint32_t>& neighbours, int level,
               const VectorStore& store);
  void link_new(std::uint32_t row, const VectorStore& store);

  static constexpr std::size_t kStripes = 4096;
  std::size_t m_, m0_, ef_construction_;
  double level_mult_;
  std::mt19937_64 rng_;
  AlignedVector<std::uint32_t> level0_;
  std::vector<std::uint8_t> levels_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> upper_;
  std::uint32_t entry_ = kNone;
  int max_level_ = -1;
  mutable std::mutex entry_mutex_;
  std::unique_ptr<std::mutex[]> locks_;
};

// Per-thread visited marks (an epoch per node, so clearing is O(1)).
struct VisitedMarks {
  std::vector<std::uint32_t> marks;
  std::uint32_t epoch = 0;
  void begin(std::size_t nodes) {
    if (marks.size() < nodes) marks.resize(nodes, 0);
    if (++epoch == 0) {
      std::fill(marks.begin(), marks.end(), 0);
      epoch = 1;
    }
  }
  bool seen(std::uint32_t row) const { return marks[row] == epoch; }
  bool visit(std::uint32_t row) {
    if (marks[row] == epoch) return false;
    marks[row] = epoch;
    return true;
  }
  static VisitedMarks& local() {
    thread_local VisitedMarks v;
    return v;
  }
};

template <class Accept>
std::vector<GraphCandidate> HnswGraph::search(const CodeQuery& q, const VectorStore& store,
                                              std::size_t ef, const Accept& accept) const {
  std::vector<GraphCandidate> out;
  if (entry_ == kNone) return out;
  const std::uint32_t start = greedy(q, store, entry_, max_level_, 1, false);
  VisitedMarks& visited = VisitedMarks::local();
  visited.begin(nodes());
  std::priority_queue<GraphCandidate, std::vector<GraphCandidate>, std::greater<>> candidates;
  std::priority_queue<GraphCandidate> results;  // worst on top
  const float d0 = distance(q, store, start);
  visited.visit(start);
  candidates.push({d0, start});
  if (accept(start)) results.push({d0, start});
  float bound = results.empty() ? std::numeric_limits<float>::infinity() : d0;
  while (!candidates.empty()) {
    const GraphCandidate c = candidates.top();
    if (c.distance > bound && results.size() >= ef) break;
    candidates.pop();
    const std::uint32_t* l = level0_.data() + c.row * (1 + m0_);
    const std::uint32_t count = l[0];
    // Start every unvisited neighbour's loads (code, sum, scale) before the first distance
    // needs one, so that their cache misses overlap.
    for (std::uint32_t i = 1; i <= count; ++i)
      if (!visited.seen(l[i])) store.prefetch(l[i]);
    for (std::uint32_t i = 1; i <= count; ++i) {
      const std::uint32_t n = l[i];
      if (!visited.visit(n)) continue;
      const float d = distance(q, store, n);
      if (results.size() < ef || d < bound) {
        candidates.push({d, n});
        if (accept(n)) {
          results.push({d, n});
          if (results.size() > ef) results.pop();
          bound = results.top().distance;
        }
      }
    }
  }
  out.resize(results.size());
  for (std::size_t i = out.size(); i-- > 0;) {
    out[i] = results.top();
    results.pop();
  }
  return out;
}

}  // namespace facenapi::detail
