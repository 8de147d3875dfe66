// The facen index of each user, built from the store on first use and kept current as
// include/facenapi/recognition.hpp ("The index") promises.
#pragma once

#include <chrono>
#include <cstdint>
#include <facenapi/store.hpp>
#include <map>
#include <memory>
#include <mutex>

#include "search/facen_index.hpp"
#include "store/collection.hpp"

namespace facenapi::detail {

// Whether a stored face's facen goes into the index: made by the current facen model.
bool indexable(const Facen& facen);
bool indexable(const Faces::Model& face);

class UserIndexes {
 public:
  UserIndexes(std::shared_ptr<Collection> faces, double sync_interval_seconds,
              double full_sync_interval_seconds);

  // The index of `user`'s faces, synced with the store when the intervals say so. The index may
  // be searched while other threads sync it. Store errors propagate.
  std::shared_ptr<FacenIndex> index(std::int64_t user_id);

  // Puts a face this process just stored into the user's index (when that index exists).
  void add(std::int64_t user_id, const Faces::Model& face);
  // Takes a face out of the user's index (when it exists).
  void remove(std::int64_t user_id, std::int64_t face_id);

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::mutex sync;  // one sync of a user at a time
    std::shared_ptr<FacenIndex> index;
    std::int64_t max_id = 0;  // every face with an id up to this one has been read
    Clock::time_point last_sync, last_full_sync;
  };
  std::shared_ptr<Entry> entry(std::int64_t user_id);
  void read_faces_after(std::int64_t user_id, Entry& e, FacenIndex& into);

  std::shared_ptr<Collection> faces_;
  Clock::duration sync_interval_, full_sync_interval_;
  std::mutex entries_mutex_;
  std::map<std::int64_t, std::shared_ptr<Entry>> entries_;
};

}  // namespace facenapi::detail
