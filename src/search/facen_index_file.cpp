// The index file: a header and sections, each with its byte length and a 64-bit checksum.
//
//   "FACENIDX" u32 version=1, then the header section: u32 dim, precision, has_graph, m,
//   u64 rows (slots, tombstones included), ef_construction, ef_search, approximate_min_size,
//   build_threads, seed, u32 entry, i32 max_level, u64 gallery memberships.
//   Sections: ids (i64 a row, 0 = tombstone), int8 codes, scales, full-precision rows
//   (float32 or float16), gallery counts (u32 a row), gallery ids (i64), and with a graph:
//   levels (u8 a row), level-0 links, upper links (rows with level > 0, ascending).
// All little-endian (the machine's order; the format is x86-64/aarch64 only).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <facenapi/error.hpp>
#include <istream>
#include <limits>
#include <ostream>
#include <string>
#include <unordered_set>
#include <vector>

#include "facen_index.hpp"

namespace facenapi::detail {

namespace {

constexpr char kMagic[8] = {'F', 'A', 'C', 'E', 'N', 'I', 'D', 'X'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kReadChunk = std::size_t{64} << 20;
constexpr std::size_t kSumChunk = std::size_t{256} << 10;  // a multiple of 32; fits in L2

// A 64-bit checksum of four interleaved multiply-rotate lanes (several GB/s), computed
// incrementally: every update() but the last must cover a multiple of 32 bytes, so that a
// section read in chunks sums exactly as in one piece.
class Checksum {
 public:
  void update(const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 32 <= bytes; i += 32)
      for (int k = 0; k < 4; ++k) {
        std::uint64_t w;
        std::memcpy(&w, p + i + 8 * k, 8);
        lane_[k] = round(lane_[k], w);
      }
    tail_.insert(tail_.end(), p + i, p + bytes);
    total_ += bytes;
  }
  std::uint64_t finish() const {
    std::uint64_t h = total_ * kP1;
    for (int k = 0; k < 4; ++k) h = round(h ^ lane_[k], lane_[k] >> 17);
    for (const unsigned char c : tail_) h = round(h, c);
    h ^= h >> 29;
    h *= kP2;
    return h ^ (h >> 32);
  }

 private:
  static constexpr std::uint64_t kP1 = 0x9e3779b185ebca87ull, kP2 = 0xc2b2ae3d27d4eb4full;
  static std::uint64_t round(std::uint64_t h, std::uint64_t w) {
    h += w * kP2;
    h = (h << 31) | (h >> 33);
    return h * kP1;
  }
  std::uint64_t lane_[4] = {kP1, kP2, kP1 ^ kP2, ~kP1};
  std::uint64_t total_ = 0;
  std::vector<unsigned char> tail_;  // < 32 bytes, only after the last update
};

std::uint64_t checksum(const void* data, std::size_t bytes) {
  Checksum sum;
  sum.update(data, bytes);
  return sum.finish();
}

[[noreturn]] void damaged(const std::string& why) {
  throw Error(Errc::io_error, "facen index file is damaged: " + why);
}

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void raw(const void* data, std::size_t bytes) {
    out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
    if (!out_) throw Error(Errc::io_error, "writing the facen index failed");
  }
  template <class T>
  void value(T v) {
    raw(&v, sizeof v);
  }
  void section(const void* data, std::size_t bytes) {
    value<std::uint64_t>(bytes);
    raw(data, bytes);
    value<std::uint64_t>(checksum(data, bytes));
  }
  template <class V>
  void section(const V& v) {
    section(v.data(), v.size() * sizeof(typename V::value_type));
  }

 private:
  std::ostream& out_;
};

class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in) {
    // A seekable stream tells how many bytes remain, so sections are read in one piece once
    // their length is known to fit; otherwise they grow chunk by chunk.
    const auto here = in_.tellg();
    if (here == std::streampos(-1)) {
      in_.clear();  // tellg() on a stream that cannot seek sets failbit
      return;
    }
    in_.seekg(0, std::ios::end);
    const auto end = in_.tellg();
    in_.clear();
    in_.seekg(here);
    if (end != std::streampos(-1) && end >= here)
      remaining_ = static_cast<std::uint64_t>(end - here);
  }
  void raw(void* data, std::size_t bytes) {
    in_.read(static_cast<char*>(data), static_cast<std::streamsize>(bytes));
    if (static_cast<std::size_t>(in_.gcount()) != bytes) damaged("it ends early");
    if (remaining_ != kUnknown) remaining_ -= std::min<std::uint64_t>(remaining_, bytes);
  }
  template <class T>
  T value() {
    T v;
    raw(&v, sizeof v);
    return v;
  }
  // Reads a section of exactly `count` values; a damaged length can never allocate more than
  // the stream holds.
  template <class V>
  void section(V& v, std::size_t count, const char* name) {
    using T = typename V::value_type;
    const auto bytes = value<std::uint64_t>();
    if (count > std::numeric_limits<std::size_t>::max() / sizeof(T) || bytes != count * sizeof(T))
      damaged(std::string("section '") + name + "' has the wrong length");
    v.clear();
    Checksum sum;
    if (remaining_ != kUnknown) {
      // Read in pieces of kSumChunk bytes, each summed while it is still in the cache: one
      // pass over memory instead of two.
      if (bytes > remaining_) damaged("it ends early");
      v.resize(count);
      auto* at = reinterpret_cast<char*>(v.data());
      for (std::size_t done = 0; done < bytes;) {
        const std::size_t step = std::min<std::size_t>(bytes - done, kSumChunk);
        raw(at + done, step);
        sum.update(at + done, step);
        done += step;
      }
    } else {
      for (std::size_t done = 0; done < count;) {
        const std::size_t step =
            std::min(count - done, std::max<std::size_t>(1, kReadChunk / sizeof(T)));
        v.resize(done + step);
        raw(v.data() + done, step * sizeof(T));
        done += step;
      }
      sum.update(v.data(), bytes);
    }
    if (value<std::uint64_t>() != sum.finish())
      damaged(std::string("section '") + name + "' fails its checksum");
  }

 private:
  static constexpr std::uint64_t kUnknown = std::numeric_limits<std::uint64_t>::max();
  std::istream& in_;
  std::uint64_t remaining_ = kUnknown;
};

