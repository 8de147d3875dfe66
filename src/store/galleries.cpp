// Galleries: a user's named sets of faces. Membership lives in each face's "galleries" array.
#include <algorithm>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>

#include "store/face_document.hpp"
#include "store/store_common.hpp"
#include "store/user_store.hpp"

namespace facenapi {
namespace {

using detail::Document;
using detail::Filter;

struct GalleryCodec {
  using Model = Galleries::Model;
  static constexpr const char* kNotFound = "no such gallery";
  static Model to_model(const detail::Record& r) {
    Model m;
    m.id = r.id;
    m.name = r.body.value("name", "");
    m.created = r.body.value("created", "");
    return m;
  }
};
using Store = detail::UserStore<GalleryCodec>;

}  // namespace

Galleries::Galleries(const Database& db)
    : db_(db.impl_),
      users_(detail::users_collection(*db_)),
      galleries_(detail::galleries_collection(*db_)),
      faces_(detail::faces_collection(*db_)) {}

Galleries::Model Galleries::create(UserRef user, std::string_view name) {
  const auto scope = detail::require_user(*users_, user);
  detail::validate_name(name, kMaxNameBytes, "a gallery name");
  Document doc = Document::object();
  doc["name"] = std::string(name);
  doc["created"] = detail::now_iso8601();
  const auto id =
      detail::insert_unique(*galleries_, scope, "name", std::string(name), doc, "a gallery");
  return GalleryCodec::to_model(detail::Record{id, doc});
}

std::vector<Galleries::Model> Galleries::list(UserRef user) {
  return Store(users_, galleries_).list(user);
}

Galleries::Model Galleries::get(UserRef user, std::int64_t id) {
  return Store(users_, galleries_).get(user, id);
}

Galleries::Model Galleries::get(UserRef user, std::string_view name) {
  return Store(users_, galleries_).get_by_name(user, name);
}

void Galleries::remove(UserRef user, std::int64_t id) {
  const auto scope = Store(users_, galleries_).remove(user, id);
  // The gallery is gone first, so no face can join it any more (create and update check that
  // a gallery exists); then each member drops it by compare-and-set. A face whose revision
  // changed under us is read again on the next round.
  constexpr std::size_t kBatch = 500;
  for (;;) {
    const auto members = faces_->find(scope, Filter().contains("galleries", id), {kBatch});
    if (members.empty()) break;
    for (const auto& face : members) {
      detail::compare_and_set_galleries(*faces_, scope, face, [id](std::vector<std::int64_t> g) {
        g.erase(std::remove(g.begin(), g.end(), id), g.end());
        return g;
      });
    }
  }
}

}  // namespace facenapi
