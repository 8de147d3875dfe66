#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/error.hpp>
#include <string>
#include <thread>
#include <vector>

#include "extract/dlib_landmarks.hpp"
#include "extract/shared_models.hpp"
#include "support/dlib_photo.hpp"

using facenapi::BBox;
using facenapi::Errc;
using facenapi::Error;
using facenapi::Point;
using facenapi::detail::DlibShapePredictor;
using facenapi::detail::RgbImage;
namespace t = facenapi::test;

namespace {
const std::string kDlibFaces = "faces/group/dlib_faces/";

}  // namespace

TEST_CASE("sp68 reproduces the landmarks dlib's example annotations were made with",
          "[landmarks][dlib]") {
  // dlib's testing_with_face_landmarks.xml holds, for each annotated box, the points
  // shape_predictor_68_face_landmarks.dat gave on it (as its comment says).
  double total_error = 0;
  int points = 0, inside = 0;
  for (const auto& image :
       t::load_imglab(t::data_path(kDlibFaces + "testing_with_face_landmarks.xml"))) {
    const RgbImage img = t::load_photo(t::data_path(kDlibFaces + image.file));
    for (const auto& face : image.faces) {
      REQUIRE(face.points.size() == 68);
      const std::vector<Point> got = t::shape_predictor().predict(img, face.box);
      REQUIRE(got.size() == 68);
      const float margin = 0.15f * face.box.width();
      for (std::size_t i = 0; i < 68; ++i) {
        total_error += std::hypot(got[i].x - face.points[i].x, got[i].y - face.points[i].y);
        ++points;
        inside += got[i].x >= face.box.left - margin && got[i].x <= face.box.right + margin &&
                  got[i].y >= face.box.top - margin && got[i].y <= face.box.bottom + margin;
      }
    }
  }
  const double mean_error = total_error / points;
  INFO("points " << points << ", mean distance to the annotation " << mean_error
                 << " px, near the box " << inside);
  REQUIRE(points == 25 * 68);
  CHECK(mean_error < 1.0);
  CHECK(inside == points);
}

TEST_CASE("sp68 predicts the same points from several threads at once", "[landmarks][threads]") {
  const auto images = t::load_imglab(t::data_path(kDlibFaces + "training.xml"));
  const auto& image = images.front();
  const RgbImage img = t::load_photo(t::data_path(kDlibFaces + image.file));
  std::vector<std::vector<Point>> alone, together(image.faces.size());
  for (const auto& f : image.faces) alone.push_back(t::shape_predictor().predict(img, f.box));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < image.faces.size(); ++i) {
    threads.emplace_back(
        [&, i] { together[i] = t::shape_predictor().predict(img, image.faces[i].box); });
  }
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < alone.size(); ++i) {
    for (std::size_t j = 0; j < 68; ++j) {
      CHECK(together[i][j].x == alone[i][j].x);
      CHECK(together[i][j].y == alone[i][j].y);
    }
  }
}

TEST_CASE("a missing or corrupt shape predictor is a model error naming the file",
          "[landmarks][errors]") {
  const std::string missing = "/nonexistent/shape_predictor_68.dat";
  const std::string not_a_model = t::data_path(kDlibFaces + "testing.xml");
  for (const std::string& path : {missing, not_a_model}) {
    try {
      DlibShapePredictor sp(path);
      FAIL("loaded " << path);
    } catch (const Error& e) {
      CHECK(e.errc() == Errc::model_error);
      CHECK(std::string(e.what()).find(path) != std::string::npos);
    }
  }
}

TEST_CASE("sp68 rejects an empty image and a box with no area", "[landmarks][errors]") {
  const RgbImage img(100, 100);
  try {
    (void)t::shape_predictor().predict(img, BBox{10, 10, 10, 50});
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.errc() == Errc::invalid_argument);
  }
  CHECK_THROWS_AS(t::shape_predictor().predict(RgbImage{}, BBox{0, 0, 10, 10}), Error);
}
