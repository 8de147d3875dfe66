#include "recognition/user_indexes.hpp"

#include <chrono>
#include <vector>

#include "extract/facen_model.hpp"

namespace facenapi::detail {
namespace {

std::chrono::steady_clock::duration seconds(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s < 0 ? 0 : s));
}

}  // namespace

bool indexable(const Faces::Model& face) {
  return face.facen && face.facen->model_id == kFacenModelId &&
         face.facen->values.size() == static_cast<std::size_t>(kFacenDimension);
}

UserIndexes::UserIndexes(const facenapi::Database& db, double sync_interval_seconds,
                         double full_sync_interval_seconds)
    : faces_(db),
      sync_interval_(seconds(sync_interval_seconds)),
      full_sync_interval_(seconds(full_sync_interval_seconds)) {}

std::shared_ptr<UserIndexes::Entry> UserIndexes::entry(std::int64_t user_id) {
  std::lock_guard lock(entries_mutex_);
  auto& e = entries_[user_id];
  if (!e) e = std::make_shared<Entry>();
  return e;
}

void UserIndexes::read_faces_after(std::int64_t user_id, Entry& e, FacenIndex& into) {
  Faces::Query query;
  for (;;) {
    query.min_id = e.max_id;
    const auto page = faces_.list(user_id, query, Faces::kMaxPageSize);
    std::vector<std::int64_t> ids;
    std::vector<float> facens;
    std::vector<std::vector<std::int64_t>> galleries;
    for (const auto& face : page.faces) {
      if (indexable(face)) {
        ids.push_back(face.id);
        facens.insert(facens.end(), face.facen->values.begin(), face.facen->values.end());
        galleries.push_back(face.galleries);
      }
      if (face.id > e.max_id) e.max_id = face.id;
    }
    if (!ids.empty()) into.add_batch(ids, facens.data(), galleries);
    if (!page.next) return;
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
