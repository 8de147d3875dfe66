// facenapi_db_faces_*: a user's stored faces (facenapi::Faces), as Faces::Model::to_json text.
#include "c_internal.hpp"

using namespace facenapi::capi;
using facenapi::Faces;

namespace {

// How a new face is stored besides its fields (facenapi_face_fields_t version 2).
struct Storing {
  bool assign_person = false;
  bool keep_photo = false;
  std::vector<std::uint8_t> photo;  // facenapi_db_faces_create's photo_data
};

// Applies the C fields onto a model made from an extraction face.
Storing apply_fields(Faces::Model& m, const facenapi_face_fields_t* f) {
  Storing storing;
  if (!f) return storing;
  require(f->version >= 1 && f->version <= FACENAPI_FACE_FIELDS_VERSION,
          "unsupported facenapi_face_fields_t version (use FACENAPI_FACE_FIELDS_INIT)");
  m.meta = optional_utf8(f->meta, "meta");
  m.galleries = id_vector(f->galleries, f->gallery_count, "galleries");
  m.photo = optional_utf8(f->photo, "photo");
  m.thumbnail = optional_utf8(f->thumbnail, "thumbnail");
  if (f->person != 0) m.person = f->person;
  if (f->camera != 0) m.camera = f->camera;
  if (f->version >= 2) {
    storing.assign_person = f->assign_person != 0;
    storing.keep_photo = f->keep_photo != 0;
    require(f->photo_data != nullptr || f->photo_size == 0,
            "photo_data is NULL but photo_size > 0");
    const auto* bytes = static_cast<const std::uint8_t*>(f->photo_data);
    if (bytes) storing.photo.assign(bytes, bytes + f->photo_size);
  }
  return storing;
}

// Stores one face: through the context's recognizer when it exists (or assign_person asks for
// it) so that its index has the face at once, else through the store (a recognizer made later
// reads it from there). photo: the bytes to keep in the media store, or nullptr.
Faces::Model store_face(facenapi_context_t* ctx, int64_t user_id, const Faces::Model& model,
                        const std::vector<std::uint8_t>* photo, bool assign_person) {
  auto& s = stores(ctx);
  facenapi::Recognizer* r = assign_person ? &recognizer(ctx) : existing_recognizer(ctx);
  if (r)
    return photo ? r->add_face(user_id, model, *photo, assign_person)
                 : r->add_face(user_id, model, assign_person);
  return photo ? s.faces.create(user_id, model, *photo) : s.faces.create(user_id, model);
}

Faces::Query to_query(const facenapi_face_query_t& q) {
  require(q.version >= 1 && q.version <= FACENAPI_FACE_QUERY_VERSION,
          "unsupported facenapi_face_query_t version (use FACENAPI_FACE_QUERY_INIT)");
  Faces::Query query;
  if (q.gallery != 0) query.gallery = q.gallery;
  if (q.meta) query.meta = require_utf8(q.meta, "meta");
  if (q.person != 0) query.person = q.person;
  if (q.camera != 0) query.camera = q.camera;
  if (q.min_id != 0) query.min_id = q.min_id;
  if (q.max_id != 0) query.max_id = q.max_id;
  if (q.from) query.from = require_utf8(q.from, "from");
  if (q.to) query.to = require_utf8(q.to, "to");
  return query;
}

std::string array_json(const std::vector<Faces::Model>& faces, bool include_normalized) {
  std::string out = "[";
  for (const auto& f : faces) {
    if (out.size() > 1) out += ',';
    out += f.to_json(include_normalized);
  }
  return out + "]";
}

}  // namespace

