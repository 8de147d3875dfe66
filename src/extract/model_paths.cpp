#include "extract/model_paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace facenapi::detail {

ModelPaths resolve_model_paths(const ModelPaths& paths) {
  ModelPaths out = paths;
  if (out.model_dir.empty()) {
    if (const char* env = std::getenv("FACENAPI_MODEL_DIR"); env && *env) {
      out.model_dir = env;
    } else if (std::filesystem::is_directory(FACENAPI_SOURCE_MODEL_DIR)) {
      out.model_dir = FACENAPI_SOURCE_MODEL_DIR;
    } else {
      out.model_dir = FACENAPI_INSTALL_MODEL_DIR;
    }
  }
  if (out.dlib_shape_predictor.empty()) {
    out.dlib_shape_predictor = FACENAPI_DLIB_DATA_DIR "/shape_predictor_68_face_landmarks.dat";
  }
  return out;
}

}  // namespace facenapi::detail
