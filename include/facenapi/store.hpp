// The store: users and their galleries, faces, persons and cameras, kept in a database (an embedded
// SQLite file or MongoDB), as the FindFace facenapi MongoStore / UserStore / Faces / Galleries /
// Users classes.
//
//   facenapi::Database db("faces.db");                 // or "mongodb://host/facenapi"
//   facenapi::Users users(db);
//   auto [alice, token] = users.create("alice", "a password");  // token: shown once
//   facenapi::Users::Model me = users.authenticate(token);      // Error(unauthenticated) if bad
//   facenapi::Galleries galleries(db);
//   auto staff = galleries.create(me, "staff");
//   facenapi::Faces faces(db);
//   auto face = facenapi::Faces::Model::from_extraction_face(extracted);
//   face.galleries = {staff.id};
//   face = faces.create(me, face);                     // face.id is set
//
// Users and authentication: every method of Galleries, Faces, Persons and Cameras takes a UserRef
// (a user id or a Users::Model) first. The user is looked up on every call: a missing (id <= 0),
// unknown or disabled user fails with Error(unauthenticated) before any of its data is read or
// written. A Users::Model is never trusted as a credential on its own: only its id is used, and
// authenticate() is how a caller turns a secret into one.
//
// Ownership: each gallery, face, person and camera belongs to the user that created it. Another
// user's object does not exist for a call: reads, updates and deletes of it fail with
// Error(not_found), lists and counts skip it. Ids are numbers > 0, allocated per collection, never
// reused.
//
// Secrets: passwords are stored only as PBKDF2-HMAC-SHA256 hashes with a random salt, API tokens
// only as SHA-256 digests; both are compared in constant time (docs/storage.md says why).
//
// Thread safety: a Database, and the Users, Galleries, Faces, Persons and Cameras objects made
// from it, may be
// used by any number of threads at once; each call is atomic on its own unless its comment says
// otherwise. They are cheap handles: copies share the same connection pool.
//
// Errors (facenapi::Error): invalid_argument for a malformed value (an empty or over-long name,
// a bad facen, a malformed time), unauthenticated as above, not_found for a missing or foreign
// object, already_exists for a taken unique name, too_large for an object over the store's
// document limit (4 MiB), io_error when the database fails.
#pragma once

#include <cstdint>
#include <facenapi/export.hpp>
#include <facenapi/extraction_face.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace facenapi {

namespace detail {
class Database;
class Collection;
class MediaEngine;
}  // namespace detail

// A connection to one database; the reference calls this layer MongoStore.
//   "mongodb://..." or "mongodb+srv://..."  a MongoDB deployment; the database is the URI's
//                                           path, else "facenapi". Durability is the URI's
//                                           write concern.
//   anything else                           the path of an SQLite file (created if missing),
//                                           the embedded default; writes are on disk when a
//                                           call returns. Media files (class Media) go in
//                                           the folder "<path>.media" beside it.
// Throws Error(invalid_argument) for a malformed URI, Error(io_error) if it cannot be opened
// (MongoDB: no answer to a ping within serverSelectionTimeoutMS, 10 s by default).
class FACENAPI_API Database {
 public:
  static constexpr const char* kDefaultPath = "facenapi.db";
  explicit Database(std::string_view uri = kDefaultPath);

  // "sqlite" or "mongodb".
  std::string_view engine() const noexcept;

 private:
  friend class Users;
  friend class Galleries;
  friend class Faces;
  friend class Persons;
  friend class Cameras;
  friend class Media;
  friend class Recognizer;
  std::shared_ptr<detail::Database> impl_;
  std::shared_ptr<detail::MediaEngine> media_;
};

using MongoStore = Database;  // the reference's name for the same thing

