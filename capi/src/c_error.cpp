// Thread-local error slot, facenapi_free, version, and shared helpers of the C layer.
#include <cstdlib>
#include <cstring>
#include <facenapi/version.hpp>

#include "c_internal.hpp"

namespace {
// The largest facenapi::Errc value; the C codes are its negations (checked in
// tests/capi/test_errc_mapping.cpp).
constexpr int FACENAPI_MAX_ERRC = static_cast<int>(facenapi::Errc::buffer_too_small);
}  // namespace

namespace facenapi::capi {
namespace {
thread_local std::string t_message;
}

int set_error(int code, const char* message) noexcept {
  try {
    t_message = message ? message : "";
  } catch (...) {
    t_message.clear();
  }
  return code;
}

void clear_error() noexcept { t_message.clear(); }

const char* error_message() noexcept { return t_message.c_str(); }

bool is_valid_utf8(const char* s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  while (*p) {
    const unsigned c = *p;
    int extra;
    unsigned min;
    if (c < 0x80) {
      ++p;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000;
    } else {
      return false;
    }
    unsigned cp = c & (0x3F >> extra);
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += extra + 1;
  }
  return true;
}

const ExtractionFace* face_at(const facenapi_faces_t* faces, std::size_t index) noexcept {
  if (!faces) {
    invalid("faces is NULL");
    return nullptr;
  }
  if (index >= faces->faces.size()) {
    invalid("face index out of range");
    return nullptr;
  }
  return &faces->faces[index];
}

int copy_out(void* out, std::size_t capacity, std::size_t* needed, const void* data,
             std::size_t count, std::size_t element_size) noexcept {
  if (!needed) return invalid("needed is NULL");
  *needed = count;
  if (!out && capacity == 0) return FACENAPI_OK;
  if (!out || capacity < count) return set_error(FACENAPI_EBUFSIZE, "buffer too small");
  if (count) std::memcpy(out, data, count * element_size);
  return FACENAPI_OK;
}

}  // namespace facenapi::capi

extern "C" {

const char* facenapi_error_message(void) { return facenapi::capi::error_message(); }

const char* facenapi_error_code_message(int code) {
  // The category's messages, copied once: the C caller gets static storage.
  static const auto* const messages = [] {
    auto* m = new std::string[FACENAPI_MAX_ERRC + 2];
    for (int i = 0; i <= FACENAPI_MAX_ERRC + 1; ++i) m[i] = facenapi::error_category().message(i);
    return m;
  }();
  const int value = -code;
  return messages[value >= 0 && value <= FACENAPI_MAX_ERRC ? value : FACENAPI_MAX_ERRC + 1].c_str();
}

const char* facenapi_version(void) { return facenapi::version(); }

void facenapi_free(void* p) { std::free(p); }

}  // extern "C"

void* facenapi::capi::malloc_copy(const void* data, std::size_t size, bool nul_terminate) {
  void* p = std::malloc(size + (nul_terminate ? 1 : 0) + (size == 0 ? 1 : 0));
  if (!p) throw std::bad_alloc();
  if (size) std::memcpy(p, data, size);
  if (nul_terminate) static_cast<char*>(p)[size] = '\0';
  return p;
}
