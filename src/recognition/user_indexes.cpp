#include "recognition/user_indexes.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "extract/facen_model.hpp"
#include "store/face_document.hpp"

namespace facenapi::detail {
namespace {

constexpr std::size_t kReadPage = 5000;  // faces a store read returns at most

std::chrono::steady_clock::duration seconds(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s < 0 ? 0 : s));
}

}  // namespace

bool indexable(const Facen& facen) {
  return facen.model_id == kFacenModelId &&
         facen.values.size() == static_cast<std::size_t>(kFacenDimension);
}

bool indexable(const Faces::Model& face) { return face.facen && indexable(*face.facen); }

UserIndexes::UserIndexes(std::shared_ptr<Collection> faces, double sync_interval_seconds,
                         double full_sync_interval_seconds)
    : faces_(std::move(faces)),
      sync_interval_(seconds(sync_interval_seconds)),
      full_sync_interval_(seconds(full_sync_interval_seconds)) {}

std::shared_ptr<UserIndexes::Entry> UserIndexes::entry(std::int64_t user_id) {
  std::lock_guard lock(entries_mutex_);
  auto& e = entries_[user_id];
  if (!e) e = std::make_shared<Entry>();
  return e;
}

void UserIndexes::read_faces_after(std::int64_t user_id, Entry& e, FacenIndex& into) {
  // Only what the index needs (no chip, no meta), a page at a time.
  FindOptions options{kReadPage, Order::ascending, kIndexFields};
  const auto scope = Scope::owner(user_id);
  for (;;) {
    const auto page = faces_->find(scope, Filter().id_above(e.max_id), options);
    std::vector<std::int64_t> ids;
    std::vector<float> facens;
    std::vector<std::vector<std::int64_t>> galleries;
    for (const auto& record : page) {
      const auto facen = stored_facen(record.body);
      if (facen && indexable(*facen)) {
        ids.push_back(record.id);
        facens.insert(facens.end(), facen->values.begin(), facen->values.end());
        galleries.push_back(stored_galleries(record.body));
      }
      e.max_id = std::max(e.max_id, record.id);
    }
    if (!ids.empty()) into.add_batch(ids, facens.data(), galleries);
    if (page.size() < kReadPage) return;
  }
}

std::shared_ptr<FacenIndex> UserIndexes::index(std::int64_t user_id) {
  const auto e = entry(user_id);
  std::lock_guard lock(e->sync);
  const auto now = Clock::now();
  if (!e->index || now - e->last_full_sync >= full_sync_interval_) {
    auto fresh = std::make_shared<FacenIndex>(kFacenDimension);
    e->max_id = 0;
    read_faces_after(user_id, *e, *fresh);
    e->index = std::move(fresh);
    e->last_full_sync = e->last_sync = now;
  } else if (now - e->last_sync >= sync_interval_) {
    read_faces_after(user_id, *e, *e->index);
    e->last_sync = now;
  }
  return e->index;
}

void UserIndexes::add(std::int64_t user_id, const Faces::Model& face) {
  if (!indexable(face)) return;
  const auto e = entry(user_id);
  std::lock_guard lock(e->sync);
  // Without an index the first query reads the face from the store.
  if (e->index) e->index->add(face.id, face.facen->values.data(), face.galleries);
}

void UserIndexes::remove(std::int64_t user_id, std::int64_t face_id) {
  const auto e = entry(user_id);
  std::lock_guard lock(e->sync);
  if (e->index) e->index->remove(face_id);
}

}  // namespace facenapi::detail
