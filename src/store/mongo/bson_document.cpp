#include "store/mongo/bson_document.hpp"

#include <climits>
#include <facenapi/error.hpp>

namespace facenapi::detail::mongo {
namespace {

int key_length(std::string_view key) { return static_cast<int>(key.size()); }

[[noreturn]] void too_big() { throw Error(Errc::too_large, "value too large for a BSON document"); }

void check(bool appended) {
  if (!appended) too_big();  // libbson refuses only when the document would pass INT32_MAX
}

Document value_at(const bson_iter_t& iter);

Document from_children(const bson_iter_t& iter, bool as_array) {
  bson_iter_t child;
  if (!bson_iter_recurse(&iter, &child)) {
    throw Error(Errc::internal, "stored BSON document is corrupt");
  }
  Document out = as_array ? Document::array() : Document::object();
  while (bson_iter_next(&child)) {
    if (as_array) {
      out.push_back(value_at(child));
    } else {
      out[std::string(bson_iter_key(&child), bson_iter_key_len(&child))] = value_at(child);
    }
  }
  return out;
}

Document value_at(const bson_iter_t& iter) {
  switch (bson_iter_type(&iter)) {
    case BSON_TYPE_NULL:
      return nullptr;
    case BSON_TYPE_BOOL:
      return bson_iter_bool(&iter);
    case BSON_TYPE_INT32:
      return std::int64_t{bson_iter_int32(&iter)};
    case BSON_TYPE_INT64:
      return std::int64_t{bson_iter_int64(&iter)};
    case BSON_TYPE_DOUBLE:
      return bson_iter_double(&iter);
    case BSON_TYPE_UTF8: {
      std::uint32_t length = 0;
      const char* text = bson_iter_utf8(&iter, &length);
      return std::string(text, length);
    }
    case BSON_TYPE_BINARY: {
      bson_subtype_t subtype;
      std::uint32_t length = 0;
      const std::uint8_t* data = nullptr;
      bson_iter_binary(&iter, &subtype, &length, &data);
      return make_binary(std::vector<std::uint8_t>(data, data + length));
    }
    case BSON_TYPE_DOCUMENT:
      return from_children(iter, false);
    case BSON_TYPE_ARRAY:
      return from_children(iter, true);
    default:
      throw Error(Errc::internal, "stored document holds a BSON type facenapi does not write");
  }
}

}  // namespace

void append_value(bson_t* out, std::string_view key, const Document& value) {
  const char* k = key.data();
  const int n = key_length(key);
  switch (value.type()) {
    case Document::value_t::null:
      check(bson_append_null(out, k, n));
      break;
    case Document::value_t::boolean:
      check(bson_append_bool(out, k, n, value.get<bool>()));
      break;
    case Document::value_t::number_integer:
    case Document::value_t::number_unsigned:  // validate_document() bounds it to int64
      check(bson_append_int64(out, k, n, value.get<std::int64_t>()));
      break;
    case Document::value_t::number_float:
      check(bson_append_double(out, k, n, value.get<double>()));
      break;
    case Document::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (s.size() > INT_MAX) too_big();
      check(bson_append_utf8(out, k, n, s.data(), static_cast<int>(s.size())));
      break;
    }
    case Document::value_t::binary: {
      const auto& b = value.get_binary();
      if (b.size() > UINT32_MAX) too_big();
      check(bson_append_binary(out, k, n, BSON_SUBTYPE_BINARY, b.data(),
                               static_cast<std::uint32_t>(b.size())));
      break;
    }
    case Document::value_t::object: {
      bson_t child;
      check(bson_append_document_begin(out, k, n, &child));
      append_fields(&child, value);
      check(bson_append_document_end(out, &child));
      break;
    }
    case Document::value_t::array: {
      bson_t child;
      check(bson_append_array_begin(out, k, n, &child));
      std::uint32_t i = 0;
      for (const auto& element : value) {
        char buffer[16];
        const char* index_key = nullptr;
        const std::size_t index_length =
            bson_uint32_to_string(i++, &index_key, buffer, sizeof buffer);
        append_value(&child, std::string_view(index_key, index_length), element);
      }
      check(bson_append_array_end(out, &child));
      break;
    }
    case Document::value_t::discarded:
      throw Error(Errc::invalid_argument, "document holds a discarded value");
  }
}

void append_fields(bson_t* out, const Document& doc) {
  for (const auto& [key, value] : doc.items()) append_value(out, key, value);
}

void append_scalar(bson_t* out, std::string_view key, const Scalar& value) {
  const char* k = key.data();
  const int n = key_length(key);
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          check(bson_append_bool(out, k, n, x));
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          check(bson_append_int64(out, k, n, x));
        } else if constexpr (std::is_same_v<T, double>) {
          check(bson_append_double(out, k, n, x));
        } else {
          if (x.size() > INT_MAX) too_big();
          check(bson_append_utf8(out, k, n, x.data(), static_cast<int>(x.size())));
        }
      },
      value.value());
}

Document to_document(const bson_iter_t& iter) {
  if (bson_iter_type(&iter) != BSON_TYPE_DOCUMENT) {
    throw Error(Errc::internal, "stored document body is not a BSON document");
  }
  return from_children(iter, false);
}

}  // namespace facenapi::detail::mongo
