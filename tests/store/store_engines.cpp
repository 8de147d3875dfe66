#include "store/store_engines.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace facenapi::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "facenapi-store-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string MongoEngine::uri() const {
  if (const char* env = std::getenv("FACENAPI_TEST_MONGO_URI"); env && *env) return env;
  std::ifstream file(FACENAPI_TEST_MONGO_URI_FILE);
  std::string uri;
  std::getline(file, uri);
  return uri;
}

std::string unique_name(const std::string& base) {
  static std::atomic<int> counter{0};
  static const long run = static_cast<long>(::time(nullptr) % 100000);
  return base + "_" + std::to_string(run) + "_" + std::to_string(::getpid()) + "_" +
         std::to_string(++counter);
}

std::string unique_database_uri(const std::string& mongo_uri) {
  const std::string db = unique_name("t");
  const std::size_t hosts = mongo_uri.find("://");
  const std::size_t start = hosts == std::string::npos ? 0 : hosts + 3;
  const std::size_t slash = mongo_uri.find('/', start);
  if (slash == std::string::npos) {
    const std::size_t query = mongo_uri.find('?', start);
    if (query == std::string::npos) return mongo_uri + "/" + db;
    return mongo_uri.substr(0, query) + "/" + db + mongo_uri.substr(query);
  }
  const std::size_t query = mongo_uri.find('?', slash);
  return mongo_uri.substr(0, slash + 1) + db +
         (query == std::string::npos ? std::string() : mongo_uri.substr(query));
}

}  // namespace facenapi::test
