// Faces: a user's face objects (layout and compare-and-set in face_document.cpp).
#include <algorithm>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <set>
#include <tuple>
#include <utility>

#include "store/face_document.hpp"
#include "store/media/media_store.hpp"
#include "store/store_common.hpp"
#include "store/user_store.hpp"

namespace facenapi {
namespace {

using detail::Document;
using detail::Filter;
using detail::Scope;

// Error(not_found) unless every id names a gallery of the scope's user.
void require_galleries(detail::Collection& galleries, const Scope& scope,
                       const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return;
  for (auto id : ids) {
    if (id <= 0) throw Error(Errc::invalid_argument, "a gallery id must be > 0");
  }
  std::vector<std::int64_t> unique(ids);
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  if (galleries.count(scope, Filter().id_in(unique)) != static_cast<std::int64_t>(unique.size())) {
    throw Error(Errc::not_found, "no such gallery");
  }
}

std::string time_bound(const std::string& text) {
  const auto t = detail::normalize_iso8601(text);
  if (!t) throw Error(Errc::invalid_argument, "a time bound is not ISO 8601 UTC");
  return *t;
}

Filter to_filter(const Faces::Query& q) {
  Filter f;
  if (q.gallery) f.contains("galleries", *q.gallery);
  if (q.meta) {
    // A filter string cannot hold NUL; no stored meta equals one that does... except such a
    // meta itself, which cannot be selected (docs/storage.md).
    if (q.meta->find('\0') != std::string::npos) {
      throw Error(Errc::invalid_argument, "a meta filter may not hold a NUL byte");
    }
    f.eq("meta", *q.meta);
  }
  if (q.person) f.eq("person", *q.person);
  if (q.camera) f.eq("camera", *q.camera);
  if (q.min_id) f.id_above(*q.min_id);
  if (q.max_id) f.id_below(*q.max_id);
  if (q.from || q.to) {
    std::optional<detail::Scalar> from, to;
    if (q.from) from = detail::Scalar(time_bound(*q.from));
    if (q.to) to = detail::Scalar(time_bound(*q.to));
    f.range("timestamp", from, to);
  }
  return f;
}

// The face codec of MongoStore / UserStore.
struct FaceCodec {
  using Model = Faces::Model;
  static constexpr const char* kNotFound = "no such face";
  static Model to_model(const detail::Record& r) { return detail::face_from_record(r); }
};

Error no_face() { return Error(Errc::not_found, FaceCodec::kNotFound); }

// What a write put on a face that other collections must hold: galleries, person, camera.
struct References {
  std::vector<std::int64_t> galleries;
  std::optional<std::int64_t> person;  // > 0
  std::optional<std::int64_t> camera;  // > 0
};

// Called after a write that put `refs` on the face: a gallery, person or camera deleted since
// it was checked is taken off again. Either the delete came before this look (seen here) or its
// cascade starts after the write (and finds the face), so no face keeps a deleted one. Returns
// whether the face was changed.
bool drop_vanished(detail::Collection& galleries, detail::Collection& persons,
                   detail::Collection& cameras, detail::Collection& faces, const Scope& scope,
                   std::int64_t face_id, const References& refs) {
  std::vector<std::int64_t> gone;
  if (!refs.galleries.empty()) {
    gone = refs.galleries;
    for (const auto& r : galleries.find(scope, Filter().id_in(refs.galleries))) {
      gone.erase(std::remove(gone.begin(), gone.end(), r.id), gone.end());
    }
  }
  const bool person_gone = refs.person && !persons.get(scope, *refs.person);
  const bool camera_gone = refs.camera && !cameras.get(scope, *refs.camera);
  if (gone.empty() && !person_gone && !camera_gone) return false;
  constexpr int kAttempts = 100;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const auto face = faces.get(scope, face_id);
    if (!face) return true;
    detail::Update update;
    auto kept = detail::stored_galleries(face->body);
    kept.erase(std::remove_if(kept.begin(), kept.end(),
                              [&gone](std::int64_t id) {
                                return std::find(gone.begin(), gone.end(), id) != gone.end();
                              }),
               kept.end());
    update.set["galleries"] = detail::galleries_document(kept);
    if (person_gone && face->body.value("person", std::int64_t{0}) == *refs.person) {
      update.unset.push_back("person");
    }
    if (camera_gone && face->body.value("camera", std::int64_t{0}) == *refs.camera) {
      update.unset.push_back("camera");
    }
    if (detail::compare_and_set_face(faces, scope, *face, std::move(update))) return true;
  }
  throw Error(Errc::internal, "the face kept changing while a deleted reference was dropped");
}

}  // namespace

Faces::Faces(const Database& db)
    : db_(db.impl_),
      users_(detail::users_collection(*db_)),
      galleries_(detail::galleries_collection(*db_)),
      persons_(detail::persons_collection(*db_)),
      cameras_(detail::cameras_collection(*db_)),
      faces_(detail::faces_collection(*db_)),
      media_(db.media_) {}

Faces::Model Faces::create(UserRef user, const Model& face) {
  const auto scope = detail::require_user(*users_, user);
  const Document doc = detail::face_to_document(face);
  require_galleries(*galleries_, scope, face.galleries);
  if (face.person) detail::require_owned(*persons_, scope, *face.person, "person");
  if (face.camera) detail::require_owned(*cameras_, scope, *face.camera, "camera");
  const auto id = faces_->insert(scope, doc);
  if (drop_vanished(*galleries_, *persons_, *cameras_, *faces_, scope, id,
                    References{face.galleries, face.person, face.camera})) {
    if (auto r = faces_->get(scope, id)) return detail::face_from_record(*r);
  }
  return detail::face_from_record(detail::Record{id, doc});
}

