#include <catch2/catch.hpp>

#include <facenapi/facenapi.hpp>

#include <cmath>
#include <functional>
#include <future>
#include <numeric>

#include "image/decode.hpp"
#include "image/png_encode.hpp"
#include "image/transform.hpp"
#include "support/dlib_photo.hpp"
#include "support/test_data.hpp"

using facenapi::Errc;
using facenapi::ExtractOptions;
using facenapi_test::face_photo;

namespace {

const facenapi::Extractor& extractor() {
  static const facenapi::Extractor instance;
  return instance;
}

Errc errc_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const facenapi::Error& e) {
    return e.errc();
  }
  return Errc::ok;
}

std::vector<std::uint8_t> as_png(const facenapi::detail::RgbImage& img) {
  return facenapi::detail::encode_png(img);
}

facenapi::detail::RgbImage decode(const std::vector<std::uint8_t>& bytes) {
  return facenapi::detail::decode_image(bytes.data(), bytes.size(), facenapi::ImageLimits{});
}

}  // namespace

TEST_CASE("a photo of two people gives two faces with every field filled", "[extractor]") {
  const auto photo = face_photo("group/fr_obama_and_biden.jpg");
  ExtractOptions ssd;
  ssd.detector = facenapi::Detector::ssd;
  const auto faces = extractor().extract(photo, ssd);
  REQUIRE(faces.size() == 2);
  for (const auto& f : faces) {
    CHECK(f.bbox.width() > 50);
    CHECK(f.bbox.height() > 50);
    CHECK(f.landmarks.size() == 68);
    REQUIRE(f.facen);
    CHECK(f.facen->values.size() == 128);
    const double norm = std::sqrt(std::inner_product(f.facen->values.begin(), f.facen->values.end(),
                                                     f.facen->values.begin(), 0.0));
    CHECK(norm == Approx(1.0).margin(1e-5));
    CHECK(f.facen->model_id == facenapi::facen_model_id());
    REQUIRE(f.gender);
    CHECK(*f.gender == facenapi::Gender::male);
    REQUIRE(f.age);
    CHECK(*f.age > 30);
    CHECK(*f.age < 90);
    REQUIRE(f.emotions);
    const auto& p = f.emotions->probabilities;
    CHECK(std::accumulate(p.begin(), p.end(), 0.0f) == Approx(1.0f).margin(1e-4));
    const auto chip = decode(f.normalized);
    CHECK(chip.width == 150);
    CHECK(chip.height == 150);
    CHECK(f.score > -2.0f);
  }
  // The two men are different people.
  CHECK(faces[0].facen->distance(*faces[1].facen) > facenapi::facen_match_threshold());
}

TEST_CASE("the photo hash is the SHA-256 of the original bytes", "[extractor]") {
  const std::string path = "group/fr_obama_and_biden.jpg";
  const auto faces = extractor().extract(face_photo(path));
  REQUIRE_FALSE(faces.empty());
  CHECK(faces[0].photo_hash == facenapi_test::manifest_sha256(path));
}

TEST_CASE("bad input gives a clear error, never a crash", "[extractor][bad-input]") {
  const auto& x = extractor();
  CHECK(errc_of([&] { x.extract(nullptr, 0); }) == Errc::decode_failed);
  CHECK(errc_of([&] { x.extract(nullptr, 10); }) == Errc::invalid_argument);
  const std::string text = "this is not an image, just some text";
  CHECK(errc_of([&] { x.extract(text.data(), text.size()); }) == Errc::decode_failed);
  const std::vector<std::uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0};
  CHECK(errc_of([&] { x.extract(gif); }) == Errc::unsupported_format);
  auto jpeg = face_photo("group/fr_obama_and_biden.jpg");
  jpeg.resize(jpeg.size() / 3);
  CHECK(errc_of([&] { x.extract(jpeg); }) == Errc::decode_failed);
  ExtractOptions small;
  small.limits.max_pixels = 1000;
  CHECK(errc_of([&] { x.extract(face_photo("group/fr_obama_and_biden.jpg"), small); }) ==
        Errc::too_large);
  ExtractOptions bad;
  bad.min_confidence = 1.5f;
  CHECK(errc_of([&] { x.extract(face_photo("emotion/faceapi_happy.jpg"), bad); }) ==
        Errc::invalid_argument);
  bad = {};
  bad.min_face_size = std::nanf("");
  CHECK(errc_of([&] { x.extract(face_photo("emotion/faceapi_happy.jpg"), bad); }) ==
        Errc::invalid_argument);
}

