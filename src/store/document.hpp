// Document: the value a collection stores, and the rules every stored document obeys.
//
// A Document is an nlohmann::ordered_json (object keys keep their insertion order) whose
// values are null, bool, int64, double, string (UTF-8, may hold NUL bytes), binary
// (Document::binary(bytes)), array or object. Both engines store exactly these types and give
// back an equal document: integers come back as int64 (number_integer), doubles as doubles.
//
// Every document a collection accepts passes validate_document():
//   - the top level is an object;
//   - every key at every depth is 1..kMaxKeyBytes bytes of valid UTF-8, does not start with '$'
//     and holds neither '.' nor NUL (so no key can act as a MongoDB operator or path, and user
//     data, e.g. a face's meta string, is only ever a value);
//   - strings are valid UTF-8; doubles are finite; unsigned integers fit in int64;
//   - nesting is at most kMaxDepth levels;
//   - the canonical text (to_text()) is at most kMaxDocumentBytes bytes.
// Violations throw Error(invalid_argument), or Error(too_large) for the size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace facenapi::detail {

using Document = nlohmann::ordered_json;

// 4 MiB of canonical text: a face record with its 150x150 PNG chip is ~40 KiB, and MongoDB's
// own 16 MiB BSON limit stays far away whatever the engine.
inline constexpr std::size_t kMaxDocumentBytes = 4u << 20;
inline constexpr std::size_t kMaxKeyBytes = 256;
inline constexpr int kMaxDepth = 32;

// Throws Error(invalid_argument) or Error(too_large) as described above.
void validate_document(const Document& doc);

// Throws Error(invalid_argument) unless `key` may be a document key (see above).
void validate_key(std::string_view key);

// The canonical text of a document: compact JSON in which a binary value is written as
// {"$binary": "<base64>"} (unambiguous, since stored keys never start with '$'). The SQLite
// engine stores this text; its length is the size the limit applies to.
std::string to_text(const Document& doc);

// Parses to_text()'s output back into an equal document (integers as int64). Throws
// Error(internal) when the text is not such output (a corrupt row).
Document from_text(std::string_view text);

// Convenience: a binary value holding `bytes`.
Document make_binary(std::vector<std::uint8_t> bytes);

}  // namespace facenapi::detail
