// facenapi: the command-line face of the library.
#include <facenapi/facenapi.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"

namespace {

constexpr const char* kUsage = R"(usage: facenapi COMMAND [ARGS]

commands:
  extract PHOTO... [--detector tiny|ssd|hog] [--landmarks faceapi68|faceapi68_tiny|dlib68]
                   [--rotated] [--min-face-size PX] [--min-confidence F]
                   [--mf-selector all|biggest|reject] [--no-facen] [--no-gender-age]
                   [--no-emotions] [--normalized-dir DIR] [--draw OUT.png] [--model-dir DIR]
      Prints a JSON array with one object per face found in the photos.
  version
      Prints the library version.
)";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (args[0] == "extract") return facenapi_cli::extract_command(rest);
    if (args[0] == "version") {
      std::cout << facenapi::version() << "\n";
      return 0;
    }
    throw facenapi_cli::UsageError("unknown command '" + args[0] + "'");
  } catch (const facenapi_cli::UsageError& e) {
    std::cerr << "facenapi: " << e.what() << "\n\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "facenapi: " << e.what() << "\n";
    return 1;
  }
}