extern "C" {

int facenapi_db_faces_create(int64_t* face_id, char** json, facenapi_context_t* ctx,
                             int64_t user_id, const facenapi_faces_t* faces, size_t index,
                             const facenapi_face_fields_t* fields) {
  return guard([&] {
    require(face_id != nullptr, "face_id is NULL");
    *face_id = 0;
    if (json) *json = nullptr;
    stores(ctx);  // EINVAL for a context without a database, before the face is read
    const auto* face = face_at(faces, index);
    if (!face) return FACENAPI_EINVAL;
    auto model = Faces::Model::from_extraction_face(*face);
    const Storing storing = apply_fields(model, fields);
    require(!storing.keep_photo || !storing.photo.empty(),
            "keep_photo needs the photo's bytes in photo_data");
    model = store_face(ctx, user_id, model, storing.keep_photo ? &storing.photo : nullptr,
                       storing.assign_person);
    if (json) set_text(json, model.to_json());
    *face_id = model.id;
    return FACENAPI_OK;
  });
}

int facenapi_db_faces_create_from_photo(char** json, facenapi_context_t* ctx, int64_t user_id,
                                        const void* photo, size_t size,
                                        const facenapi_extract_options_t* opts,
                                        const facenapi_face_fields_t* fields) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    auto& s = stores(ctx);
    Faces::Model base;
    const Storing storing = apply_fields(base, fields);
    // Fail on a bad user before the (slow) extraction.
    s.galleries.list(user_id);
    facenapi_faces_t* raw = nullptr;
    if (const int rc = extract_into(&raw, extractor(ctx), photo, size, opts)) return rc;
    const std::unique_ptr<facenapi_faces_t> extracted_faces(raw);
    const auto& extracted = extracted_faces->faces;
    std::vector<std::uint8_t> kept;
    if (storing.keep_photo && !extracted.empty()) {
      const auto* bytes = static_cast<const std::uint8_t*>(photo);
      kept.assign(bytes, bytes + size);
    }
    std::vector<Faces::Model> created;
    try {
      for (const auto& face : extracted) {
        auto model = Faces::Model::from_extraction_face(face);
        model.meta = base.meta, model.galleries = base.galleries, model.photo = base.photo;
        model.thumbnail = base.thumbnail, model.person = base.person, model.camera = base.camera;
        created.push_back(store_face(ctx, user_id, model, storing.keep_photo ? &kept : nullptr,
                                     storing.assign_person));
      }
    } catch (...) {
      for (const auto& f : created) {
        try {
          if (auto* r = existing_recognizer(ctx)) {
            r->remove_face(user_id, f.id);
          } else {
            s.faces.remove(user_id, f.id);
          }
        } catch (...) {  // the first error is the one to report
        }
      }
      throw;
    }
    set_text(json, array_json(created, false));
    return FACENAPI_OK;
  });
}

int facenapi_db_faces_get(char** json, facenapi_context_t* ctx, int64_t user_id, int64_t face_id,
                          int include_normalized) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    set_text(json, stores(ctx).faces.get(user_id, face_id).to_json(include_normalized != 0));
    return FACENAPI_OK;
  });
}

int facenapi_db_faces_list(char** json, facenapi_context_t* ctx, int64_t user_id,
                           const facenapi_face_query_t* query) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    auto& s = stores(ctx);
    const facenapi_face_query_t defaults = FACENAPI_FACE_QUERY_INIT;
    const auto& q = query ? *query : defaults;
    const auto page = s.faces.list(user_id, to_query(q), q.limit, q.descending != 0);
    set_text(json, page_json(page, q.include_normalized != 0));
    return FACENAPI_OK;
  });
}

int facenapi_db_faces_count(int64_t* count, facenapi_context_t* ctx, int64_t user_id,
                            const facenapi_face_query_t* query) {
  return guard([&] {
    require(count != nullptr, "count is NULL");
    *count = 0;
    auto& s = stores(ctx);
    *count = s.faces.count(user_id, query ? to_query(*query) : Faces::Query{});
    return FACENAPI_OK;
  });
}

int facenapi_db_faces_update(char** json, facenapi_context_t* ctx, int64_t user_id, int64_t face_id,
                             const facenapi_face_changes_t* changes) {
  return guard([&] {
    if (json) *json = nullptr;
    auto& s = stores(ctx);
    require(changes != nullptr, "changes is NULL");
    require(changes->version >= 1 && changes->version <= FACENAPI_FACE_CHANGES_VERSION,
            "unsupported facenapi_face_changes_t version (use FACENAPI_FACE_CHANGES_INIT)");
    Faces::Changes c;
    if (changes->meta) c.meta = require_utf8(changes->meta, "meta");
    if (changes->set_galleries)
      c.galleries = id_vector(changes->galleries, changes->gallery_count, "galleries");
    const auto model = s.faces.update(user_id, face_id, c);
    if (json) set_text(json, model.to_json());
    return FACENAPI_OK;
  });
}

int facenapi_db_faces_delete(facenapi_context_t* ctx, int64_t user_id, int64_t face_id) {
  return guard([&] {
    auto& s = stores(ctx);
    if (auto* r = existing_recognizer(ctx)) {
      r->remove_face(user_id, face_id);
    } else {
      s.faces.remove(user_id, face_id);
    }
    return FACENAPI_OK;
  });
}

}  // extern "C"
