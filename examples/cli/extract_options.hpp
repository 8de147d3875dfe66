// The extraction options that `extract` and `faces add` share: one parser for both.
#pragma once

#include <facenapi/extractor.hpp>
#include <set>
#include <string>

#include "arguments.hpp"

namespace facenapi_cli {

// The names of the shared options, to add to a command's own when it builds its Arguments:
// --detector --landmarks --min-face-size --min-confidence --mf-selector --model-dir take a
// value; --rotated --no-facen --no-gender-age --no-emotions are flags.
std::set<std::string> extract_value_options();
std::set<std::string> extract_flags();

// The options those arguments ask for; a bad value is a UsageError.
facenapi::ExtractOptions extract_options(const Arguments& a);
facenapi::ModelPaths model_paths(const Arguments& a);

// The usage text of the shared options.
constexpr const char* kExtractOptionsUsage =
    "[--detector tiny|ssd|hog] [--landmarks faceapi68|faceapi68_tiny|dlib68]\n"
    "      [--rotated] [--min-face-size PX] [--min-confidence F]\n"
    "      [--mf-selector all|biggest|reject] [--no-facen] [--no-gender-age]\n"
    "      [--no-emotions] [--model-dir DIR]";

}  // namespace facenapi_cli
