#include <dlib/image_processing/full_object_detection.h>
#include <dlib/image_transforms/interpolation.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <facenapi/error.hpp>
#include <string>
#include <vector>

#include "extract/dlib_landmarks.hpp"
#include "extract/face_chip.hpp"
#include "extract/hog_detector.hpp"
#include "extract/shared_models.hpp"
#include "support/dlib_photo.hpp"

using facenapi::BBox;
using facenapi::Errc;
using facenapi::Error;
using facenapi::Point;
using facenapi::detail::ChipGeometry;
using facenapi::detail::DlibShapePredictor;
using facenapi::detail::extract_face_chip;
using facenapi::detail::face_chip_geometry;
using facenapi::detail::HogDetector;
using facenapi::detail::RgbImage;
namespace t = facenapi::test;

namespace {

const std::string kDlibFaces = "faces/group/dlib_faces/";

struct Face {
  RgbImage img;
  BBox box;
  std::vector<Point> landmarks;
};

// The face nearest the centre of 2008_002506.jpg (91 px), found by HOG and sp68.
const Face& central_face() {
  static const Face face = [] {
    Face f;
    f.img = t::load_photo(t::data_path(kDlibFaces + "2008_002506.jpg"));
    const auto dets = t::hog_detector().detect(f.img, 0.0, 1);
    double best = 1e9;
    for (const auto& d : dets) {
      const double dx = (d.box.left + d.box.right) / 2 - f.img.width / 2.0;
      const double dy = (d.box.top + d.box.bottom) / 2 - f.img.height / 2.0;
      if (std::hypot(dx, dy) < best) {
        best = std::hypot(dx, dy);
        f.box = d.box;
      }
    }
    f.landmarks = t::shape_predictor().predict(f.img, f.box);
    return f;
  }();
  return face;
}

Point mean_of(const std::vector<Point>& p, int first, int last) {
  Point m;
  for (int i = first; i <= last; ++i) {
    m.x += p[i].x / (last - first + 1);
    m.y += p[i].y / (last - first + 1);
  }
  return m;
}

double mean_abs_difference(const RgbImage& a, const RgbImage& b) {
  REQUIRE(a.pixels.size() == b.pixels.size());
  double sum = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(a.pixels[i] - b.pixels[i]);
  return sum / static_cast<double>(a.pixels.size());
}

// Where dlib's mean face puts the eye centres (mean of points 36-41 and 42-47) in a chip:
// ((padding + mean) / (2 padding + 1)) * size, with the means of dlib's mean_face_shape tables.
Point canonical(double mean_x, double mean_y, int size, double padding) {
  return Point{static_cast<float>((padding + mean_x) / (2 * padding + 1) * size),
               static_cast<float>((padding + mean_y) / (2 * padding + 1) * size)};
}
const Point kMeanLeftEye{0.2254918f, 0.2159903f};
const Point kMeanRightEye{0.7547613f, 0.2159903f};

}  // namespace

TEST_CASE("a face chip puts the eyes where dlib's mean face has them", "[chip]") {
  const Face& f = central_face();
  for (const auto& [size, padding] : {std::pair{150, 0.25}, std::pair{112, 0.4}}) {
    ChipGeometry g;
    const RgbImage chip = extract_face_chip(f.img, f.landmarks, size, padding, &g);
    REQUIRE(chip.width == size);
    REQUIRE(chip.height == size);
    // Landmark the chip itself, on the detection box carried into the chip.
    const Point c =
        g.image_to_chip({(f.box.left + f.box.right) / 2, (f.box.top + f.box.bottom) / 2});
    const float half = static_cast<float>(f.box.width() / g.scale / 2);
    const auto on_chip =
        t::shape_predictor().predict(chip, BBox{c.x - half, c.y - half, c.x + half, c.y + half});
    const Point left = mean_of(on_chip, 36, 41), right = mean_of(on_chip, 42, 47);
    const Point want_left = canonical(kMeanLeftEye.x, kMeanLeftEye.y, size, padding);
    const Point want_right = canonical(kMeanRightEye.x, kMeanRightEye.y, size, padding);
    INFO("size " << size << ": left eye " << left.x << "," << left.y << " want " << want_left.x
                 << "," << want_left.y << "; right eye " << right.x << "," << right.y << " want "
                 << want_right.x << "," << want_right.y);
    CHECK(std::hypot(left.x - want_left.x, left.y - want_left.y) < 0.03 * size);
    CHECK(std::hypot(right.x - want_right.x, right.y - want_right.y) < 0.03 * size);
  }
}

