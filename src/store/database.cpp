// facenapi::Database: the public handle on detail::open_database().
#include <facenapi/store.hpp>

#include "store/collection.hpp"

namespace facenapi {

Database::Database(std::string_view uri) : impl_(detail::open_database(uri)) {}

std::string_view Database::engine() const noexcept { return impl_->engine(); }

}  // namespace facenapi
