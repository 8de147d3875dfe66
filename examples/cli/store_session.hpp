// The global options of the store commands (--db, --token) and what they open.
//
//   --db PATH|URI   the database: an embedded SQLite file or mongodb://...; default $FACENAPI_DB,
//                   else facenapi.db in the current directory (facenapi::Database::kDefaultPath).
//   --token T       the API token the galleries and faces commands act with; default
//                   $FACENAPI_TOKEN (better: a command line is visible to other local users).
//
// The users commands take no token: whoever can open the database may administer its users
// (README.md, "The command-line tool", says why).
#pragma once

#include <facenapi/store.hpp>
#include <optional>
#include <string>
#include <vector>

namespace facenapi_cli {

struct GlobalOptions {
  std::optional<std::string> db;
  std::optional<std::string> token;
};

// Takes the global options off the front of `args` (--db V, --db=V, --token V, --token=V)
// and returns the rest, which starts with the command. A global option without its value is a
// UsageError.
std::vector<std::string> take_global_options(const std::vector<std::string>& args,
                                             GlobalOptions& out);

class StoreSession {
 public:
  explicit StoreSession(GlobalOptions options);

  // --db, else $FACENAPI_DB, else facenapi.db.
  const std::string& uri() const { return uri_; }

  // The database, opened on first use. An embedded file that does not exist yet is created
  // only when `create` is true (users create); otherwise it is Error(not_found), so that a
  // mistyped --db fails instead of leaving an empty database behind.
  facenapi::Database& database(bool create = false);

  // The user holding the API token (--token, else $FACENAPI_TOKEN). Error(unauthenticated)
  // when there is no token or it does not authenticate (unknown, revoked, disabled user); the
  // message never holds the token.
  facenapi::Users::Model user();

 private:
  std::string uri_;
  std::optional<std::string> token_;
  std::optional<facenapi::Database> db_;
};

// The ids of the user's galleries named `names`; Error(not_found) for a name it does not have.
std::vector<std::int64_t> gallery_ids(StoreSession& session, const facenapi::Users::Model& user,
                                      const std::vector<std::string>& names);

}  // namespace facenapi_cli
