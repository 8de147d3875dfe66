#include "store/document.hpp"

#include <cmath>
#include <facenapi/error.hpp>
#include <limits>

#include "common/base64.hpp"

namespace facenapi::detail {
namespace {

constexpr const char* kBinaryTag = "$binary";

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. NUL is allowed.
bool is_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = 0;
    unsigned min = 0, cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

void validate_value(const Document& v, int depth) {
  if (depth > kMaxDepth) {
    throw Error(Errc::invalid_argument,
                "document nests deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  switch (v.type()) {
    case Document::value_t::object:
      for (const auto& [key, child] : v.items()) {
        validate_key(key);
        validate_value(child, depth + 1);
      }
      break;
    case Document::value_t::array:
      for (const auto& child : v) validate_value(child, depth + 1);
      break;
    case Document::value_t::string:
      if (!is_utf8(v.get_ref<const std::string&>())) {
        throw Error(Errc::invalid_argument, "document holds a string that is not valid UTF-8");
      }
      break;
    case Document::value_t::number_float:
      if (!std::isfinite(v.get<double>())) {
        throw Error(Errc::invalid_argument, "document holds a NaN or infinite number");
      }
      break;
    case Document::value_t::number_unsigned:
      if (v.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        throw Error(Errc::invalid_argument, "document holds an integer larger than int64");
      }
      break;
    case Document::value_t::discarded:
      throw Error(Errc::invalid_argument, "document holds a discarded value");
    default:
      break;
  }
}

// Binary values become {"$binary": base64}; everything else is copied.
Document to_text_form(const Document& v) {
  switch (v.type()) {
    case Document::value_t::binary: {
      const auto& b = v.get_binary();
      return Document{{kBinaryTag, base64_encode(b.data(), b.size())}};
    }
    case Document::value_t::object: {
      Document out = Document::object();
      for (const auto& [key, child] : v.items()) out[key] = to_text_form(child);
      return out;
    }
    case Document::value_t::array: {
      Document out = Document::array();
      for (const auto& child : v) out.push_back(to_text_form(child));
      return out;
    }
    default:
      return v;
  }
}

[[noreturn]] void corrupt(const std::string& why) {
  throw Error(Errc::internal, "stored document is corrupt: " + why);
}

void from_text_form(Document& v) {
  switch (v.type()) {
    case Document::value_t::object: {
      if (v.size() == 1 && v.begin().key() == kBinaryTag) {
        const auto& text = v.begin().value();
        if (!text.is_string()) corrupt("a $binary value is not a string");
        auto bytes = base64_decode(text.get_ref<const std::string&>());
        if (!bytes) corrupt("a $binary value is not base64");
        v = make_binary(std::move(*bytes));
        return;
      }
      for (auto& [key, child] : v.items()) from_text_form(child);
      return;
    }
    case Document::value_t::array:
      for (auto& child : v) from_text_form(child);
      return;
    case Document::value_t::number_unsigned: {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        corrupt("an integer is larger than int64");
      }
      v = static_cast<std::int64_t>(u);
      return;
    }
    default:
      return;
  }
}

}  // namespace

void validate_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyBytes) {
    throw Error(Errc::invalid_argument,
                "a document key must be 1 to " + std::to_string(kMaxKeyBytes) + " bytes long");
  }
  if (key.front() == '$') {
    throw Error(Errc::invalid_argument, "a document key may not start with '$'");
  }
  if (key.find('.') != std::string_view::npos || key.find('\0') != std::string_view::npos) {
    throw Error(Errc::invalid_argument, "a document key may not hold '.' or a NUL byte");
  }
  if (!is_utf8(key)) throw Error(Errc::invalid_argument, "a document key is not valid UTF-8");
}

void validate_document(const Document& doc) {
  if (!doc.is_object()) throw Error(Errc::invalid_argument, "a document must be an object");
  validate_value(doc, 1);
  const std::size_t size = to_text(doc).size();
  if (size > kMaxDocumentBytes) {
    throw Error(Errc::too_large, "document is " + std::to_string(size) +
                                     " bytes, more than the limit of " +
                                     std::to_string(kMaxDocumentBytes));
  }
}

std::string to_text(const Document& doc) {
  return to_text_form(doc).dump(-1, ' ', false, nlohmann::detail::error_handler_t::strict);
}

Document from_text(std::string_view text) {
  Document doc = Document::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) corrupt("not a JSON object");
  from_text_form(doc);
  return doc;
}

Document make_binary(std::vector<std::uint8_t> bytes) { return Document::binary(std::move(bytes)); }

}  // namespace facenapi::detail
