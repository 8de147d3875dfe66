// One detector hit, the common output of every face detector.
#pragma once

#include <facenapi/extraction_face.hpp>

namespace facenapi::detail {

struct Detection {
  BBox box;          // image pixels, floats, may reach past the edges
  float score = 0;   // confidence in [0, 1]
};

}  // namespace facenapi::detail
