// The face-api detectors: parity with face-api itself (fixtures from the reference tool, PNG
// inputs only) and detection quality on annotated photos.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/error.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "extract/ssd_mobilenet_detector.hpp"
#include "extract/tiny_face_detector.hpp"
#include "support/dlib_load.hpp"

namespace fs = std::filesystem;
using facenapi::BBox;
using facenapi::detail::Detection;
using facenapi::detail::RgbImage;
using facenapi::detail::SsdMobilenetDetector;
using facenapi::detail::TinyFaceDetector;

namespace {

const fs::path kData = FACENAPI_TEST_DATA_DIR;
const fs::path kFaces = kData / "faces";
const fs::path kTool = kData / ".." / "tools" / "faceapi-ref";
const fs::path kFixtures = fs::path(FACENAPI_TEST_FIXTURE_DIR) / "faceapi";

const TinyFaceDetector& tiny() {
  static const TinyFaceDetector d = TinyFaceDetector::load(FACENAPI_TEST_MODEL_DIR);
  return d;
}
const SsdMobilenetDetector& ssd() {
  static const SsdMobilenetDetector d = SsdMobilenetDetector::load(FACENAPI_TEST_MODEL_DIR);
  return d;
}

// The PNG each parity fixture was made from (regenerate_detect.sh lists the same).
const std::map<std::string, fs::path>& parity_inputs() {
  static const std::map<std::string, fs::path> inputs = {
      {"tom", kTool / "examples" / "tom.png"},
      {"face_rectangular", kFaces / "resolution" / "faceapi_face_rectangular.png"},
      {"fr_32bit", kFaces / "resolution" / "fr_32bit.png"},
      {"lin_manuel_miranda", kFaces / "recognition" / "face_recognition" / "Lin-Manuel_Miranda" /
                                 "lin-manuel-miranda.png"},
      {"alex_lacamoire",
       kFaces / "recognition" / "face_recognition" / "Alex_Lacamoire" / "alex-lacamoire.png"},
      {"skimage_chelsea", kFaces / "noface" / "skimage_chelsea.png"},
      {"skimage_coffee", kFaces / "noface" / "skimage_coffee.png"},
      {"white", kFaces / "noface" / "faceapi_white.png"},
  };
  return inputs;
}

double iou(const BBox& a, const BBox& b) {
  const double w = std::max(0.0, double(std::min(a.right, b.right)) - std::max(a.left, b.left));
  const double h = std::max(0.0, double(std::min(a.bottom, b.bottom)) - std::max(a.top, b.top));
  const double inter = w * h;
  return inter / (double(a.width()) * a.height() + double(b.width()) * b.height() - inter);
}

struct ParityDiff {
  double box_px = 0;   // largest coordinate difference in pixels
  double box_rel = 0;  // the same relative to the photo's longer side
  double score = 0;
  int faces = 0;
};

// Compares our detections with one fixture; every reference face must have a counterpart.
void check_parity(const std::string& name, const std::string& detector, ParityDiff& worst) {
  std::ifstream in(kFixtures / (name + "." + detector + ".detect.json"));
  REQUIRE(in);
  const auto ref = nlohmann::json::parse(in);
  const RgbImage img = facenapi::test::dlib_load_rgb(parity_inputs().at(name).string());
  REQUIRE(img.width == ref["image"]["width"].get<int>());
  REQUIRE(img.height == ref["image"]["height"].get<int>());
  const std::vector<Detection> ours = detector == "tiny" ? tiny().detect(img) : ssd().detect(img);
  INFO(name << " " << detector);
  REQUIRE(ours.size() == ref["faces"].size());
  const double side = std::max(img.width, img.height);
  std::vector<bool> used(ours.size(), false);
  for (const auto& face : ref["faces"]) {
    const auto& b = face["box"];
    const BBox want{b["x"].get<float>(), b["y"].get<float>(),
                    b["x"].get<float>() + b["width"].get<float>(),
                    b["y"].get<float>() + b["height"].get<float>()};
    std::size_t best = 0;
    double best_iou = -1;
    for (std::size_t i = 0; i < ours.size(); ++i) {
      if (!used[i] && iou(ours[i].box, want) > best_iou)
        best_iou = iou(ours[i].box, want), best = i;
    }
    used[best] = true;
    const Detection& got = ours[best];
    const double px =
        std::max({std::abs(got.box.left - want.left), std::abs(got.box.top - want.top),
                  std::abs(got.box.right - want.right), std::abs(got.box.bottom - want.bottom)});
    const double score = std::abs(got.score - face["score"].get<double>());
    worst.box_px = std::max(worst.box_px, px);
    worst.box_rel = std::max(worst.box_rel, px / side);
    worst.score = std::max(worst.score, score);
    ++worst.faces;
    CHECK(px / side <= 1e-3);
    CHECK(px <= 0.5);
    CHECK(score <= 1e-3);
  }
}

// Ground-truth face boxes of dlib's examples/faces (imglab XML).
struct Annotated {
  std::string file;
  std::vector<BBox> faces;
  std::vector<BBox> ignored;
};

std::vector<Annotated> read_imglab(const fs::path& xml) {
  std::ifstream in(xml);
  REQUIRE(in);
  const std::regex image_re(R"(<image\s+file='([^']+)')");
  const std::regex box_re(
      R"(<box\s+top='(-?\d+)'\s+left='(-?\d+)'\s+width='(\d+)'\s+height='(\d+)'([^>]*)>)");
  std::vector<Annotated> images;
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, image_re)) {
      images.push_back({m[1].str(), {}, {}});
    } else if (std::regex_search(line, m, box_re) && !images.empty()) {
      const float top = std::stof(m[1]), left = std::stof(m[2]);
      const BBox box{left, top, left + std::stof(m[3]), top + std::stof(m[4])};
      const bool ignore = m[5].str().find("ignore='1'") != std::string::npos;
      (ignore ? images.back().ignored : images.back().faces).push_back(box);
    }
  }
  return images;
}

