#include "store/mongo/mongo_database.hpp"

#include <mongoc/mongoc.h>

#include <facenapi/error.hpp>

#include "store/mongo/bson_document.hpp"

namespace facenapi::detail::mongo {
namespace {

// Ids come from one counter document per collection in this collection. Its name starts with
// '_', which validate_collection_name() never allows, so it cannot collide with a store's.
constexpr const char* kCountersCollection = "_facenapi_counters";
constexpr const char* kDefaultDatabase = "facenapi";
constexpr std::int32_t kDefaultServerSelectionTimeoutMs = 10000;
constexpr std::uint32_t kDuplicateKey = 11000;
constexpr std::uint32_t kObjectTooLarge = 10334;
constexpr int kCounterUpsertTries = 3;
constexpr int kInsertTries = 16;

[[noreturn]] void throw_error(const bson_error_t& error, std::string_view what) {
  const std::string message = "MongoDB " + std::string(what) + " failed: " + error.message;
  if (error.code == kDuplicateKey) throw Error(Errc::already_exists, message);
  if (error.code == kObjectTooLarge) throw Error(Errc::too_large, message);
  if (error.domain == MONGOC_ERROR_BSON) throw Error(Errc::invalid_argument, message);
  throw Error(Errc::io_error, message);
}

// mongoc_init() once; mongoc_cleanup() when the process's statics are destroyed.
class Driver {
 public:
  static void ensure() { static Driver driver; }

 private:
  Driver() {
    mongoc_init();
    mongoc_log_set_handler(nullptr, nullptr);
  }
  ~Driver() { mongoc_cleanup(); }
};

struct UriDeleter {
  void operator()(mongoc_uri_t* uri) const noexcept { mongoc_uri_destroy(uri); }
};
struct PoolDeleter {
  void operator()(mongoc_client_pool_t* pool) const noexcept { mongoc_client_pool_destroy(pool); }
};
struct CollectionDeleter {
  void operator()(mongoc_collection_t* c) const noexcept { mongoc_collection_destroy(c); }
};
struct CursorDeleter {
  void operator()(mongoc_cursor_t* c) const noexcept { mongoc_cursor_destroy(c); }
};
struct FindAndModifyDeleter {
  void operator()(mongoc_find_and_modify_opts_t* o) const noexcept {
    mongoc_find_and_modify_opts_destroy(o);
  }
};
using CollectionPtr = std::unique_ptr<mongoc_collection_t, CollectionDeleter>;

// What a Database and its Collections share: the URI, the client pool and the database name.
// The pool is destroyed before the URI.
struct Shared {
  std::unique_ptr<mongoc_uri_t, UriDeleter> uri;
  std::unique_ptr<mongoc_client_pool_t, PoolDeleter> pool;
  std::string database;
};

// One client from the pool for the duration of one operation.
class Lease {
 public:
  explicit Lease(Shared& shared)
      : shared_(shared), client_(mongoc_client_pool_pop(shared.pool.get())) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() { mongoc_client_pool_push(shared_.pool.get(), client_); }

  mongoc_client_t* client() const noexcept { return client_; }
  CollectionPtr collection(const char* name) const {
    return CollectionPtr(mongoc_client_get_collection(client_, shared_.database.c_str(), name));
  }

