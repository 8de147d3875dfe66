#include <facenapi/facenapi.hpp>
#include <facenapi/annotate.hpp>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "file_io.hpp"

namespace facenapi_cli {
namespace {

facenapi::Detector parse_detector(const std::string& s) {
  if (s == "tiny") return facenapi::Detector::tiny;
  if (s == "ssd") return facenapi::Detector::ssd;
  if (s == "hog") return facenapi::Detector::hog;
  throw UsageError("--detector must be tiny, ssd or hog");
}

facenapi::Landmarker parse_landmarker(const std::string& s) {
  if (s == "faceapi68") return facenapi::Landmarker::faceapi68;
  if (s == "faceapi68_tiny") return facenapi::Landmarker::faceapi68_tiny;
  if (s == "dlib68") return facenapi::Landmarker::dlib68;
  throw UsageError("--landmarks must be faceapi68, faceapi68_tiny or dlib68");
}

facenapi::MultiFaceSelector parse_selector(const std::string& s) {
  if (s == "all") return facenapi::MultiFaceSelector::all;
  if (s == "biggest") return facenapi::MultiFaceSelector::biggest;
  if (s == "reject") return facenapi::MultiFaceSelector::reject;
  throw UsageError("--mf-selector must be all, biggest or reject");
}

float parse_number(const std::string& name, const std::string& s) {
  try {
    std::size_t used = 0;
    const float v = std::stof(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  throw UsageError("--" + name + " needs a number, got '" + s + "'");
}

// OUT.png for one photo; OUT-<i>.png when several photos are drawn.
std::string numbered(const std::string& path, std::size_t index, std::size_t count) {
  if (count == 1) return path;
  const std::filesystem::path p(path);
  return (p.parent_path() / (p.stem().string() + "-" + std::to_string(index) + p.extension().string()))
      .string();
}

}  // namespace

int extract_command(const std::vector<std::string>& args) {
  const Arguments a(args,
                    {"detector", "landmarks", "min-face-size", "min-confidence", "mf-selector",
                     "normalized-dir", "draw", "model-dir"},
                    {"rotated", "no-facen", "no-gender-age", "no-emotions"});
  if (a.positional().empty()) throw UsageError("extract needs at least one PHOTO");
  facenapi::ExtractOptions o;
  if (auto v = a.get("detector")) o.detector = parse_detector(*v);
  if (auto v = a.get("landmarks")) o.landmarker = parse_landmarker(*v);
  if (auto v = a.get("mf-selector")) o.mf_selector = parse_selector(*v);
  if (auto v = a.get("min-face-size")) o.min_face_size = parse_number("min-face-size", *v);
  if (auto v = a.get("min-confidence")) o.min_confidence = parse_number("min-confidence", *v);
  o.rotated_search = a.has("rotated");
  o.facen = !a.has("no-facen");
  o.gender_age = !a.has("no-gender-age");
  o.emotions = !a.has("no-emotions");
  const auto normalized_dir = a.get("normalized-dir");
  if (normalized_dir) std::filesystem::create_directories(*normalized_dir);

  facenapi::ModelPaths paths;
  if (auto v = a.get("model-dir")) paths.model_dir = *v;
  const facenapi::Extractor extractor(paths);

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
          const auto path = std::filesystem::path(*normalized_dir) /
                            (std::filesystem::path(photo).stem().string() + "_face" +
                             std::to_string(f) + ".png");
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
  // One face per line inside the array: readable, and still one JSON document.
  std::cout << "[";
  for (std::size_t i = 0; i < out.size(); ++i) std::cout << (i ? ",\n " : "\n ") << out[i].dump();
  std::cout << (out.empty() ? "]\n" : "\n]\n");
  return status;
}

}  // namespace facenapi_cli
