// Symbol visibility for the facenapi shared library.
//
// The library is built with hidden visibility: only declarations marked FACENAPI_API are
// exported from libfacenapi.so. Everything in namespace facenapi::detail is internal.
#pragma once

#if defined(FACENAPI_BUILDING)
#define FACENAPI_API __attribute__((visibility("default")))
#else
#define FACENAPI_API
#endif
