// The environment of the store-class tests: a fresh Database per test on each engine (a new
// SQLite file, or a new MongoDB database), plus a hand-made ExtractionFace.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/store.hpp>
#include <optional>
#include <string>

#include "store/store_engines.hpp"

namespace facenapi::test {

template <typename Engine>
struct StoreEnv {
  Engine engine;
  std::string uri;
  std::optional<Database> db;

  StoreEnv() {
    uri = engine.uri();
    if (uri.empty()) {
      WARN("no MongoDB server for the " << Engine::kName << " engine: skipped");
      return;
    }
    if (uri.rfind("mongodb", 0) == 0) uri = unique_database_uri(uri);
    db.emplace(uri);
  }
  bool ready() const { return db.has_value(); }
};

// Requires `expr` to throw facenapi::Error with errc() == `code`.
#define REQUIRE_ERRC(expr, code)         \
  do {                                   \
    try {                                \
      (void)(expr);                      \
      FAIL("no error from " #expr);      \
    } catch (const facenapi::Error& e) { \
      REQUIRE(e.errc() == (code));       \
    }                                    \
  } while (false)

#define STORE_CLASSES_ENV(env)            \
  facenapi::test::StoreEnv<TestType> env; \
  if (!env.ready()) return

// A face as Extractor::extract() returns one, made by hand: a unit 128-float facen that
// depends on `seed`, PNG-signature bytes as the chip, all seven emotions.
inline ExtractionFace make_extraction_face(int seed) {
  ExtractionFace face;
  face.bbox = BBox{-3.5f + seed, 10.25f, 120.5f + seed, 140.75f};
  face.detection_score = 0.93f;
  face.normalized = {0x89,
                     'P',
                     'N',
                     'G',
                     '\r',
                     '\n',
                     0x1a,
                     '\n',
                     0,
                     0,
                     0,
                     13,
                     'I',
                     'H',
                     'D',
                     'R',
                     static_cast<std::uint8_t>(seed)};
  Facen facen;
  facen.model_id = "dlib-resnet29-u8/chip150-v1";
  facen.values.resize(128);
  double norm2 = 0;
  for (int i = 0; i < 128; ++i) {
    facen.values[i] = std::sin(0.37f * (i + 1) * (seed + 1));
    norm2 += facen.values[i] * facen.values[i];
  }
  for (auto& v : facen.values) v = static_cast<float>(v / std::sqrt(norm2));
  face.facen = facen;
  face.gender = seed % 2 ? Gender::female : Gender::male;
  face.gender_probability = 0.8f;
  face.age = 31.5f + seed;
  Emotions emotions;
  emotions.probabilities = {0.1f, 0.6f, 0.05f, 0.05f, 0.05f, 0.05f, 0.1f};
  face.emotions = emotions;
  face.score = -0.00067401276f;
  face.photo_hash = std::string(64, 'a' + seed % 6);
  return face;
}

// make_extraction_face(seed) as a Faces::Model.
inline Faces::Model face_of(int seed) {
  return Faces::Model::from_extraction_face(make_extraction_face(seed));
}

}  // namespace facenapi::test
