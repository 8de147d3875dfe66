#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/error.hpp>
#include <string>
#include <vector>

#include "extract/dlib_landmarks.hpp"
#include "extract/hog_detector.hpp"
#include "extract/pose.hpp"
#include "extract/shared_models.hpp"
#include "support/dlib_photo.hpp"

using facenapi::BBox;
using facenapi::Errc;
using facenapi::Error;
using facenapi::Point;
using facenapi::Pose;
using facenapi::detail::DlibShapePredictor;
using facenapi::detail::estimate_pose;
using facenapi::detail::HogDetector;
using facenapi::detail::RgbImage;
namespace t = facenapi::test;

namespace {

struct FoundFace {
  BBox box;
  std::vector<Point> landmarks;
  Pose pose;
};

std::vector<FoundFace> faces_in(const RgbImage& img, int upsample, double adjust = 0.0) {
  std::vector<FoundFace> out;
  for (const auto& d : t::hog_detector().detect(img, adjust, upsample)) {
    FoundFace f;
    f.box = d.box;
    f.landmarks = t::shape_predictor().predict(img, d.box);
    f.pose = estimate_pose(f.landmarks);
    out.push_back(f);
  }
  return out;
}

const FoundFace& tom_cruise() {
  static const FoundFace face = [] {
    const RgbImage img =
        t::load_photo(t::data_path("faces/group/dlib_faces/Tom_Cruise_avp_2014_4.jpg"));
    const auto faces = faces_in(img, 0);
    REQUIRE(faces.size() == 1);
    return faces[0];
  }();
  return face;
}

// Turns points by `degrees` about `c` (positive: clockwise on screen, y down).
std::vector<Point> turned(const std::vector<Point>& pts, double degrees, Point c) {
  const double a = degrees * M_PI / 180.0;
  std::vector<Point> out;
  for (const Point& p : pts) {
    const double x = p.x - c.x, y = p.y - c.y;
    out.push_back(Point{static_cast<float>(c.x + std::cos(a) * x - std::sin(a) * y),
                        static_cast<float>(c.y + std::sin(a) * x + std::cos(a) * y)});
  }
  return out;
}

double angle_difference(double a, double b) {
  double d = std::fmod(a - b, 360.0);
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

}  // namespace

TEST_CASE("an upright face has roll near 0 and the same face upside down near 180", "[pose]") {
  const FoundFace& f = tom_cruise();
  INFO("upright pose: yaw " << f.pose.yaw << " pitch " << f.pose.pitch << " roll " << f.pose.roll);
  CHECK(std::abs(f.pose.roll) < 10);
  CHECK(std::abs(f.pose.yaw) < 10);
  CHECK(std::abs(f.pose.pitch) < 20);

  // The photo turned by 180 degrees, point by point.
  const RgbImage img =
      t::load_photo(t::data_path("faces/group/dlib_faces/Tom_Cruise_avp_2014_4.jpg"));
  const RgbImage upside_down = t::rotate_180(img);
  std::vector<Point> flipped;
  for (const Point& p : f.landmarks) {
    flipped.push_back(Point{img.width - 1 - p.x, img.height - 1 - p.y});
  }
  const Pose inverted = estimate_pose(flipped);
  CHECK(std::abs(inverted.roll) > 170);
  CHECK(inverted.roll > -180);
  CHECK(inverted.roll <= 180);
  CHECK(std::abs(angle_difference(inverted.roll, f.pose.roll + 180)) < 1e-3);
  // HOG only sees upright faces: nothing is found in the upside-down photo.
  CHECK(t::hog_detector().detect(upside_down).empty());
}

TEST_CASE("roll follows the photo's rotation and does not leak into yaw and pitch", "[pose]") {
  const FoundFace& f = tom_cruise();
  const Point centre{(f.box.left + f.box.right) / 2, (f.box.top + f.box.bottom) / 2};
  for (double degrees : {-135.0, -90.0, -30.0, 15.0, 45.0, 90.0, 179.0}) {
    const Pose p = estimate_pose(turned(f.landmarks, degrees, centre));
    INFO("turned by " << degrees);
    CHECK(angle_difference(p.roll, f.pose.roll + degrees) == Approx(0).margin(1e-3));
    CHECK(p.yaw == Approx(f.pose.yaw).margin(1e-3));
    CHECK(p.pitch == Approx(f.pose.pitch).margin(1e-3));
  }
}

TEST_CASE("roll measured on a photo turned by 20 degrees grows by about 20", "[pose]") {
  const RgbImage img =
      t::load_photo(t::data_path("faces/group/dlib_faces/Tom_Cruise_avp_2014_4.jpg"));
  // Counter-clockwise on screen by 20 degrees: the eye line's angle falls by 20 (y down).
  const RgbImage turned_img = t::rotate_about_center(img, 20.0);
  const auto faces = faces_in(turned_img, 0);
  REQUIRE(faces.size() == 1);
  INFO("upright roll " << tom_cruise().pose.roll << ", turned roll " << faces[0].pose.roll);
  CHECK(angle_difference(faces[0].pose.roll, tom_cruise().pose.roll - 20) == Approx(0).margin(3));
}

TEST_CASE("yaw grows as a head turns from frontal to profile", "[pose]") {
  // Six renders of one character turning on the spot (back, three-quarter left, frontal,
  // profile right, ...): the heads are in the top band of the picture, about 40 px wide.
  const RgbImage img = t::load_photo(t::data_path("faces/angles/human_cgi-multiangle-2.jpg"));
  const RgbImage band = t::crop(img, 0, 0, img.width, 200);
  auto faces = faces_in(band, 2, -0.3);
  std::sort(faces.begin(), faces.end(),
            [](const FoundFace& a, const FoundFace& b) { return a.box.left < b.box.left; });
  for (const auto& f : faces) {
    UNSCOPED_INFO("face at x " << f.box.left << ": yaw " << f.pose.yaw << " pitch " << f.pose.pitch
                               << " roll " << f.pose.roll);
  }
  // From left to right: three-quarter view to the photo's left, nearly frontal, profile right.
  REQUIRE(faces.size() == 3);
  CHECK(faces[0].pose.yaw < -30);
  CHECK(std::abs(faces[1].pose.yaw) < 25);
  CHECK(faces[2].pose.yaw >= 45);
  CHECK(faces[0].pose.yaw < faces[1].pose.yaw);
  CHECK(faces[1].pose.yaw < faces[2].pose.yaw);
}

TEST_CASE("a mirrored photo gives the opposite yaw and roll", "[pose]") {
  const RgbImage img = t::load_photo(t::data_path("faces/angles/human_cgi-multiangle-9.jpg"));
  const RgbImage band = t::crop(img, 0, 0, img.width, 300);
  auto faces = faces_in(band, 1);
  auto mirrored = faces_in(t::mirror(band), 1);
  REQUIRE(faces.size() >= 2);
  int compared = 0;
  for (const auto& f : faces) {
    for (const auto& m : mirrored) {
      // The same face: its box mirrored.
      const BBox back{band.width - m.box.right, m.box.top, band.width - m.box.left, m.box.bottom};
      if (t::iou(back, f.box) < 0.5) continue;
      INFO("yaw " << f.pose.yaw << " mirrored " << m.pose.yaw << "; roll " << f.pose.roll
                  << " mirrored " << m.pose.roll);
      CHECK(std::abs(f.pose.yaw) > 10);
      CHECK(m.pose.yaw == Approx(-f.pose.yaw).margin(5));
      CHECK(m.pose.roll == Approx(-f.pose.roll).margin(3));
      CHECK(m.pose.pitch == Approx(f.pose.pitch).margin(5));
      ++compared;
    }
  }
  CHECK(compared >= 2);
}

TEST_CASE("frontal portraits average out near zero yaw and pitch", "[pose]") {
  // LFW photos of 40 different people: mostly frontal press photos.
  const std::vector<std::string> names = {"Aaron_Eckhart",
                                          "Abdullah_Gul",
                                          "Adam_Sandler",
                                          "Al_Gore",
                                          "Alan_Greenspan",
                                          "Alejandro_Toledo",
                                          "Ali_Naimi",
                                          "Alvaro_Uribe",
                                          "Amelie_Mauresmo",
                                          "Andre_Agassi",
                                          "Andy_Roddick",
                                          "Angelina_Jolie",
                                          "Ann_Veneman",
                                          "Anna_Kournikova",
                                          "Ari_Fleischer",
                                          "Ariel_Sharon",
                                          "Arnold_Schwarzenegger",
                                          "Atal_Bihari_Vajpayee",
                                          "Bill_Clinton",
                                          "Bill_Gates",
                                          "Bill_Simon",
                                          "Britney_Spears",
                                          "Carlos_Menem",
                                          "Celine_Dion",
                                          "Charles_Moose",
                                          "Colin_Powell",
                                          "David_Beckham",
                                          "Donald_Rumsfeld",
                                          "George_W_Bush",
                                          "Gerhard_Schroeder",
                                          "Gloria_Macapagal_Arroyo",
                                          "Gray_Davis",
                                          "Hans_Blix",
                                          "Hugo_Chavez",
                                          "Jacques_Chirac",
                                          "Jean_Chretien",
                                          "Jennifer_Capriati",
                                          "John_Ashcroft",
                                          "Junichiro_Koizumi",
                                          "Kofi_Annan"};
  std::vector<double> yaw, pitch;
  double yaw_sum = 0, pitch_sum = 0;
  for (const auto& n : names) {
    const std::string path = "lfw/lfw-deepfunneled/" + n + "/" + n + "_0001.jpg";
    for (const auto& f : faces_in(t::load_photo(t::data_path(path)), 0)) {
      yaw.push_back(std::abs(f.pose.yaw));
      pitch.push_back(std::abs(f.pose.pitch));
      yaw_sum += f.pose.yaw;
      pitch_sum += f.pose.pitch;
    }
  }
  REQUIRE(yaw.size() >= 35);
  std::sort(yaw.begin(), yaw.end());
  std::sort(pitch.begin(), pitch.end());
  const double n = static_cast<double>(yaw.size());
  INFO(yaw.size() << " faces: mean yaw " << yaw_sum / n << ", median |yaw| " << yaw[yaw.size() / 2]
                  << "; mean pitch " << pitch_sum / n << ", median |pitch| "
                  << pitch[pitch.size() / 2]);
  CHECK(std::abs(yaw_sum / n) < 5);
  CHECK(std::abs(pitch_sum / n) < 6);
  CHECK(yaw[yaw.size() / 2] < 12);
  CHECK(pitch[pitch.size() / 2] < 12);
}

TEST_CASE("pose needs 68 landmarks", "[pose][errors]") {
  try {
    (void)estimate_pose(std::vector<Point>(5));
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.errc() == Errc::invalid_argument);
  }
  // Degenerate but well-formed: all points at one place gives a defined pose.
  const Pose p = estimate_pose(std::vector<Point>(68, Point{3, 4}));
  CHECK(p.yaw == 0);
  CHECK(p.pitch == 0);
  CHECK(p.roll == 0);
}
