// Persons: a user's identities. A face names its person in its "person" field; deleting or
// merging a person rewrites those fields face by face (compare-and-set on "rev").
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>

#include "store/face_document.hpp"
#include "store/store_common.hpp"
#include "store/user_store.hpp"

namespace facenapi {
namespace {

using detail::Document;
using detail::Filter;

struct PersonCodec {
  using Model = Persons::Model;
  static constexpr const char* kNotFound = "no such person";
  static Model to_model(const detail::Record& r) {
    Model m;
    m.id = r.id;
    m.name = r.body.value("name", "");
    m.meta = r.body.value("meta", "");
    m.created = r.body.value("created", "");
    return m;
  }
};
using Store = detail::UserStore<PersonCodec>;

Error no_person() { return Error(Errc::not_found, PersonCodec::kNotFound); }

}  // namespace

Persons::Persons(const Database& db)
    : db_(db.impl_),
      users_(detail::users_collection(*db_)),
      persons_(detail::persons_collection(*db_)),
      faces_(detail::faces_collection(*db_)) {}

Persons::Model Persons::create(UserRef user, std::string_view name, std::string_view meta) {
  const auto scope = detail::require_user(*users_, user);
  detail::validate_text(name, kMaxNameBytes, "a person name");
  Document doc = Document::object();
  doc["name"] = std::string(name);
  doc["meta"] = std::string(meta);
  doc["created"] = detail::now_iso8601();
  return Store(users_, persons_).insert(scope, doc);
}

Persons::Model Persons::get(UserRef user, std::int64_t id) {
  return Store(users_, persons_).get(user, id);
}

std::vector<Persons::Model> Persons::list(UserRef user) {
  return Store(users_, persons_).list(user);
}

Persons::Model Persons::update(UserRef user, std::int64_t id, const Changes& changes) {
  const auto scope = detail::require_user(*users_, user);
  if (changes.name) detail::validate_text(*changes.name, kMaxNameBytes, "a person name");
  detail::Update update;
  if (changes.name) update.set["name"] = *changes.name;
  if (changes.meta) update.set["meta"] = *changes.meta;
  if (id <= 0 || (update.set.empty() ? persons_->count(scope, Filter().id_in({id}))
                                     : persons_->update(scope, id, update)) == 0) {
    throw no_person();
  }
  const auto r = persons_->get(scope, id);
  if (!r) throw no_person();  // deleted meanwhile
  return PersonCodec::to_model(*r);
}

void Persons::remove(UserRef user, std::int64_t id) {
  const auto scope = Store(users_, persons_).remove(user, id);
  // The person is gone first, so no face can be given it any more (Faces checks that a person
  // exists, and looks again after writing); then its faces lose it.
  detail::reassign_faces(*faces_, scope, "person", id, std::nullopt);
}

Faces::Page Persons::faces(UserRef user, std::int64_t id, std::size_t limit, std::int64_t after) {
  const auto scope = detail::require_user(*users_, user);
  if (limit < 1 || limit > Faces::kMaxPageSize) {
    throw Error(Errc::invalid_argument, "a page holds 1 to 1000 faces");
  }
  detail::require_owned(*persons_, scope, id, "person");
  auto records = faces_->find(scope, Filter().eq("person", id).id_above(after), {limit + 1});
  Faces::Page page;
  const bool more = records.size() > limit;
  if (more) records.resize(limit);
  for (const auto& r : records) page.faces.push_back(detail::face_from_record(r));
  if (more) page.next = page.faces.back().id;
  return page;
}

std::int64_t Persons::count_faces(UserRef user, std::int64_t id) {
  const auto scope = detail::require_user(*users_, user);
  detail::require_owned(*persons_, scope, id, "person");
  return faces_->count(scope, Filter().eq("person", id));
}

Persons::Model Persons::merge(UserRef user, std::int64_t into, std::int64_t from) {
  const auto scope = detail::require_user(*users_, user);
  if (into == from) throw Error(Errc::invalid_argument, "a person cannot be merged into itself");
  detail::require_owned(*persons_, scope, into, "person");
  // Deleting `from` first closes it: no face can join it from here on.
  if (from <= 0 || persons_->remove(scope, Filter().id_in({from})) == 0) throw no_person();
  detail::reassign_faces(*faces_, scope, "person", from, into);
  // A concurrent remove(into) either came before this look, or its cascade starts after the
  // moves above and finds the moved faces.
  const auto r = persons_->get(scope, into);
  if (!r) {
    detail::reassign_faces(*faces_, scope, "person", into, std::nullopt);
    throw no_person();
  }
  return PersonCodec::to_model(*r);
}

}  // namespace facenapi
