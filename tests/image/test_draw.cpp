#include <catch2/catch.hpp>
#include <climits>
#include <set>
#include <string>

#include "image/draw.hpp"

using facenapi::detail::draw_dot;
using facenapi::detail::draw_rectangle;
using facenapi::detail::draw_text;
using facenapi::detail::Rgb;
using facenapi::detail::RgbImage;

namespace {

constexpr Rgb kRed{255, 0, 0};

bool is(const RgbImage& image, int x, int y, Rgb c) {
  const std::uint8_t* p = image.row(y) + x * 3;
  return p[0] == c.r && p[1] == c.g && p[2] == c.b;
}

int count(const RgbImage& image, Rgb c) {
  int n = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) n += is(image, x, y, c);
  }
  return n;
}

}  // namespace

TEST_CASE("a rectangle outline colours its border and leaves inside and outside alone",
          "[image][draw]") {
  RgbImage image(20, 20);
  draw_rectangle(image, 2, 3, 10, 8, kRed, 2);
  for (int y = 0; y < 20; ++y) {
    for (int x = 0; x < 20; ++x) {
      const bool in_rect = x >= 2 && x < 12 && y >= 3 && y < 11;
      const bool in_hole = x >= 4 && x < 10 && y >= 5 && y < 9;
      INFO(x << "," << y);
      CHECK(is(image, x, y, kRed) == (in_rect && !in_hole));
    }
  }
  CHECK(count(image, kRed) == 10 * 8 - 6 * 4);
}

TEST_CASE("shapes partly or wholly outside the image are clipped", "[image][draw]") {
  RgbImage image(10, 10);
  draw_rectangle(image, -5, -5, 10, 10, kRed, 1);  // only its bottom and right edges show
  CHECK(count(image, kRed) == 5 + 5 - 1);
  CHECK(is(image, 4, 4, kRed));
  CHECK(is(image, 0, 4, kRed));
  RgbImage untouched(10, 10);
  draw_rectangle(untouched, INT_MAX - 1, INT_MAX - 1, INT_MAX, INT_MAX, kRed, 3);
  draw_rectangle(untouched, INT_MIN, INT_MIN, 5, 5, kRed, 3);
  draw_rectangle(untouched, 1, 1, 5, 5, kRed, 0);
  draw_dot(untouched, INT_MIN, INT_MAX, INT_MAX, kRed);
  draw_dot(untouched, 5, 5, -1, kRed);
  draw_text(untouched, INT_MAX - 3, 0, "hello", kRed, 1000);
  draw_text(untouched, 0, INT_MIN, "hello", kRed, 3);
  CHECK(count(untouched, kRed) == 0);
  // Extreme sizes that do reach the image cover it without writing outside it.
  RgbImage covered(10, 10);
  draw_rectangle(covered, INT_MIN, INT_MIN, INT_MAX, INT_MAX, kRed, INT_MAX);
  CHECK(count(covered, kRed) == 0);  // ends at -2, left of the image
  draw_dot(covered, 5, 5, INT_MAX, kRed);
  CHECK(count(covered, kRed) == 100);
  RgbImage text_covered(10, 10);
  draw_text(text_covered, INT_MIN, INT_MIN, "hello", kRed, INT_MAX);
  CHECK(count(text_covered, kRed) <= 100);
  RgbImage empty;
  draw_rectangle(empty, 0, 0, 5, 5, kRed, 1);
  draw_dot(empty, 0, 0, 3, kRed);
  draw_text(empty, 0, 0, "x", kRed);
  CHECK(empty.pixels.empty());
}

TEST_CASE("a dot fills exactly the pixels within its radius", "[image][draw]") {
  RgbImage image(11, 11);
  draw_dot(image, 5, 5, 2, kRed);
  // Radius 2 (distance^2 <= 4): the centre, 4 at distance 1, 4 diagonals (2), 4 at distance 2.
  CHECK(count(image, kRed) == 13);
  CHECK(is(image, 5, 3, kRed));
  CHECK_FALSE(is(image, 3, 3, kRed));
  RgbImage one(3, 3);
  draw_dot(one, 1, 1, 0, kRed);
  CHECK(count(one, kRed) == 1);
}

TEST_CASE("text is drawn with the built-in 5x7 font, scaled and clipped", "[image][draw]") {
  using facenapi::detail::glyph_rows;
  RgbImage image(12, 8);
  draw_text(image, 0, 0, "1A", kRed);
  for (int c = 0; c < 2; ++c) {
    const std::uint8_t* rows = glyph_rows(c == 0 ? '1' : 'A');
    for (int y = 0; y < 8; ++y) {
      for (int x = 0; x < 6; ++x) {
        const bool ink = y < 7 && x < 5 && ((rows[y] >> (4 - x)) & 1);
        CHECK(is(image, c * 6 + x, y, kRed) == ink);
      }
    }
  }
  RgbImage big(12, 16);
  draw_text(big, 0, 0, "1", kRed, 2);
  CHECK(count(big, kRed) == 4 * 10);  // '1' has 10 pixels, each now 2x2
  CHECK(facenapi::detail::text_width("abc", 2) == 36);
  CHECK(facenapi::detail::text_height(2) == 16);
  CHECK(facenapi::detail::text_width("") == 0);
  CHECK(glyph_rows('\n') == glyph_rows('?'));
  CHECK(glyph_rows(200) == glyph_rows('?'));
}

TEST_CASE("every printable ASCII character has its own glyph", "[image][draw]") {
  std::set<std::string> seen;
  for (int c = 33; c <= 126; ++c) {
    const std::uint8_t* rows = facenapi::detail::glyph_rows(static_cast<unsigned char>(c));
    const std::string key(rows, rows + facenapi::detail::kGlyphHeight);
    INFO("character '" << static_cast<char>(c) << "'");
    CHECK(key != std::string(7, '\0'));
    CHECK(seen.insert(key).second);
    for (std::uint8_t row : key) CHECK(row < 32);  // only 5 columns
  }
}
