#include <catch2/catch.hpp>
#include <climits>
#include <cstring>
#include <facenapi/error.hpp>

#include "image/image_test_support.hpp"
#include "image/transform.hpp"

using facenapi::detail::crop;
using facenapi::detail::flip_horizontal;
using facenapi::detail::resize_bilinear;
using facenapi::detail::RgbImage;
using facenapi::detail::rotate_quarter_turns;
using facenapi::test::numbered_image;
using facenapi::test::same_pixels;

namespace {

bool pixel_is(const RgbImage& image, int x, int y, const RgbImage& from, int fx, int fy) {
  return std::memcmp(image.row(y) + x * 3, from.row(fy) + fx * 3, 3) == 0;
}

}  // namespace

TEST_CASE("a clockwise quarter turn puts the left column on top", "[image][transform]") {
  const RgbImage in = numbered_image(4, 3);
  const RgbImage out = rotate_quarter_turns(in, 1);
  REQUIRE(out.width == 3);
  REQUIRE(out.height == 4);
  for (int y = 0; y < 3; ++y) {
    for (int x = 0; x < 4; ++x) CHECK(pixel_is(out, 2 - y, x, in, x, y));
  }
  const RgbImage half = rotate_quarter_turns(in, 2);
  REQUIRE(half.width == 4);
  CHECK(pixel_is(half, 3, 2, in, 0, 0));
  CHECK(pixel_is(half, 0, 0, in, 3, 2));
}

TEST_CASE("quarter turns count modulo 4 and negative turns go counter-clockwise",
          "[image][transform]") {
  const RgbImage in = numbered_image(5, 2);
  CHECK(same_pixels(rotate_quarter_turns(in, 0), in));
  CHECK(same_pixels(rotate_quarter_turns(in, 4), in));
  CHECK(same_pixels(rotate_quarter_turns(in, -8), in));
  CHECK(same_pixels(rotate_quarter_turns(in, -1), rotate_quarter_turns(in, 3)));
  CHECK(same_pixels(rotate_quarter_turns(in, 7), rotate_quarter_turns(in, 3)));
  CHECK(same_pixels(rotate_quarter_turns(in, INT_MIN), in));  // INT_MIN is a multiple of 4
  CHECK(same_pixels(rotate_quarter_turns(rotate_quarter_turns(in, 1), -1), in));
  CHECK(same_pixels(rotate_quarter_turns(rotate_quarter_turns(in, 1), 1),
                    rotate_quarter_turns(in, 2)));
  const RgbImage ccw = rotate_quarter_turns(in, -1);
  CHECK(pixel_is(ccw, 0, 4, in, 0, 0));  // top-left goes to bottom-left
}

TEST_CASE("crop returns the part of the rectangle inside the image", "[image][transform]") {
  const RgbImage in = numbered_image(10, 8);
  const RgbImage inner = crop(in, 2, 3, 4, 2);
  REQUIRE(inner.width == 4);
  REQUIRE(inner.height == 2);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 4; ++x) CHECK(pixel_is(inner, x, y, in, x + 2, y + 3));
  }
  const RgbImage clipped = crop(in, -3, 6, 5, 10);
  CHECK(clipped.width == 2);
  CHECK(clipped.height == 2);
  CHECK(pixel_is(clipped, 0, 0, in, 0, 6));
  CHECK(same_pixels(crop(in, 0, 0, 10, 8), in));
  CHECK(same_pixels(crop(in, INT_MIN, INT_MIN, INT_MAX, INT_MAX), crop(in, 0, 0, 0, 0)));
}

TEST_CASE("a crop that misses the image is empty", "[image][transform]") {
  const RgbImage in = numbered_image(10, 8);
  for (const RgbImage& out :
       {crop(in, 10, 0, 5, 5), crop(in, -5, 0, 5, 5), crop(in, 2, 2, 0, 3), crop(in, 2, 2, -4, 3),
        crop(in, INT_MAX, INT_MAX, INT_MAX, INT_MAX), crop(RgbImage(), 0, 0, 3, 3)}) {
    CHECK(out.empty());
    CHECK(out.pixels.empty());
  }
}

TEST_CASE("flip_horizontal mirrors each row, and twice is the original", "[image][transform]") {
  const RgbImage in = numbered_image(5, 3);
  const RgbImage out = flip_horizontal(in);
  for (int y = 0; y < 3; ++y) {
    for (int x = 0; x < 5; ++x) CHECK(pixel_is(out, x, y, in, 4 - x, y));
  }
  CHECK(same_pixels(flip_horizontal(out), in));
}

TEST_CASE("resize_bilinear interpolates between pixel centres", "[image][transform]") {
  RgbImage two(2, 1);
  two.pixels = {0, 0, 0, 255, 255, 255};
  const RgbImage four = resize_bilinear(two, 4, 1);
  REQUIRE(four.width == 4);
  // Output centres fall at source x = -0.25 (clamped), 0.25, 0.75, 1.25 (clamped).
  CHECK(four.pixels ==
        std::vector<std::uint8_t>{0, 0, 0, 64, 64, 64, 191, 191, 191, 255, 255, 255});
  const RgbImage in = numbered_image(9, 7);
  CHECK(same_pixels(resize_bilinear(in, 9, 7), in));
  RgbImage flat(13, 11);
  std::fill(flat.pixels.begin(), flat.pixels.end(), 77);
  const RgbImage shrunk = resize_bilinear(flat, 5, 3);
  CHECK(shrunk.width == 5);
  CHECK(shrunk.height == 3);
  CHECK(std::all_of(shrunk.pixels.begin(), shrunk.pixels.end(), [](auto v) { return v == 77; }));
}

TEST_CASE("resize_bilinear rejects negative sizes and gives empty images for zero",
          "[image][transform]") {
  const RgbImage in = numbered_image(4, 4);
  CHECK(resize_bilinear(in, 0, 5).empty());
  CHECK_THROWS_AS(resize_bilinear(in, -1, 5), facenapi::Error);
  CHECK_THROWS_AS(resize_bilinear(RgbImage(), 3, 3), facenapi::Error);
}