// The users: names, optional passwords, API tokens, and whether each is enabled.
class FACENAPI_API Users {
 public:
  // A user as stored. It holds no secret.
  struct Model {
    std::int64_t id = 0;
    std::string name;
    bool disabled = false;
    bool has_password = false;
    std::string created;  // ISO 8601 UTC, e.g. "2026-11-28T01:56:07.123456Z"
  };
  // An API token: `secret` (64 lowercase hex digits) exists only in the value returned when the
  // token is made; the store keeps its SHA-256 digest. `id` names it for revoke_token().
  struct Token {
    std::int64_t id = 0;
    std::string secret;
  };
  struct Created {
    Model user;
    Token token;  // the user's first API token
  };

  // Names: 1..128 bytes of UTF-8 without control characters; unique among users.
  static constexpr std::size_t kMaxNameBytes = 128;
  // Passwords: 8..1024 bytes.
  static constexpr std::size_t kMinPasswordBytes = 8;
  static constexpr std::size_t kMaxPasswordBytes = 1024;
  // PBKDF2-HMAC-SHA256 iterations for new password hashes (each hash records its own count).
  static constexpr int kPasswordIterations = 200000;

  explicit Users(const Database& db);

  // Creates an enabled user `name` with a first API token, and a password unless `password`
  // is empty. Errors: invalid_argument (name or password), already_exists (name taken; when two
  // callers race for one name, exactly one wins).
  Created create(std::string_view name, std::string_view password = {});

  // The user `id` / named `name`. Error(not_found) if there is none.
  Model get(std::int64_t id);
  Model get(std::string_view name);
  // Every user, disabled ones included, in id order.
  std::vector<Model> list();

  // Disables or re-enables user `id`: a disabled user's tokens and password stop
  // authenticating and every store call on its behalf fails with unauthenticated; its data is
  // kept. Error(not_found) if there is no such user.
  void disable(std::int64_t id);
  void enable(std::int64_t id);

  // Replaces the password (an empty one removes it). Errors: invalid_argument, not_found.
  void set_password(std::int64_t id, std::string_view password);

  // Deletes user `id`, its tokens, and its galleries, faces, persons, cameras and media files.
  // Error(not_found) if none.
  void remove(std::int64_t id);

  // Adds an API token (a user may hold any number). Error(not_found) for an unknown user.
  Token add_token(std::int64_t user_id);
  // Revokes the user's token `token_id`: it stops authenticating at once. Error(not_found)
  // unless that token belongs to that user.
  void revoke_token(std::int64_t user_id, std::int64_t token_id);
  // The ids of the user's tokens, oldest first.
  std::vector<std::int64_t> token_ids(std::int64_t user_id);

  // The enabled user holding API token `secret`, or holding `name` and `password`. Any failure
  // (malformed, unknown, revoked, wrong password, no password set, disabled user) throws
  // Error(unauthenticated) with a message that does not say which.
  Model authenticate(std::string_view token_secret);
  Model authenticate(std::string_view name, std::string_view password);

 private:
  std::shared_ptr<detail::Database> db_;
  std::shared_ptr<detail::MediaEngine> media_;
  std::shared_ptr<detail::Collection> users_;
  std::shared_ptr<detail::Collection> tokens_;
};

// Who a store call acts for: a user id or a Users::Model (of which only the id is used; the
// user is checked against the database on every call).
class UserRef {
 public:
  UserRef(std::int64_t user_id) noexcept : id_(user_id) {}      // NOLINT
  UserRef(const Users::Model& user) noexcept : id_(user.id) {}  // NOLINT
  std::int64_t id() const noexcept { return id_; }

 private:
  std::int64_t id_;
};

// A user's galleries: named sets of faces (a face may be in several).
class FACENAPI_API Galleries {
 public:
  struct Model {
    std::int64_t id = 0;
    std::string name;
    std::string created;  // ISO 8601 UTC
  };
  // Names: 1..256 bytes of UTF-8, stored literally, unique per user.
  static constexpr std::size_t kMaxNameBytes = 256;

  explicit Galleries(const Database& db);

