#include "store/store_common.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <facenapi/error.hpp>
#include <random>
#include <thread>

namespace facenapi::detail {

std::shared_ptr<Collection> users_collection(Database& db) {
  return db.collection("users", {"name"});
}

std::shared_ptr<Collection> tokens_collection(Database& db) {
  return db.collection("user_tokens", {"digest", "user"});
}

std::shared_ptr<Collection> galleries_collection(Database& db) {
  return db.collection("galleries", {"name"});
}

std::shared_ptr<Collection> faces_collection(Database& db) {
  return db.collection(
      "faces", {"photo_hash", "meta", "person", "camera", "timestamp", "photo", "thumbnail"});
}

std::shared_ptr<Collection> persons_collection(Database& db) { return db.collection("persons"); }

std::shared_ptr<Collection> cameras_collection(Database& db) {
  return db.collection("cameras", {"name"});
}

void require_owned(Collection& collection, const Scope& scope, std::int64_t id,
                   std::string_view what) {
  if (id <= 0)
    throw Error(Errc::invalid_argument, std::string("a ") + std::string(what) + " id must be > 0");
  if (!collection.get(scope, id)) throw Error(Errc::not_found, "no such " + std::string(what));
}

Scope require_user(Collection& users, UserRef user) {
  if (user.id() <= 0) throw Error(Errc::unauthenticated, "no user given");
  const auto record = users.get(Scope::unowned(), user.id());
  if (!record) throw Error(Errc::unauthenticated, "unknown user");
  if (record->body.value("disabled", false)) {
    throw Error(Errc::unauthenticated, "the user is disabled");
  }
  return Scope::owner(user.id());
}

std::int64_t insert_unique(Collection& collection, const Scope& scope, const std::string& field,
                           const std::string& value, const Document& doc, std::string_view what) {
  const auto taken = [&] {
    return Error(Errc::already_exists, std::string(what) + " of that name already exists");
  };
  const auto named = Filter().eq(field, value);
  constexpr int kAttempts = 8;
  std::minstd_rand jitter(std::random_device{}());
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (collection.count(scope, named) > 0) throw taken();
    const std::int64_t id = collection.insert(scope, doc);
    // Ids need not become visible in allocation order (MongoDB), so "the lowest id wins" could
    // keep two; "whoever sees another backs off" keeps at most one: of two racers, the one
    // whose insert came second sees the first.
    const auto same = collection.find(scope, named, FindOptions{2});
    if (same.size() == 1 && same.front().id == id) return id;
    collection.remove(scope, Filter().id_in({id}));
    if (collection.count(scope, named) > 0) throw taken();
    // Both racers backed off: try again after a random pause.
    std::this_thread::sleep_for(std::chrono::microseconds(jitter() % 5000));
  }
  throw taken();
}

void validate_name(std::string_view name, std::size_t max_bytes, std::string_view what) {
  if (name.empty()) throw Error(Errc::invalid_argument, std::string(what) + " may not be empty");
  validate_text(name, max_bytes, what);
}

void validate_text(std::string_view name, std::size_t max_bytes, std::string_view what) {
  if (name.size() > max_bytes) {
    throw Error(Errc::invalid_argument,
                std::string(what) + " must be at most " + std::to_string(max_bytes) + " bytes");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      throw Error(Errc::invalid_argument, std::string(what) + " holds a control character");
    }
  }
}

std::string now_iso8601() {
  const auto now = std::chrono::system_clock::now();
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(micros % 1000000));
  return buf;
}

std::optional<std::string> normalize_iso8601(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:dd";
  if (t.size() < 20) return std::nullopt;
  for (std::size_t i = 0; i < 19; ++i) {
    const bool digit = t[i] >= '0' && t[i] <= '9';
    if (kShape[i] == 'd' ? !digit : t[i] != kShape[i]) return std::nullopt;
  }
  const auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + (t[at + i] - '0');
    return v;
  };
  const int month = num(5, 2), day = num(8, 2), hour = num(11, 2), minute = num(14, 2),
            second = num(17, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::size_t i = 19;
  std::string fraction;
  if (t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') fraction.push_back(t[i++]);
    if (fraction.empty() || fraction.size() > 9) return std::nullopt;
  }
  const std::string_view zone = t.substr(i);
  if (zone != "Z" && zone != "+00:00") return std::nullopt;
  fraction.resize(6, '0');  // truncates nanoseconds to microseconds
  return std::string(t.substr(0, 19)) + "." + fraction + "Z";
}

}  // namespace facenapi::detail
