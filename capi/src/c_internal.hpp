// Internals of the C layer: the handle structs, the error slot and the guard every entry point
// runs its body in so that no exception crosses the boundary.
#pragma once

#include <facenapi/c.h>

#include <atomic>
#include <cstddef>
#include <facenapi/error.hpp>
#include <facenapi/extraction_face.hpp>
#include <facenapi/extractor.hpp>
#include <facenapi/recognition.hpp>
#include <facenapi/store.hpp>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <vector>

struct facenapi_extractor_t {
  facenapi::Extractor extractor;
};

struct facenapi_faces_t {
  std::vector<facenapi::ExtractionFace> faces;
};

// The models (loaded on first use) and the stores of one database.
struct facenapi_context_t {
  facenapi::ModelPaths paths;
  std::once_flag extractor_once;  // an exception leaves it unset, so a later call retries
  std::unique_ptr<facenapi::Extractor> extractor;
  struct Stores {
    facenapi::Database db;
    facenapi::Users users{db};
    facenapi::Galleries galleries{db};
    facenapi::Faces faces{db};
    facenapi::Persons persons{db};
    facenapi::Cameras cameras{db};
  };
  std::optional<Stores> stores;
  // Made on first use with the extractor and the database (facenapi::capi::recognizer); the
  // store's face creation goes through it once it exists, so that its index stays current.
  std::once_flag recognizer_once;
  std::unique_ptr<facenapi::Recognizer> recognizer;
  std::atomic<facenapi::Recognizer*> recognizer_ready{nullptr};
};

namespace facenapi::capi {

// Thrown checks for the store functions (inside guard): Error(invalid_argument) naming `what`.
// require_utf8: s must not be NULL. optional_utf8: NULL becomes "".
void require(bool condition, const char* message);
std::string require_utf8(const char* s, const char* what);
std::string optional_utf8(const char* s, const char* what);
// The context's stores; Error(invalid_argument) for a NULL context or one without a database.
facenapi_context_t::Stores& stores(facenapi_context_t* ctx);
// The context's extractor, loading the models on first use.
const Extractor& extractor(facenapi_context_t* ctx);
// The context's recognizer, made (with the extractor) on first use; needs the database.
Recognizer& recognizer(facenapi_context_t* ctx);
// The recognizer if one has been made, else nullptr; loads nothing.
Recognizer* existing_recognizer(facenapi_context_t* ctx) noexcept;
// ids[0..count) as a vector; Error(invalid_argument) for ids NULL with count > 0.
std::vector<std::int64_t> id_vector(const int64_t* ids, std::size_t count, const char* what);
// {"faces": [...], "next": cursor or null} of a page.
std::string page_json(const Faces::Page& page, bool include_normalized);
// malloc-ed NUL-terminated copy of text, stored in *out (freed with facenapi_free).
void set_text(char** out, const std::string& text);

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

// Converts C extraction options; returns 0 or records and returns EINVAL.
int to_options(ExtractOptions& o, const facenapi_extract_options_t& c);

// The body of facenapi_extract: checks photo and opts, extracts, sets *out (out is not NULL).
int extract_into(facenapi_faces_t** out, const Extractor& extractor, const void* photo,
                 std::size_t size, const facenapi_extract_options_t* opts);

// Buffer-too-small copy (see c.h).
int copy_out(void* out, std::size_t capacity, std::size_t* needed, const void* data,
             std::size_t count, std::size_t element_size) noexcept;

}  // namespace facenapi::capi
