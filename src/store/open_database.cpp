#include <facenapi/error.hpp>

#include "store/collection.hpp"
#include "store/mongo/mongo_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace facenapi::detail {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::shared_ptr<Database> open_database(std::string_view uri) {
  if (uri.empty() || uri.find('\0') != std::string_view::npos) {
    throw Error(Errc::invalid_argument, "a database URI must be a non-empty string without NUL");
  }
  if (starts_with(uri, "mongodb://") || starts_with(uri, "mongodb+srv://")) {
    return mongo::open_mongo_database(std::string(uri));
  }
  // Every pooled connection must reach the same file: an in-memory database would be one per
  // connection, and "file:" URIs could carry options that weaken durability.
  if (uri == ":memory:" || starts_with(uri, "file:")) {
    throw Error(Errc::invalid_argument,
                "the embedded engine needs a plain file path, not '" + std::string(uri) + "'");
  }
  return sqlite::open_sqlite_database(std::string(uri));
}

}  // namespace facenapi::detail
