// The in-memory image every stage of the pipeline works on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace facenapi::detail {

// 8-bit RGB, interleaved, row-major, no row padding: pixel (x, y) channel c is
// pixels[(y * width + x) * 3 + c]. Channel order is R, G, B.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;

  RgbImage() = default;
  RgbImage(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3) {}

  bool empty() const noexcept { return width <= 0 || height <= 0; }
  std::uint8_t* row(int y) noexcept { return pixels.data() + static_cast<std::size_t>(y) * width * 3; }
  const std::uint8_t* row(int y) const noexcept {
    return pixels.data() + static_cast<std::size_t>(y) * width * 3;
  }
};

}  // namespace facenapi::detail