TEST_CASE("a header claiming 60000x60000 pixels is refused before decoding", "[extractor][bad-input]") {
  // A minimal PNG signature + IHDR chunk; nothing follows, so only the header check can answer.
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13,
                                   'I',  'H', 'D', 'R', 0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60,
                                   8,    2,   0,   0,   0, 0, 0, 0, 0};
  CHECK(errc_of([&] { extractor().extract(png); }) == Errc::too_large);
}

TEST_CASE("a 1x1 image and a photo without a face give no faces", "[extractor][bad-input]") {
  facenapi::detail::RgbImage one(1, 1);
  CHECK(extractor().extract(as_png(one)).empty());
  CHECK(extractor().extract(face_photo("noface/opencv_fruits.jpg")).empty());
  CHECK(extractor().extract(face_photo("noface/faceapi_white.png")).empty());
}

TEST_CASE("the multi-face selector keeps the biggest face or rejects the photo", "[extractor]") {
  const auto photo = face_photo("group/fr_obama_and_biden.jpg");
  ExtractOptions o;
  o.detector = facenapi::Detector::ssd;
  const auto all = extractor().extract(photo, o);
  REQUIRE(all.size() == 2);
  o.mf_selector = facenapi::MultiFaceSelector::biggest;
  const auto biggest = extractor().extract(photo, o);
  REQUIRE(biggest.size() == 1);
  for (const auto& f : all) {
    CHECK(biggest[0].bbox.width() * biggest[0].bbox.height() >= f.bbox.width() * f.bbox.height());
  }
  o.mf_selector = facenapi::MultiFaceSelector::reject;
  CHECK(errc_of([&] { extractor().extract(photo, o); }) == Errc::too_many_faces);
  CHECK(extractor().extract(face_photo("emotion/faceapi_happy.jpg"), o).size() == 1);
}

TEST_CASE("facen, gender/age and emotions can each be skipped", "[extractor]") {
  ExtractOptions o;
  o.facen = false;
  o.gender_age = false;
  o.emotions = false;
  o.normalized = false;
  const auto faces = extractor().extract(face_photo("emotion/faceapi_happy.jpg"), o);
  REQUIRE(faces.size() == 1);
  CHECK_FALSE(faces[0].facen);
  CHECK_FALSE(faces[0].gender);
  CHECK_FALSE(faces[0].age);
  CHECK_FALSE(faces[0].emotions);
  CHECK(faces[0].normalized.empty());
  CHECK(faces[0].landmarks.size() == 68);
}

TEST_CASE("the expression of a labelled photo is its most probable emotion", "[extractor]") {
  for (const std::string e : {"happy", "surprised", "neutral", "sad"}) {
    const auto faces = extractor().extract(face_photo("emotion/faceapi_" + e + ".jpg"));
    REQUIRE(faces.size() == 1);
    REQUIRE(faces[0].emotions);
    CHECK(faces[0].emotions->top(1)[0].first == e);
  }
}

TEST_CASE("every detector and landmarker finds the two men of a portrait photo", "[extractor]") {
  const auto photo = face_photo("group/fr_obama_and_biden.jpg");
  // Obama's face spans x 760-935, Biden's 1147-1320 (the girl in the corner may be found too).
  for (auto d : {facenapi::Detector::tiny, facenapi::Detector::ssd, facenapi::Detector::hog}) {
    for (auto l : {facenapi::Landmarker::faceapi68, facenapi::Landmarker::faceapi68_tiny,
                   facenapi::Landmarker::dlib68}) {
      ExtractOptions o;
      o.detector = d;
      o.landmarker = l;
      o.min_confidence = d == facenapi::Detector::tiny ? 0.4f : -1.0f;
      int men = 0;
      for (const auto& f : extractor().extract(photo, o)) {
        const float cx = (f.bbox.left + f.bbox.right) / 2;
        men += (cx > 760 && cx < 935) || (cx > 1147 && cx < 1320);
      }
      CHECK(men == 2);
    }
  }
}

TEST_CASE("extract() on many threads at once gives the same faces as on one", "[extractor][threads]") {
  const std::vector<std::string> photos = {"group/fr_obama_and_biden.jpg", "emotion/faceapi_happy.jpg",
                                           "group/faceapi_bbt1.jpg", "emotion/faceapi_sad.jpg"};
  std::vector<std::vector<facenapi::ExtractionFace>> serial;
  for (const auto& p : photos) serial.push_back(extractor().extract(face_photo(p)));
  std::vector<std::future<std::vector<facenapi::ExtractionFace>>> futures;
  for (int round = 0; round < 2; ++round) {
    for (const auto& p : photos) {
      futures.push_back(std::async(std::launch::async, [p] { return extractor().extract(face_photo(p)); }));
    }
  }
  for (std::size_t i = 0; i < futures.size(); ++i) {
    const auto got = futures[i].get();
    const auto& want = serial[i % photos.size()];
    REQUIRE(got.size() == want.size());
    for (std::size_t f = 0; f < got.size(); ++f) {
      CHECK(got[f].facen->values == want[f].facen->values);
      CHECK(got[f].bbox.left == want[f].bbox.left);
      CHECK(*got[f].age == *want[f].age);
    }
  }
}

