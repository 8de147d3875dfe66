#include <dirent.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <facenapi/error.hpp>
#include <string>
#include <thread>
#include <vector>

#include "extract/hog_detector.hpp"
#include "extract/shared_models.hpp"
#include "support/dlib_photo.hpp"

using facenapi::BBox;
using facenapi::Errc;
using facenapi::Error;
using facenapi::detail::Detection;
using facenapi::detail::hog_margin_to_score;
using facenapi::detail::hog_score_to_margin;
using facenapi::detail::HogDetector;
using facenapi::detail::RgbImage;
namespace t = facenapi::test;

namespace {

const std::string kDlibFaces = "faces/group/dlib_faces/";

struct MatchCount {
  int truth = 0;
  int found = 0;            // truth boxes matched by a detection at IoU >= 0.4
  int false_positives = 0;  // detections matching no truth box
};

// Greedy one-to-one matching, strongest detection first.
MatchCount match(const std::vector<BBox>& truth, const std::vector<Detection>& dets) {
  MatchCount m;
  m.truth = static_cast<int>(truth.size());
  std::vector<bool> used(truth.size(), false);
  for (const Detection& d : dets) {
    int best = -1;
    double best_iou = 0.4;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      const double v = t::iou(d.box, truth[i]);
      if (!used[i] && v >= best_iou) {
        best = static_cast<int>(i);
        best_iou = v;
      }
    }
    if (best >= 0) {
      used[best] = true;
      ++m.found;
    } else {
      ++m.false_positives;
    }
  }
  return m;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() > 4 &&
          (name.substr(name.size() - 4) == ".jpg" || name.substr(name.size() - 4) == ".png")) {
        out.push_back(name);
      }
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("HOG finds the annotated faces of dlib's example photos", "[hog][detect]") {
  const HogDetector& hog = t::hog_detector();
  MatchCount total;
  for (const char* xml : {"testing.xml", "training.xml"}) {
    for (const auto& image : t::load_imglab(t::data_path(kDlibFaces + xml))) {
      const RgbImage img = t::load_photo(t::data_path(kDlibFaces + image.file));
      std::vector<BBox> truth;
      for (const auto& f : image.faces) truth.push_back(f.box);
      // The faces are 37-109 px; the 80 px HOG window needs one doubling to see them.
      const MatchCount m = match(truth, hog.detect(img, 0.0, 1));
      total.truth += m.truth;
      total.found += m.found;
      total.false_positives += m.false_positives;
    }
  }
  const double recall = static_cast<double>(total.found) / total.truth;
  INFO("truth " << total.truth << " found " << total.found << " recall " << recall
                << " false positives " << total.false_positives);
  REQUIRE(total.truth == 43);
  CHECK(recall >= 0.95);
  CHECK(total.false_positives <= 2);
}

TEST_CASE("HOG misses small faces unless the photo is upsampled", "[hog][detect]") {
  const HogDetector& hog = t::hog_detector();
  const auto images = t::load_imglab(t::data_path(kDlibFaces + "testing.xml"));
  const auto& image = images.front();  // 2008_002470.jpg: six faces of 37-53 px
  REQUIRE(image.file == "2008_002470.jpg");
  const RgbImage img = t::load_photo(t::data_path(kDlibFaces + image.file));
  std::vector<BBox> truth;
  for (const auto& f : image.faces) truth.push_back(f.box);
  const MatchCount plain = match(truth, hog.detect(img, 0.0, 0));
  const MatchCount doubled = match(truth, hog.detect(img, 0.0, 1));
  INFO("plain " << plain.found << ", upsampled " << doubled.found << " of " << truth.size());
  CHECK(plain.found <= 1);
  CHECK(doubled.found >= 5);
}

