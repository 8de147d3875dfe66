// Whole-file reads and writes for the CLI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace facenapi_cli {

// Throws std::runtime_error naming the path when the file cannot be read or written.
std::vector<std::uint8_t> read_file(const std::string& path);
void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes);

}  // namespace facenapi_cli