 private:
  Shared& shared_;
  mongoc_client_t* client_;
};

std::string body_field(const std::string& field) { return "body." + field; }

std::int64_t int64_field(const bson_t* doc, const char* dotted) {
  bson_iter_t iter, found;
  if (bson_iter_init(&iter, doc) && bson_iter_find_descendant(&iter, dotted, &found) &&
      BSON_ITER_HOLDS_NUMBER(&found)) {
    return bson_iter_as_int64(&found);
  }
  throw Error(Errc::io_error, std::string("MongoDB reply lacks ") + dotted);
}

// {"$and": [{"owner": {"$eq": owner}}, <one document per condition>]}. Field names are checked
// paths under "body."; every value is appended as a typed BSON value, never parsed as an
// operator.
void build_filter(bson_t* out, std::int64_t owner, const Filter& filter) {
  bson_t and_array, element, condition;
  bson_append_array_begin(out, "$and", -1, &and_array);
  std::uint32_t index = 0;
  auto begin_element = [&]() {
    char buffer[16];
    const char* key = nullptr;
    bson_uint32_to_string(index++, &key, buffer, sizeof buffer);
    bson_append_document_begin(&and_array, key, -1, &element);
  };
  auto end_element = [&]() { bson_append_document_end(&and_array, &element); };

  begin_element();
  bson_append_document_begin(&element, "owner", -1, &condition);
  bson_append_int64(&condition, "$eq", -1, owner);
  bson_append_document_end(&element, &condition);
  end_element();

  for (const auto& c : filter.conditions()) {
    begin_element();
    const std::string field = c.field.empty() ? std::string("_id") : body_field(c.field);
    bson_append_document_begin(&element, field.c_str(), -1, &condition);
    switch (c.op) {
      case Filter::Op::eq:
        append_scalar(&condition, "$eq", c.values.front());
        break;
      case Filter::Op::in: {
        bson_t list;
        bson_append_array_begin(&condition, "$in", -1, &list);
        std::uint32_t i = 0;
        for (const auto& v : c.values) {
          char buffer[16];
          const char* key = nullptr;
          const std::size_t n = bson_uint32_to_string(i++, &key, buffer, sizeof buffer);
          append_scalar(&list, std::string_view(key, n), v);
        }
        bson_append_array_end(&condition, &list);
        break;
      }
      case Filter::Op::contains: {
        bson_t match;
        bson_append_document_begin(&condition, "$elemMatch", -1, &match);
        append_scalar(&match, "$eq", c.values.front());
        bson_append_document_end(&condition, &match);
        break;
      }
      case Filter::Op::gte:
        append_scalar(&condition, "$gte", c.values.front());
        break;
      case Filter::Op::lt:
        append_scalar(&condition, "$lt", c.values.front());
        break;
      case Filter::Op::id_in: {
        bson_t list;
        bson_append_array_begin(&condition, "$in", -1, &list);
        std::uint32_t i = 0;
        for (const std::int64_t id : c.ids) {
          char buffer[16];
          const char* key = nullptr;
          bson_uint32_to_string(i++, &key, buffer, sizeof buffer);
          bson_append_int64(&list, key, -1, id);
        }
        bson_append_array_end(&condition, &list);
        break;
      }
      case Filter::Op::id_gt:
        bson_append_int64(&condition, "$gt", -1, c.ids.front());
        break;
      case Filter::Op::id_lt:
        bson_append_int64(&condition, "$lt", -1, c.ids.front());
        break;
    }
    bson_append_document_end(&element, &condition);
    end_element();
  }
  bson_append_array_end(out, &and_array);
}

// `body`'s `fields`, in that order (a projection returns them in the stored order).
Document in_field_order(const Document& body, const std::vector<std::string>& fields) {
  if (!body.is_object()) throw Error(Errc::internal, "stored MongoDB body is not a document");
  Document out = Document::object();
  for (const auto& field : fields) {
    const auto it = body.find(field);
    if (it != body.end()) out[field] = *it;
  }
  return out;
}

class MongoCollection final : public Collection {
 public:
  MongoCollection(std::shared_ptr<Shared> shared, std::string name)
      : Collection(name), shared_(std::move(shared)) {}

 protected:
  // The _id index is the last word on uniqueness: should the counter ever hand out an id twice
  // (MongoDB's findAndModify never does; jongodb 0.1.6's does under concurrency), the insert
  // that loses takes the next id.
  std::int64_t do_insert(std::int64_t owner, const Document& body) override {
    Lease lease(*shared_);
    const CollectionPtr collection = lease.collection(name().c_str());
    for (int attempt = 1;; ++attempt) {
      const std::int64_t id = next_id(lease);
      Bson doc;
      bson_append_int64(doc.get(), "_id", -1, id);
      bson_append_int64(doc.get(), "owner", -1, owner);
      append_value(doc.get(), "body", body);
      Reply reply;
      bson_error_t error;
      if (mongoc_collection_insert_one(collection.get(), doc.get(), nullptr, reply.get(), &error)) {
        return id;
      }
      if (error.code != kDuplicateKey || attempt == kInsertTries) throw_error(error, "insert");
    }
  }

