// The CLI's subcommands. Each returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace facenapi_cli {

// facenapi extract PHOTO... [options]: prints a JSON array, one object per face.
int extract_command(const std::vector<std::string>& args);

}  // namespace facenapi_cli