TEST_CASE("the chip of a photo turned by 30 degrees matches the chip of the upright photo",
          "[chip]") {
  const Face& f = central_face();
  ChipGeometry upright_geometry, turned_geometry;
  const RgbImage upright = extract_face_chip(f.img, f.landmarks, 150, 0.25, &upright_geometry);

  const RgbImage turned_img = t::rotate_about_center(f.img, 30.0);
  std::vector<Point> turned_landmarks;
  for (const Point& p : f.landmarks) turned_landmarks.push_back(t::rotated_point(f.img, 30.0, p));
  const RgbImage turned =
      extract_face_chip(turned_img, turned_landmarks, 150, 0.25, &turned_geometry);

  // A chip 3 px off is what misalignment looks like; the turned one must be much closer.
  std::vector<Point> shifted = f.landmarks;
  for (Point& p : shifted) p.x += 3;
  const double off = mean_abs_difference(upright, extract_face_chip(f.img, shifted));
  const double diff = mean_abs_difference(upright, turned);
  INFO("turned vs upright " << diff << ", 3 px shift " << off);
  CHECK(diff < 0.5 * off);
  CHECK(diff < 6.0);

  // Counter-clockwise on screen is a negative angle in image axes (y down).
  const double turn = (turned_geometry.angle - upright_geometry.angle) * 180.0 / M_PI;
  CHECK(turn == Approx(-30.0).margin(0.5));
  CHECK(turned_geometry.scale == Approx(upright_geometry.scale).epsilon(0.01));
}

TEST_CASE("chip geometry and pixels are dlib's own for whole-pixel landmarks", "[chip][dlib]") {
  const Face& f = central_face();
  std::vector<dlib::point> parts;
  for (const Point& p : f.landmarks) {
    REQUIRE(p.x == std::round(p.x));  // sp68 gives whole pixels
    parts.emplace_back(static_cast<long>(p.x), static_cast<long>(p.y));
  }
  const dlib::chip_details details =
      dlib::get_face_chip_details(dlib::full_object_detection(dlib::rectangle(), parts), 150, 0.25);
  const dlib::point_transform_affine to_chip = dlib::get_mapping_to_chip(details);

  ChipGeometry g;
  const RgbImage chip = extract_face_chip(f.img, f.landmarks, 150, 0.25, &g);
  CHECK(g.to_chip[0] == Approx(to_chip.get_m()(0, 0)).margin(1e-6));
  CHECK(g.to_chip[1] == Approx(to_chip.get_m()(0, 1)).margin(1e-6));
  CHECK(g.to_chip[2] == Approx(to_chip.get_b()(0)).margin(1e-4));
  CHECK(g.to_chip[3] == Approx(to_chip.get_m()(1, 0)).margin(1e-6));
  CHECK(g.to_chip[4] == Approx(to_chip.get_m()(1, 1)).margin(1e-6));
  CHECK(g.to_chip[5] == Approx(to_chip.get_b()(1)).margin(1e-4));
  CHECK(g.angle == Approx(details.angle).margin(1e-9));

  // chip_to_image undoes image_to_chip.
  const Point nose = f.landmarks[30];
  const Point back = g.chip_to_image(g.image_to_chip(nose));
  CHECK(back.x == Approx(nose.x).margin(1e-3));
  CHECK(back.y == Approx(nose.y).margin(1e-3));

  dlib::array2d<dlib::rgb_pixel> src(f.img.height, f.img.width), want;
  for (int y = 0; y < f.img.height; ++y) {
    for (int x = 0; x < f.img.width; ++x) {
      const std::uint8_t* p = f.img.row(y) + 3 * x;
      src[y][x] = dlib::rgb_pixel(p[0], p[1], p[2]);
    }
  }
  dlib::extract_image_chip(src, details, want);
  REQUIRE(want.nr() == 150);
  int differing = 0;
  for (int y = 0; y < 150; ++y) {
    for (int x = 0; x < 150; ++x) {
      const std::uint8_t* p = chip.row(y) + 3 * x;
      differing += p[0] != want[y][x].red || p[1] != want[y][x].green || p[2] != want[y][x].blue;
    }
  }
  CHECK(differing == 0);
}

