// The facen index of each user, built from the store on first use and kept current as
// include/facenapi/recognition.hpp ("The index") promises:
//   - index() reads the faces with ids above the highest one read (every sync_interval);
//   - a background thread reconciles each built index with the store every reconcile_interval:
//     it reads only (id, galleries) of the user's faces up to that highest id and applies the
//     differences in place (removes faces no longer stored, corrects gallery lists, adds faces
//     it lacks), so searches go on at full speed and no index is ever rebuilt;
//   - with a directory, each index is saved there (user_index_file.hpp) after a reconciliation
//     at most every save_interval and when the UserIndexes is destroyed, and loaded at first
//     use: then only faces with ids above the saved highest one are read, and a reconciliation
//     runs at once in the background. A file that does not load is ignored (the index is built
//     from the store).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <facenapi/store.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <unordered_set>

#include "search/facen_index.hpp"
#include "store/collection.hpp"

namespace facenapi::detail {

// Whether a stored facen goes into the index: made by the current facen model.
bool indexable(const Facen& facen);
bool indexable(const Faces::Model& face);

struct UserIndexesOptions {
  double sync_interval_seconds = 1.0;        // >= 0
  double reconcile_interval_seconds = 60.0;  // > 0
  std::string dir;                           // empty: indexes are not saved
  double save_interval_seconds = 600.0;      // >= 0
};

class UserIndexes {
 public:
  // Error(invalid_argument) for a negative, zero (reconcile) or non-finite interval;
  // Error(io_error) when `dir` cannot be created.
  UserIndexes(std::shared_ptr<Collection> faces, const UserIndexesOptions& options);
  // Stops the background thread (a reconciliation in progress stops early), then saves every
  // index (with a directory; failures are ignored here, see save_all()).
  ~UserIndexes();
  UserIndexes(const UserIndexes&) = delete;
  UserIndexes& operator=(const UserIndexes&) = delete;

  // The index of `user`'s faces (the caller has authenticated the user), built on first use and
  // read up to date when sync_interval has passed. The index may be searched while other
  // threads sync it. Store errors propagate.
  std::shared_ptr<FacenIndex> index(std::int64_t user_id);

  // Puts a face this process just stored into the user's index (when that index exists).
  void add(std::int64_t user_id, const Faces::Model& face);
  // Takes a face out of the user's index (when it exists).
  void remove(std::int64_t user_id, std::int64_t face_id);

  // One reconciliation of the user's index now (what the background thread runs); nothing
  // when the index is not built. Store errors propagate.
  void reconcile(std::int64_t user_id);

  // Saves every built index now (nothing without a directory). Error(io_error) on failure.
  void save_all();
  // How many indexes were loaded from files rather than built from the store.
  std::size_t loaded_count() const noexcept { return loaded_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::mutex sync;  // one read of new faces (or the first build) at a time
    std::shared_ptr<FacenIndex> index;
    std::int64_t max_id = 0;  // every face with an id up to this one has been read
    Clock::time_point last_sync;
    std::mutex reconciling;  // one reconciliation at a time
    std::mutex skipped_mutex;
    std::unordered_set<std::int64_t> skipped;  // stored faces without an indexable facen
    // Guarded by entries_mutex_: when the background thread reconciles this index next.
    Clock::time_point next_reconcile = Clock::time_point::max();
    std::mutex saving;  // one save at a time; guards last_save
    std::optional<Clock::time_point> last_save;  // none: never saved
  };
  std::shared_ptr<Entry> entry(std::int64_t user_id);
  // The entry's index and the highest id read into it, taken together.
  static std::pair<std::shared_ptr<FacenIndex>, std::int64_t> snapshot(Entry& e);
  void read_faces_after(std::int64_t user_id, Entry& e, FacenIndex& into);
  // Reads the faces `ids` (projected) into the index; remembers those it cannot index.
  void read_faces(std::int64_t user_id, Entry& e, FacenIndex& into,
                  const std::vector<std::int64_t>& ids);
  void reconcile(std::int64_t user_id, Entry& e);
  // Builds the index, from the saved file when there is a good one. Under e.sync.
  void build(std::int64_t user_id, Entry& e);
  void save(std::int64_t user_id, Entry& e);
  void schedule(Entry& e, Clock::time_point when);
  void run_background();

  std::shared_ptr<Collection> faces_;
  Clock::duration sync_interval_, reconcile_interval_, save_interval_;
  std::string dir_;
  std::atomic<std::size_t> loaded_{0};
  std::mutex entries_mutex_;
  std::condition_variable wake_;
  std::map<std::int64_t, std::shared_ptr<Entry>> entries_;
  std::atomic<bool> stopping_{false};
  std::thread background_;  // last: started once everything above exists
};

}  // namespace facenapi::detail
