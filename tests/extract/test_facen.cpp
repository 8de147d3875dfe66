#include <catch2/catch.hpp>

#include <facenapi/error.hpp>
#include <facenapi/extraction_face.hpp>
#include <facenapi/extractor.hpp>

#include <cmath>
#include <functional>
#include <cstring>
#include <limits>

#include "common/base64.hpp"

using facenapi::Errc;
using facenapi::Error;
using facenapi::Facen;

namespace {

Facen sample_facen() {
  Facen f{facenapi::facen_model_id(), std::vector<float>(128)};
  for (std::size_t i = 0; i < f.values.size(); ++i) f.values[i] = std::sin(0.1f * i) / 8.0f;
  return f;
}

Errc errc_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.errc();
  }
  return Errc::ok;
}

}  // namespace

TEST_CASE("a facen survives the trip through base64 bit for bit", "[facen]") {
  const Facen f = sample_facen();
  const std::string text = f.to_base64();
  CHECK(text.size() == (128 * 4 + 2) / 3 * 4);
  const Facen back = Facen::from_base64(text, f.model_id);
  CHECK(back.values == f.values);
  CHECK(back.distance(f) == 0.0f);
}

TEST_CASE("the base64 facen is little-endian float32", "[facen]") {
  Facen f{facenapi::facen_model_id(), {1.0f, -2.0f}};
  CHECK(f.to_base64() == "AACAPwAAAMA=");  // 0x3f800000, 0xc0000000 little-endian
}

TEST_CASE("an invalid facen is rejected with a clear error", "[facen]") {
  const std::string model = facenapi::facen_model_id();
  CHECK(errc_of([&] { Facen::from_base64("not base64!", model); }) == Errc::invalid_argument);
  const std::string short_text = Facen{model, std::vector<float>(127, 0.1f)}.to_base64();
  CHECK(errc_of([&] { Facen::from_base64(short_text, model); }) == Errc::invalid_argument);
  std::vector<float> with_nan(128, 0.1f);
  with_nan[5] = std::numeric_limits<float>::quiet_NaN();
  const std::string nan_text = Facen{model, with_nan}.to_base64();
  CHECK(errc_of([&] { Facen::from_base64(nan_text, model); }) == Errc::invalid_argument);
}

TEST_CASE("facens of different models are never compared", "[facen]") {
  const Facen a = sample_facen();
  Facen b = sample_facen();
  b.model_id = "some-other-model";
  CHECK(errc_of([&] { a.distance(b); }) == Errc::invalid_argument);
}

TEST_CASE("the two most prevalent emotions come first", "[emotions]") {
  facenapi::Emotions e;
  e.probabilities = {0.1f, 0.05f, 0.02f, 0.5f, 0.03f, 0.0f, 0.3f};
  const auto top = e.top(2);
  REQUIRE(top.size() == 2);
  CHECK(top[0].first == "angry");
  CHECK(top[1].first == "surprised");
  CHECK(top[1].second == 0.3f);
  CHECK(e.top(100).size() == 7);
}
