#include "extract/pose.hpp"

#include <cmath>
#include <facenapi/error.hpp>
#include <string>

namespace facenapi::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegrees = 180.0 / kPi;

struct Vec {
  double x = 0, y = 0;
};

Vec mean_of(const std::vector<Point>& pts, int first, int last) {
  Vec m;
  for (int i = first; i <= last; ++i) {
    m.x += pts[i].x;
    m.y += pts[i].y;
  }
  const double n = last - first + 1;
  return Vec{m.x / n, m.y / n};
}

}  // namespace

Pose estimate_pose(const std::vector<Point>& landmarks68) {
  if (landmarks68.size() != 68) {
    throw Error(Errc::invalid_argument,
                "pose needs 68 landmarks, got " + std::to_string(landmarks68.size()));
  }
  const Vec left_eye = mean_of(landmarks68, 36, 41);
  const Vec right_eye = mean_of(landmarks68, 42, 47);
  const Vec mouth = mean_of(landmarks68, 48, 67);
  const Vec nose{landmarks68[30].x, landmarks68[30].y};
  const Vec eyes{(left_eye.x + right_eye.x) / 2, (left_eye.y + right_eye.y) / 2};

  const double dx = right_eye.x - left_eye.x;
  const double dy = right_eye.y - left_eye.y;
  double roll = std::atan2(dy, dx);  // [-pi, pi]
  if (roll <= -kPi) roll = kPi;
  const double eye_distance = std::hypot(dx, dy);

  // Coordinates in the face frame: rotate by -roll about the eye midpoint.
  const double c = std::cos(roll);
  const double s = std::sin(roll);
  const auto to_face = [&](const Vec& p) {
    const double x = p.x - eyes.x;
    const double y = p.y - eyes.y;
    return Vec{c * x + s * y, -s * x + c * y};
  };
  const Vec n = to_face(nose);
  const Vec m = to_face(mouth);

  Pose pose;
  pose.roll = static_cast<float>(roll * kDegrees);
  if (eye_distance > 0) {
    const double offset = n.x / (eye_distance / 2);
    pose.yaw = static_cast<float>(std::atan(offset / kYawDepth) * kDegrees);
  }
  if (m.y > 0) {
    const double height = n.y / m.y;
    pose.pitch = static_cast<float>(std::atan((kNoseHeight - height) / kPitchDepth) * kDegrees);
  }
  return pose;
}

}  // namespace facenapi::detail