Faces::Model Faces::create(UserRef user, const Model& face,
                           const std::vector<std::uint8_t>& photo) {
  const auto scope = detail::require_user(*users_, user);
  Model with_media = face;
  std::string hash;
  with_media.photo = detail::put_photo(*media_, scope.owner_id(), photo, &hash);
  if (with_media.photo_hash.empty()) with_media.photo_hash = hash;
  if (!face.normalized.empty()) {
    with_media.thumbnail = detail::put_thumbnail(*media_, scope.owner_id(), face.normalized);
  }
  Model created;
  try {
    created = create(user, with_media);
  } catch (const Error&) {  // a rejected face leaves no files behind (unless others use them)
    detail::release_media(*media_, *faces_, scope, "photo", with_media.photo);
    detail::release_media(*media_, *faces_, scope, "thumbnail", with_media.thumbnail);
    throw;
  }
  // A remove() of another face with the same files may have deleted them between the put and
  // the insert; now that this face refers to them, no later release deletes them (media_store.hpp).
  detail::put_photo(*media_, scope.owner_id(), photo);
  if (!face.normalized.empty()) detail::put_thumbnail(*media_, scope.owner_id(), face.normalized);
  return created;
}

Faces::Model Faces::get(UserRef user, std::int64_t id) {
  return detail::UserStore<FaceCodec>(users_, faces_).get(user, id);
}

Faces::Model Faces::update(UserRef user, std::int64_t id, const Changes& changes) {
  const auto scope = detail::require_user(*users_, user);
  if (changes.galleries) require_galleries(*galleries_, scope, *changes.galleries);
  for (const auto& [value, collection, what] :
       {std::tuple{changes.person, persons_.get(), "person"},
        std::tuple{changes.camera, cameras_.get(), "camera"}}) {
    if (!value) continue;
    if (*value < 0)
      throw Error(Errc::invalid_argument, std::string("a ") + what + " id must be >= 0");
    if (*value > 0) detail::require_owned(*collection, scope, *value, what);
  }
  References refs;
  if (changes.galleries) refs.galleries = *changes.galleries;
  if (changes.person && *changes.person > 0) refs.person = changes.person;
  if (changes.camera && *changes.camera > 0) refs.camera = changes.camera;
  // Compare-and-set on "rev", so that a concurrent gallery removal is never undone.
  constexpr int kAttempts = 100;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    auto r = id > 0 ? faces_->get(scope, id) : std::nullopt;
    if (!r) throw no_face();
    const std::int64_t rev = r->body.value("rev", std::int64_t{0});
    if (changes.meta) r->body["meta"] = *changes.meta;
    if (changes.galleries) r->body["galleries"] = detail::galleries_document(*changes.galleries);
    r->body["rev"] = rev + 1;
    detail::Update update;
    for (const char* key : {"meta", "galleries", "rev"}) update.set[key] = r->body[key];
    for (const auto& [value, key] :
         {std::pair{changes.person, "person"}, std::pair{changes.camera, "camera"}}) {
      if (!value) continue;
      if (*value > 0) {
        update.set[key] = *value;
        r->body[key] = *value;
      } else {
        update.unset.push_back(key);
        r->body.erase(key);
      }
    }
    if (faces_->update(scope, Filter().id_in({id}).eq("rev", rev), update) == 1) {
      if (drop_vanished(*galleries_, *persons_, *cameras_, *faces_, scope, id, refs)) {
        if (auto now = faces_->get(scope, id)) return detail::face_from_record(*now);
      }
      return detail::face_from_record(*r);
    }
  }
  throw Error(Errc::internal, "the face kept changing during the update");
}

void Faces::remove(UserRef user, std::int64_t id) {
  const auto scope = detail::require_user(*users_, user);
  const auto face = id > 0 ? faces_->get(scope, id) : std::nullopt;
  if (!face || faces_->remove(scope, Filter().id_in({id})) == 0) throw no_face();
  for (const char* field : {"photo", "thumbnail"}) {
    detail::release_media(*media_, *faces_, scope, field, face->body.value(field, ""));
  }
}

std::int64_t Faces::remove_by_meta(UserRef user, std::string_view meta) {
  const auto scope = detail::require_user(*users_, user);
  Query q;
  q.meta = std::string(meta);
  const Filter filter = to_filter(q);
  // The media URLs of the faces about to go (a face added with this meta meanwhile goes too,
  // and its files are then left behind: kept, not dangling).
  std::set<std::pair<std::string, std::string>> urls;
  for (const auto& r : faces_->find(scope, filter)) {
    for (const char* field : {"photo", "thumbnail"}) {
      const std::string url = r.body.value(field, "");
      if (detail::media_key(url)) urls.emplace(field, url);
    }
  }
  const auto removed = faces_->remove(scope, filter);
  for (const auto& [field, url] : urls) detail::release_media(*media_, *faces_, scope, field, url);
  return removed;
}

Faces::Page Faces::list(UserRef user, const Query& query, std::size_t limit, bool descending) {
  const auto scope = detail::require_user(*users_, user);
  if (limit < 1 || limit > kMaxPageSize) {
    throw Error(Errc::invalid_argument, "a page holds 1 to 1000 faces");
  }
  // One more than asked says whether another page follows.
  auto records =
      faces_->find(scope, to_filter(query),
                   detail::FindOptions{limit + 1, descending ? detail::Order::descending
                                                             : detail::Order::ascending});
  Page page;
  const bool more = records.size() > limit;
  if (more) records.resize(limit);
  for (const auto& r : records) page.faces.push_back(detail::face_from_record(r));
  if (more) page.next = page.faces.back().id;
  return page;
}

std::int64_t Faces::count(UserRef user, const Query& query) {
  const auto scope = detail::require_user(*users_, user);
  return faces_->count(scope, to_filter(query));
}

}  // namespace facenapi
