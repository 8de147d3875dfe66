// Errors raised by facenapi.
//
// Every failure of a facenapi call is reported by throwing facenapi::Error, a
// std::system_error whose code() belongs to facenapi::error_category(). The values of
// facenapi::Errc map one to one onto the C API's negative FACENAPI_E* codes
// (C code == -static_cast<int>(errc)), so a C caller and a C++ caller see the same reason.
//
// Thread safety: error_category() returns a singleton that is safe to use from any thread.
#pragma once

#include <facenapi/export.hpp>
#include <stdexcept>
#include <string>
#include <system_error>

namespace facenapi {

enum class Errc : int {
  ok = 0,
  invalid_argument = 1,    // a parameter is out of its documented range or malformed
  decode_failed = 2,       // the bytes are not a decodable image (empty, truncated, corrupt)
  unsupported_format = 3,  // the bytes are an image format facenapi does not read
  too_large = 4,           // the input exceeds a configured limit (bytes, pixels, side length)
  model_error = 5,         // a model file is missing, unreadable or does not match its manifest
  too_many_faces = 6,      // MultiFaceSelector::reject and the photo holds more than one face
  io_error = 7,            // a file could not be read or written
  not_found = 8,           // the requested object does not exist (or belongs to another user)
  unauthenticated = 9,     // no valid user was given for a call that needs one
  already_exists = 10,     // a unique name or id is taken
  internal = 11,           // a bug or resource exhaustion inside facenapi
  buffer_too_small = 12,   // a caller's buffer cannot hold the result (the C API says the size)
};

// The category of facenapi::Errc; name() is "facenapi".
FACENAPI_API const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), error_category()};
}

// The exception every facenapi function throws. what() holds a message meant for a person:
// what failed and why, e.g. "image is 60000x60000 pixels, more than the limit of 40000000".
class FACENAPI_API Error : public std::system_error {
 public:
  Error(Errc code, const std::string& message);
  Errc errc() const noexcept { return static_cast<Errc>(code().value()); }
  // The message as given, without std::system_error's ": <category text>" suffix.
  const char* what() const noexcept override { return message_.what(); }

 private:
  std::runtime_error message_;  // copying it never throws
};

}  // namespace facenapi

template <>
struct std::is_error_code_enum<facenapi::Errc> : std::true_type {};
