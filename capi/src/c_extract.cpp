// The C extractor handle and facenapi_extract.
#include <memory>

#include "c_internal.hpp"

using namespace facenapi::capi;

int facenapi::capi::to_options(facenapi::ExtractOptions& o, const facenapi_extract_options_t& c) {
  if (c.version < 1 || c.version > FACENAPI_EXTRACT_OPTIONS_VERSION) {
    return invalid(
        "unsupported facenapi_extract_options_t version (use FACENAPI_EXTRACT_OPTIONS_INIT)");
  }
  if (c.detector < 0 || c.detector > FACENAPI_DETECTOR_HOG) return invalid("unknown detector");
  if (c.landmarker < 0 || c.landmarker > FACENAPI_LANDMARKER_DLIB68) {
    return invalid("unknown landmarker");
  }
  if (c.mf_selector < 0 || c.mf_selector > FACENAPI_MF_REJECT)
    return invalid("unknown mf_selector");
  o.detector = static_cast<facenapi::Detector>(c.detector);
  o.min_confidence = c.min_confidence;
  o.hog_fallback = c.hog_fallback != 0;
  o.min_face_size = c.min_face_size;
  o.rotated_search = c.rotated_search != 0;
  o.upright_check = c.upright_check != 0;
  o.landmarker = static_cast<facenapi::Landmarker>(c.landmarker);
  o.facen = c.facen != 0;
  o.gender_age = c.gender_age != 0;
  o.emotions = c.emotions != 0;
  o.normalized = c.normalized != 0;
  o.mf_selector = static_cast<facenapi::MultiFaceSelector>(c.mf_selector);
  o.limits.max_bytes = static_cast<std::size_t>(c.max_bytes);
  o.limits.max_pixels = c.max_pixels;
  o.limits.max_side = c.max_side;
  return FACENAPI_OK;
}

int facenapi::capi::extract_into(facenapi_faces_t** out, const Extractor& extractor,
                                 const void* photo, size_t size,
                                 const facenapi_extract_options_t* opts) {
  if (!photo && size != 0) return invalid("photo is NULL");
  ExtractOptions options;
  if (opts) {
    if (const int rc = to_options(options, *opts)) return rc;
  }
  static const unsigned char kEmpty = 0;
  auto faces = std::make_unique<facenapi_faces_t>();
  faces->faces = extractor.extract(photo ? photo : &kEmpty, size, options);
  *out = faces.release();
  return FACENAPI_OK;
}

extern "C" {

int facenapi_extractor_create(facenapi_extractor_t** out, const char* model_dir) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    *out = nullptr;
    facenapi::ModelPaths paths;
    if (model_dir) {
      if (!is_valid_utf8(model_dir)) return invalid("model_dir is not valid UTF-8");
      paths.model_dir = model_dir;
    }
    *out = new facenapi_extractor_t{facenapi::Extractor(paths)};
    return FACENAPI_OK;
  });
}

void facenapi_extractor_destroy(facenapi_extractor_t* extractor) { delete extractor; }

int facenapi_extract(facenapi_faces_t** out, const facenapi_extractor_t* extractor,
                     const void* photo, size_t size, const facenapi_extract_options_t* opts) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    *out = nullptr;
    if (!extractor) return invalid("extractor is NULL");
    return extract_into(out, extractor->extractor, photo, size, opts);
  });
}

void facenapi_faces_destroy(facenapi_faces_t* faces) { delete faces; }

size_t facenapi_faces_count(const facenapi_faces_t* faces) {
  return faces ? faces->faces.size() : 0;
}

}  // extern "C"
