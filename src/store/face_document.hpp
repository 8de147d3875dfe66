// How a Faces::Model is stored: its document layout, checks, and the compare-and-set that
// changes a face's gallery list without $push/$pull (which jongodb lacks).
//
// {"bbox": {"left", "top", "right", "bottom"}, "facen": {"model": "<id>", "values": <binary
//  float32 little-endian>}, "gender", "age", "emotions": [["happy", 0.9], ...], "normalized":
//  <binary PNG>, "score", "timestamp" (fixed-width ISO 8601), "photo", "photo_hash",
//  "thumbnail", "meta", "galleries": [ids], "person", "camera", "rev": <int>}
// Optional fields are absent when unset; "rev" grows by one on every change of the document.
#pragma once

#include <cstdint>
#include <facenapi/store.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/collection.hpp"

namespace facenapi::detail {

// Error(invalid_argument) unless `facen` is storable (see Faces::kMaxFacenDimension).
void validate_facen(const Facen& facen);

// The stored document of `face` (without its id), rev 0. Checks the facen and timestamp (an
// empty timestamp becomes now) and de-duplicates galleries; Error(invalid_argument) if bad.
Document face_to_document(const Faces::Model& face);
// The model of a stored face. Error(internal) if the document is not a face.
Faces::Model face_from_record(const Record& record);

std::vector<std::int64_t> stored_galleries(const Document& face);
// The facen of a stored face (whole or projected on "facen"), or nullopt when it has none.
// Error(internal) if the field is malformed.
std::optional<Facen> stored_facen(const Document& face);
// The fields the facen index needs (FindOptions::fields): facen (model id and bytes), galleries.
inline const std::vector<std::string> kIndexFields = {"facen", "galleries"};
// A face's "galleries" value: the ids sorted, without duplicates; Error(invalid_argument) for an
// id <= 0.
Document galleries_document(std::vector<std::int64_t> ids);

// Sets the face's galleries to change(current) if the face still has the revision `face` was
// read at (and bumps it). Returns false when the face changed or vanished in between.
bool compare_and_set_galleries(
    Collection& faces, const Scope& scope, const Record& face,
    const std::function<std::vector<std::int64_t>(std::vector<std::int64_t>)>& change);

// Applies `update` and rev + 1 to the face if it still has the revision `face` was read at.
// Returns false when the face changed or vanished in between.
bool compare_and_set_face(Collection& faces, const Scope& scope, const Record& face, Update update);

// On every face of the scope whose `field` ("person" or "camera") is `from`, sets it to `to`
// (nullopt: removes it), face by face with compare-and-set, until none is left. Returns how
// many faces it changed.
std::int64_t reassign_faces(Collection& faces, const Scope& scope, const std::string& field,
                            std::int64_t from, std::optional<std::int64_t> to);

}  // namespace facenapi::detail
