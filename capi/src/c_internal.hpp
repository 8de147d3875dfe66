// Internals of the C layer: the handle structs, the error slot and the guard every entry point
// runs its body in so that no exception crosses the boundary.
#pragma once

#include <facenapi/c.h>

#include <cstddef>
#include <facenapi/error.hpp>
#include <facenapi/extraction_face.hpp>
#include <facenapi/extractor.hpp>
#include <new>
#include <string>
#include <vector>

struct facenapi_extractor_t {
  facenapi::Extractor extractor;
};

struct facenapi_faces_t {
  std::vector<facenapi::ExtractionFace> faces;
};

namespace facenapi::capi {

// Records the message for facenapi_error_message() and returns code.
int set_error(int code, const char* message) noexcept;
void clear_error() noexcept;
const char* error_message() noexcept;

// malloc-ed copy of bytes (freed with facenapi_free); throws std::bad_alloc.
void* malloc_copy(const void* data, std::size_t size, bool nul_terminate);

// Runs body (returning int); maps exceptions onto C codes.
template <class F>
int guard(F&& body) noexcept {
  try {
    clear_error();
    return body();
  } catch (const Error& e) {
    return set_error(-static_cast<int>(e.errc()), e.what());
  } catch (const std::bad_alloc&) {
    return set_error(FACENAPI_EINTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return set_error(FACENAPI_EINTERNAL, e.what());
  } catch (...) {
    return set_error(FACENAPI_EINTERNAL, "unknown exception");
  }
}

inline int invalid(const char* message) noexcept { return set_error(FACENAPI_EINVAL, message); }

bool is_valid_utf8(const char* s) noexcept;

// The face at index, or nullptr after recording EINVAL.
const ExtractionFace* face_at(const facenapi_faces_t* faces, std::size_t index) noexcept;

// Buffer-too-small copy (see c.h).
int copy_out(void* out, std::size_t capacity, std::size_t* needed, const void* data,
             std::size_t count, std::size_t element_size) noexcept;

}  // namespace facenapi::capi
