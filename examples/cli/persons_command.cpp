// facenapi persons list | get ID | merge INTO FROM: the token's user's persons (faces grouped by
// identity, see `faces add --persons`).
#include <facenapi/store.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "store_session.hpp"

namespace facenapi_cli {
namespace {

using Json = nlohmann::ordered_json;
using facenapi::Persons;

Json person_json(const Persons::Model& p, std::int64_t faces) {
  return Json{
      {"id", p.id}, {"name", p.name}, {"meta", p.meta}, {"created", p.created}, {"faces", faces}};
}

std::int64_t person_id(const std::string& text) { return integer_value("person ID", text, 1); }

}  // namespace

int persons_command(StoreSession& session, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("persons needs a subcommand: list, get, merge");
  const std::string& sub = args[0];
  const Arguments a(std::vector<std::string>(args.begin() + 1, args.end()), {"limit"}, {});
  const auto& pos = a.positional();
  if (sub == "list") {
    if (!pos.empty()) throw UsageError("persons list takes no arguments");
    const auto user = session.user();
    Persons persons(session.database());
    Json out = Json::array();
    for (const auto& p : persons.list(user))
      out.push_back(person_json(p, persons.count_faces(user, p.id)));
    print_json(Json{{"persons", out}});
    return 0;
  }
  if (sub == "get") {
    if (pos.size() != 1) throw UsageError("persons get needs one person ID");
    const std::int64_t id = person_id(pos[0]);
    std::size_t limit = 100;
    if (auto v = a.get("limit")) {
      limit = static_cast<std::size_t>(integer_value("--limit", *v, 1));
      if (limit > facenapi::Faces::kMaxPageSize) {
        throw UsageError("--limit is at most " + std::to_string(facenapi::Faces::kMaxPageSize));
      }
    }
    const auto user = session.user();
    Persons persons(session.database());
    Json j = person_json(persons.get(user, id), persons.count_faces(user, id));
    Json faces = Json::array();
    for (const auto& f : persons.faces(user, id, limit).faces)
      faces.push_back(Json::parse(f.to_json()));
    j["face_objects"] = faces;
    print_json(j);
    return 0;
  }
  if (sub == "merge") {
    if (pos.size() != 2) throw UsageError("persons merge needs INTO and FROM person IDs");
    const std::int64_t into = person_id(pos[0]), from = person_id(pos[1]);
    const auto user = session.user();
    Persons persons(session.database());
    const auto merged = persons.merge(user, into, from);
    print_json(person_json(merged, persons.count_faces(user, merged.id)));
    return 0;
  }
  throw UsageError("unknown persons subcommand '" + sub + "'");
}

}  // namespace facenapi_cli
