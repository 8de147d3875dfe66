#include "image/transform.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <facenapi/error.hpp>
#include <string>

namespace facenapi::detail {
namespace {

void copy_pixel(const RgbImage& from, int fx, int fy, RgbImage& to, int tx, int ty) {
  const std::uint8_t* s = from.row(fy) + static_cast<std::size_t>(fx) * 3;
  std::uint8_t* d = to.row(ty) + static_cast<std::size_t>(tx) * 3;
  d[0] = s[0];
  d[1] = s[1];
  d[2] = s[2];
}

}  // namespace

RgbImage rotate_quarter_turns(const RgbImage& image, int k) {
  const int turns = ((k % 4) + 4) % 4;
  const int w = std::max(image.width, 0);
  const int h = std::max(image.height, 0);
  if (turns == 0) return image;
  if (turns == 2) {
    RgbImage out(w, h);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) copy_pixel(image, w - 1 - x, h - 1 - y, out, x, y);
    }
    return out;
  }
  RgbImage out(h, w);
  // Output (x, y) comes from input (y, h-1-x) for a clockwise turn and (w-1-y, x) for a
  // counter-clockwise one. Iterating over input rows keeps the reads sequential.
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (turns == 1) {
        copy_pixel(image, x, y, out, h - 1 - y, x);
      } else {
        copy_pixel(image, x, y, out, y, w - 1 - x);
      }
    }
  }
  return out;
}

RgbImage crop(const RgbImage& image, int x, int y, int w, int h) {
  // 64-bit so that x + w cannot overflow for any int arguments.
  const std::int64_t x0 = std::max<std::int64_t>(x, 0);
  const std::int64_t y0 = std::max<std::int64_t>(y, 0);
  const std::int64_t x1 = std::min<std::int64_t>(std::int64_t{x} + w, std::max(image.width, 0));
  const std::int64_t y1 = std::min<std::int64_t>(std::int64_t{y} + h, std::max(image.height, 0));
  if (x1 <= x0 || y1 <= y0) return RgbImage(0, 0);
  RgbImage out(static_cast<int>(x1 - x0), static_cast<int>(y1 - y0));
  for (int row = 0; row < out.height; ++row) {
    std::memcpy(out.row(row), image.row(static_cast<int>(y0) + row) + x0 * 3,
                static_cast<std::size_t>(out.width) * 3);
  }
  return out;
}

RgbImage flip_horizontal(const RgbImage& image) {
  const int w = std::max(image.width, 0);
  const int h = std::max(image.height, 0);
  RgbImage out(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) copy_pixel(image, w - 1 - x, y, out, x, y);
  }
  return out;
}

RgbImage resize_bilinear(const RgbImage& image, int w, int h) {
  if (w < 0 || h < 0) {
    throw Error(Errc::invalid_argument, "image resize failed: negative target size " +
                                            std::to_string(w) + "x" + std::to_string(h));
  }
  if (w == 0 || h == 0) return RgbImage(w, h);
  if (image.empty()) {
    throw Error(Errc::invalid_argument, "image resize failed: the source image is empty");
  }
  RgbImage out(w, h);
  const double sx = static_cast<double>(image.width) / w;
  const double sy = static_cast<double>(image.height) / h;
  // Per-column source positions are the same for every row; compute them once.
  std::vector<int> x0s(w), x1s(w);
  std::vector<float> fxs(w);
  for (int x = 0; x < w; ++x) {
    const double src = std::clamp((x + 0.5) * sx - 0.5, 0.0, image.width - 1.0);
    x0s[x] = static_cast<int>(src);
    x1s[x] = std::min(x0s[x] + 1, image.width - 1);
    fxs[x] = static_cast<float>(src - x0s[x]);
  }
  for (int y = 0; y < h; ++y) {
    const double src = std::clamp((y + 0.5) * sy - 0.5, 0.0, image.height - 1.0);
    const int y0 = static_cast<int>(src);
    const int y1 = std::min(y0 + 1, image.height - 1);
    const float fy = static_cast<float>(src - y0);
    const std::uint8_t* r0 = image.row(y0);
    const std::uint8_t* r1 = image.row(y1);
    std::uint8_t* d = out.row(y);
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* a = r0 + x0s[x] * 3;
      const std::uint8_t* b = r0 + x1s[x] * 3;
      const std::uint8_t* c = r1 + x0s[x] * 3;
      const std::uint8_t* e = r1 + x1s[x] * 3;
      const float fx = fxs[x];
      for (int ch = 0; ch < 3; ++ch) {
        const float top = a[ch] + (b[ch] - a[ch]) * fx;
        const float bottom = c[ch] + (e[ch] - c[ch]) * fx;
        d[x * 3 + ch] = static_cast<std::uint8_t>(std::lround(top + (bottom - top) * fy));
      }
    }
  }
  return out;
}

}  // namespace facenapi::detail
