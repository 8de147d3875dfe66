#include "store/sqlite/sqlite_database.hpp"

#include <facenapi/error.hpp>
#include <mutex>
#include <variant>
#include <vector>

#include "store/sqlite/sqlite_handle.hpp"

namespace facenapi::detail::sqlite {
namespace {

constexpr int kSchemaVersion = 1;
constexpr std::size_t kMaxIdleConnections = 8;

// What a Database and all its Collections share: the file's connection pool and the mutex that
// serialises this process's writes.
class Shared {
 public:
  explicit Shared(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    explicit Lease(Shared& shared) : shared_(shared), connection_(shared.pop()) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { shared_.push(std::move(connection_)); }
    Connection* operator->() const noexcept { return connection_.get(); }
    Connection& operator*() const noexcept { return *connection_; }

   private:
    Shared& shared_;
    std::unique_ptr<Connection> connection_;
  };

  std::mutex& write_mutex() noexcept { return write_mutex_; }

 private:
  std::unique_ptr<Connection> pop() {
    {
      std::lock_guard<std::mutex> lock(pool_mutex_);
      if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
      }
    }
    return std::make_unique<Connection>(path_);
  }
  void push(std::unique_ptr<Connection> connection) noexcept {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(connection));
  }

  const std::string path_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex write_mutex_;
};

using Binding = std::variant<std::int64_t, double, std::string>;

// A WHERE clause and the values its '?' parameters take, in order.
struct Where {
  std::string sql;
  std::vector<Binding> bindings;
};

// Field paths are checked by Filter against [A-Za-z_][A-Za-z0-9_]* segments, so the JSON path
// literal cannot hold a quote; it is spelled out (not bound) so that expression indexes on
// json_extract(doc, '$.field') match the query text.
std::string json_path(const std::string& field) { return "'$." + field + "'"; }

Binding to_binding(const Scalar& v) {
  return std::visit(
      [](const auto& x) -> Binding {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          return std::int64_t{x};
        } else {
          return x;
        }
      },
      v.value());
}

// JSON array text of values, bound to json_each(?) for IN lists of any length in one statement.
std::string json_array(const std::vector<Scalar>& values) {
  Document array = Document::array();
  for (const auto& v : values) {
    std::visit([&](const auto& x) { array.push_back(x); }, v.value());
  }
  return array.dump(-1, ' ', false, nlohmann::detail::error_handler_t::strict);
}

const char* type_guard(const Scalar& v) {
  return v.is_string() ? "= 'text'" : "IN ('integer', 'real')";
}

Where build_where(std::int64_t owner, const Filter& filter) {
  Where w{"owner = ?", {owner}};
  for (const auto& c : filter.conditions()) {
    const std::string path = c.field.empty() ? std::string() : json_path(c.field);
    const std::string value = "json_extract(doc, " + path + ")";
    const std::string type = "json_type(doc, " + path + ")";
    w.sql += " AND ";
    switch (c.op) {
      case Filter::Op::eq: {
        const Scalar& v = c.values.front();
        if (v.is_bool()) {
          w.sql += type + (std::get<bool>(v.value()) ? " = 'true'" : " = 'false'");
        } else {
          w.sql += "(" + type + " " + type_guard(v) + " AND " + value + " = ?)";
          w.bindings.push_back(to_binding(v));
        }
        break;
      }
      case Filter::Op::in:
        w.sql += "(" + type + " IN ('text', 'integer', 'real') AND " + value +
                 " IN (SELECT value FROM json_each(?)))";
        w.bindings.emplace_back(json_array(c.values));
        break;
      case Filter::Op::contains: {
        const Scalar& v = c.values.front();
        const std::string element_type =
            v.is_string() ? "e.type = 'text'" : "e.type IN ('integer', 'real')";
        w.sql += "(" + type + " = 'array' AND EXISTS (SELECT 1 FROM json_each(doc, " + path +
                 ") AS e WHERE " + element_type + " AND e.value = ?))";
        w.bindings.push_back(to_binding(v));
        break;
      }
      case Filter::Op::gte:
      case Filter::Op::lt: {
        const Scalar& v = c.values.front();
        w.sql += "(" + type + " " + type_guard(v) + " AND " + value +
                 (c.op == Filter::Op::gte ? " >= ?)" : " < ?)");
        w.bindings.push_back(to_binding(v));
        break;
      }
      case Filter::Op::id_in:
        if (c.ids.size() == 1) {
          w.sql += "id = ?";
          w.bindings.emplace_back(c.ids.front());
        } else {
          w.sql += "id IN (SELECT value FROM json_each(?))";
          w.bindings.emplace_back(Document(c.ids).dump());
        }
        break;
      case Filter::Op::id_gt:
        w.sql += "id > ?";
        w.bindings.emplace_back(c.ids.front());
        break;
      case Filter::Op::id_lt:
        w.sql += "id < ?";
        w.bindings.emplace_back(c.ids.front());
        break;
    }
  }
  return w;
}

