// Paths to the shared test photos and small helpers to read them.
#pragma once

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace facenapi_test {

inline std::string data_path(const std::string& relative) {
  return std::string(FACENAPI_TEST_DATA_DIR) + "/" + relative;
}

inline std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("test data missing: " + path);
  return std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)), {});
}

// A photo of ../shared/data/faces by its path relative to that folder.
inline std::vector<std::uint8_t> face_photo(const std::string& relative) {
  return read_bytes(data_path("faces/" + relative));
}

// The sha256 column of faces/manifest.tsv for a path relative to faces/.
inline std::string manifest_sha256(const std::string& relative) {
  std::ifstream in(data_path("faces/manifest.tsv"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(relative + "\t", 0) == 0) return line.substr(line.find_last_of('\t') + 1);
  }
  throw std::runtime_error("not in manifest: " + relative);
}

}  // namespace facenapi_test
