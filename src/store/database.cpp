// facenapi::Database: the public handle on detail::open_database().
#include <facenapi/store.hpp>

#include "store/collection.hpp"
#include "store/media/media_store.hpp"

namespace facenapi {

Database::Database(std::string_view uri)
    : impl_(detail::open_database(uri)), media_(detail::open_media(*impl_, uri)) {}

std::string_view Database::engine() const noexcept { return impl_->engine(); }

}  // namespace facenapi
