// Detection: one face found by a detector, before landmarks.
//
// Shared by every detector (HOG, tiny, SSD) so the pipeline can treat them alike.
#pragma once

#include <facenapi/extraction_face.hpp>

namespace facenapi::detail {

struct Detection {
  BBox box;           // in the pixel coordinates of the image given to the detector
  float score = 0.f;  // detector confidence in [0, 1]; each detector documents its mapping
};

}  // namespace facenapi::detail
