#include "recognition/user_indexes.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <facenapi/error.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "extract/facen_model.hpp"
#include "recognition/user_index_file.hpp"
#include "store/face_document.hpp"

namespace facenapi::detail {
namespace {

constexpr std::size_t kReadPage = 5000;        // faces with facens a store read returns at most
constexpr std::size_t kReconcilePage = 20000;  // (id, galleries) a reconciliation read returns

std::chrono::steady_clock::duration seconds(double s, const char* name, bool zero_ok) {
  if (!std::isfinite(s) || s < 0 || (s == 0 && !zero_ok) || s > 1e9) {
    throw Error(Errc::invalid_argument, std::string(name) + " must be " +
                                            (zero_ok ? ">= 0" : "> 0") +
                                            " seconds (and finite), not " + std::to_string(s));
  }
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s));
}

}  // namespace

bool indexable(const Facen& facen) {
  return facen.model_id == kFacenModelId &&
         facen.values.size() == static_cast<std::size_t>(kFacenDimension);
}

bool indexable(const Faces::Model& face) { return face.facen && indexable(*face.facen); }

UserIndexes::UserIndexes(std::shared_ptr<Collection> faces, const UserIndexesOptions& options)
    : faces_(std::move(faces)),
      sync_interval_(seconds(options.sync_interval_seconds, "sync_interval_seconds", true)),
      reconcile_interval_(
          seconds(options.reconcile_interval_seconds, "full_sync_interval_seconds", false)),
      save_interval_(seconds(options.save_interval_seconds, "index_save_interval_seconds", true)),
      dir_(options.dir) {
  if (!dir_.empty()) {
    std::error_code error;
    std::filesystem::create_directories(dir_, error);
    if (!std::filesystem::is_directory(dir_, error)) {
      throw Error(Errc::io_error, "cannot create the index directory '" + dir_ + "'");
    }
  }
  background_ = std::thread([this] { run_background(); });
}

UserIndexes::~UserIndexes() {
  {
    std::lock_guard lock(entries_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  background_.join();
  if (dir_.empty()) return;
  for (const auto& [user_id, e] : entries_) {
    try {
      save(user_id, *e);
    } catch (...) {  // a destructor cannot report it; the next open rebuilds or reconciles
    }
  }
}

void UserIndexes::save_all() {
  std::vector<std::pair<std::int64_t, std::shared_ptr<Entry>>> all;
  {
    std::lock_guard lock(entries_mutex_);
    all.assign(entries_.begin(), entries_.end());
  }
  for (const auto& [user_id, e] : all) save(user_id, *e);
}

std::pair<std::shared_ptr<FacenIndex>, std::int64_t> UserIndexes::snapshot(Entry& e) {
  std::lock_guard lock(e.sync);
  return {e.index, e.max_id};
}

// Written to a temporary file and renamed over the old one, so a reader (another process
// sharing the directory) sees either file whole. The saved max id is taken first: the index
// saved afterwards holds at least every face up to it.
void UserIndexes::save(std::int64_t user_id, Entry& e) {
  if (dir_.empty()) return;
  std::lock_guard saving(e.saving);
  const auto [index, max_id] = snapshot(e);
  if (!index) return;
  const std::string path = user_index_path(dir_, user_id);
  const std::string temporary = path + ".tmp-" + std::to_string(getpid());
  try {
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      if (!out) throw Error(Errc::io_error, "cannot write '" + temporary + "'");
      write_user_index(out, user_id, max_id, kFacenModelId, *index);
      out.close();
      if (!out) throw Error(Errc::io_error, "writing '" + temporary + "' failed");
    }
    std::filesystem::rename(temporary, path);
  } catch (const std::filesystem::filesystem_error& error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(Errc::io_error, "cannot save the index '" + path + "': " + error.what());
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
  e.last_save = Clock::now();
}

std::shared_ptr<UserIndexes::Entry> UserIndexes::entry(std::int64_t user_id) {
  std::lock_guard lock(entries_mutex_);
  auto& e = entries_[user_id];
  if (!e) e = std::make_shared<Entry>();
  return e;
}

void UserIndexes::schedule(Entry& e, Clock::time_point when) {
  {
    std::lock_guard lock(entries_mutex_);
    e.next_reconcile = when;
  }
  wake_.notify_all();
}

void UserIndexes::read_faces_after(std::int64_t user_id, Entry& e, FacenIndex& into) {
  // Only what the index needs (no chip, no meta), a page at a time.
  const FindOptions options{kReadPage, Order::ascending, kIndexFields};
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
      } else {
        std::lock_guard lock(e.skipped_mutex);
        e.skipped.insert(record.id);
      }
      e.max_id = std::max(e.max_id, record.id);
    }
    if (!ids.empty()) into.add_batch(ids, facens.data(), galleries);
    if (page.size() < kReadPage) return;
  }
}

void UserIndexes::read_faces(std::int64_t user_id, Entry& e, FacenIndex& into,
                             const std::vector<std::int64_t>& ids) {
  const FindOptions options{0, Order::ascending, kIndexFields};
  const auto scope = Scope::owner(user_id);
  for (std::size_t at = 0; at < ids.size(); at += kReadPage) {
    const std::vector<std::int64_t> batch(
        ids.begin() + static_cast<std::ptrdiff_t>(at),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + kReadPage)));
    for (const auto& record : faces_->find(scope, Filter().id_in(batch), options)) {
      const auto facen = stored_facen(record.body);
      if (facen && indexable(*facen)) {
        into.add(record.id, facen->values.data(), stored_galleries(record.body));
      } else {
        std::lock_guard lock(e.skipped_mutex);
        e.skipped.insert(record.id);
      }
    }
  }
}

