#include "image/png_decode.hpp"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <facenapi/error.hpp>
#include <string>
#include <vector>

#include "image/alpha_composite.hpp"
#include "image/image_limits.hpp"

// libpng reports errors through png_error, which must not return; on_error longjmps back to the
// setjmp of the phase function that called libpng. As with JPEG, the phase functions hold only
// trivially destructible locals and the caller creates every C++ object between phases, so the
// jump skips no destructor. PngDecoder releases the libpng state on every path.

namespace facenapi::detail {
namespace {

struct PngSource {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::size_t pos = 0;
  char message[256] = {};
};

struct PngDecoder {
  png_structp png = nullptr;
  png_infop info = nullptr;
  PngSource source;

  PngDecoder() = default;
  PngDecoder(const PngDecoder&) = delete;
  PngDecoder& operator=(const PngDecoder&) = delete;
  ~PngDecoder() {
    if (png != nullptr) png_destroy_read_struct(&png, info != nullptr ? &info : nullptr, nullptr);
  }
};

struct PngLayout {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  int channels = 0;  // after the transforms: 3 (RGB) or 4 (RGBA)
};

void on_error(png_structp png, png_const_charp message) {
  auto* source = static_cast<PngSource*>(png_get_error_ptr(png));
  std::snprintf(source->message, sizeof(source->message), "%s", message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}  // library code never prints

void on_read(png_structp png, png_bytep out, png_size_t n) {
  auto* source = static_cast<PngSource*>(png_get_io_ptr(png));
  if (n > source->size - source->pos) png_error(png, "premature end of data");
  std::memcpy(out, source->data + source->pos, n);
  source->pos += n;
}

// Phase 1: read the chunks up to the image data and choose transforms that give 8-bit RGB or
// RGBA. Returns false with source.message set on failure.
bool read_header(PngDecoder* d, PngLayout* layout) {
  if (setjmp(png_jmpbuf(d->png))) return false;
  png_set_read_fn(d->png, &d->source, on_read);
  // check_dimension_limits is the one place sizes are judged; libpng's default cap of 10^6
  // per side would otherwise reject some images the caller's limits allow.
  png_set_user_limits(d->png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
  png_read_info(d->png, d->info);

  const int color_type = png_get_color_type(d->png, d->info);
  const int bit_depth = png_get_bit_depth(d->png, d->info);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(d->png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(d->png);
  if (png_get_valid(d->png, d->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(d->png);
  if (bit_depth == 16) png_set_scale_16(d->png);
  if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) {
    png_set_gray_to_rgb(d->png);
  }
  png_set_interlace_handling(d->png);
  png_read_update_info(d->png, d->info);

  layout->width = png_get_image_width(d->png, d->info);
  layout->height = png_get_image_height(d->png, d->info);
  layout->channels = png_get_channels(d->png, d->info);
  return true;
}

// Phase 2: read all rows (every interlace pass) into the rows the caller allocated.
bool read_pixels(PngDecoder* d, png_bytepp rows) {
  if (setjmp(png_jmpbuf(d->png))) return false;
  png_read_image(d->png, rows);
  return true;
}

[[noreturn]] void fail(const PngDecoder& d) {
  throw Error(Errc::decode_failed, std::string("PNG decode failed: ") + d.source.message);
}

}  // namespace

RgbImage decode_png(const std::uint8_t* data, std::size_t size, const ImageLimits& limits) {
  PngDecoder d;
  d.source.data = data;
  d.source.size = size;
  d.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &d.source, on_error, on_warning);
  if (d.png != nullptr) d.info = png_create_info_struct(d.png);
  if (d.png == nullptr || d.info == nullptr) {
    throw Error(Errc::internal, "PNG decode failed: libpng could not be initialised");
  }

  PngLayout layout;
  if (!read_header(&d, &layout)) fail(d);
  check_dimension_limits(layout.width, layout.height, limits);
  if (layout.channels != 3 && layout.channels != 4) {
    throw Error(Errc::decode_failed, "PNG decode failed: unexpected number of channels");
  }

  RgbImage image(static_cast<int>(layout.width), static_cast<int>(layout.height));
  const std::size_t stride = static_cast<std::size_t>(layout.width) * layout.channels;
  std::vector<std::uint8_t> rgba(layout.channels == 4 ? stride * layout.height : 0);
  std::uint8_t* base = layout.channels == 4 ? rgba.data() : image.pixels.data();
  std::vector<png_bytep> rows(layout.height);
  for (std::uint32_t y = 0; y < layout.height; ++y) rows[y] = base + y * stride;

  if (!read_pixels(&d, rows.data())) fail(d);
  if (layout.channels == 4) {
    composite_onto_black(rgba.data(), static_cast<std::size_t>(layout.width) * layout.height,
                         image.pixels.data());
  }
  return image;
}

}  // namespace facenapi::detail
