// The four face networks against face-api 1.7.15 (tfjs cpu backend) on the same chips: the
// fixtures tests/fixtures/faceapi/*.chip.json come from tests/fixtures/faceapi/regenerate.sh.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/sha256.hpp"
#include "extract/age_gender_net.hpp"
#include "extract/expression_net.hpp"
#include "extract/facen_net.hpp"
#include "extract/landmark_net.hpp"
#include "support/png_rgb.hpp"

using namespace facenapi::detail;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-3;

const char* const kFixtures[] = {
    "john_salley_0",
    "john_salley_1",
    "john_simm_0",
    "tom",
    "tom_descriptor_crop",
    "tom_landmark_crop",
    "faceapi_face_rectangular",
    "fr_32bit",
};

struct Case {
  std::string name;
  json ref;
  RgbImage chip;
};

// The fixture and the chip it was made from (the shared PNG, cropped when the fixture says so).
// The chip's pixels must hash to the reference tool's, or the comparison would be meaningless.
Case load_case(const std::string& name) {
  Case c;
  c.name = name;
  std::ifstream in(std::string(FACENAPI_TEST_FIXTURE_DIR) + "/faceapi/" + name + ".chip.json");
  REQUIRE(in);
  in >> c.ref;
  const std::string png =
      std::string(FACENAPI_TEST_DATA_DIR) + "/../" + c.ref["source"].get<std::string>();
  c.chip = facenapi::test::load_png_rgb(png);
  if (!c.ref["crop"].is_null()) {
    const json& b = c.ref["crop"];
    c.chip = facenapi::test::crop(c.chip, b["x"], b["y"], b["width"], b["height"]);
  }
  REQUIRE(c.chip.width == c.ref["image"]["width"].get<int>());
  REQUIRE(c.chip.height == c.ref["image"]["height"].get<int>());
  REQUIRE(sha256_hex(c.chip.pixels.data(), c.chip.pixels.size()) ==
          c.ref["image"]["rgbSha256"].get<std::string>());
  return c;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    std::vector<Case> v;
    for (const char* name : kFixtures) v.push_back(load_case(name));
    return v;
  }();
  return all;
}

std::string model_dir() { return FACENAPI_TEST_MODEL_DIR; }

template <typename Values>
double max_abs_diff(const Values& ours, const json& ref) {
  REQUIRE(ref.size() == ours.size());
  double m = 0;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    m = std::max(m, std::abs(static_cast<double>(ours[i]) - ref[i].get<double>()));
  }
  return m;
}

void report(const std::string& net, const std::string& fixture, const std::string& output,
            double diff) {
  std::printf("%-18s %-26s %-12s max abs diff %.3g\n", net.c_str(), fixture.c_str(), output.c_str(),
              diff);
}

}  // namespace

TEST_CASE("the descriptor net matches face-api's descriptor on the same chip", "[extract][facen]") {
  const FacenNet net = FacenNet::load(model_dir());
  for (const Case& c : cases()) {
    const double d = max_abs_diff(net.describe(c.chip), c.ref["descriptor"]);
    report("face_recognition", c.name, "descriptor", d);
    INFO(c.name);
    CHECK(d <= kTolerance);
  }
}

TEST_CASE("two chips of one person are closer than chips of different people", "[extract][facen]") {
  const FacenNet net = FacenNet::load(model_dir());
  const std::string dir = std::string(FACENAPI_TEST_DATA_DIR) + "/../tools/faceapi-ref/examples/";
  const auto salley0 = net.describe(facenapi::test::load_png_rgb(dir + "john_salley_0.png"));
  const auto salley1 = net.describe(facenapi::test::load_png_rgb(dir + "john_salley_1.png"));
  const auto simm0 = net.describe(facenapi::test::load_png_rgb(dir + "john_simm_0.png"));
  const float same = descriptor_distance(salley0, salley1);
  CHECK(same < FacenNet::kSamePersonDistance);
  CHECK(descriptor_distance(salley0, simm0) > FacenNet::kSamePersonDistance);
  CHECK(descriptor_distance(salley1, simm0) > FacenNet::kSamePersonDistance);
  CHECK(same < descriptor_distance(salley0, simm0));
  // dlib's divisor moves the descriptor only slightly (models_spec.md §8).
  const auto dlib0 =
      net.describe(facenapi::test::load_png_rgb(dir + "john_salley_0.png"), FacenNet::kDlibDivisor);
  CHECK(descriptor_distance(salley0, dlib0) < 0.01f);
}

TEST_CASE("a batch of chips gets each chip's own descriptor, bit for bit", "[extract][facen]") {
  const FacenNet net = FacenNet::load(model_dir());
  std::vector<RgbImage> chips;
  for (const Case& c : cases()) chips.push_back(c.chip);
  chips.insert(chips.begin() + 1, RgbImage{});  // an empty chip in the middle: zeros, in place
  const auto batch = net.describe_batch(chips, FacenNet::kDlibDivisor);
  REQUIRE(batch.size() == chips.size());
  for (std::size_t i = 0; i < chips.size(); ++i) {
    INFO(i);
    CHECK(batch[i] == net.describe(chips[i], FacenNet::kDlibDivisor));
  }
  CHECK(net.describe_batch({}).empty());
}

