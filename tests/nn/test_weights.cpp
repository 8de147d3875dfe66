#include <catch2/catch.hpp>

#include <facenapi/error.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "nn/weights.hpp"

using facenapi::detail::nn::Weights;

TEST_CASE("the face recognition weights load with their manifest shapes", "[nn][weights]") {
  const auto w = Weights::load(FACENAPI_TEST_MODEL_DIR, "face_recognition_model");
  const auto& filters = w.get("conv32_down/conv/filters", {7, 7, 3, 32});
  CHECK(filters.size() == 7 * 7 * 3 * 32);
  // Unquantized float32 tensors are read as is; uint8 ones are dequantized into [min, max].
  CHECK(w.get("fc", {256, 128}).size() == 256 * 128);
  CHECK_THROWS_AS(w.get("fc", {128, 256}), facenapi::Error);
  CHECK_THROWS_AS(w.get("no/such/tensor", {1}), facenapi::Error);
}

TEST_CASE("a missing or truncated model file is a model error naming the file", "[nn][weights]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "facenapi_test_weights";
  fs::create_directories(dir);
  for (const char* f : {"tiny_face_detector_model-weights_manifest.json"}) {
    fs::copy_file(fs::path(FACENAPI_TEST_MODEL_DIR) / f, dir / f, fs::copy_options::overwrite_existing);
  }
  try {
    Weights::load(dir.string(), "tiny_face_detector_model");
    FAIL("loaded without its .bin");
  } catch (const facenapi::Error& e) {
    CHECK(e.errc() == facenapi::Errc::model_error);
    CHECK(std::string(e.what()).find("tiny_face_detector_model.bin") != std::string::npos);
  }
  {
    std::ofstream out(dir / "tiny_face_detector_model.bin", std::ios::binary);
    out << "short";
  }
  CHECK_THROWS_AS(Weights::load(dir.string(), "tiny_face_detector_model"), facenapi::Error);
  fs::remove_all(dir);
}
