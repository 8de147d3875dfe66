// Facen distance from base64 strings and photo annotation.
#include <cstring>
#include <facenapi/annotate.hpp>

#include "c_internal.hpp"

using namespace facenapi::capi;

extern "C" {

float facenapi_facen_match_threshold(void) { return facenapi::facen_match_threshold(); }

const char* facenapi_facen_model_id(void) { return facenapi::facen_model_id(); }

int facenapi_facen_distance(float* out, const char* facen_a, const char* facen_b) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    if (!facen_a || !facen_b) return invalid("facen is NULL");
    const auto a = facenapi::Facen::from_base64(facen_a, facenapi::facen_model_id());
    const auto b = facenapi::Facen::from_base64(facen_b, facenapi::facen_model_id());
    *out = a.distance(b);
    return FACENAPI_OK;
  });
}

int facenapi_annotate(unsigned char** out, size_t* out_size, const void* photo, size_t size,
                      const facenapi_faces_t* faces, const char* const* labels,
                      size_t label_count) {
  return guard([&] {
    if (!out || !out_size) return invalid("out or out_size is NULL");
    *out = nullptr;
    *out_size = 0;
    if (!photo) return invalid("photo is NULL");
    if (!labels && label_count) return invalid("labels is NULL but label_count is not 0");
    std::vector<std::string> names;
    for (size_t i = 0; i < label_count; ++i) {
      if (!labels[i]) return invalid("a label is NULL");
      if (!is_valid_utf8(labels[i])) return invalid("a label is not valid UTF-8");
      names.emplace_back(labels[i]);
    }
    static const std::vector<facenapi::ExtractionFace> kNone;
    const auto png = facenapi::annotate(photo, size, faces ? faces->faces : kNone, names);
    *out = static_cast<unsigned char*>(malloc_copy(png.data(), png.size(), false));
    *out_size = png.size();
    return FACENAPI_OK;
  });
}

}  // extern "C"