struct Quality {
  int faces = 0, found = 0, false_positives = 0, images = 0;
  double recall() const { return faces ? double(found) / faces : 0; }
};

constexpr double kMatchIou = 0.4;

// One-to-one matching by descending IoU >= kMatchIou; a detection on an ignored face is
// neither a hit nor a false positive.
template <typename Detect>
Quality evaluate(Detect detect) {
  Quality q;
  const fs::path dir = kFaces / "group" / "dlib_faces";
  for (const char* xml : {"training.xml", "testing.xml"}) {
    for (const Annotated& a : read_imglab(dir / xml)) {
      const std::vector<Detection> dets =
          detect(facenapi::test::dlib_load_rgb((dir / a.file).string()));
      std::vector<bool> det_used(dets.size(), false), face_found(a.faces.size(), false);
      struct Pair {
        double iou;
        std::size_t det, face;
      };
      std::vector<Pair> pairs;
      for (std::size_t d = 0; d < dets.size(); ++d) {
        for (std::size_t f = 0; f < a.faces.size(); ++f) {
          const double v = iou(dets[d].box, a.faces[f]);
          if (v >= kMatchIou) pairs.push_back({v, d, f});
        }
      }
      std::sort(pairs.begin(), pairs.end(),
                [](const Pair& x, const Pair& y) { return x.iou > y.iou; });
      for (const Pair& p : pairs) {
        if (det_used[p.det] || face_found[p.face]) continue;
        det_used[p.det] = face_found[p.face] = true;
      }
      for (std::size_t d = 0; d < dets.size(); ++d) {
        if (det_used[d]) continue;
        const bool on_ignored = std::any_of(a.ignored.begin(), a.ignored.end(), [&](const BBox& b) {
          return iou(dets[d].box, b) >= kMatchIou;
        });
        if (!on_ignored) ++q.false_positives;
      }
      q.faces += static_cast<int>(a.faces.size());
      q.found += static_cast<int>(std::count(face_found.begin(), face_found.end(), true));
      ++q.images;
    }
  }
  return q;
}

// Files of noface/ on which a detector reports at least one face.
template <typename Detect>
std::set<std::string> noface_hits(Detect detect) {
  std::set<std::string> hits;
  for (const auto& entry : fs::directory_iterator(kFaces / "noface")) {
    if (!detect(facenapi::test::dlib_load_rgb(entry.path().string())).empty()) {
      hits.insert(entry.path().filename().string());
    }
  }
  return hits;
}

// noface/ images that show something face-like (MANIFEST.md: animal faces, paintings, cartoons).
const std::set<std::string> kHardNegatives = {"ambiguous_dlib_scream.jpg", "dlib_dogs.jpg",
                                              "opencv_HappyFish.jpg",      "opencv_baboon.jpg",
                                              "opencv_starry_night.jpg",   "skimage_chelsea.png"};

// Files in `hits` that are neither hard negatives nor in `known`.
std::set<std::string> unexpected(const std::set<std::string>& hits,
                                 const std::set<std::string>& known) {
  std::set<std::string> out;
  for (const auto& h : hits) {
    if (!kHardNegatives.count(h) && !known.count(h)) out.insert(h);
  }
  return out;
}

}  // namespace

TEST_CASE("the tiny face detector finds the faces face-api finds, with the same boxes and scores",
          "[extract][tiny][parity]") {
  ParityDiff worst;
  for (const auto& [name, path] : parity_inputs()) check_parity(name, "tiny", worst);
  INFO("tiny parity: faces " << worst.faces << ", max box diff " << worst.box_px << " px ("
                             << worst.box_rel << " of the side), max score diff " << worst.score);
  CHECK(worst.faces >= 5);
}

