#include "gallery_postings.hpp"

#include <algorithm>

namespace facenapi::detail {

void GalleryPostings::assign(std::uint32_t row, const std::vector<std::int64_t>& galleries) {
  if (memberships_.size() <= row) memberships_.resize(row + 1);
  clear(row);
  auto& mine = memberships_[row];
  for (const std::int64_t g : galleries) {
    if (std::any_of(mine.begin(), mine.end(), [g](const Membership& m) { return m.gallery == g; }))
      continue;
    auto& list = postings_[g];
    mine.push_back({g, static_cast<std::uint32_t>(list.size())});
    list.push_back(row);
  }
  mine.shrink_to_fit();
}

void GalleryPostings::clear(std::uint32_t row) {
  if (row >= memberships_.size()) return;
  for (const Membership& m : memberships_[row]) {
    auto it = postings_.find(m.gallery);
    auto& list = it->second;
    const std::uint32_t last = list.back();
    list[m.position] = last;
    list.pop_back();
    if (last != row) {
      for (Membership& other : memberships_[last])
        if (other.gallery == m.gallery) other.position = m.position;
    }
    if (list.empty()) postings_.erase(it);
  }
  memberships_[row].clear();
  memberships_[row].shrink_to_fit();
}

void GalleryPostings::move(std::uint32_t from, std::uint32_t to) {
  if (from == to || from >= memberships_.size()) return;
  if (memberships_.size() <= to) memberships_.resize(to + 1);
  for (const Membership& m : memberships_[from]) postings_[m.gallery][m.position] = to;
  memberships_[to] = std::move(memberships_[from]);
  memberships_[from].clear();
  if (from + 1 == memberships_.size()) memberships_.pop_back();
}

std::vector<std::int64_t> GalleryPostings::galleries_of(std::uint32_t row) const {
  std::vector<std::int64_t> out;
  if (row < memberships_.size())
    for (const Membership& m : memberships_[row]) out.push_back(m.gallery);
  return out;
}

bool GalleryPostings::in_any(std::uint32_t row, const std::vector<std::int64_t>& galleries) const {
  if (row >= memberships_.size()) return false;
  for (const Membership& m : memberships_[row])
    for (const std::int64_t g : galleries)
      if (m.gallery == g) return true;
  return false;
}

const std::vector<std::uint32_t>& GalleryPostings::rows_of(std::int64_t gallery) const {
  static const std::vector<std::uint32_t> kEmpty;
  const auto it = postings_.find(gallery);
  return it == postings_.end() ? kEmpty : it->second;
}

std::size_t GalleryPostings::memory_bytes() const {
  std::size_t bytes = memberships_.capacity() * sizeof(std::vector<Membership>);
  for (const auto& m : memberships_)
    if (m.capacity()) bytes += m.capacity() * sizeof(Membership) + 16;  // + allocator header
  for (const auto& [g, list] : postings_) bytes += list.capacity() * 4 + 64;
  return bytes;
}

}  // namespace facenapi::detail
