#include "store_session.hpp"

#include <cstdlib>
#include <facenapi/error.hpp>
#include <filesystem>

#include "arguments.hpp"

namespace facenapi_cli {
namespace {

std::optional<std::string> environment(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

bool is_mongodb(const std::string& uri) {
  return uri.rfind("mongodb://", 0) == 0 || uri.rfind("mongodb+srv://", 0) == 0;
}

}  // namespace

std::vector<std::string> take_global_options(const std::vector<std::string>& args,
                                             GlobalOptions& out) {
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::optional<std::string>* target = nullptr;
    std::string name;
    for (const auto& [option, slot] : {std::pair{"--db", &out.db}, {"--token", &out.token}}) {
      if (a == option || a.rfind(std::string(option) + "=", 0) == 0) {
        target = slot;
        name = option;
      }
    }
    if (!target) break;
    if (a.size() > name.size()) {
      *target = a.substr(name.size() + 1);
    } else if (i + 1 < args.size()) {
      *target = args[++i];
    } else {
      throw UsageError(name + " needs a value");
    }
  }
  return std::vector<std::string>(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
}

StoreSession::StoreSession(GlobalOptions options)
    : uri_(options.db.value_or(
          environment("FACENAPI_DB").value_or(facenapi::Database::kDefaultPath))),
      token_(options.token ? options.token : environment("FACENAPI_TOKEN")) {
  if (uri_.empty()) throw UsageError("--db needs a path or a mongodb:// URI");
}

facenapi::Database& StoreSession::database(bool create) {
  if (!db_) {
    if (!create && !is_mongodb(uri_) && !std::filesystem::exists(uri_)) {
      throw facenapi::Error(facenapi::Errc::not_found,
                            "no database at " + uri_ + " ('facenapi users create NAME' makes one)");
    }
    db_.emplace(uri_);
  }
  return *db_;
}

facenapi::Users::Model StoreSession::user() {
  if (!token_ || token_->empty()) {
    throw facenapi::Error(facenapi::Errc::unauthenticated,
                          "no API token: pass --token or set FACENAPI_TOKEN");
  }
  return facenapi::Users(database()).authenticate(*token_);
}

std::vector<std::int64_t> gallery_ids(StoreSession& session, const facenapi::Users::Model& user,
                                      const std::vector<std::string>& names) {
  facenapi::Galleries galleries(session.database());
  std::vector<std::int64_t> ids;
  for (const auto& name : names) {
    try {
      ids.push_back(galleries.get(user, std::string_view(name)).id);
    } catch (const facenapi::Error& e) {
      if (e.errc() != facenapi::Errc::not_found) throw;
      throw facenapi::Error(facenapi::Errc::not_found, "no gallery named '" + name + "'");
    }
  }
  return ids;
}

}  // namespace facenapi_cli