int bind_all(Query& q, const std::vector<Binding>& bindings) {
  int index = 0;
  for (const auto& b : bindings) {
    std::visit([&](const auto& x) { q.bind(++index, x); }, b);
  }
  return index;
}

class SqliteCollection final : public Collection {
 public:
  SqliteCollection(std::shared_ptr<Shared> shared, std::string name)
      : Collection(name), shared_(std::move(shared)), table_("\"c_" + name + "\"") {}

 protected:
  std::int64_t do_insert(std::int64_t owner, const Document& body) override {
    const std::string text = to_text(body);
    Shared::Lease connection(*shared_);
    std::lock_guard<std::mutex> lock(shared_->write_mutex());
    auto q =
        connection->query("INSERT INTO " + table_ + " (owner, doc) VALUES (?, ?) RETURNING id");
    q.bind(1, owner).bind(2, std::string_view(text));
    if (!q.step()) throw Error(Errc::internal, "SQLite insert returned no id");
    const std::int64_t id = q.column_int64(0);
    q.run();
    return id;
  }

  std::vector<Record> do_find(std::int64_t owner, const Filter& filter,
                              const FindOptions& options) override {
    const Where w = build_where(owner, filter);
    const char* order =
        options.order == Order::ascending ? " ORDER BY id ASC" : " ORDER BY id DESC";
    // A projection selects each field's JSON text (doc -> '$.f': SQL NULL when absent) and
    // parses only those: the rest of the document is never turned into a Document.
    std::string columns = "doc";
    if (!options.fields.empty()) {
      columns.clear();
      for (const auto& field : options.fields) {
        columns += (columns.empty() ? "doc -> " : ", doc -> ") + json_path(field);
      }
    }
    Shared::Lease connection(*shared_);
    auto q = connection->query("SELECT id, " + columns + " FROM " + table_ + " WHERE " + w.sql +
                               order + " LIMIT ?");
    const int n = bind_all(q, w.bindings);
    q.bind(n + 1, options.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(options.limit));
    std::vector<Record> records;
    std::string text;
    while (q.step()) {
      if (options.fields.empty()) {
        records.push_back({q.column_int64(0), from_text(q.column_text(1))});
        continue;
      }
      text = "{";
      for (std::size_t i = 0; i < options.fields.size(); ++i) {
        const int column = static_cast<int>(i) + 1;
        if (q.column_is_null(column)) continue;
        if (text.size() > 1) text += ',';
        text += Document(options.fields[i]).dump();
        text += ':';
        text += q.column_text(column);
      }
      text += '}';
      records.push_back({q.column_int64(0), from_text(text)});
    }
    return records;
  }

