// Head pose from the 68 landmarks (iBUG 300-W order), a geometric heuristic with no model.
//
// Roll: the angle, in image axes (x right, y down), of the line from the image-left eye centre
// L (mean of points 36-41) to the other eye centre R (mean of 42-47):
//     roll = atan2(R.y - L.y, R.x - L.x)   in (-180, 180]
// 0 for an upright face, positive when the face is turned clockwise on the photo, near +-180
// for an upside-down one.
//
// Yaw and pitch are measured in the face's own frame: every point is rotated by -roll about
// the eye midpoint E = (L + R) / 2, so the eye line is horizontal and roll cannot leak into them.
// In that frame, with N the nose tip (point 30) and M the mouth centre (mean of 48-67):
//     yaw   = atan( ((N.x - E.x) / (|R - L| / 2)) / kYawDepth )
//     pitch = atan( (kNoseHeight - (N.y - E.y) / (M.y - E.y)) / kPitchDepth )
// Why: the nose tip stands out of the plane of the eyes and mouth, so when the head turns its
// image moves against them by depth * sin(angle) while the eye spacing (or the eye-mouth
// height) shrinks by cos(angle); the ratio is proportional to tan(angle). kYawDepth and
// kPitchDepth are that depth over the half eye spacing and the eye-mouth height.
// kNoseHeight is where the nose tip sits between eyes and mouth on dlib's mean frontal face.
// yaw > 0: the face turns to the photo's right; pitch > 0: the face looks up.
// The result is a rough estimate (about +-10 degrees); beyond about 60 degrees of yaw the
// 68-point models themselves become unreliable. Degenerate landmarks (both eyes at one point,
// mouth on the eye line) give 0 for the angles they make undefined.
#pragma once

#include <facenapi/extraction_face.hpp>
#include <vector>

namespace facenapi::detail {

inline constexpr double kYawDepth = 1.0;
inline constexpr double kPitchDepth = 0.5;
inline constexpr double kNoseHeight = 0.509;

// Throws Error(invalid_argument) unless landmarks68 holds 68 points.
Pose estimate_pose(const std::vector<Point>& landmarks68);

}  // namespace facenapi::detail
