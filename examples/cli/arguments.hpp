// A small command-line parser: positional arguments and --name VALUE / --flag options.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace facenapi_cli {

// Thrown for a malformed command line; main() prints it with the usage and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Arguments {
 public:
  // `value_options` take a value (--name VALUE or --name=VALUE), `flags` take none; anything
  // else starting with -- is a UsageError. Options may repeat (see all()).
  Arguments(const std::vector<std::string>& args, const std::set<std::string>& value_options,
            const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  bool has(const std::string& name) const { return options_.count(name) != 0; }

 private:
  std::vector<std::string> positional_;
  std::multimap<std::string, std::string> options_;
};

// The value of option --`name` (or of the argument `name`) read as a whole number >= `min`, or as
// a float; anything else is a UsageError that names it.
std::int64_t integer_value(const std::string& name, const std::string& text, std::int64_t min);
float number_value(const std::string& name, const std::string& text);

}  // namespace facenapi_cli