  // Read, change and write back inside one write transaction, so the update is atomic and
  // each new document is checked against the size limit as a whole.
  std::int64_t do_update(std::int64_t owner, const Filter& filter, const Update& update) override {
    const Where w = build_where(owner, filter);
    Shared::Lease connection(*shared_);
    std::lock_guard<std::mutex> lock(shared_->write_mutex());
    Transaction transaction(*connection);
    std::vector<std::pair<std::int64_t, std::string>> changed;
    {
      auto q = connection->query("SELECT id, doc FROM " + table_ + " WHERE " + w.sql);
      bind_all(q, w.bindings);
      while (q.step()) {
        Document doc = from_text(q.column_text(1));
        for (const auto& [key, value] : update.set.items()) doc[key] = value;
        for (const auto& key : update.unset) doc.erase(key);
        validate_document(doc);
        changed.emplace_back(q.column_int64(0), to_text(doc));
      }
    }
    for (const auto& [id, text] : changed) {
      auto q = connection->query("UPDATE " + table_ + " SET doc = ? WHERE id = ?");
      q.bind(1, std::string_view(text)).bind(2, id);
      q.run();
    }
    transaction.commit();
    return static_cast<std::int64_t>(changed.size());
  }

  std::int64_t do_remove(std::int64_t owner, const Filter& filter) override {
    const Where w = build_where(owner, filter);
    Shared::Lease connection(*shared_);
    std::lock_guard<std::mutex> lock(shared_->write_mutex());
    auto q = connection->query("DELETE FROM " + table_ + " WHERE " + w.sql);
    bind_all(q, w.bindings);
    q.run();
    return connection->changes();
  }

  std::int64_t do_count(std::int64_t owner, const Filter& filter) override {
    const Where w = build_where(owner, filter);
    Shared::Lease connection(*shared_);
    auto q = connection->query("SELECT count(*) FROM " + table_ + " WHERE " + w.sql);
    bind_all(q, w.bindings);
    q.step();
    return q.column_int64(0);
  }

 private:
  std::shared_ptr<Shared> shared_;
  std::string table_;  // quoted; the name was checked by validate_collection_name
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const std::string& path) : shared_(std::make_shared<Shared>(path)) {
    Shared::Lease connection(*shared_);
    std::lock_guard<std::mutex> lock(shared_->write_mutex());
    // WAL is a property of the file: set once, every later connection finds it.
    auto mode = connection->query("PRAGMA journal_mode = WAL");
    if (!mode.step() || mode.column_text(0) != "wal") {
      throw Error(Errc::io_error, "SQLite: cannot put '" + path + "' in WAL mode");
    }
    mode.run();
    auto version = connection->query("PRAGMA user_version");
    version.step();
    const std::int64_t found = version.column_int64(0);
    version.run();
    if (found > kSchemaVersion) {
      throw Error(Errc::io_error, "SQLite: '" + path + "' has schema version " +
                                      std::to_string(found) + ", newer than this facenapi's " +
                                      std::to_string(kSchemaVersion));
    }
    if (found < kSchemaVersion) {
      connection->exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    }
  }

  std::string_view engine() const noexcept override { return "sqlite"; }

 protected:
  std::shared_ptr<Collection> do_collection(
      const std::string& name, const std::vector<std::string>& indexed_fields) override {
    // Names and field paths were checked (collection.cpp, filter.cpp): they are identifiers.
    const std::string table = "\"c_" + name + "\"";
    Shared::Lease connection(*shared_);
    std::lock_guard<std::mutex> lock(shared_->write_mutex());
    Transaction transaction(*connection);
    connection->exec("CREATE TABLE IF NOT EXISTS " + table +
                     " (id INTEGER PRIMARY KEY AUTOINCREMENT, owner INTEGER NOT NULL,"
                     " doc TEXT NOT NULL) STRICT");
    connection->exec("CREATE INDEX IF NOT EXISTS \"c_" + name + "__owner\" ON " + table +
                     " (owner, id)");
    for (const auto& field : indexed_fields) {
      connection->exec("CREATE INDEX IF NOT EXISTS \"c_" + name + "__f_" + field + "\" ON " +
                       table + " (owner, json_extract(doc, " + json_path(field) + "))");
    }
    transaction.commit();
    return std::make_shared<SqliteCollection>(shared_, name);
  }

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace

std::shared_ptr<Database> open_sqlite_database(const std::string& path) {
  return std::make_shared<SqliteDatabase>(path);
}

}  // namespace facenapi::detail::sqlite
