// facenapi detect | verify | identify: recognition (include/facenapi/recognition.hpp) from the
// shell, as the token's user.
#include <facenapi/annotate.hpp>
#include <facenapi/error.hpp>
#include <facenapi/extractor.hpp>
#include <facenapi/recognition.hpp>
#include <facenapi/store.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "extract_options.hpp"
#include "file_io.hpp"
#include "json_output.hpp"
#include "store_session.hpp"

namespace facenapi_cli {
namespace {

using Json = nlohmann::ordered_json;
using facenapi::Probe;
using facenapi::Recognizer;

Json bbox_json(const std::optional<facenapi::BBox>& b) {
  if (!b) return nullptr;
  return Json{{"left", b->left}, {"top", b->top}, {"right", b->right}, {"bottom", b->bottom}};
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// A probe from the command line: an existing file is a photo, digits are a face id, anything
// else must be a facen in base64 (of the current model).
Probe probe_of(const std::string& text) {
  if (std::filesystem::is_regular_file(text)) return Probe::photo(read_file(text));
  if (all_digits(text)) return Probe::face(integer_value("face ID", text, 1));
  try {
    return Probe::facen(facenapi::Facen::from_base64(text, facenapi::facen_model_id()));
  } catch (const facenapi::Error&) {
    throw UsageError("'" + text + "' is neither a photo file, a face ID nor a base64 facen");
  }
}

int detect(const std::vector<std::string>& args) {
  const Arguments a(args, extract_value_options(), [] {
    auto f = extract_flags();
    f.insert("attributes");
    return f;
  }());
  if (a.positional().size() != 1) throw UsageError("detect needs one PHOTO");
  const facenapi::Extractor extractor(model_paths(a));
  // detect needs no database and no user: it is the extractor without facen.
  const auto bytes = read_file(a.positional()[0]);
  facenapi::ExtractOptions o = extract_options(a);
  o.facen = o.normalized = false;
  o.gender_age = o.emotions = a.has("attributes");
  Json out = Json::array();
  for (const auto& face : extractor.extract(bytes, o)) {
    Json j = {{"bbox", bbox_json(face.bbox)},
              {"detection_score", face.detection_score},
              {"score", face.score}};
    if (face.gender) {
      j["gender"] = facenapi::to_string(*face.gender);
      j["age"] = face.age.value_or(0);
    }
    if (face.emotions) {
      Json e = Json::array();
      for (const auto& [name, p] : face.emotions->top(2)) e.push_back(name);
      j["emotions"] = e;
    }
    out.push_back(j);
  }
  print_json(out);
  return 0;
}

int verify(StoreSession& session, const std::vector<std::string>& args) {
  const Arguments a(
      args,
      [] {
        auto v = extract_value_options();
        v.insert("threshold");
        return v;
      }(),
      extract_flags());
  if (a.positional().size() != 2) throw UsageError("verify needs A and B");
  const auto threshold = facenapi::Threshold::parse(a.get("threshold").value_or("medium"));
  const Probe pa = probe_of(a.positional()[0]);
  const Probe pb = probe_of(a.positional()[1]);
  const auto user = session.user();
  const facenapi::Extractor extractor(model_paths(a));
  Recognizer::Options ro;
  ro.extract = extract_options(a);
  Recognizer recognizer(extractor, session.database(), ro);
  print_json(Json::parse(facenapi::to_json(recognizer.verify(user, pa, pb, threshold))));
  return 0;
}

// What --draw writes beside a face: its best match's meta (or face id) and confidence.
std::string label(const std::vector<Recognizer::Match>& matches) {
  if (matches.empty()) return "unknown";
  const auto& best = matches.front();
  const std::string name =
      best.face.meta.empty() ? "face " + std::to_string(best.face.id) : best.face.meta;
  return name + " " + std::to_string(static_cast<int>(best.confidence * 100 + 0.5f)) + "%";
}

// identify PHOTO: every face of the photo is extracted once (so that --draw has its landmarks)
// and identified by its facen.
int identify(StoreSession& session, const std::vector<std::string>& args) {
  auto value_options = extract_value_options();
  value_options.insert({"gallery", "threshold", "n", "draw"});
  const Arguments a(args, value_options, extract_flags());
  if (a.positional().size() != 1) throw UsageError("identify needs one PHOTO");
  Recognizer::IdentifyOptions options;
  options.threshold = facenapi::Threshold::parse(a.get("threshold").value_or("medium"));
  if (auto n = a.get("n")) {
    options.n = static_cast<std::size_t>(integer_value("--n", *n, 1));
    if (options.n > Recognizer::kMaxResults) {
      throw UsageError("--n is at most " + std::to_string(Recognizer::kMaxResults));
    }
  }
  const auto bytes = read_file(a.positional()[0]);
  const auto user = session.user();
  options.galleries = gallery_ids(session, user, a.all("gallery"));

  const facenapi::Extractor extractor(model_paths(a));
  facenapi::ExtractOptions eo = extract_options(a);
  eo.facen = true;
  eo.normalized = false;
  const auto faces = extractor.extract(bytes, eo);
  Recognizer recognizer(extractor, session.database());
  std::vector<Recognizer::Identification> found;
  std::vector<std::string> labels;
  for (const auto& face : faces) {
    auto matches = recognizer.identify(user, Probe::facen(*face.facen), options).front().matches;
    labels.push_back(label(matches));
    found.push_back({face.bbox, std::move(matches)});
  }
  if (auto draw = a.get("draw")) {
    write_file(*draw, facenapi::annotate(bytes.data(), bytes.size(), faces, labels));
  }
  print_json(Json::parse(facenapi::to_json(found)));
  return 0;
}

}  // namespace

int detect_command(const std::vector<std::string>& args) { return detect(args); }

int verify_command(StoreSession& session, const std::vector<std::string>& args) {
  return verify(session, args);
}

int identify_command(StoreSession& session, const std::vector<std::string>& args) {
  return identify(session, args);
}

}  // namespace facenapi_cli