TEST_CASE("the tiny face detector rejects bad options and finds nothing in an empty or blank image",
          "[extract][tiny]") {
  const RgbImage img(64, 48);
  CHECK_THROWS_AS(tiny().detect(img, 400), facenapi::Error);
  CHECK_THROWS_AS(tiny().detect(img, 0), facenapi::Error);
  CHECK_THROWS_AS(tiny().detect(img, 416, 1.5f), facenapi::Error);
  CHECK(tiny().detect(RgbImage{}).empty());
  CHECK(tiny().detect(img, 320).empty());
}

TEST_CASE("the tiny face detector finds most annotated faces in dlib's group photos",
          "[extract][tiny][quality]") {
  const Quality q = evaluate([](const RgbImage& img) { return tiny().detect(img); });
  INFO("tiny: recall " << q.found << "/" << q.faces << " = " << q.recall() << ", false positives "
                       << q.false_positives << " on " << q.images << " images");
  // Measured: 27 of 43 faces, 3 false positives. The tiny detector's boxes cover the whole
  // head, larger than dlib's tight annotations, so some true hits fall under IoU 0.4.
  CHECK(q.faces == 43);
  CHECK(q.found >= 25);
  CHECK(q.false_positives <= 5);
}

TEST_CASE("the tiny face detector fires on face-free photos only where something looks like a face",
          "[extract][tiny][quality]") {
  // Measured: only opencv_baboon.jpg (a mandrill's face).
  const auto hits = noface_hits([](const RgbImage& img) { return tiny().detect(img); });
  CHECK(unexpected(hits, {}) == std::set<std::string>{});
  CHECK(hits.size() <= 2);
}

TEST_CASE("the SSD detector finds the faces face-api finds, with the same boxes and scores",
          "[extract][ssd][parity]") {
  ParityDiff worst;
  for (const auto& [name, path] : parity_inputs()) check_parity(name, "ssd", worst);
  INFO("ssd parity: faces " << worst.faces << ", max box diff " << worst.box_px << " px ("
                            << worst.box_rel << " of the side), max score diff " << worst.score);
  CHECK(worst.faces >= 5);
}

TEST_CASE("the SSD detector rejects bad options and finds nothing in an empty or blank image",
          "[extract][ssd]") {
  const RgbImage img(64, 48);
  CHECK_THROWS_AS(ssd().detect(img, -0.1f), facenapi::Error);
  CHECK_THROWS_AS(ssd().detect(img, 1.0f), facenapi::Error);
  CHECK_THROWS_AS(ssd().detect(img, 0.5f, 0), facenapi::Error);
  CHECK(ssd().detect(RgbImage{}).empty());
  CHECK(ssd().detect(img).empty());
}

TEST_CASE("the SSD detector finds most annotated faces in dlib's group photos",
          "[extract][ssd][quality]") {
  const Quality q = evaluate([](const RgbImage& img) { return ssd().detect(img); });
  INFO("ssd: recall " << q.found << "/" << q.faces << " = " << q.recall() << ", false positives "
                      << q.false_positives << " on " << q.images << " images");
  // Measured: 42 of 43 faces, no false positives.
  CHECK(q.faces == 43);
  CHECK(q.found >= 40);
  CHECK(q.false_positives <= 2);
}

TEST_CASE("the SSD detector fires on face-free photos only where something looks like a face",
          "[extract][ssd][quality]") {
  // Measured: dlib_dogs.jpg and skimage_chelsea.png (animal faces), and opencv_board.jpg: a
  // 15x22 px box on a circuit board at score 0.70, which face-api itself reports too (checked
  // with the reference tool), so it is the model's, not the port's.
  const auto hits = noface_hits([](const RgbImage& img) { return ssd().detect(img); });
  CHECK(unexpected(hits, {"opencv_board.jpg"}) == std::set<std::string>{});
  CHECK(hits.size() <= 4);
}

TEST_CASE("one loaded detector serves several threads at once with unchanged results",
          "[extract][tiny][ssd][threads]") {
  const RgbImage img = facenapi::test::dlib_load_rgb((kTool / "examples" / "tom.png").string());
  const auto tiny_once = tiny().detect(img);
  const auto ssd_once = ssd().detect(img);
  REQUIRE(tiny_once.size() == 1);
  REQUIRE(ssd_once.size() == 1);
  std::vector<std::vector<Detection>> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] { results[t] = t % 2 ? ssd().detect(img) : tiny().detect(img); });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < results.size(); ++t) {
    const auto& want = t % 2 ? ssd_once : tiny_once;
    REQUIRE(results[t].size() == want.size());
    CHECK(results[t][0].score == want[0].score);
    CHECK(results[t][0].box.left == want[0].box.left);
    CHECK(results[t][0].box.bottom == want[0].box.bottom);
  }
}