TEST_CASE("HOG finds no face in most photos without people", "[hog][detect]") {
  const HogDetector& hog = t::hog_detector();
  const std::string dir = t::data_path("faces/noface");
  int photos = 0, photos_with_faces = 0, detections = 0;
  std::string fired;
  for (const std::string& name : files_in(dir)) {
    if (name.rfind("ambiguous_", 0) == 0) continue;  // a painted face: either answer is fine
    const auto dets = hog.detect(t::load_photo(dir + "/" + name), 0.0, 1);
    ++photos;
    detections += static_cast<int>(dets.size());
    if (!dets.empty()) {
      ++photos_with_faces;
      fired += " " + name;
    }
  }
  INFO(photos_with_faces << " of " << photos << " photos had " << detections
                         << " detections:" << fired);
  REQUIRE(photos >= 20);
  CHECK(photos_with_faces <= 2);
}

TEST_CASE("HOG scores are a logistic of the margin, 0.5 at dlib's threshold", "[hog]") {
  CHECK(hog_margin_to_score(0.0) == Approx(0.5f));
  CHECK(hog_margin_to_score(1.0) > hog_margin_to_score(0.5));
  CHECK(hog_margin_to_score(-1.0) == Approx(1.0f - hog_margin_to_score(1.0)));
  for (double m : {-2.0, -0.5, 0.0, 0.7, 3.0}) {
    CHECK(hog_score_to_margin(hog_margin_to_score(m)) == Approx(m).margin(1e-5));
  }

  // Lowering dlib's threshold by 0.5 keeps every face and adds weaker ones below 0.5.
  const HogDetector& hog = t::hog_detector();
  const RgbImage img = t::load_photo(t::data_path(kDlibFaces + "2007_007763.jpg"));
  const auto strict = hog.detect(img, 0.0, 1);
  const auto loose = hog.detect(img, -0.5, 1);
  REQUIRE(!strict.empty());
  CHECK(loose.size() > strict.size());
  for (const auto& d : strict) {
    CHECK(d.score >= 0.5f);
    bool kept = false;
    for (const auto& l : loose) kept = kept || (t::iou(d.box, l.box) > 0.9 && l.score == d.score);
    CHECK(kept);
  }
  int weak = 0;
  for (const auto& d : loose) {
    CHECK(d.score >= hog_margin_to_score(-0.5) - 1e-6f);
    weak += d.score < 0.5f;
  }
  CHECK(weak == static_cast<int>(loose.size() - strict.size()));
  // Strongest first.
  for (std::size_t i = 1; i < loose.size(); ++i) CHECK(loose[i - 1].score >= loose[i].score);
}

TEST_CASE("one HogDetector detects from several threads at once", "[hog][threads]") {
  const HogDetector& hog = t::hog_detector();
  const std::vector<std::string> names = {"2008_002470.jpg", "2008_002506.jpg", "2008_004176.jpg",
                                          "2009_004587.jpg"};
  std::vector<RgbImage> images;
  std::vector<std::vector<Detection>> alone;
  for (const auto& n : names) {
    images.push_back(t::load_photo(t::data_path(kDlibFaces + n)));
    alone.push_back(hog.detect(images.back(), 0.0, 1));
  }
  std::vector<std::vector<Detection>> together(names.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < names.size(); ++i) {
    threads.emplace_back([&, i] { together[i] = hog.detect(images[i], 0.0, 1); });
  }
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < names.size(); ++i) {
    REQUIRE(together[i].size() == alone[i].size());
    for (std::size_t j = 0; j < alone[i].size(); ++j) {
      CHECK(together[i][j].box.left == alone[i][j].box.left);
      CHECK(together[i][j].box.bottom == alone[i][j].box.bottom);
      CHECK(together[i][j].score == alone[i][j].score);
    }
  }
}

TEST_CASE("HOG rejects a bad upsample count and finds nothing in an empty image", "[hog]") {
  const HogDetector& hog = t::hog_detector();
  const RgbImage img(64, 64);
  try {
    (void)hog.detect(img, 0.0, -1);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.errc() == Errc::invalid_argument);
  }
  CHECK_THROWS_AS(hog.detect(img, 0.0, HogDetector::kMaxUpsample + 1), Error);
  CHECK(hog.detect(RgbImage{}, 0.0, 1).empty());
}