struct Header {
  std::uint32_t dim, precision, has_graph, m;
  std::uint64_t rows, ef_construction, ef_search, approximate_min_size, build_threads, seed;
  std::uint32_t entry;
  std::int32_t max_level;
  std::uint64_t memberships;
};

}  // namespace

void write_index_file(std::ostream& out, const FacenIndexState& s) {
  Writer w(out);
  w.raw(kMagic, sizeof kMagic);
  w.value(kVersion);
  const auto rows = s.ids.size();
  std::vector<std::uint32_t> counts(rows);
  std::vector<std::int64_t> galleries;
  for (std::size_t r = 0; r < rows; ++r) {
    const auto g = s.postings.galleries_of(static_cast<std::uint32_t>(r));
    counts[r] = static_cast<std::uint32_t>(g.size());
    galleries.insert(galleries.end(), g.begin(), g.end());
  }
  const auto& o = s.options;
  Header h{};
  h.dim = static_cast<std::uint32_t>(s.store.dim());
  h.precision = static_cast<std::uint32_t>(s.store.precision());
  h.has_graph = s.graph ? 1 : 0;
  h.m = static_cast<std::uint32_t>(s.graph ? s.graph->m() : o.hnsw_m);
  h.rows = rows;
  h.ef_construction = o.ef_construction;
  h.ef_search = o.ef_search;
  h.approximate_min_size = o.approximate_min_size;
  h.build_threads = o.build_threads;
  h.seed = o.seed;
  h.entry = s.graph ? s.graph->entry() : HnswGraph::kNone;
  h.max_level = s.graph ? s.graph->max_level() : -1;
  h.memberships = galleries.size();
  w.section(&h, sizeof h);
  auto& store = const_cast<VectorStore&>(s.store);
  w.section(s.ids);
  w.section(store.raw_codes());
  w.section(store.raw_scales());
  if (s.store.precision() == Precision::float32)
    w.section(store.raw_f32());
  else
    w.section(store.raw_f16());
  w.section(counts);
  w.section(galleries);
  if (s.graph) {
    auto& g = *s.graph;
    auto& graph = const_cast<HnswGraph&>(g);
    w.section(graph.raw_levels());
    w.section(graph.raw_level0());
    std::vector<std::uint32_t> upper;
    for (std::size_t r = 0; r < rows; ++r)
      if (graph.raw_levels()[r] > 0) {
        const auto& l = graph.raw_upper().at(static_cast<std::uint32_t>(r));
        upper.insert(upper.end(), l.begin(), l.end());
      }
    w.section(upper);
  }
}

