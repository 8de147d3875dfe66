#include "extract_options.hpp"

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

}  // namespace

std::set<std::string> extract_value_options() {
  return {"detector", "landmarks", "min-face-size", "min-confidence", "mf-selector", "model-dir"};
}

std::set<std::string> extract_flags() {
  return {"rotated", "no-facen", "no-gender-age", "no-emotions"};
}

facenapi::ExtractOptions extract_options(const Arguments& a) {
  facenapi::ExtractOptions o;
  if (auto v = a.get("detector")) o.detector = parse_detector(*v);
  if (auto v = a.get("landmarks")) o.landmarker = parse_landmarker(*v);
  if (auto v = a.get("mf-selector")) o.mf_selector = parse_selector(*v);
  if (auto v = a.get("min-face-size")) o.min_face_size = number_value("--min-face-size", *v);
  if (auto v = a.get("min-confidence")) o.min_confidence = number_value("--min-confidence", *v);
  o.rotated_search = a.has("rotated");
  o.facen = !a.has("no-facen");
  o.gender_age = !a.has("no-gender-age");
  o.emotions = !a.has("no-emotions");
  return o;
}

facenapi::ModelPaths model_paths(const Arguments& a) {
  facenapi::ModelPaths paths;
  if (auto v = a.get("model-dir")) paths.model_dir = *v;
  return paths;
}

}  // namespace facenapi_cli
