// Runs the built facenapi binary as a child process and captures what it did.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace facenapi::test {

struct CliResult {
  int status = -1;  // the exit status; -1 if the process did not exit normally
  std::string out;  // stdout
  std::string err;  // stderr
  // stdout parsed as JSON (key order kept); throws if it is not one JSON document.
  nlohmann::ordered_json json() const;
};

// Runs FACENAPI_TEST_CLI with `args` in the folder `cwd`, stdin from /dev/null, in this
// process's environment without FACENAPI_TOKEN and FACENAPI_DB, plus `env`, plus
// FACENAPI_MODEL_DIR = the repository's models/.
CliResult run_cli(const std::vector<std::string>& args, const std::string& cwd,
                  const std::map<std::string, std::string>& env = {});

}  // namespace facenapi::test