TEST_CASE("face chips follow landmarks to a fraction of a pixel", "[chip]") {
  const Face& f = central_face();
  std::vector<Point> moved = f.landmarks;
  for (Point& p : moved) {
    p.x += 0.5f;
    p.y -= 0.25f;
  }
  const ChipGeometry a = face_chip_geometry(f.landmarks);
  const ChipGeometry b = face_chip_geometry(moved);
  const Point pa = a.chip_to_image({75, 75});
  const Point pb = b.chip_to_image({75, 75});
  CHECK(pb.x - pa.x == Approx(0.5).margin(0.02));
  CHECK(pb.y - pa.y == Approx(-0.25).margin(0.02));
  CHECK(b.scale == Approx(a.scale).epsilon(1e-6));
}

TEST_CASE("the part of a chip outside the photo is black", "[chip]") {
  const Face& f = central_face();
  // Move the face so that the photo's left edge runs down its middle.
  const float dx = -f.landmarks[27].x;
  std::vector<Point> moved = f.landmarks;
  for (Point& p : moved) p.x += dx;
  ChipGeometry g;
  const RgbImage chip = extract_face_chip(f.img, moved, 150, 0.25, &g);
  int outside = 0, outside_black = 0, inside = 0, inside_black = 0;
  for (int y = 0; y < 150; ++y) {
    for (int x = 0; x < 150; ++x) {
      const Point p = g.chip_to_image({static_cast<float>(x), static_cast<float>(y)});
      const std::uint8_t* px = chip.row(y) + 3 * x;
      const bool black = px[0] == 0 && px[1] == 0 && px[2] == 0;
      if (p.x < -1) {
        ++outside;
        outside_black += black;
      } else if (p.x > 1 && p.y > 1 && p.y < f.img.height - 2) {
        ++inside;
        inside_black += black;
      }
    }
  }
  INFO(outside << " chip pixels outside the photo (" << outside_black << " black), " << inside
               << " inside (" << inside_black << " black)");
  CHECK(outside > 150 * 150 / 3);
  CHECK(outside_black == outside);
  CHECK(inside > 150 * 150 / 3);
  CHECK(inside_black < inside / 100);

  // Entirely off the photo: an all-black chip, not a failure.
  for (Point& p : moved) p.x -= 10000;
  const RgbImage gone = extract_face_chip(f.img, moved);
  REQUIRE(gone.width == 150);
  for (std::uint8_t v : gone.pixels) REQUIRE(v == 0);
}

TEST_CASE("face chips reject bad landmarks and sizes", "[chip][errors]") {
  const Face& f = central_face();
  std::vector<Point> short_list(f.landmarks.begin(), f.landmarks.begin() + 67);
  std::vector<Point> with_nan = f.landmarks;
  with_nan[40].x = std::nanf("");
  const auto expect_invalid = [](auto call) {
    try {
      call();
      FAIL("no exception");
    } catch (const Error& e) {
      CHECK(e.errc() == Errc::invalid_argument);
    }
  };
  expect_invalid([&] { (void)extract_face_chip(f.img, short_list); });
  expect_invalid([&] { (void)extract_face_chip(f.img, with_nan); });
  expect_invalid([&] { (void)extract_face_chip(f.img, f.landmarks, 0); });
  expect_invalid([&] { (void)extract_face_chip(f.img, f.landmarks, 150, -0.1); });
  expect_invalid([&] { (void)extract_face_chip(RgbImage{}, f.landmarks); });
}