TEST_CASE("an upside-down face is found by rotated search and scores -5 or lower", "[extractor][quality]") {
  const auto upright_bytes = face_photo("emotion/faceapi_neutral.jpg");
  const auto upright = extractor().extract(upright_bytes);
  REQUIRE(upright.size() == 1);
  CHECK(upright[0].score > -1.0f);

  const auto turned = facenapi::detail::rotate_quarter_turns(decode(upright_bytes), 2);
  const auto bytes = as_png(turned);
  for (const auto& f : extractor().extract(bytes)) CHECK(f.score <= -5.0f);  // if found at all
  ExtractOptions o;
  o.rotated_search = true;
  const auto found = extractor().extract(bytes, o);
  REQUIRE(found.size() == 1);
  CHECK(found[0].score <= -5.0f);
  CHECK(std::abs(found[0].pose.roll) > 150.0f);
  // The box is where the face is in the turned photo: the upright box turned by 180 degrees.
  const auto& b = upright[0].bbox;
  CHECK(found[0].bbox.left == Approx(turned.width - b.right).margin(0.1 * b.width()));
  CHECK(found[0].bbox.top == Approx(turned.height - b.bottom).margin(0.1 * b.height()));
  // Same person, same facen up to the detector's small differences.
  CHECK(found[0].facen->distance(*upright[0].facen) < 0.2f);
}

TEST_CASE("a face turned sideways is found by rotated search with its box in the photo", "[extractor]") {
  const auto upright_bytes = face_photo("emotion/faceapi_happy.jpg");
  const auto upright = extractor().extract(upright_bytes);
  REQUIRE(upright.size() == 1);
  const auto img = decode(upright_bytes);
  const auto turned = facenapi::detail::rotate_quarter_turns(img, 1);  // clockwise
  ExtractOptions o;
  o.rotated_search = true;
  const auto found = extractor().extract(as_png(turned), o);
  REQUIRE(found.size() == 1);
  // Clockwise: x' = H - y, y' = x.
  const auto& b = upright[0].bbox;
  const float cx = (found[0].bbox.left + found[0].bbox.right) / 2;
  const float cy = (found[0].bbox.top + found[0].bbox.bottom) / 2;
  CHECK(cx == Approx(img.height - (b.top + b.bottom) / 2).margin(0.1 * b.height()));
  CHECK(cy == Approx((b.left + b.right) / 2).margin(0.1 * b.width()));
  CHECK(std::abs(std::abs(found[0].pose.roll) - 90.0f) < 20.0f);
  CHECK(found[0].score < upright[0].score);
}

TEST_CASE("the quality score falls as the head rolls further from upright", "[extractor][quality]") {
  const auto photo = decode(face_photo("emotion/faceapi_neutral.jpg"));
  float previous = 1.0f;
  // The landmark network follows a roll up to about 45 degrees (at 60 it reports about 35).
  for (double degrees : {0.0, 15.0, 30.0, 45.0}) {
    const auto turned = facenapi::test::rotate_about_center(photo, degrees);
    const auto faces = extractor().extract(as_png(turned));
    REQUIRE(faces.size() == 1);
    INFO("rolled by " << degrees << " degrees: roll " << faces[0].pose.roll << ", score "
                      << faces[0].score);
    CHECK(std::abs(std::abs(faces[0].pose.roll) - degrees) < 10.0);
    CHECK(faces[0].score < previous);
    previous = faces[0].score;
  }
  CHECK(previous <= -1.5f);  // about 40 degrees of roll: 2.5 * (40/45)^2
}

TEST_CASE("a missing model folder is a model error that says where models come from", "[extractor]") {
  facenapi::ModelPaths paths;
  paths.model_dir = "/nonexistent/facenapi/models";
  try {
    facenapi::Extractor broken(paths);
    FAIL("an extractor was built without models");
  } catch (const facenapi::Error& e) {
    CHECK(e.errc() == Errc::model_error);
    const std::string message = e.what();
    CHECK(message.find("/nonexistent/facenapi/models") != std::string::npos);
    CHECK(message.find("fetch_models.sh") != std::string::npos);
  }
}