  // Errors: invalid_argument (name), already_exists (the user has a gallery of that name).
  Model create(UserRef user, std::string_view name);
  // The user's galleries in id order.
  std::vector<Model> list(UserRef user);
  // Error(not_found) if the user has no such gallery.
  Model get(UserRef user, std::int64_t id);
  Model get(UserRef user, std::string_view name);
  // Deletes the gallery, then removes its id from every face of the user that lists it (faces
  // stay). Error(not_found) if the user has no such gallery.
  void remove(UserRef user, std::int64_t id);

 private:
  friend class Faces;
  std::shared_ptr<detail::Database> db_;
  std::shared_ptr<detail::Collection> users_;
  std::shared_ptr<detail::Collection> galleries_;
  std::shared_ptr<detail::Collection> faces_;
};

// A user's faces: the reference's face objects.
class FACENAPI_API Faces {
 public:
  struct Model {
    std::int64_t id = 0;  // set by create()
    BBox bbox;
    std::optional<Facen> facen;  // stored as binary float32 + model id; base64 in to_json()
    std::optional<Gender> gender;
    std::optional<float> age;
    std::vector<std::pair<std::string, float>> emotions;  // the 2 most probable, first first
    std::vector<std::uint8_t> normalized;                 // PNG bytes of the face chip
    float score = 0;                                      // quality, see ExtractionFace::score
    std::string timestamp;  // ISO 8601 UTC; create() sets it to now when empty
    std::string photo;      // URL of the original photo, may be empty
    std::string photo_hash;
    std::string thumbnail;                // URL, may be empty
    std::string meta;                     // any UTF-8 text, stored literally
    std::vector<std::int64_t> galleries;  // ids of the user's galleries holding the face
    std::optional<std::int64_t> person;
    std::optional<std::int64_t> camera;

    // The face fields of an extraction (bbox, normalized, facen, gender, age, top-2 emotions,
    // score, photo_hash); the rest stays empty.
    static Model from_extraction_face(const ExtractionFace& face);

    // The reference face object: {"id", "bbox": {left, top, right, bottom}, "facen" (base64),
    // "facen_model", "gender", "age", "emotions" (the names, most probable first), "normalized"
    // (base64 PNG, only if include_normalized), "score", "timestamp", "photo", "photo_hash",
    // "thumbnail", "meta", "galleries", "person", "camera"}; optional fields that are absent or
    // empty are left out.
    std::string to_json(bool include_normalized = false) const;
  };

  // What list() and count() select; every set field narrows the selection.
  struct Query {
    std::optional<std::int64_t> gallery;  // faces in this gallery
    std::optional<std::string> meta;      // meta equal to this
    std::optional<std::int64_t> person;
    std::optional<std::int64_t> camera;
    std::optional<std::int64_t> min_id;  // id > min_id
    std::optional<std::int64_t> max_id;  // id < max_id
    std::optional<std::string> from;     // timestamp >= from (ISO 8601 UTC)
    std::optional<std::string> to;       // timestamp < to
  };
  // A page of list(): `next` is the cursor for the following page (pass it as min_id when
  // ascending, max_id when descending), absent when this page is the last.
  struct Page {
    std::vector<Model> faces;
    std::optional<std::int64_t> next;
  };
  // The changes update() applies; absent fields stay as they are. `person` and `camera`: an id
  // > 0 sets it (it must be the user's), 0 clears it.
  struct Changes {
    std::optional<std::string> meta;
    std::optional<std::vector<std::int64_t>> galleries;
    std::optional<std::int64_t> person;
    std::optional<std::int64_t> camera;
  };

  static constexpr std::size_t kMaxPageSize = 1000;
  // A facen has 1..kMaxFacenDimension finite values of unit length (|norm - 1| <= 1e-3) and a
  // model id of 1..128 bytes.
  static constexpr std::size_t kMaxFacenDimension = 4096;

  explicit Faces(const Database& db);

