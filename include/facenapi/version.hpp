// The library's version.
#pragma once

#include <facenapi/export.hpp>

namespace facenapi {

// "MAJOR.MINOR.PATCH" of the linked library (which may differ from the headers' version).
FACENAPI_API const char* version() noexcept;

}  // namespace facenapi