  std::vector<Record> do_find(std::int64_t owner, const Filter& filter,
                              const FindOptions& options) override {
    Bson query, opts;
    build_filter(query.get(), owner, filter);
    bson_t sort;
    bson_append_document_begin(opts.get(), "sort", -1, &sort);
    bson_append_int32(&sort, "_id", -1, options.order == Order::ascending ? 1 : -1);
    bson_append_document_end(opts.get(), &sort);
    if (options.limit > 0) {
      bson_append_int64(opts.get(), "limit", -1, static_cast<std::int64_t>(options.limit));
    }
    if (!options.fields.empty()) {
      bson_t projection;
      bson_append_document_begin(opts.get(), "projection", -1, &projection);
      bson_append_int32(&projection, "_id", -1, 1);
      for (const auto& field : options.fields) {
        bson_append_int32(&projection, body_field(field).c_str(), -1, 1);
      }
      bson_append_document_end(opts.get(), &projection);
    }
    Lease lease(*shared_);
    const CollectionPtr collection = lease.collection(name().c_str());
    std::unique_ptr<mongoc_cursor_t, CursorDeleter> cursor(
        mongoc_collection_find_with_opts(collection.get(), query.get(), opts.get(), nullptr));
    std::vector<Record> records;
    const bson_t* doc = nullptr;
    while (mongoc_cursor_next(cursor.get(), &doc)) {
      bson_iter_t iter;
      Record record;
      if (!bson_iter_init_find(&iter, doc, "_id") || !BSON_ITER_HOLDS_INT64(&iter)) {
        throw Error(Errc::internal, "stored MongoDB document has no int64 _id");
      }
      record.id = bson_iter_int64(&iter);
      if (!bson_iter_init_find(&iter, doc, "body")) {
        // A projection of fields the document lacks leaves no body.
        if (options.fields.empty()) {
          throw Error(Errc::internal, "stored MongoDB document has no body");
        }
        record.body = Document::object();
      } else {
        record.body = to_document(iter);
      }
      if (!options.fields.empty()) record.body = in_field_order(record.body, options.fields);
      records.push_back(std::move(record));
    }
    bson_error_t error;
    if (mongoc_cursor_error(cursor.get(), &error)) throw_error(error, "find");
    return records;
  }

  std::int64_t do_update(std::int64_t owner, const Filter& filter, const Update& update) override {
    Bson query, change;
    build_filter(query.get(), owner, filter);
    if (!update.set.empty()) {
      bson_t set;
      bson_append_document_begin(change.get(), "$set", -1, &set);
      for (const auto& [key, value] : update.set.items())
        append_value(&set, body_field(key), value);
      bson_append_document_end(change.get(), &set);
    }
    if (!update.unset.empty()) {
      bson_t unset;
      bson_append_document_begin(change.get(), "$unset", -1, &unset);
      for (const auto& key : update.unset) {
        const std::string field = body_field(key);
        bson_append_utf8(&unset, field.data(), static_cast<int>(field.size()), "", 0);
      }
      bson_append_document_end(change.get(), &unset);
    }
    Lease lease(*shared_);
    const CollectionPtr collection = lease.collection(name().c_str());
    Reply reply;
    bson_error_t error;
    if (!mongoc_collection_update_many(collection.get(), query.get(), change.get(), nullptr,
                                       reply.get(), &error)) {
      throw_error(error, "update");
    }
    return int64_field(reply.get(), "matchedCount");
  }

  std::int64_t do_remove(std::int64_t owner, const Filter& filter) override {
    Bson query;
    build_filter(query.get(), owner, filter);
    Lease lease(*shared_);
    const CollectionPtr collection = lease.collection(name().c_str());
    Reply reply;
    bson_error_t error;
    if (!mongoc_collection_delete_many(collection.get(), query.get(), nullptr, reply.get(),
                                       &error)) {
      throw_error(error, "remove");
    }
    return int64_field(reply.get(), "deletedCount");
  }

  std::int64_t do_count(std::int64_t owner, const Filter& filter) override {
    Bson query;
    build_filter(query.get(), owner, filter);
    Lease lease(*shared_);
    const CollectionPtr collection = lease.collection(name().c_str());
    bson_error_t error;
    const std::int64_t n = mongoc_collection_count_documents(collection.get(), query.get(), nullptr,
                                                             nullptr, nullptr, &error);
    if (n < 0) throw_error(error, "count");
    return n;
  }

