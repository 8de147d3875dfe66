#include "facen_index_set.hpp"

#include <facenapi/error.hpp>

namespace facenapi::detail {

std::shared_ptr<FacenIndex> FacenIndexSet::get_or_create(std::int64_t user,
                                                         const std::string& model,
                                                         std::size_t dimension) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = indexes_[Key(user, model)];
  if (!slot) slot = std::make_shared<FacenIndex>(dimension, options_);
  if (slot->dimension() != dimension)
    throw Error(Errc::invalid_argument, "the facen index of model '" + model + "' holds " +
                                            std::to_string(slot->dimension()) +
                                            "-value facens, not " + std::to_string(dimension));
  return slot;
}

std::shared_ptr<FacenIndex> FacenIndexSet::find(std::int64_t user, const std::string& model) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = indexes_.find(Key(user, model));
  return it == indexes_.end() ? nullptr : it->second;
}

void FacenIndexSet::put(std::int64_t user, const std::string& model,
                        std::shared_ptr<FacenIndex> index) {
  std::lock_guard<std::mutex> lock(mutex_);
  indexes_[Key(user, model)] = std::move(index);
}

bool FacenIndexSet::erase(std::int64_t user, const std::string& model) {
  std::lock_guard<std::mutex> lock(mutex_);
  return indexes_.erase(Key(user, model)) != 0;
}

std::size_t FacenIndexSet::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return indexes_.size();
}

}  // namespace facenapi::detail