  // Stores `face` as a new face of the user and returns it with its id (and timestamp, if it
  // was empty). Errors: invalid_argument (bad facen, malformed timestamp, a non-finite number,
  // a gallery, person or camera id <= 0), not_found (a gallery, person or camera the user does
  // not have). A gallery, person or camera deleted while the call runs is not kept on the face
  // (nor by update()).
  Model create(UserRef user, const Model& face);
  // As create(), keeping the original photo and the face's thumbnail in the media store (see
  // Media): `photo` (the image bytes the face was found in, not empty) becomes face.photo
  // ("media:photos/<sha256>.<ext>"), and face.photo_hash is set to its SHA-256 when empty;
  // face.normalized, when not empty, becomes face.thumbnail ("media:thumbnails/<sha256>.png").
  // remove() and remove_by_meta() delete a face's thumbnail and photo once no other face of
  // the user refers to them. Errors as create(), and io_error from the media store.
  Model create(UserRef user, const Model& face, const std::vector<std::uint8_t>& photo);
  // Error(not_found) if the user has no such face.
  Model get(UserRef user, std::int64_t id);
  // Applies `changes` and returns the face as stored. Errors as create(), and not_found.
  // A person or camera deleted while the call runs is not kept on the face (as galleries).
  Model update(UserRef user, std::int64_t id, const Changes& changes);
  // Error(not_found) if the user has no such face. Media files the face was the last to use
  // are deleted with it.
  void remove(UserRef user, std::int64_t id);
  // Removes the user's faces whose meta equals `meta`; returns how many. Media as remove().
  std::int64_t remove_by_meta(UserRef user, std::string_view meta);
  // The user's faces matching `query`, at most `limit` (1..kMaxPageSize) of them, ascending or
  // descending by id. Errors: invalid_argument (limit, malformed time).
  Page list(UserRef user, const Query& query, std::size_t limit = 100, bool descending = false);
  std::int64_t count(UserRef user, const Query& query = {});

 private:
  std::shared_ptr<detail::Database> db_;
  std::shared_ptr<detail::Collection> users_;
  std::shared_ptr<detail::Collection> galleries_;
  std::shared_ptr<detail::Collection> persons_;
  std::shared_ptr<detail::Collection> cameras_;
  std::shared_ptr<detail::Collection> faces_;
  std::shared_ptr<detail::MediaEngine> media_;
};

// Photos and face thumbnails, kept as files in the database's media store: a folder beside an
// SQLite file ("<path>.media/u<user id>/photos/<sha256>.jpg", each written to a temporary file,
// fsynced and renamed into place), or on MongoDB the collections "media_files" and
// "media_chunks" in GridFS's layout (255 KiB chunks). Files are content-addressed: a URL is
//   "media:photos/<sha256 hex>.<jpg|png|bin>"   an original photo (extension by its signature)
//   "media:thumbnails/<sha256 hex>.png"         a face's normalized chip
// and each user has a namespace of its own: a URL names a file only for the user who stored
// it; for any other user it is not_found. Faces::create(user, face, photo) stores both files
// of a face; Faces::remove deletes them when no other face of the user uses them.
class FACENAPI_API Media {
 public:
  explicit Media(const Database& db);

  // Stores the photo bytes (not empty) for the user and returns its URL; storing the same
  // bytes again returns the same URL. Errors: invalid_argument (empty), io_error.
  std::string put_photo(UserRef user, const std::vector<std::uint8_t>& bytes);
  // The bytes of the user's file `url`. Error(not_found) if the user has no such file (or
  // `url` is not a media URL).
  std::vector<std::uint8_t> get(UserRef user, std::string_view url);
  // Deletes the user's file `url`. Errors: not_found as get(), invalid_argument while a face of
  // the user still refers to it (remove the face instead).
  void remove(UserRef user, std::string_view url);

 private:
  std::shared_ptr<detail::Database> db_;
  std::shared_ptr<detail::MediaEngine> media_;
  std::shared_ptr<detail::Collection> users_;
  std::shared_ptr<detail::Collection> faces_;
};

