#include "image/png_encode.hpp"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <facenapi/error.hpp>
#include <string>

// As in png_decode.cpp: libpng errors longjmp back to write_rows(), which holds only trivially
// destructible locals; the output vector and the libpng state are owned by the caller.

namespace facenapi::detail {
namespace {

struct PngSink {
  std::vector<std::uint8_t>* out = nullptr;
  char message[256] = {};
};

struct PngEncoder {
  png_structp png = nullptr;
  png_infop info = nullptr;
  PngSink sink;

  PngEncoder() = default;
  PngEncoder(const PngEncoder&) = delete;
  PngEncoder& operator=(const PngEncoder&) = delete;
  ~PngEncoder() {
    if (png != nullptr) png_destroy_write_struct(&png, info != nullptr ? &info : nullptr);
  }
};

void on_error(png_structp png, png_const_charp message) {
  auto* sink = static_cast<PngSink*>(png_get_error_ptr(png));
  std::snprintf(sink->message, sizeof(sink->message), "%s", message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {}  // library code never prints

void on_write(png_structp png, png_bytep data, png_size_t n) {
  auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
  // The exception must not cross libpng's C frames, and png_error must not jump out of a catch
  // block (that would skip the exception's cleanup), hence the flag.
  bool ok = true;
  try {
    sink->out->insert(sink->out->end(), data, data + n);
  } catch (...) {
    ok = false;
  }
  if (!ok) png_error(png, "out of memory");
}

void on_flush(png_structp) {}

bool write_rows(PngEncoder* e, const RgbImage* image) {
  if (setjmp(png_jmpbuf(e->png))) return false;
  png_set_write_fn(e->png, &e->sink, on_write, on_flush);
  // Face chips are encoded on every extraction: zlib level 1 with the Sub filter is about 5x
  // faster than libpng's defaults (adaptive filters, level 6) for files about 15% larger.
  png_set_compression_level(e->png, 1);
  png_set_filter(e->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR(e->png, e->info, static_cast<png_uint_32>(image->width),
               static_cast<png_uint_32>(image->height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(e->png, e->info);
  for (int y = 0; y < image->height; ++y) png_write_row(e->png, image->row(y));
  png_write_end(e->png, nullptr);
  return true;
}

}  // namespace

std::vector<std::uint8_t> encode_png(const RgbImage& image) {
  if (image.empty()) {
    throw Error(Errc::invalid_argument, "PNG encode failed: the image is empty (" +
                                            std::to_string(image.width) + "x" +
                                            std::to_string(image.height) + ")");
  }
  std::vector<std::uint8_t> out;
  // Filtered, deflated RGB is rarely larger than a quarter of the raw pixels; start there.
  out.reserve(image.pixels.size() / 4 + 1024);
  PngEncoder e;
  e.sink.out = &out;
  e.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &e.sink, on_error, on_warning);
  if (e.png != nullptr) e.info = png_create_info_struct(e.png);
  if (e.png == nullptr || e.info == nullptr) {
    throw Error(Errc::internal, "PNG encode failed: libpng could not be initialised");
  }
  if (!write_rows(&e, &image)) {
    throw Error(Errc::internal, std::string("PNG encode failed: ") + e.sink.message);
  }
  return out;
}

}  // namespace facenapi::detail
