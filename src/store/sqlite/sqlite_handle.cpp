#include "store/sqlite/sqlite_handle.hpp"

#include <sqlite3.h>

#include <climits>
#include <facenapi/error.hpp>

namespace facenapi::detail::sqlite {
namespace {

// Another connection (or process) holding the write lock is waited for this long.
constexpr int kBusyTimeoutMs = 10000;
// Statements are cached per connection; the set of distinct SQL texts is small (one per filter
// shape), but a bound keeps a caller that builds many shapes from growing it forever.
constexpr std::size_t kMaxCachedStatements = 128;

}  // namespace

void throw_error(sqlite3* db, int rc, std::string_view what) {
  std::string message = "SQLite " + std::string(what) + " failed: ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xFF) {
    case SQLITE_TOOBIG:
      throw Error(Errc::too_large, message);
    case SQLITE_CONSTRAINT:
      throw Error(Errc::already_exists, message);
    case SQLITE_NOMEM:
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_INTERNAL:
      throw Error(Errc::internal, message);
    default:  // BUSY, LOCKED, IOERR, FULL, CANTOPEN, CORRUPT, NOTADB, READONLY, ...
      throw Error(Errc::io_error, message);
  }
}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Query& Query::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Query& Query::bind(int index, std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) {
    throw Error(Errc::too_large, "SQLite bind: text too long");
  }
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

bool Query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(db_, rc, "step");
}

void Query::run() {
  while (step()) {
  }
}

std::int64_t Query::column_int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view Query::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string_view(text, static_cast<std::size_t>(size)) : std::string_view();
}

bool Query::column_is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void Connection::Finalize::operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }

Connection::Connection(const std::string& path) {
  if (sqlite3_threadsafe() == 0) {
    throw Error(Errc::internal, "the SQLite library was built without thread support");
  }
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    // Even on failure SQLite usually allocates a handle that carries the message.
    try {
      throw_error(db_, rc, "open of '" + path + "'");
    } catch (...) {
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw;
    }
  }
  try {
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    exec("PRAGMA synchronous = FULL");
    // trusted_schema stays ON: the expression indexes on json_extract() need it, and facenapi
    // opens only files it made (no views or triggers of foreign origin).
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Connection::~Connection() {
  statements_.clear();  // finalize before closing
  sqlite3_close_v2(db_);
}

void Connection::exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_error(db_, rc, "exec");
}

Query Connection::query(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    if (statements_.size() >= kMaxCachedStatements) statements_.clear();
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw_error(db_, rc, "prepare");
    it = statements_.emplace(sql, std::unique_ptr<sqlite3_stmt, Finalize>(stmt)).first;
  }
  return Query(db_, it->second.get());
}

std::int64_t Connection::changes() const noexcept { return sqlite3_changes64(db_); }

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
}

}  // namespace facenapi::detail::sqlite
