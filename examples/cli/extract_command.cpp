#include <facenapi/annotate.hpp>
#include <facenapi/facenapi.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "extract_options.hpp"
#include "file_io.hpp"
#include "json_output.hpp"

namespace facenapi_cli {
namespace {

// OUT.png for one photo; OUT-<i>.png when several photos are drawn.
std::string numbered(const std::string& path, std::size_t index, std::size_t count) {
  if (count == 1) return path;
  const std::filesystem::path p(path);
  return (p.parent_path() /
          (p.stem().string() + "-" + std::to_string(index) + p.extension().string()))
      .string();
}

}  // namespace

int extract_command(const std::vector<std::string>& args) {
  auto value_options = extract_value_options();
  value_options.insert({"normalized-dir", "draw"});
  const Arguments a(args, value_options, extract_flags());
  if (a.positional().empty()) throw UsageError("extract needs at least one PHOTO");
  const facenapi::ExtractOptions o = extract_options(a);
  const auto normalized_dir = a.get("normalized-dir");
  if (normalized_dir) std::filesystem::create_directories(*normalized_dir);
  const facenapi::Extractor extractor(model_paths(a));

  int status = 0;
  nlohmann::json out = nlohmann::json::array();
  const auto& photos = a.positional();
  for (std::size_t i = 0; i < photos.size(); ++i) {
    const std::string& photo = photos[i];
    try {
      const auto bytes = read_file(photo);
      const auto faces = extractor.extract(bytes, o);
      for (std::size_t f = 0; f < faces.size(); ++f) {
        auto j = nlohmann::json::parse(facenapi::to_json(faces[f]));
        j["photo"] = photo;
        if (normalized_dir) {
          const auto path =
              std::filesystem::path(*normalized_dir) /
              (std::filesystem::path(photo).stem().string() + "_face" + std::to_string(f) + ".png");
          write_file(path.string(), faces[f].normalized);
          j["normalized_path"] = path.string();
        }
        out.push_back(std::move(j));
      }
      if (auto draw = a.get("draw")) {
        write_file(numbered(*draw, i, photos.size()),
                   facenapi::annotate(bytes.data(), bytes.size(), faces, {}, o.limits));
      }
    } catch (const std::exception& e) {
      std::cerr << "facenapi: " << photo << ": " << e.what() << "\n";
      status = 1;
    }
  }
  print_json(out);
  return status;
}

}  // namespace facenapi_cli
