// facenapi_db_faces_*: a user's stored faces (facenapi::Faces), as Faces::Model::to_json text.
#include "c_internal.hpp"

using namespace facenapi::capi;
using facenapi::Faces;

namespace {

std::vector<std::int64_t> gallery_ids(const int64_t* ids, size_t count) {
  require(ids != nullptr || count == 0, "galleries is NULL but gallery_count > 0");
  return std::vector<std::int64_t>(ids, ids + count);
}

// Applies the C fields onto a model made from an extraction face.
void apply_fields(Faces::Model& m, const facenapi_face_fields_t* f) {
  if (!f) return;
  require(f->version >= 1 && f->version <= FACENAPI_FACE_FIELDS_VERSION,
          "unsupported facenapi_face_fields_t version (use FACENAPI_FACE_FIELDS_INIT)");
  m.meta = optional_utf8(f->meta, "meta");
  m.galleries = gallery_ids(f->galleries, f->gallery_count);
  m.photo = optional_utf8(f->photo, "photo");
  m.thumbnail = optional_utf8(f->thumbnail, "thumbnail");
  if (f->person != 0) m.person = f->person;
  if (f->camera != 0) m.camera = f->camera;
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
    auto& s = stores(ctx);
    const auto* face = face_at(faces, index);
    if (!face) return FACENAPI_EINVAL;
    auto model = Faces::Model::from_extraction_face(*face);
    apply_fields(model, fields);
    model = s.faces.create(user_id, model);
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
    apply_fields(base, fields);
    // Fail on a bad user before the (slow) extraction.
    s.galleries.list(user_id);
    facenapi_faces_t* raw = nullptr;
    if (const int rc = extract_into(&raw, extractor(ctx), photo, size, opts)) return rc;
    const std::unique_ptr<facenapi_faces_t> extracted_faces(raw);
    const auto& extracted = extracted_faces->faces;
    std::vector<Faces::Model> created;
    try {
      for (const auto& face : extracted) {
        auto model = Faces::Model::from_extraction_face(face);
        model.meta = base.meta, model.galleries = base.galleries, model.photo = base.photo;
        model.thumbnail = base.thumbnail, model.person = base.person, model.camera = base.camera;
        created.push_back(s.faces.create(user_id, model));
      }
    } catch (...) {
      for (const auto& f : created) {
        try {
          s.faces.remove(user_id, f.id);
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
    std::string out = "{\"faces\":" + array_json(page.faces, q.include_normalized != 0);
    out += ",\"next\":" + (page.next ? std::to_string(*page.next) : std::string("null")) + "}";
    set_text(json, out);
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
      c.galleries = gallery_ids(changes->galleries, changes->gallery_count);
    const auto model = s.faces.update(user_id, face_id, c);
    if (json) set_text(json, model.to_json());
    return FACENAPI_OK;
  });
}

int facenapi_db_faces_delete(facenapi_context_t* ctx, int64_t user_id, int64_t face_id) {
  return guard([&] {
    stores(ctx).faces.remove(user_id, face_id);
    return FACENAPI_OK;
  });
}

}  // extern "C"
