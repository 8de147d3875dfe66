// Several sightings of one face (the same detector at several input sizes, or on several turned
// copies of a photo) reported once.
#pragma once

#include <facenapi/extraction_face.hpp>

#include <vector>

#include "extract/detection.hpp"

namespace facenapi::detail {

// Two boxes show the same face when their IoU exceeds 0.4 or one holds the other's centre (the
// boxes of one face seen at different scales or orientations are shifted against each other).
bool same_face(const BBox& a, const BBox& b);

// The most confident sighting of each face, strongest first.
std::vector<Detection> merge_sightings(std::vector<Detection> detections);

}  // namespace facenapi::detail