std::shared_ptr<FacenIndex> UserIndexes::index(std::int64_t user_id) {
  const auto e = entry(user_id);
  std::lock_guard lock(e->sync);
  const auto now = Clock::now();
  if (!e->index) {
    build(user_id, *e);
    e->last_sync = now;
  } else if (now - e->last_sync >= sync_interval_) {
    read_faces_after(user_id, *e, *e->index);
    e->last_sync = now;
  }
  return e->index;
}

void UserIndexes::build(std::int64_t user_id, Entry& e) {
  std::optional<SavedUserIndex> saved;
  if (!dir_.empty()) {
    std::ifstream in(user_index_path(dir_, user_id), std::ios::binary);
    if (in) saved = read_user_index(in, user_id, kFacenModelId, kFacenDimension);
  }
  if (saved) {
    // The faces stored since the save now; deletes and gallery changes since then at once in
    // the background (matches are read back meanwhile).
    auto index = std::make_shared<FacenIndex>(std::move(saved->index));
    e.max_id = saved->max_id;
    read_faces_after(user_id, e, *index);
    e.index = std::move(index);
    {
      std::lock_guard saving(e.saving);
      e.last_save = Clock::now();
    }
    ++loaded_;
    schedule(e, Clock::now());
    return;
  }
  auto fresh = std::make_shared<FacenIndex>(kFacenDimension);
  e.max_id = 0;
  read_faces_after(user_id, e, *fresh);
  e.index = std::move(fresh);
  schedule(e, Clock::now() + reconcile_interval_);
}

void UserIndexes::reconcile(std::int64_t user_id) { reconcile(user_id, *entry(user_id)); }

// The index's faces with ids up to `bound` against the store's, page by page in id order (a
// merge of two sorted lists). Only faces the index held before the pass began are removed, so a
// face this process adds meanwhile is never lost; faces with higher ids are the incremental
// read's. A pass stopped early (shutdown) removes nothing past where it got.
void UserIndexes::reconcile(std::int64_t user_id, Entry& e) {
  std::lock_guard reconciling(e.reconciling);
  auto [index, bound] = snapshot(e);
  if (!index) return;
  // Up to the highest id read, or held (a face this process added, or a loaded file's).
  std::vector<std::int64_t> held = index->ids();
  std::sort(held.begin(), held.end());
  if (!held.empty()) bound = std::max(bound, held.back());
  if (bound <= 0) return;
  auto next_held = held.begin();
  std::vector<std::int64_t> missing, stored_skipped;
  const FindOptions options{kReconcilePage, Order::ascending, {"galleries"}};
  const auto scope = Scope::owner(user_id);
  std::int64_t after = 0;
  for (;;) {
    if (stopping_) return;
    const auto page =
        faces_->find(scope, Filter().id_above(after).id_below(bound + 1), options);
    for (const auto& record : page) {
      for (; next_held != held.end() && *next_held < record.id; ++next_held) index->remove(*next_held);
      if (next_held != held.end() && *next_held == record.id) {
        ++next_held;
        const auto stored = stored_galleries(record.body);
        try {
          auto galleries = index->galleries_of(record.id);
          std::sort(galleries.begin(), galleries.end());
          if (galleries != stored) index->set_galleries(record.id, stored);
        } catch (const Error& error) {
          if (error.errc() != Errc::not_found) throw;  // removed meanwhile by this process
        }
      } else if (!index->contains(record.id)) {
        std::lock_guard lock(e.skipped_mutex);
        if (e.skipped.count(record.id)) {
          stored_skipped.push_back(record.id);
        } else {
          missing.push_back(record.id);
        }
      }
      after = record.id;
    }
    if (page.size() < kReconcilePage) break;
  }
  for (; next_held != held.end() && !stopping_; ++next_held) index->remove(*next_held);
  if (stopping_) return;
  {
    // Forget skipped faces that are gone (stored_skipped is sorted).
    std::lock_guard lock(e.skipped_mutex);
    for (auto it = e.skipped.begin(); it != e.skipped.end();) {
      const bool gone = *it <= bound && !std::binary_search(stored_skipped.begin(),
                                                            stored_skipped.end(), *it);
      it = gone ? e.skipped.erase(it) : std::next(it);
    }
  }
  read_faces(user_id, e, *index, missing);
}

void UserIndexes::run_background() {
  std::unique_lock lock(entries_mutex_);
  while (!stopping_) {
    std::int64_t user_id = 0;
    std::shared_ptr<Entry> due;
    auto when = Clock::time_point::max();
    for (const auto& [id, e] : entries_) {
      if (e->next_reconcile < when) {
        when = e->next_reconcile;
        user_id = id;
        due = e;
      }
    }
    if (!due) {
      wake_.wait(lock);
      continue;
    }
    if (when > Clock::now()) {
      wake_.wait_until(lock, when);
      continue;
    }
    due->next_reconcile = Clock::time_point::max();  // running
    lock.unlock();
    try {
      reconcile(user_id, *due);
    } catch (...) {
      // The store failed (e.g. a network error): the next pass tries again. Queries are not
      // affected: they read new faces themselves and read every match back.
    }
    if (!dir_.empty() && !stopping_) {
      try {
        bool due_to_save = false;
        {
          std::lock_guard saving(due->saving);
          due_to_save = !due->last_save || Clock::now() - *due->last_save >= save_interval_;
        }
        if (due_to_save) save(user_id, *due);
      } catch (...) {  // a full disk, say: the next pass tries again
      }
    }
    lock.lock();
    if (due->next_reconcile == Clock::time_point::max()) {
      due->next_reconcile = Clock::now() + reconcile_interval_;
    }
  }
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