 private:
  // findAndModify {$inc: {seq: 1}} with upsert on this collection's counter: atomic on the
  // server, whichever process or thread asks. Two first upserts may race on the _id index; the
  // loser retries and then finds the document.
  std::int64_t next_id(const Lease& lease) {
    const CollectionPtr counters = lease.collection(kCountersCollection);
    Bson query, change;
    bson_append_utf8(query.get(), "_id", -1, name().data(), static_cast<int>(name().size()));
    bson_t inc;
    bson_append_document_begin(change.get(), "$inc", -1, &inc);
    bson_append_int64(&inc, "seq", -1, 1);
    bson_append_document_end(change.get(), &inc);
    std::unique_ptr<mongoc_find_and_modify_opts_t, FindAndModifyDeleter> opts(
        mongoc_find_and_modify_opts_new());
    mongoc_find_and_modify_opts_set_update(opts.get(), change.get());
    mongoc_find_and_modify_opts_set_flags(
        opts.get(), static_cast<mongoc_find_and_modify_flags_t>(MONGOC_FIND_AND_MODIFY_UPSERT |
                                                                MONGOC_FIND_AND_MODIFY_RETURN_NEW));
    for (int attempt = 1;; ++attempt) {
      Reply reply;
      bson_error_t error;
      if (mongoc_collection_find_and_modify_with_opts(counters.get(), query.get(), opts.get(),
                                                      reply.get(), &error)) {
        return int64_field(reply.get(), "value.seq");
      }
      if (error.code != kDuplicateKey || attempt == kCounterUpsertTries) {
        throw_error(error, "id allocation");
      }
    }
  }

  std::shared_ptr<Shared> shared_;
};

class MongoDatabase final : public Database {
 public:
  explicit MongoDatabase(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  std::string_view engine() const noexcept override { return "mongodb"; }

 protected:
  std::shared_ptr<Collection> do_collection(
      const std::string& name, const std::vector<std::string>& indexed_fields) override {
    // createIndexes is idempotent: an index that exists with the same key is left alone.
    Bson command;
    bson_append_utf8(command.get(), "createIndexes", -1, name.c_str(), -1);
    bson_t indexes, index, key;
    bson_append_array_begin(command.get(), "indexes", -1, &indexes);
    auto add_index = [&](const char* position, const std::string& index_name,
                         const std::string* field) {
      bson_append_document_begin(&indexes, position, -1, &index);
      bson_append_document_begin(&index, "key", -1, &key);
      bson_append_int32(&key, "owner", -1, 1);
      if (field) {
        bson_append_int32(&key, body_field(*field).c_str(), -1, 1);
      } else {
        bson_append_int32(&key, "_id", -1, 1);
      }
      bson_append_document_end(&index, &key);
      bson_append_utf8(&index, "name", -1, index_name.c_str(), -1);
      bson_append_document_end(&indexes, &index);
    };
    add_index("0", "owner_id", nullptr);
    std::uint32_t i = 1;
    for (const auto& field : indexed_fields) {
      char buffer[16];
      const char* position = nullptr;
      bson_uint32_to_string(i++, &position, buffer, sizeof buffer);
      add_index(position, "owner_" + field, &field);
    }
    bson_append_array_end(command.get(), &indexes);

    Lease lease(*shared_);
    Reply reply;
    bson_error_t error;
    if (!mongoc_client_write_command_with_opts(lease.client(), shared_->database.c_str(),
                                               command.get(), nullptr, reply.get(), &error)) {
      throw_error(error, "createIndexes on " + name);
    }
    return std::make_shared<MongoCollection>(shared_, name);
  }

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace

std::shared_ptr<Database> open_mongo_database(const std::string& uri_text) {
  Driver::ensure();
  auto shared = std::make_shared<Shared>();
  bson_error_t error;
  shared->uri.reset(mongoc_uri_new_with_error(uri_text.c_str(), &error));
  if (!shared->uri) {
    throw Error(Errc::invalid_argument, std::string("not a valid MongoDB URI: ") + error.message);
  }
  if (!mongoc_uri_has_option(shared->uri.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS)) {
    mongoc_uri_set_option_as_int32(shared->uri.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS,
                                   kDefaultServerSelectionTimeoutMs);
  }
  const char* database = mongoc_uri_get_database(shared->uri.get());
  shared->database = database && *database ? database : kDefaultDatabase;
  shared->pool.reset(mongoc_client_pool_new(shared->uri.get()));
  if (!shared->pool) throw Error(Errc::invalid_argument, "MongoDB URI rejected by the driver");
  mongoc_client_pool_set_error_api(shared->pool.get(), MONGOC_ERROR_API_VERSION_2);
  mongoc_client_pool_set_appname(shared->pool.get(), "facenapi");

  {
    // The message names no host: a URI may carry a password.
    Lease lease(*shared);
    Bson ping;
    bson_append_int32(ping.get(), "ping", -1, 1);
    Reply reply;
    if (!mongoc_client_command_simple(lease.client(), "admin", ping.get(), nullptr, reply.get(),
                                      &error)) {
      throw_error(error, "ping");
    }
  }
  return std::make_shared<MongoDatabase>(std::move(shared));
}

}  // namespace facenapi::detail::mongo