TEST_CASE("an empty crop gives a zero descriptor, as face-api does", "[extract][facen]") {
  const FacenNet net = FacenNet::load(model_dir());
  const auto d = net.describe(RgbImage{});
  CHECK(std::all_of(d.begin(), d.end(), [](float v) { return v == 0.0f; }));
}

TEST_CASE("both landmark nets match face-api's raw outputs and chip-pixel points",
          "[extract][landmarks]") {
  for (const bool tiny : {false, true}) {
    const LandmarkNet net = LandmarkNet::load(model_dir(), tiny);
    const std::string key = tiny ? "landmarks68tiny" : "landmarks68";
    for (const Case& c : cases()) {
      const Landmarks68 lm = net.detect(c.chip);
      const double raw = max_abs_diff(lm.raw, c.ref[key]["raw"]);
      double px = 0;
      for (int i = 0; i < Landmarks68::kPointCount; ++i) {
        const json& p = c.ref[key]["positions"][i];
        px = std::max(px, std::abs(lm.points[i].x - p[0].get<double>()));
        px = std::max(px, std::abs(lm.points[i].y - p[1].get<double>()));
      }
      report(tiny ? "face_landmark_68_tiny" : "face_landmark_68", c.name, "raw", raw);
      report(tiny ? "face_landmark_68_tiny" : "face_landmark_68", c.name, "points px", px);
      INFO(c.name << (tiny ? " tiny" : " full"));
      CHECK(raw <= kTolerance);
      CHECK(px <= kTolerance);
    }
  }
}

TEST_CASE("the age/gender net matches face-api's age and gender probabilities",
          "[extract][age_gender]") {
  const AgeGenderNet net = AgeGenderNet::load(model_dir());
  for (const Case& c : cases()) {
    const AgeGender r = net.predict(c.chip);
    const json& ref = c.ref["ageGender"];
    const double age = std::abs(r.age - ref["age"].get<double>());
    const double probs = max_abs_diff(std::vector<float>{r.male, r.female}, ref["genderProbs"]);
    report("age_gender", c.name, "age", age);
    report("age_gender", c.name, "gender probs", probs);
    INFO(c.name);
    CHECK(age <= kTolerance);
    CHECK(probs <= kTolerance);
  }
}

TEST_CASE("the expression net matches face-api's 7 probabilities in face-api's order",
          "[extract][expressions]") {
  const ExpressionNet net = ExpressionNet::load(model_dir());
  for (const Case& c : cases()) {
    const json& ref = c.ref["expressions"];
    for (int i = 0; i < ExpressionNet::kExpressionCount; ++i) {
      REQUIRE(ref["labels"][i].get<std::string>() == ExpressionNet::kLabels[i]);
    }
    const double d = max_abs_diff(net.predict(c.chip), ref["probs"]);
    report("face_expression", c.name, "probs", d);
    INFO(c.name);
    CHECK(d <= kTolerance);
  }
}

TEST_CASE("one loaded net gives the same results on many threads at once", "[extract][threads]") {
  const FacenNet facen = FacenNet::load(model_dir());
  const LandmarkNet landmarks = LandmarkNet::load(model_dir(), false);
  const AgeGenderNet age_gender = AgeGenderNet::load(model_dir());
  const ExpressionNet expressions = ExpressionNet::load(model_dir());
  struct Result {
    FacenNet::Descriptor descriptor;
    Landmarks68 landmarks;
    AgeGender age_gender;
    ExpressionNet::Probabilities expressions;
  };
  auto run = [&](const RgbImage& chip) {
    return Result{facen.describe(chip), landmarks.detect(chip), age_gender.predict(chip),
                  expressions.predict(chip)};
  };
  std::vector<Result> serial;
  for (const Case& c : cases()) serial.push_back(run(c.chip));
  constexpr int kThreads = 4;
  std::vector<std::vector<Result>> parallel(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread walks the chips from a different start, so different layers overlap.
      const auto& all = cases();
      for (std::size_t i = 0; i < all.size(); ++i) {
        parallel[t].push_back(run(all[(i + t) % all.size()].chip));
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    for (std::size_t i = 0; i < serial.size(); ++i) {
      const Result& want = serial[(i + t) % serial.size()];
      const Result& got = parallel[t][i];
      CHECK(got.descriptor == want.descriptor);
      CHECK(got.landmarks.raw == want.landmarks.raw);
      CHECK(got.age_gender.age == want.age_gender.age);
      CHECK(got.age_gender.male == want.age_gender.male);
      CHECK(got.expressions == want.expressions);
    }
  }
}
