// Simple drawing on an RgbImage: box outlines, dots and short text labels (for the CLI's --draw).
// Everything is clipped to the image: any coordinates, including ones far outside it, are safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
};

// Fills the pixels of the rectangle [x, x + w) x [y, y + h) that lie inside the image.
void fill_rect(RgbImage& image, int x, int y, int w, int h, Rgb colour);

// The outline of the rectangle [x, x + w) x [y, y + h), `thickness` pixels wide, drawn inside the
// rectangle (so the outline never grows it). Nothing is drawn when w, h or thickness is not
// positive; a thickness of half the shorter side or more fills the rectangle.
void draw_rectangle(RgbImage& image, int x, int y, int w, int h, Rgb colour, int thickness = 1);

// A filled disc: every pixel whose centre is within `radius` of (cx, cy). Radius 0 is the
// single pixel (cx, cy); a negative radius draws nothing.
void draw_dot(RgbImage& image, int cx, int cy, int radius, Rgb colour);

// The built-in font: 5x7 pixel glyphs in 6x8 cells (one column and one row of spacing), for
// printable ASCII (32..126); any other byte is drawn as '?'. `scale` >= 1 multiplies every
// pixel. Newlines are not interpreted.
inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 7;
inline constexpr int kCellWidth = 6;
inline constexpr int kCellHeight = 8;

// Draws `text` with its top-left cell corner at (x, y). A scale below 1 is treated as 1.
void draw_text(RgbImage& image, int x, int y, std::string_view text, Rgb colour, int scale = 1);

// The size in pixels that draw_text() covers: kCellWidth * scale per character (0 for empty
// text) by kCellHeight * scale.
int text_width(std::string_view text, int scale = 1);
int text_height(int scale = 1);

// The 7 rows of the glyph drawn for byte c; bit 4 of each row is the leftmost pixel.
const std::uint8_t* glyph_rows(unsigned char c) noexcept;

}  // namespace facenapi::detail
