#include "support/png_rgb.hpp"

#include <png.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace facenapi::test {

detail::RgbImage load_png_rgb(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error("cannot open " + path);
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    throw std::runtime_error("libpng init failed");
  }
  detail::RgbImage img;
  std::vector<png_bytep> rows;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    throw std::runtime_error("cannot decode " + path);
  }
  png_init_io(png, file.get());
  png_read_info(png, info);
  png_set_expand(png);  // palette -> RGB, gray < 8 bits -> 8 bits, tRNS -> alpha
  png_set_strip_16(png);
  png_set_strip_alpha(png);
  png_set_gray_to_rgb(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  img = detail::RgbImage(static_cast<int>(png_get_image_width(png, info)),
                         static_cast<int>(png_get_image_height(png, info)));
  if (png_get_rowbytes(png, info) != static_cast<png_size_t>(img.width) * 3) {
    png_destroy_read_struct(&png, &info, nullptr);
    throw std::runtime_error("unexpected PNG row size in " + path);
  }
  rows.resize(img.height);
  for (int y = 0; y < img.height; ++y) rows[y] = img.row(y);
  png_read_image(png, rows.data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return img;
}

detail::RgbImage crop(const detail::RgbImage& img, int x, int y, int w, int h) {
  if (x < 0 || y < 0 || w < 0 || h < 0 || x + w > img.width || y + h > img.height) {
    throw std::runtime_error("crop box outside the image");
  }
  detail::RgbImage out(w, h);
  for (int r = 0; r < h; ++r) std::memcpy(out.row(r), img.row(y + r) + x * 3, w * 3);
  return out;
}

}  // namespace facenapi::test
