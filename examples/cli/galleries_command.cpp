// facenapi galleries ...: the token's user's galleries.
#include <facenapi/store.hpp>
#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "store_session.hpp"

namespace facenapi_cli {
namespace {

using Json = nlohmann::ordered_json;

Json gallery_json(const facenapi::Galleries::Model& g) {
  return Json{{"id", g.id}, {"name", g.name}, {"created", g.created}};
}

}  // namespace

int galleries_command(StoreSession& session, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("galleries needs a subcommand: create, list, delete");
  const std::string& sub = args[0];
  const Arguments a(std::vector<std::string>(args.begin() + 1, args.end()), {}, {});
  const auto& p = a.positional();

  if (sub == "create" || sub == "delete") {
    if (p.size() != 1) throw UsageError("galleries " + sub + " needs one NAME");
    const auto user = session.user();
    facenapi::Galleries galleries(session.database());
    if (sub == "create") {
      print_json(gallery_json(galleries.create(user, p[0])));
    } else {
      const auto gallery = galleries.get(user, std::string_view(p[0]));
      galleries.remove(user, gallery.id);
      print_json(Json{{"deleted", gallery_json(gallery)}});
    }
    return 0;
  }
  if (sub == "list") {
    if (!p.empty()) throw UsageError("galleries list takes no arguments");
    const auto user = session.user();
    Json list = Json::array();
    for (const auto& g : facenapi::Galleries(session.database()).list(user)) {
      list.push_back(gallery_json(g));
    }
    print_json(Json{{"galleries", std::move(list)}});
    return 0;
  }
  throw UsageError("unknown galleries subcommand '" + sub + "'");
}

}  // namespace facenapi_cli
