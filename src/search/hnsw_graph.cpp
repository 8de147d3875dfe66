#include "hnsw_graph.hpp"

#include <algorithm>
#include <cmath>

namespace facenapi::detail {

namespace {

// The unsigned query form of a stored row: code + 128 flips the sign bit.
struct RowQuery {
  AlignedVector<std::uint8_t> code;
  CodeQuery view(const VectorStore& store, std::uint32_t row) {
    code.resize(store.code_stride());
    const std::int8_t* c = store.code(row);
    for (std::size_t i = 0; i < code.size(); ++i) code[i] = static_cast<std::uint8_t>(c[i]) ^ 0x80u;
    return {code.data(), store.scale(row)};
  }
};

}  // namespace

HnswGraph::HnswGraph(std::size_t m, std::size_t ef_construction, std::uint64_t seed)
    : m_(std::max<std::size_t>(m, 2)),
      m0_(2 * m_),
      ef_construction_(std::max(ef_construction, m_)),
      level_mult_(1.0 / std::log(static_cast<double>(m_))),
      rng_(seed),
      locks_(new std::mutex[kStripes]) {}

void HnswGraph::grow(std::size_t rows) {
  if (rows <= levels_.size()) return;
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const std::size_t first = levels_.size();
  level0_.resize(rows * (1 + m0_), 0);
  levels_.resize(rows, 0);
  for (std::size_t r = first; r < rows; ++r) {
    const double u = std::max(uniform(rng_), 1e-12);
    const int level = std::min(static_cast<int>(-std::log(u) * level_mult_), 15);
    levels_[r] = static_cast<std::uint8_t>(level);
    if (level > 0)
      upper_[static_cast<std::uint32_t>(r)].assign(static_cast<std::size_t>(level) * (1 + m_), 0);
  }
}

std::uint32_t HnswGraph::greedy(const CodeQuery& q, const VectorStore& store, std::uint32_t entry,
                                int from_level, int to_level, bool locked) const {
  std::uint32_t current = entry;
  float best = distance(q, store, current);
  std::vector<std::uint32_t> copy;
  for (int level = from_level; level >= to_level; --level) {
    for (bool changed = true; changed;) {
      changed = false;
      const std::uint32_t* l = links(current, level);
      if (locked) {
        std::lock_guard<std::mutex> guard(lock_of(current));
        copy.assign(l + 1, l + 1 + l[0]);
      } else {
        copy.assign(l + 1, l + 1 + l[0]);
      }
      for (const std::uint32_t n : copy) store.prefetch(n);
      for (const std::uint32_t n : copy) {
        const float d = distance(q, store, n);
        if (d < best) {
          best = d;
          current = n;
          changed = true;
        }
      }
    }
  }
  return current;
}

std::vector<GraphCandidate> HnswGraph::search_level(const CodeQuery& q, const VectorStore& store,
                                                    std::uint32_t entry, std::size_t ef,
                                                    int level) const {
  VisitedMarks& visited = VisitedMarks::local();
  visited.begin(nodes());
  std::priority_queue<GraphCandidate, std::vector<GraphCandidate>, std::greater<>> candidates;
  std::priority_queue<GraphCandidate> results;
  const float d0 = distance(q, store, entry);
  visited.visit(entry);
  candidates.push({d0, entry});
  results.push({d0, entry});
  std::vector<std::uint32_t> copy;
  while (!candidates.empty()) {
    const GraphCandidate c = candidates.top();
    if (c.distance > results.top().distance && results.size() >= ef) break;
    candidates.pop();
    {
      std::lock_guard<std::mutex> guard(lock_of(c.row));
      const std::uint32_t* l = links(c.row, level);
      copy.assign(l + 1, l + 1 + l[0]);
    }
    // Start every unvisited neighbour's loads before the first distance needs one.
    for (const std::uint32_t n : copy) {
      if (!visited.seen(n)) store.prefetch(n);
    }
    for (const std::uint32_t n : copy) {
      if (!visited.visit(n)) continue;
      const float d = distance(q, store, n);
      if (results.size() < ef || d < results.top().distance) {
        candidates.push({d, n});
        results.push({d, n});
        if (results.size() > ef) results.pop();
      }
    }
  }
  std::vector<GraphCandidate> out(results.size());
  for (std::size_t i = out.size(); i-- > 0;) {
    out[i] = results.top();
    results.pop();
  }
  return out;
}

std::vector<std::uint32_t> HnswGraph::select(const std::vector<GraphCandidate>& candidates,
                                             std::size_t m, const VectorStore& store) const {
  std::vector<std::uint32_t> kept;
  if (candidates.size() <= m) {
    for (const auto& c : candidates) kept.push_back(c.row);
    return kept;
  }
  RowQuery rq;
  for (const GraphCandidate& c : candidates) {
    if (kept.size() >= m) break;
    const CodeQuery cq = rq.view(store, c.row);
    bool good = true;
    for (const std::uint32_t k : kept)
      if (distance(cq, store, k) < c.distance) {
        good = false;
        break;
      }
    if (good) kept.push_back(c.row);
  }
  return kept;
}

void HnswGraph::connect(std::uint32_t row, const std::vector<std::uint32_t>& neighbours, int level,
                        const VectorStore& store) {
  const std::size_t cap = max_links(level);
  RowQuery rq;
  {
    std::lock_guard<std::mutex> guard(lock_of(row));
    std::uint32_t* l = links(row, level);
    if (l[0] == 0) {
      l[0] = static_cast<std::uint32_t>(neighbours.size());
      std::copy(neighbours.begin(), neighbours.end(), l + 1);
    } else {
      // In a parallel build another new node may have linked to this one already (it reached
      // it through an upper level): keep those links, choosing among both if there are too many.
      const CodeQuery me = rq.view(store, row);
      std::vector<GraphCandidate> pool;
      for (std::uint32_t i = 1; i <= l[0]; ++i) pool.push_back({distance(me, store, l[i]), l[i]});
      for (const std::uint32_t n : neighbours)
        if (std::find(l + 1, l + 1 + l[0], n) == l + 1 + l[0])
          pool.push_back({distance(me, store, n), n});
      std::sort(pool.begin(), pool.end());
      const std::vector<std::uint32_t> kept = select(pool, cap, store);
      l[0] = static_cast<std::uint32_t>(kept.size());
      std::copy(kept.begin(), kept.end(), l + 1);
    }
  }
  for (const std::uint32_t n : neighbours) {
    std::lock_guard<std::mutex> guard(lock_of(n));
    std::uint32_t* l = links(n, level);
    if (std::find(l + 1, l + 1 + l[0], row) != l + 1 + l[0]) continue;
    if (l[0] < cap) {
      l[1 + l[0]] = row;
      ++l[0];
      continue;
    }
    const CodeQuery nq = rq.view(store, n);
    std::vector<GraphCandidate> pool;
    pool.reserve(cap + 1);
    pool.push_back({distance(nq, store, row), row});
    for (std::uint32_t i = 1; i <= l[0]; ++i) pool.push_back({distance(nq, store, l[i]), l[i]});
    std::sort(pool.begin(), pool.end());
    const std::vector<std::uint32_t> kept = select(pool, cap, store);
    l[0] = static_cast<std::uint32_t>(kept.size());
    std::copy(kept.begin(), kept.end(), l + 1);
  }
}

void HnswGraph::insert(std::uint32_t row, const VectorStore& store) { link_new(row, store); }

void HnswGraph::link_new(std::uint32_t row, const VectorStore& store) {
  const int level = levels_[row];
  std::unique_lock<std::mutex> entry_lock(entry_mutex_);
  if (entry_ == kNone) {
    entry_ = row;
    max_level_ = level;
    return;
  }
  const std::uint32_t entry = entry_;
  const int top = max_level_;
  if (level <= top) entry_lock.unlock();  // else hold it: this node becomes the entry

  RowQuery rq;
  const CodeQuery q = rq.view(store, row);
  std::uint32_t current = entry;
  if (top > level) current = greedy(q, store, entry, top, level + 1, true);
  for (int l = std::min(level, top); l >= 0; --l) {
    std::vector<GraphCandidate> found = search_level(q, store, current, ef_construction_, l);
    found.erase(std::remove_if(found.begin(), found.end(),
                               [row](const GraphCandidate& c) { return c.row == row; }),
                found.end());
    if (found.empty()) continue;
    connect(row, select(found, m_, store), l, store);
    current = found.front().row;
  }
  if (level > top) {
    entry_ = row;
    max_level_ = level;
  }
}

void HnswGraph::relink(std::uint32_t row, const VectorStore& store) {
  const int level = levels_[row];
  // The old vector's neighbourhoods: each neighbour that linked back loses the link and picks
  // replacements among the old node's other neighbours.
  RowQuery rq;
  for (int l = level; l >= 0; --l) {
    std::uint32_t* mine = links(row, l);
    const std::vector<std::uint32_t> old(mine + 1, mine + 1 + mine[0]);
    mine[0] = 0;
    for (const std::uint32_t n : old) {
      std::uint32_t* theirs = links(n, l);
      std::uint32_t* end = theirs + 1 + theirs[0];
      if (std::find(theirs + 1, end, row) == end) continue;
      const CodeQuery nq = rq.view(store, n);
      std::vector<GraphCandidate> pool;
      for (std::uint32_t* p = theirs + 1; p != end; ++p)
        if (*p != row) pool.push_back({distance(nq, store, *p), *p});
      for (const std::uint32_t o : old)
        if (o != n && std::none_of(pool.begin(), pool.end(),
                                   [o](const GraphCandidate& c) { return c.row == o; }))
          pool.push_back({distance(nq, store, o), o});
      std::sort(pool.begin(), pool.end());
      const std::vector<std::uint32_t> kept = select(pool, max_links(l), store);
      theirs[0] = static_cast<std::uint32_t>(kept.size());
      std::copy(kept.begin(), kept.end(), theirs + 1);
    }
    if (row == entry_) {
      // Navigation must not start from a node without links: hand the entry to a neighbour.
      for (const std::uint32_t o : old)
        if (levels_[o] >= l) {
          entry_ = o;
          max_level_ = levels_[o];
          break;
        }
    }
  }
  if (row == entry_) {
    entry_ = kNone;  // the only node: it becomes the entry again
    max_level_ = -1;
  }
  link_new(row, store);
}

std::size_t HnswGraph::memory_bytes() const {
  std::size_t bytes = level0_.capacity() * 4 + levels_.capacity();
  for (const auto& [row, l] : upper_) bytes += l.capacity() * 4 + 48;  // + map node
  return bytes + upper_.bucket_count() * 8;
}

}  // namespace facenapi::detail
