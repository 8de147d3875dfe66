#include "arguments.hpp"

#include <cctype>

namespace facenapi_cli {

Arguments::Arguments(const std::vector<std::string>& args,
                     const std::set<std::string>& value_options,
                     const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    const auto eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name)) {
      if (inline_value) throw UsageError("--" + name + " takes no value");
      options_.emplace(name, "");
    } else if (value_options.count(name)) {
      if (!inline_value) {
        if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
        value = args[++i];
      }
      options_.emplace(name, value);
    } else {
      throw UsageError("unknown option --" + name);
    }
  }
}

std::optional<std::string> Arguments::get(const std::string& name) const {
  const auto range = options_.equal_range(name);
  if (range.first == range.second) return std::nullopt;
  return std::prev(range.second)->second;  // the last one wins
}

std::vector<std::string> Arguments::all(const std::string& name) const {
  std::vector<std::string> out;
  const auto range = options_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

std::int64_t integer_value(const std::string& name, const std::string& text, std::int64_t min) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(text, &used);
    const bool digits_first = !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) ||
                                                (text[0] == '-' && text.size() > 1));
    if (digits_first && used == text.size() && v >= min) return v;
  } catch (const std::exception&) {
  }
  throw UsageError(name + " needs a whole number >= " + std::to_string(min) + ", got '" + text +
                   "'");
}

float number_value(const std::string& name, const std::string& text) {
  try {
    std::size_t used = 0;
    const float v = std::stof(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw UsageError(name + " needs a number, got '" + text + "'");
}

}  // namespace facenapi_cli