std::unique_ptr<FacenIndexState> read_index_file(std::istream& in) {
  Reader r(in);
  char magic[sizeof kMagic];
  r.raw(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof magic) != 0)
    throw Error(Errc::io_error, "not a facen index file");
  const auto version = r.value<std::uint32_t>();
  if (version != kVersion)
    throw Error(Errc::io_error, "facen index file version " + std::to_string(version) +
                                    " is not supported (this build reads version 1)");
  std::vector<Header> hv;
  r.section(hv, 1, "header");
  const Header h = hv[0];
  if (h.dim == 0 || h.dim > 4096) damaged("bad dimension");
  if (h.precision > 1) damaged("bad precision");
  if (h.has_graph > 1 || h.m < 2 || h.m > 128) damaged("bad graph parameters");
  if (h.rows >= std::numeric_limits<std::uint32_t>::max() - 1) damaged("too many rows");
  FacenIndexOptions o;
  o.precision = static_cast<Precision>(h.precision);
  o.hnsw_m = h.m;
  o.ef_construction = static_cast<std::size_t>(h.ef_construction);
  o.ef_search = static_cast<std::size_t>(h.ef_search);
  o.approximate_min_size = static_cast<std::size_t>(h.approximate_min_size);
  o.build_threads = static_cast<std::size_t>(h.build_threads);
  o.seed = h.seed;
  auto s = std::make_unique<FacenIndexState>(h.dim, o);
  auto& store = s->store;
  const std::size_t rows = static_cast<std::size_t>(h.rows);

  r.section(s->ids, rows, "ids");
  r.section(store.raw_codes(), rows * store.code_stride(), "codes");
  r.section(store.raw_scales(), rows, "scales");
  if (o.precision == Precision::float32)
    r.section(store.raw_f32(), rows * store.float_stride(), "vectors");
  else
    r.section(store.raw_f16(), rows * store.float_stride(), "vectors");
  std::vector<std::uint32_t> counts;
  std::vector<std::int64_t> galleries;
  r.section(counts, rows, "gallery counts");
  r.section(galleries, static_cast<std::size_t>(h.memberships), "galleries");

  // Ids: positive and unique; tombstones only in an index with a graph.
  s->rows.reserve(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    const std::int64_t id = s->ids[i];
    if (id == 0 && h.has_graph) {
      s->free_rows.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    if (id <= 0) damaged("a face id is not positive");
    if (!s->rows.emplace(id, static_cast<std::uint32_t>(i)).second) damaged("a face id repeats");
  }
  // Codes and scales: the sums and the error bound's maxima are derived in one pass.
  auto& sums = store.raw_code_sums();
  sums.resize(rows);
  const std::size_t stride = store.code_stride();
  float max_scale = 0, max_scaled_l1 = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const float sc = store.raw_scales()[i];
    if (!std::isfinite(sc) || sc < 0) damaged("a scale is not finite");
    std::int32_t sum = 0, l1 = 0, padding = 0;
    const std::int8_t* c = store.code(i);
    for (std::size_t k = 0; k < h.dim; ++k) {
      sum += c[k];
      l1 += c[k] < 0 ? -c[k] : c[k];
    }
    for (std::size_t k = h.dim; k < stride; ++k) padding |= c[k];
    if (padding != 0) damaged("code padding is not zero");
    sums[i] = sum;
    max_scale = std::max(max_scale, sc);
    max_scaled_l1 = std::max(max_scaled_l1, sc * static_cast<float>(l1));
  }
  store.set_bounds(max_scale, max_scaled_l1);
  std::size_t offset = 0;
  std::vector<std::int64_t> mine;
  for (std::size_t i = 0; i < rows; ++i) {
    if (counts[i] > galleries.size() - offset) damaged("gallery counts exceed the galleries");
    mine.assign(galleries.begin() + static_cast<std::ptrdiff_t>(offset),
                galleries.begin() + static_cast<std::ptrdiff_t>(offset + counts[i]));
    offset += counts[i];
    if (s->ids[i] != 0 && !mine.empty()) s->postings.assign(static_cast<std::uint32_t>(i), mine);
  }
  if (offset != galleries.size()) damaged("gallery counts do not add up");

  if (h.has_graph) {
    auto graph = std::make_unique<HnswGraph>(h.m, o.ef_construction, o.seed);
    auto& levels = graph->raw_levels();
    auto& level0 = graph->raw_level0();
    r.section(levels, rows, "levels");
    r.section(level0, rows * graph->level0_width(), "links");
    std::size_t upper_values = 0;
    int top = -1;
    for (const std::uint8_t l : levels) {
      if (l > 15) damaged("a node level is out of range");
      upper_values += l * graph->upper_width();
      top = std::max<int>(top, l);
    }
    std::vector<std::uint32_t> upper;
    r.section(upper, upper_values, "upper links");
    auto check_links = [&](const std::uint32_t* l, std::size_t cap) {
      if (l[0] > cap) damaged("a link list is too long");
      for (std::uint32_t k = 1; k <= l[0]; ++k)
        if (l[k] >= rows) damaged("a link points past the rows");
    };
    for (std::size_t i = 0; i < rows; ++i)
      check_links(level0.data() + i * graph->level0_width(), graph->level0_width() - 1);
    std::size_t at = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      if (!levels[i]) continue;
      const std::size_t width = levels[i] * graph->upper_width();
      std::vector<std::uint32_t> l(upper.begin() + static_cast<std::ptrdiff_t>(at),
                                   upper.begin() + static_cast<std::ptrdiff_t>(at + width));
      at += width;
      for (std::size_t lev = 0; lev < levels[i]; ++lev) {
        const std::uint32_t* list = l.data() + lev * graph->upper_width();
        check_links(list, graph->upper_width() - 1);
        // A link at level L must reach a node that has level L.
        for (std::uint32_t k = 1; k <= list[0]; ++k)
          if (levels[list[k]] < lev + 1) damaged("an upper link reaches a lower node");
      }
      graph->raw_upper().emplace(static_cast<std::uint32_t>(i), std::move(l));
    }
    if (rows == 0) {
      if (h.entry != HnswGraph::kNone) damaged("an empty graph has an entry");
    } else if (h.entry >= rows || levels[h.entry] != h.max_level || h.max_level > top) {
      damaged("the graph entry is inconsistent");
    }
    graph->set_entry(h.entry, rows ? h.max_level : -1);
    s->graph = std::move(graph);
  }
  return s;
}

}  // namespace facenapi::detail
