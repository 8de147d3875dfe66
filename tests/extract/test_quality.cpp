#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/extractor.hpp>
#include <string>
#include <vector>

#include "extract/dlib_landmarks.hpp"
#include "extract/face_chip.hpp"
#include "extract/hog_detector.hpp"
#include "extract/pose.hpp"
#include "extract/shared_models.hpp"
#include "extract/sharpness.hpp"
#include "support/dlib_photo.hpp"

using facenapi::Point;
using facenapi::Pose;
using facenapi::quality_score;
using facenapi::detail::DlibShapePredictor;
using facenapi::detail::estimate_pose;
using facenapi::detail::extract_face_chip;
using facenapi::detail::HogDetector;
using facenapi::detail::laplacian_variance;
using facenapi::detail::RgbImage;
namespace t = facenapi::test;

namespace {

struct Chipped {
  RgbImage img;
  std::vector<Point> landmarks;
  RgbImage chip;
};

const Chipped& tom_cruise() {
  static const Chipped c = [] {
    Chipped r;
    r.img = t::load_photo(t::data_path("faces/group/dlib_faces/Tom_Cruise_avp_2014_4.jpg"));
    const auto dets = t::hog_detector().detect(r.img);
    REQUIRE(dets.size() == 1);
    r.landmarks = t::shape_predictor().predict(r.img, dets[0].box);
    r.chip = extract_face_chip(r.img, r.landmarks);
    return r;
  }();
  return c;
}

RgbImage filled(int w, int h, std::uint8_t v) {
  RgbImage img(w, h);
  std::fill(img.pixels.begin(), img.pixels.end(), v);
  return img;
}

}  // namespace

TEST_CASE("Laplacian variance of a checkerboard is the square of its 4-neighbour Laplacian",
          "[sharpness]") {
  // Gray 255 next to gray 0 everywhere: the Laplacian is -1020 on white and +1020 on black,
  // half of each over the 8x8 interior of a 10x10 board, so the variance is 1020^2.
  RgbImage board(10, 10);
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 10; ++x) {
      const std::uint8_t v = (x + y) % 2 ? 255 : 0;
      std::fill_n(board.row(y) + 3 * x, 3, v);
    }
  }
  CHECK(laplacian_variance(board) == Approx(1020.0 * 1020.0).epsilon(1e-4));
  CHECK(laplacian_variance(filled(150, 150, 90)) == 0.0f);
  CHECK(laplacian_variance(filled(2, 50, 90)) == 0.0f);
  CHECK(laplacian_variance(RgbImage{}) == 0.0f);
}

TEST_CASE("a blurred face chip is less sharp than the sharp one", "[sharpness]") {
  const Chipped& c = tom_cruise();
  const float sharp = laplacian_variance(c.chip);
  const float soft =
      laplacian_variance(extract_face_chip(t::gaussian_blur(c.img, 3.0), c.landmarks));
  const float softer =
      laplacian_variance(extract_face_chip(t::gaussian_blur(c.img, 8.0), c.landmarks));
  INFO("sharp " << sharp << ", blurred (sigma 3) " << soft << ", (sigma 8) " << softer);
  // A sharp, well-lit studio-close face is well above the quality score's kSharp = 100.
  CHECK(sharp > 100);
  CHECK(soft < 0.7 * sharp);
  CHECK(softer < 0.5 * soft);
  CHECK(softer < 100);
}

TEST_CASE("quality_score follows its documented formula", "[quality]") {
  CHECK(quality_score(Pose{0, 0, 0}, 250.f) == 0.0f);
  CHECK(quality_score(Pose{60, 0, 0}, 250.f) == Approx(-(60.0 / 45) * (60.0 / 45) * 2.5));
  CHECK(quality_score(Pose{0, 0, 180}, 250.f) == Approx(-40.0));
  CHECK(quality_score(Pose{0, -45, 0}, 250.f) == Approx(-2.5));
  CHECK(quality_score(Pose{0, 0, 0}, 0.f) == Approx(-2.0));
  CHECK(quality_score(Pose{0, 0, 0}, 50.f) == Approx(-1.0));
  CHECK(quality_score(Pose{0, 0, 0}, std::nanf("")) == Approx(-2.0));
  CHECK(quality_score(Pose{10, 5, 3}, 250.f) > quality_score(Pose{20, 5, 3}, 250.f));
  CHECK(quality_score(Pose{10, 5, 3}, 250.f) > quality_score(Pose{10, 5, 3}, 30.f));
}

TEST_CASE("a sharp upright face scores near 0 and the same face upside down -5 or less",
          "[quality]") {
  const Chipped& c = tom_cruise();
  const float sharpness = laplacian_variance(c.chip);
  const Pose upright = estimate_pose(c.landmarks);
  std::vector<Point> flipped;
  for (const Point& p : c.landmarks) {
    flipped.push_back(Point{c.img.width - 1 - p.x, c.img.height - 1 - p.y});
  }
  const Pose inverted = estimate_pose(flipped);
  // The chip of the upside-down photo is the same chip: same sharpness.
  const RgbImage flipped_chip = extract_face_chip(t::rotate_180(c.img), flipped);
  const float flipped_sharpness = laplacian_variance(flipped_chip);
  CHECK(flipped_sharpness == Approx(sharpness).epsilon(0.05));

  const float up = quality_score(upright, sharpness);
  const float down = quality_score(inverted, flipped_sharpness);
  INFO("upright " << up << " (yaw " << upright.yaw << " pitch " << upright.pitch << " roll "
                  << upright.roll << ", sharpness " << sharpness << "), upside down " << down);
  CHECK(up > -1.0f);
  CHECK(up <= 0.0f);
  CHECK(down <= -5.0f);
}
