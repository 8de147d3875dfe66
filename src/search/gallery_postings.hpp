// Gallery membership of the rows of a facen index: for each row the galleries it belongs to, and
// for each gallery the list of its rows (a posting list), so that a search over a few small
// galleries visits only their rows. Every membership knows its position in its posting list,
// which makes adding, removing and moving a row O(its galleries).
//
// Thread safety: none; FacenIndex serializes writes and lets reads run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace facenapi::detail {

class GalleryPostings {
 public:
  // Row `row` (a new or emptied row) joins `galleries` (duplicates are ignored).
  void assign(std::uint32_t row, const std::vector<std::int64_t>& galleries);
  // Row `row` leaves all its galleries.
  void clear(std::uint32_t row);
  // Row `from` is renumbered `to` (`to` must hold no memberships).
  void move(std::uint32_t from, std::uint32_t to);

  // The galleries of a row (in the order given).
  std::vector<std::int64_t> galleries_of(std::uint32_t row) const;
  // Whether row `row` is in any of `galleries` (a short list: a linear check).
  bool in_any(std::uint32_t row, const std::vector<std::int64_t>& galleries) const;
  // The rows of a gallery (empty for an unknown one).
  const std::vector<std::uint32_t>& rows_of(std::int64_t gallery) const;
  std::size_t gallery_count() const { return postings_.size(); }
  std::size_t memory_bytes() const;

 private:
  struct Membership {
    std::int64_t gallery;
    std::uint32_t position;  // in postings_[gallery]
  };
  std::vector<std::vector<Membership>> memberships_;  // by row
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> postings_;
};

}  // namespace facenapi::detail
