// The engines the storage conformance suite runs on, as TEMPLATE_TEST_CASE types.
//
// SqliteEngine: a fresh database file in a temporary folder per test.
// MongoEngine: the server named by $FACENAPI_TEST_MONGO_URI, else by the file the ctest fixture
// writes (scripts/jongodb.sh start); when neither exists the test WARNs and passes without
// running (under ctest the fixture makes the file exist, so the suite runs).
// Every collection name carries the process id and a counter, so tests never share documents.
#pragma once

#include <memory>
#include <string>

#include "store/collection.hpp"

namespace facenapi::test {

class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

struct SqliteEngine {
  static constexpr const char* kName = "sqlite";
  TempDir dir;
  std::string uri() const { return dir.path() + "/store.db"; }
};

struct MongoEngine {
  static constexpr const char* kName = "mongodb";
  std::string uri() const;  // empty when no server is available
};

// A collection name no other test (or earlier run) uses.
std::string unique_name(const std::string& base);

// `mongo_uri` with its database replaced by one no other test uses (collections of the store
// classes have fixed names, and jongodb cannot drop them).
std::string unique_database_uri(const std::string& mongo_uri);

}  // namespace facenapi::test
