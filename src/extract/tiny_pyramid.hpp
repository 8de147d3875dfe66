// The tiny face detector at several input sizes.
//
// face-api runs the tiny detector at one input size (416). Its recall depends strongly on how
// large a face is in the network input (it does best with faces of about 50-150 px there): on
// 169 LFW photos (faces about half the 250 px photo) it finds 120 faces at 416, 157 at 160 or at
// 320 and 164 at 160 and 320 together, while on group photos with small faces 608 finds what
// 416 misses. Running it at several sizes and merging the sightings keeps them all.
#pragma once

#include <vector>

#include "extract/detection.hpp"
#include "image/rgb_image.hpp"

namespace facenapi::detail {

class TinyFaceDetector;

// The input sizes used for a photo when none are given: 160 and 320, and 608 as well for photos
// whose longer side exceeds 400 pixels (where faces may be small).
std::vector<int> tiny_input_sizes(const RgbImage& img);

// Detections of every size, the same face seen at several sizes reported once (the most
// confident sighting, see sightings.hpp). Strongest first.
// `sizes` empty means tiny_input_sizes(img), and when those find no face at all, 224 and 416 as
// well: the detector is erratic enough that a face missed at 160 and 320 is often found there
// (11 of 1,583 LFW photos of folds 1-2 had no face at 160+320; 7 of them are found at 224 or
// 416). The second pass costs time only on photos without a face.
std::vector<Detection> detect_tiny_pyramid(const TinyFaceDetector& detector, const RgbImage& img,
                                           float score_threshold, const std::vector<int>& sizes);

}  // namespace facenapi::detail