// A user's persons: the identities faces are assigned to (Faces::Model::person). A face has at
// most one person; a person has any number of faces.
class FACENAPI_API Persons {
 public:
  struct Model {
    std::int64_t id = 0;
    std::string name;     // may be empty (an unnamed person); names need not be unique
    std::string meta;     // any UTF-8 text, stored literally
    std::string created;  // ISO 8601 UTC
  };
  // The changes update() applies; absent fields stay as they are ("" clears the name).
  struct Changes {
    std::optional<std::string> name;
    std::optional<std::string> meta;
  };
  // Names: 0..256 bytes of UTF-8 without control characters.
  static constexpr std::size_t kMaxNameBytes = 256;

  explicit Persons(const Database& db);

  // Error(invalid_argument) for a bad name.
  Model create(UserRef user, std::string_view name = {}, std::string_view meta = {});
  // Error(not_found) if the user has no such person.
  Model get(UserRef user, std::int64_t id);
  // The user's persons in id order.
  std::vector<Model> list(UserRef user);
  // Errors: invalid_argument (name), not_found.
  Model update(UserRef user, std::int64_t id, const Changes& changes);
  // Deletes the person, then clears `person` on each of its faces (the faces stay).
  // Error(not_found) if the user has no such person.
  void remove(UserRef user, std::int64_t id);
  // A page of the person's faces in id order, after face id `after` (the same as Faces::list
  // with Query::person, but not_found for a person the user does not have).
  Faces::Page faces(UserRef user, std::int64_t id, std::size_t limit = 100, std::int64_t after = 0);
  // How many faces the person has. Error(not_found) as get().
  std::int64_t count_faces(UserRef user, std::int64_t id);
  // Moves every face of person `from` to person `into`, deletes `from`, and returns `into`.
  // Errors: invalid_argument (into == from), not_found (either is not the user's). Safe against
  // concurrent calls: `from` is deleted first, so no face can join it afterwards, and each face
  // moves by compare-and-set. If `into` is deleted meanwhile, `from` is gone all the same, the
  // moved faces end with no person, and the call fails with not_found.
  Model merge(UserRef user, std::int64_t into, std::int64_t from);

 private:
  std::shared_ptr<detail::Database> db_;
  std::shared_ptr<detail::Collection> users_;
  std::shared_ptr<detail::Collection> persons_;
  std::shared_ptr<detail::Collection> faces_;
};

// A user's cameras: named video sources that faces may come from (Faces::Model::camera).
class FACENAPI_API Cameras {
 public:
  struct Model {
    std::int64_t id = 0;
    std::string name;        // unique per user
    std::string stream_url;  // e.g. "rtsp://10.0.0.5/stream1"; may be empty; not contacted
    bool active = true;
    std::string meta;     // any UTF-8 text, stored literally
    std::string created;  // ISO 8601 UTC
  };
  // The changes update() applies; absent fields stay as they are.
  struct Changes {
    std::optional<std::string> name;
    std::optional<std::string> stream_url;
    std::optional<bool> active;
    std::optional<std::string> meta;
  };
  // Names: 1..256 bytes; stream URLs: 0..4096 bytes; both without control characters.
  static constexpr std::size_t kMaxNameBytes = 256;
  static constexpr std::size_t kMaxStreamUrlBytes = 4096;

  explicit Cameras(const Database& db);

  // Errors: invalid_argument (name, URL), already_exists (the user has a camera of that name).
  Model create(UserRef user, const Model& camera);
  // Error(not_found) if the user has no such camera.
  Model get(UserRef user, std::int64_t id);
  Model get(UserRef user, std::string_view name);
  // The user's cameras in id order.
  std::vector<Model> list(UserRef user);
  // Errors: invalid_argument, not_found, already_exists (a rename to a taken name; of two
  // racing renames to one name at most one keeps it).
  Model update(UserRef user, std::int64_t id, const Changes& changes);
  // Deletes the camera, then clears `camera` on each of its faces (the faces stay, so no face
  // names a camera that does not exist). Error(not_found) if the user has no such camera.
  void remove(UserRef user, std::int64_t id);

 private:
  std::shared_ptr<detail::Database> db_;
  std::shared_ptr<detail::Collection> users_;
  std::shared_ptr<detail::Collection> cameras_;
  std::shared_ptr<detail::Collection> faces_;
};

}  // namespace facenapi
