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

}  // namespace facenapi::test
