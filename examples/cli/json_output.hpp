// How the CLI writes its results: one JSON document on stdout per command.
#pragma once

#include <iostream>
#include <nlohmann/json.hpp>

namespace facenapi_cli {

namespace detail {
template <typename Json>
void write_array(std::ostream& out, const Json& array) {
  if (array.empty()) {
    out << "[]";
    return;
  }
  out << "[";
  for (std::size_t i = 0; i < array.size(); ++i) out << (i ? ",\n " : "\n ") << array[i].dump();
  out << "\n]";
}
}  // namespace detail

// Writes `j` and a newline to stdout: compact JSON, except that the elements of a top-level
// array, or of an array that a top-level object holds, go one per line (readable, and still one
// JSON document). Works for nlohmann::json and nlohmann::ordered_json.
template <typename Json>
void print_json(const Json& j) {
  std::ostream& out = std::cout;
  if (j.is_array()) {
    detail::write_array(out, j);
  } else if (j.is_object()) {
    out << "{";
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      out << (first ? "" : ", ") << Json(it.key()).dump() << ": ";
      first = false;
      if (it.value().is_array()) {
        detail::write_array(out, it.value());
      } else {
        out << it.value().dump();
      }
    }
    out << "}";
  } else {
    out << j.dump();
  }
  out << "\n";
}

}  // namespace facenapi_cli
