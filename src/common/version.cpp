#include <facenapi/version.hpp>

namespace facenapi {

const char* version() noexcept { return FACENAPI_VERSION_STRING; }

}  // namespace facenapi
