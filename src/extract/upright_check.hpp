// Is a face upright or upside down?
//
// The landmark networks always answer as if the face were upright, so an upside-down face gets
// plausible-looking landmarks, a pose near 0 and an aligned chip that shows it upside down. The
// detectors were trained on upright faces: dlib's HOG detector does not fire on an inverted face
// at all, and face-api's tiny detector scores it clearly lower. This check runs HOG on the aligned
// chip as it is and turned by 180 degrees, and decides when HOG is sure (margin >= 0) on either.
// Otherwise the tiny detector decides on the region around the face box (the chip of an
// inverted face is often a poor crop), and only by a clear margin.
//
// Measured on 80 LFW photos and the same photos turned upside down: no upright face was judged
// inverted by HOG; HOG alone caught 13 of 30 inverted faces.
#pragma once

#include <facenapi/extraction_face.hpp>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

class HogDetector;
class TinyFaceDetector;

// A square region of a photo around a face (black where it reaches past the photo's edges).
struct FaceRegion {
  RgbImage pixels;
  int x = 0, y = 0;  // where pixels(0, 0) lies in the photo
};

// The region of side `scale` * max(box width, height) centred on the box.
FaceRegion face_region(const RgbImage& photo, const BBox& box, float scale);

// True when the face detected at `box` in `image`, with aligned chip `chip` (dlib geometry,
// padding 0.25), looks upside down.
bool is_upside_down(const HogDetector& hog, const TinyFaceDetector& tiny, const RgbImage& chip,
                    const RgbImage& image, const BBox& box);

}  // namespace facenapi::detail
