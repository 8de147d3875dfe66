// facenapi_detect, facenapi_verify, facenapi_identify: the context's facenapi::Recognizer.
#include "c_internal.hpp"

using namespace facenapi::capi;
using facenapi::Probe;
using facenapi::Recognizer;

namespace {

Probe to_probe(const facenapi_probe_t* p, const char* what) {
  const std::string name(what);
  require(p != nullptr, (name + " is NULL").c_str());
  require(p->version >= 1 && p->version <= FACENAPI_PROBE_VERSION,
          "unsupported facenapi_probe_t version (use FACENAPI_PROBE_INIT)");
  switch (p->kind) {
    case FACENAPI_PROBE_PHOTO:
      require(p->photo != nullptr, (name + ".photo is NULL").c_str());
      require(p->photo_size > 0, (name + ".photo_size is 0").c_str());
      return Probe::photo(p->photo, p->photo_size);
    case FACENAPI_PROBE_FACE:
      require(p->face_id > 0, (name + ".face_id is not > 0").c_str());
      return Probe::face(p->face_id);
    case FACENAPI_PROBE_FACEN:
      return Probe::facen(facenapi::Facen::from_base64(require_utf8(p->facen, "facen"),
                                                       facenapi::facen_model_id()));
    default:
      throw facenapi::Error(facenapi::Errc::invalid_argument,
                            name + ".kind is not a FACENAPI_PROBE_* value");
  }
}

facenapi::Threshold to_threshold(const char* threshold) {
  return threshold ? facenapi::Threshold::parse(require_utf8(threshold, "threshold"))
                   : facenapi::Threshold{};
}

}  // namespace

extern "C" {

int facenapi_detect(char** json, facenapi_context_t* ctx, const void* photo, size_t size,
                    int attributes) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    require(ctx != nullptr, "ctx is NULL");
    require(photo != nullptr, "photo is NULL");
    require(size > 0, "size is 0");
    // As Recognizer::detect, which needs no database: the extractor without facen and chip.
    facenapi::ExtractOptions o;
    o.facen = o.normalized = false;
    o.gender_age = o.emotions = attributes != 0;
    std::string out = "[";
    for (const auto& face : extractor(ctx).extract(photo, size, o)) {
      if (out.size() > 1) out += ',';
      out += facenapi::to_json(face);
    }
    set_text(json, out + "]");
    return FACENAPI_OK;
  });
}

int facenapi_verify(char** json, facenapi_context_t* ctx, int64_t user_id,
                    const facenapi_probe_t* a, const facenapi_probe_t* b, const char* threshold) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    stores(ctx);
    const Probe pa = to_probe(a, "a");
    const Probe pb = to_probe(b, "b");
    const auto t = to_threshold(threshold);
    set_text(json, facenapi::to_json(recognizer(ctx).verify(user_id, pa, pb, t)));
    return FACENAPI_OK;
  });
}

int facenapi_identify(char** json, facenapi_context_t* ctx, int64_t user_id,
                      const facenapi_probe_t* probe, const int64_t* galleries, size_t gallery_count,
                      const char* threshold, size_t n) {
  return guard([&] {
    require(json != nullptr, "json is NULL");
    *json = nullptr;
    stores(ctx);
    const Probe p = to_probe(probe, "probe");
    Recognizer::IdentifyOptions o;
    o.galleries = id_vector(galleries, gallery_count, "galleries");
    o.threshold = to_threshold(threshold);
    require(n >= 1 && n <= Recognizer::kMaxResults, "n is not in 1..1000");
    o.n = n;
    set_text(json, facenapi::to_json(recognizer(ctx).identify(user_id, p, o)));
    return FACENAPI_OK;
  });
}

}  // extern "C"
