// facenapi users ...: user administration. It needs no API token: the trust boundary is the
// database itself (README.md, "The command-line tool").
#include <algorithm>
#include <cctype>
#include <facenapi/store.hpp>
#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "store_session.hpp"

namespace facenapi_cli {
namespace {

using Json = nlohmann::ordered_json;

Json user_json(const facenapi::Users::Model& u) {
  return Json{{"id", u.id},
              {"name", u.name},
              {"disabled", u.disabled},
              {"has_password", u.has_password},
              {"created", u.created}};
}

Json token_json(const facenapi::Users::Token& t) {
  return Json{{"id", t.id}, {"secret", t.secret}};
}

// NAME|ID: an argument of digits only is a user id, anything else a name.
facenapi::Users::Model find_user(facenapi::Users& users, const std::string& name_or_id) {
  const bool digits =
      !name_or_id.empty() && std::all_of(name_or_id.begin(), name_or_id.end(),
                                         [](unsigned char c) { return std::isdigit(c) != 0; });
  if (digits) return users.get(integer_value("user ID", name_or_id, 1));
  return users.get(std::string_view(name_or_id));
}

// The positional arguments of `users SUB`, exactly `count` of them.
const std::vector<std::string>& positional(const Arguments& a, const std::string& sub,
                                           std::size_t count, const char* what) {
  if (a.positional().size() != count) throw UsageError("users " + sub + " needs " + what);
  return a.positional();
}

}  // namespace

int users_command(StoreSession& session, const std::vector<std::string>& args) {
  if (args.empty()) {
    throw UsageError("users needs a subcommand: create, list, token, revoke, disable, enable");
  }
  const std::string& sub = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());

  if (sub == "create") {
    const Arguments a(rest, {"password"}, {});
    const auto& p = positional(a, sub, 1, "one NAME");
    facenapi::Users users(session.database(/*create=*/true));
    const auto created = users.create(p[0], a.get("password").value_or(""));
    print_json(Json{{"user", user_json(created.user)}, {"token", token_json(created.token)}});
    return 0;
  }
  if (sub == "list") {
    const Arguments a(rest, {}, {});
    positional(a, sub, 0, "no arguments");
    facenapi::Users users(session.database());
    Json list = Json::array();
    for (const auto& u : users.list()) {
      Json j = user_json(u);
      j["tokens"] = users.token_ids(u.id);
      list.push_back(std::move(j));
    }
    print_json(Json{{"users", std::move(list)}});
    return 0;
  }
  if (sub == "token") {
    const Arguments a(rest, {}, {});
    const auto& p = positional(a, sub, 1, "one NAME|ID");
    facenapi::Users users(session.database());
    const auto user = find_user(users, p[0]);
    print_json(Json{{"user", user.id}, {"token", token_json(users.add_token(user.id))}});
    return 0;
  }
  if (sub == "revoke") {
    const Arguments a(rest, {}, {});
    const auto& p = positional(a, sub, 2, "NAME|ID and TOKEN_ID");
    const std::int64_t token_id = integer_value("TOKEN_ID", p[1], 1);
    facenapi::Users users(session.database());
    const auto user = find_user(users, p[0]);
    users.revoke_token(user.id, token_id);
    print_json(Json{{"user", user.id}, {"revoked", token_id}});
    return 0;
  }
  if (sub == "disable" || sub == "enable") {
    const Arguments a(rest, {}, {});
    const auto& p = positional(a, sub, 1, "one NAME|ID");
    facenapi::Users users(session.database());
    const auto user = find_user(users, p[0]);
    if (sub == "disable") {
      users.disable(user.id);
    } else {
      users.enable(user.id);
    }
    print_json(user_json(users.get(user.id)));
    return 0;
  }
  throw UsageError("unknown users subcommand '" + sub + "'");
}

}  // namespace facenapi_cli
