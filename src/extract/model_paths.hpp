// Where the model files are found (see ModelPaths in extractor.hpp).
#pragma once

#include <facenapi/extractor.hpp>

namespace facenapi::detail {

// `paths` with every empty field replaced by its default.
ModelPaths resolve_model_paths(const ModelPaths& paths);

}  // namespace facenapi::detail
