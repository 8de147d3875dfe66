// facenapi faces ...: the token's user's faces, added from photos through the extractor.
#include <facenapi/error.hpp>
#include <facenapi/extractor.hpp>
#include <facenapi/recognition.hpp>
#include <facenapi/store.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "extract_options.hpp"
#include "file_io.hpp"
#include "json_output.hpp"
#include "store_session.hpp"

namespace facenapi_cli {
namespace {

using Json = nlohmann::ordered_json;
using facenapi::Faces;

Json face_json(const Faces::Model& face) { return Json::parse(face.to_json()); }

Json faces_json(const std::vector<Faces::Model>& faces) {
  Json list = Json::array();
  for (const auto& f : faces) list.push_back(face_json(f));
  return list;
}

std::int64_t face_id(const std::string& text) { return integer_value("face ID", text, 1); }

// faces add PHOTO... [--persons]: every photo is read and extracted before anything is stored,
// so a photo that fails stores nothing. Each face is stored with its photo and thumbnail in the
// media store, through the Recognizer (which also assigns persons with --persons).
int add(StoreSession& session, const std::vector<std::string>& args) {
  auto value_options = extract_value_options();
  value_options.insert({"gallery", "meta"});
  auto flags = extract_flags();
  flags.insert("persons");
  const Arguments a(args, value_options, flags);
  if (a.positional().empty()) throw UsageError("faces add needs at least one PHOTO");
  const facenapi::ExtractOptions options = extract_options(a);

  const auto user = session.user();
  const auto galleries = gallery_ids(session, user, a.all("gallery"));
  const facenapi::Extractor extractor(model_paths(a));
  struct Found {
    Faces::Model face;
    std::size_t photo;
  };
  std::vector<std::vector<std::uint8_t>> photos;
  std::vector<Found> found;
  for (const auto& photo : a.positional()) {
    photos.push_back(read_file(photo));
    std::vector<facenapi::ExtractionFace> extracted;
    try {
      extracted = extractor.extract(photos.back(), options);
    } catch (const facenapi::Error& e) {
      throw facenapi::Error(e.errc(), photo + ": " + e.what());
    }
    if (extracted.empty()) std::cerr << "facenapi: " << photo << ": no face found\n";
    for (const auto& face : extracted) {
      auto model = Faces::Model::from_extraction_face(face);
      model.meta = a.get("meta").value_or("");
      model.galleries = galleries;
      found.push_back({std::move(model), photos.size() - 1});
    }
  }

  facenapi::Recognizer recognizer(extractor, session.database());
  std::vector<Faces::Model> created;
  try {
    for (const auto& f : found) {
      created.push_back(recognizer.add_face(user, f.face, photos[f.photo], a.has("persons")));
    }
  } catch (...) {
    print_json(Json{{"faces", faces_json(created)}});  // what was stored before the failure
    throw;
  }
  print_json(Json{{"faces", faces_json(created)}});
  return 0;
}

int list(StoreSession& session, const std::vector<std::string>& args) {
  const Arguments a(
      args, {"gallery", "meta", "person", "camera", "min-id", "max-id", "from", "to", "limit"},
      {"desc"});
  if (!a.positional().empty()) throw UsageError("faces list takes options only");
  Faces::Query query;
  query.meta = a.get("meta");
  query.from = a.get("from");
  query.to = a.get("to");
  if (auto v = a.get("person")) query.person = integer_value("--person", *v, 1);
  if (auto v = a.get("camera")) query.camera = integer_value("--camera", *v, 1);
  if (auto v = a.get("min-id")) query.min_id = integer_value("--min-id", *v, 0);
  if (auto v = a.get("max-id")) query.max_id = integer_value("--max-id", *v, 1);
  std::size_t limit = 100;
  if (auto v = a.get("limit")) {
    limit = static_cast<std::size_t>(integer_value("--limit", *v, 1));
    if (limit > Faces::kMaxPageSize) {
      throw UsageError("--limit is at most " + std::to_string(Faces::kMaxPageSize));
    }
  }

  const auto user = session.user();
  if (auto g = a.get("gallery")) query.gallery = gallery_ids(session, user, {*g}).front();
  const auto page = Faces(session.database()).list(user, query, limit, a.has("desc"));
  print_json(Json{{"faces", faces_json(page.faces)},
                  {"next", page.next ? Json(*page.next) : Json(nullptr)}});
  return 0;
}

int update(StoreSession& session, const std::vector<std::string>& args) {
  const Arguments a(args, {"meta", "gallery"}, {"no-galleries"});
  if (a.positional().size() != 1) throw UsageError("faces update needs one face ID");
  const std::int64_t id = face_id(a.positional()[0]);
  if (a.has("gallery") && a.has("no-galleries")) {
    throw UsageError("faces update takes --gallery or --no-galleries, not both");
  }
  if (!a.has("meta") && !a.has("gallery") && !a.has("no-galleries")) {
    throw UsageError("faces update needs --meta, --gallery or --no-galleries");
  }

  const auto user = session.user();
  Faces::Changes changes;
  changes.meta = a.get("meta");
  if (a.has("gallery")) changes.galleries = gallery_ids(session, user, a.all("gallery"));
  if (a.has("no-galleries")) changes.galleries.emplace();
  print_json(face_json(Faces(session.database()).update(user, id, changes)));
  return 0;
}

int remove(StoreSession& session, const std::vector<std::string>& args) {
  const Arguments a(args, {"meta"}, {});
  const auto meta = a.get("meta");
  if (a.positional().size() != (meta ? 0u : 1u)) {
    throw UsageError("faces delete needs one face ID or --meta M");
  }
  if (meta && meta->empty()) throw UsageError("faces delete --meta needs a non-empty M");
  const std::int64_t id = meta ? 0 : face_id(a.positional()[0]);
  const auto user = session.user();
  Faces faces(session.database());
  std::int64_t deleted = 1;
  if (meta) {
    deleted = faces.remove_by_meta(user, *meta);
  } else {
    faces.remove(user, id);
  }
  print_json(Json{{"deleted", deleted}});
  return 0;
}

}  // namespace

int faces_command(StoreSession& session, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("faces needs a subcommand: add, list, get, update, delete");
  const std::string& sub = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "add") return add(session, rest);
  if (sub == "list") return list(session, rest);
  if (sub == "update") return update(session, rest);
  if (sub == "delete") return remove(session, rest);
  if (sub == "get") {
    const Arguments a(rest, {}, {});
    if (a.positional().size() != 1) throw UsageError("faces get needs one face ID");
    const std::int64_t id = face_id(a.positional()[0]);
    const auto user = session.user();
    print_json(face_json(Faces(session.database()).get(user, id)));
    return 0;
  }
  throw UsageError("unknown faces subcommand '" + sub + "'");
}

}  // namespace facenapi_cli
