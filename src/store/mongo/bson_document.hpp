// BSON for the MongoDB engine: an owning bson_t wrapper and the conversions between Document
// and BSON. Integers are always written as BSON int64 (MongoDB servers differ in how they
// compare int32 with int64); binary values use the generic subtype 0.
#pragma once

#include <bson/bson.h>

#include <string_view>

#include "store/document.hpp"
#include "store/filter.hpp"

namespace facenapi::detail::mongo {

// Owns one heap bson_t (bson_new) and destroys it.
class Bson {
 public:
  Bson() : b_(bson_new()) {}
  Bson(const Bson&) = delete;
  Bson& operator=(const Bson&) = delete;
  ~Bson() { bson_destroy(b_); }
  bson_t* get() const noexcept { return b_; }

 private:
  bson_t* b_;
};

// A bson_t that a mongoc call fills in ("reply: an uninitialized bson_t"): starts empty, so it
// is safe to destroy whether or not the call ran.
class Reply {
 public:
  Reply() { bson_init(&b_); }
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;
  ~Reply() { bson_destroy(&b_); }
  bson_t* get() noexcept { return &b_; }

 private:
  bson_t b_;
};

// Appends `value` under `key`: objects as embedded documents, arrays as arrays.
void append_value(bson_t* out, std::string_view key, const Document& value);
void append_scalar(bson_t* out, std::string_view key, const Scalar& value);

// The fields of `doc` appended one by one to `out` (an object Document).
void append_fields(bson_t* out, const Document& doc);

// The document at `iter` (of type document) as a Document. Throws Error(internal) for BSON types
// facenapi never writes (dates, ObjectIds, decimals, ...).
Document to_document(const bson_iter_t& iter);

}  // namespace facenapi::detail::mongo
