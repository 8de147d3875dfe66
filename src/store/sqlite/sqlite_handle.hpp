// RAII over the SQLite C API: a Connection owns its sqlite3* and a cache of prepared
// statements; a Query is one use of a cached statement (bound, stepped, then reset and unbound
// when it goes out of scope); a Transaction is BEGIN IMMEDIATE ... COMMIT, rolled back unless
// committed.
//
// Thread safety: a Connection (and its Queries) is used by one thread at a time; the engine
// hands connections out through a pool (sqlite_database.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace facenapi::detail::sqlite {

// Throws the facenapi::Error that SQLite's result code `rc` on `db` means, naming `what`.
[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view what);

class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) noexcept : db_(db), stmt_(stmt) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  // Parameters are numbered from 1. Text is bound with its length, so it may hold NUL bytes.
  Query& bind(int index, std::int64_t value);
  Query& bind(int index, double value);
  Query& bind(int index, std::string_view text);

  // Runs to the next row: true if there is one, false when done.
  bool step();
  // Runs to completion, expecting no rows.
  void run();

  std::int64_t column_int64(int column) const;
  std::string_view column_text(int column) const;  // valid until the next step()
  bool column_is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating if missing) the database file `path` with the pragmas facenapi needs:
  // busy_timeout, synchronous=FULL, defensive mode.
  explicit Connection(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* handle() const noexcept { return db_; }

  // Runs SQL text without parameters (schema statements, pragmas, BEGIN/COMMIT).
  void exec(const std::string& sql);
  // A Query of the statement for `sql`, prepared once per connection and cached.
  Query query(const std::string& sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const noexcept;

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* stmt) const noexcept;
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, Finalize>> statements_;
};

class Transaction {
 public:
  explicit Transaction(Connection& connection);  // BEGIN IMMEDIATE: takes the write lock now
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();  // ROLLBACK unless committed
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace facenapi::detail::sqlite
