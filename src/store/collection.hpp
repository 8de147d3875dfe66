// Collection and Database: the engine-neutral storage interface the store classes are written
// against. Two engines implement it (see docs/storage.md): an embedded one in a single SQLite
// file (src/store/sqlite) and MongoDB (src/store/mongo); open_database() picks one by URI.
//
// A collection holds documents (see document.hpp) under numeric ids. Each document belongs to
// one owner (a user id, or 0 for Scope::unowned()), and every call takes the Scope it acts in:
// a document stored under another owner is invisible to get, find, count, update and remove,
// exactly as if it did not exist.
//
// Ids are int64 > 0, allocated atomically per collection (also across processes sharing one
// database), increasing in allocation order and never reused, even after a remove.
//
// Thread safety: a Database and its Collections may be used from any number of threads at once;
// every call is atomic on its own (an update or remove of many documents happens as one unit on
// SQLite, document by document on MongoDB). Collections keep their engine alive, so they may
// outlive the Database object they came from.
//
// Errors: Error(invalid_argument) for a bad document, field path, key or name;
// Error(too_large) for a document over kMaxDocumentBytes; Error(unauthenticated) from
// Scope::owner() for a user id <= 0; Error(io_error) when the engine fails (disk, network,
// server); Error(internal) for a corrupt stored document.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/document.hpp"
#include "store/filter.hpp"

namespace facenapi::detail {

// A stored document and its id. The owner is the caller's Scope's.
struct Record {
  std::int64_t id = 0;
  Document body;
};

enum class Order { ascending, descending };  // by id

struct FindOptions {
  std::size_t limit = 0;  // at most this many records; 0: no limit
  Order order = Order::ascending;
  // A projection: the top-level fields each returned body holds (names as validate_key and
  // Filter field paths allow, without '.', no repeats), in this order; a field a document
  // lacks is absent from its body. Empty: the whole document. The engines read only these
  // fields (MongoDB: a server-side projection; SQLite: json -> per field, so the rest of the
  // document, e.g. a face's PNG chip, is never decoded).
  std::vector<std::string> fields = {};
};

// Changes applied to each matching document: every top-level key of `set` replaces (or adds)
// that field, every name in `unset` removes that field. Keys follow validate_key(); a key may
// not be both set and unset.
struct Update {
  Document set = Document::object();
  std::vector<std::string> unset;
};

class Collection {
 public:
  virtual ~Collection() = default;
  Collection(const Collection&) = delete;
  Collection& operator=(const Collection&) = delete;

  const std::string& name() const noexcept { return name_; }

  // Stores `body` (validated, see document.hpp) under a new id and returns the id. Durable
  // when it returns on SQLite; on MongoDB as durable as the URI's write concern.
  std::int64_t insert(const Scope& scope, const Document& body);

  // The document with `id` in `scope`, or nullopt.
  std::optional<Record> get(const Scope& scope, std::int64_t id);

  // The matching documents in id order, at most options.limit of them, whole or projected
  // (FindOptions::fields; Error(invalid_argument) for a field name that is not a plain key).
  std::vector<Record> find(const Scope& scope, const Filter& filter,
                           const FindOptions& options = {});

  // Applies `update` to every matching document; returns how many matched.
  std::int64_t update(const Scope& scope, const Filter& filter, const Update& update);
  // The same for the one document `id`: returns 1 if it was in scope and updated, else 0.
  std::int64_t update(const Scope& scope, std::int64_t id, const Update& update);

  // Removes the matching documents; returns how many.
  std::int64_t remove(const Scope& scope, const Filter& filter);

  // How many documents match.
  std::int64_t count(const Scope& scope, const Filter& filter);

 protected:
  explicit Collection(std::string name) : name_(std::move(name)) {}

  // The engines: arguments are already validated.
  virtual std::int64_t do_insert(std::int64_t owner, const Document& body) = 0;
  virtual std::vector<Record> do_find(std::int64_t owner, const Filter& filter,
                                      const FindOptions& options) = 0;
  virtual std::int64_t do_update(std::int64_t owner, const Filter& filter,
                                 const Update& update) = 0;
  virtual std::int64_t do_remove(std::int64_t owner, const Filter& filter) = 0;
  virtual std::int64_t do_count(std::int64_t owner, const Filter& filter) = 0;

 private:
  std::string name_;
};

class Database {
 public:
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // "sqlite" or "mongodb".
  virtual std::string_view engine() const noexcept = 0;

  // The collection `name` ([a-z][a-z0-9_]*, at most 48 characters), created on first use, with
  // an index on (owner, id) and one on (owner, field) for each of `indexed_fields` (field paths
  // as in Filter). Calling it again is cheap and adds indexes that are missing.
  std::shared_ptr<Collection> collection(std::string_view name,
                                         const std::vector<std::string>& indexed_fields = {});

 protected:
  Database() = default;
  virtual std::shared_ptr<Collection> do_collection(
      const std::string& name, const std::vector<std::string>& indexed_fields) = 0;
};

// Opens the database `uri` names:
//   mongodb://... or mongodb+srv://...  a MongoDB deployment (database: the URI's path, else
//                                       "facenapi"); checked with a ping, Error(io_error) if
//                                       unreachable;
//   anything else                       the path of an SQLite file, created if missing
//                                       (":memory:" and "file:" URIs are refused).
// Throws Error(invalid_argument) for a malformed URI, Error(io_error) when it cannot be opened.
std::shared_ptr<Database> open_database(std::string_view uri);

// Throws Error(invalid_argument) unless `name` may name a collection.
void validate_collection_name(std::string_view name);

}  // namespace facenapi::detail
