#include <catch2/catch.hpp>
#include <cstring>
#include <tuple>

#include "nn/preprocess.hpp"
#include "nn/square_input.hpp"

using namespace facenapi::detail;

namespace {

RgbImage pattern(int w, int h) {
  RgbImage img(w, h);
  for (std::size_t i = 0; i < img.pixels.size(); ++i) {
    img.pixels[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 13);
  }
  return img;
}

}  // namespace

TEST_CASE("the direct square input equals pad-to-square then resize, bit for bit",
          "[nn][preprocess]") {
  using nn::PadMode;
  for (const auto& [w, h, size, mode] : {std::tuple{700, 300, 416, PadMode::bottom_right},
                                         {300, 700, 512, PadMode::bottom_right},
                                         {300, 700, 112, PadMode::centered},
                                         {201, 77, 150, PadMode::centered},
                                         {77, 202, 150, PadMode::centered},
                                         {50, 30, 112, PadMode::centered},
                                         {50, 30, 416, PadMode::bottom_right},
                                         {512, 400, 512, PadMode::bottom_right},
                                         {1, 1, 32, PadMode::bottom_right}}) {
    INFO(w << "x" << h << " -> " << size);
    const RgbImage img = pattern(w, h);
    const nn::Tensor want = nn::to_square_input(img, size, mode);
    const nn::Tensor got = nn::to_square_input_direct(img, size, mode);
    REQUIRE(got.h == size);
    REQUIRE(got.w == size);
    REQUIRE(got.c == 3);
    CHECK(std::memcmp(got.data.data(), want.data.data(), want.size() * sizeof(float)) == 0);
  }
}
