#include "image/image_test_support.hpp"

#include <jpeglib.h>
#include <png.h>
#include <webp/encode.h>

#include <catch2/catch.hpp>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace facenapi::test {

Bytes read_photo(const std::string& relative) {
  const std::string path = std::string(FACENAPI_TEST_DATA_DIR) + "/faces/" + relative;
  std::ifstream in(path, std::ios::binary);
  INFO("reading " << path);
  REQUIRE(in.good());
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

detail::RgbImage numbered_image(int width, int height) {
  detail::RgbImage image(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = image.row(y) + x * 3;
      p[0] = static_cast<std::uint8_t>(x);
      p[1] = static_cast<std::uint8_t>(y);
      p[2] = static_cast<std::uint8_t>((x * 7 + y * 13) & 0xFF);
    }
  }
  return image;
}

bool same_pixels(const detail::RgbImage& a, const detail::RgbImage& b) {
  return a.width == b.width && a.height == b.height && a.pixels == b.pixels;
}

namespace {

void png_append(png_structp png, png_bytep data, png_size_t n) {
  auto* out = static_cast<Bytes*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + n);
}
void png_flush(png_structp) {}

// Plain function with only trivially destructible locals, so libpng's longjmp skips nothing.
bool write_png(const PngSpec* spec, const std::uint8_t* rows, std::size_t rowbytes, Bytes* out) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, out, png_append, png_flush);
  png_set_IHDR(png, info, spec->width, spec->height, spec->bit_depth, spec->color_type,
               spec->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (!spec->palette.empty()) {
    png_set_PLTE(png, info, reinterpret_cast<png_const_colorp>(spec->palette.data()),
                 static_cast<int>(spec->palette.size() / 3));
  }
  if (!spec->trns.empty()) {
    png_set_tRNS(png, info, spec->trns.data(), static_cast<int>(spec->trns.size()), nullptr);
  }
  if (!spec->exif.empty()) {
    png_set_eXIf_1(png, info, static_cast<png_uint_32>(spec->exif.size()),
                   const_cast<png_bytep>(spec->exif.data()));
  }
  png_write_info(png, info);
  const int passes = png_set_interlace_handling(png);
  for (int pass = 0; pass < passes; ++pass) {
    for (int y = 0; y < spec->height; ++y) png_write_row(png, rows + y * rowbytes);
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

struct JpegTestError {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
};

void jpeg_test_error_exit(j_common_ptr cinfo) {
  std::longjmp(reinterpret_cast<JpegTestError*>(cinfo->err)->jump, 1);
}

bool write_jpeg(int width, int height, int components, const std::uint8_t* pixels, int quality,
                bool progressive, unsigned char** buffer, unsigned long* size) {
  jpeg_compress_struct cinfo;
  JpegTestError err;
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = jpeg_test_error_exit;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&cinfo);
    return false;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, buffer, size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = components;
  cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  if (progressive) jpeg_simple_progression(&cinfo);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(pixels + cinfo.next_scanline * width * components);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  return true;
}

void put16(Bytes& b, bool be, std::uint32_t v) {
  if (be) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
  } else {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
  }
}

void put32(Bytes& b, bool be, std::uint32_t v) {
  if (be) {
    put16(b, be, v >> 16);
    put16(b, be, v & 0xFFFF);
  } else {
    put16(b, be, v & 0xFFFF);
    put16(b, be, v >> 16);
  }
}

}  // namespace

Bytes make_png(const PngSpec& spec, const Bytes& rows) {
  REQUIRE(rows.size() % spec.height == 0);
  Bytes out;
  REQUIRE(write_png(&spec, rows.data(), rows.size() / spec.height, &out));
  return out;
}

Bytes make_jpeg(int width, int height, int components, const Bytes& pixels, int quality,
                bool progressive) {
  REQUIRE(pixels.size() == static_cast<std::size_t>(width) * height * components);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  const bool ok =
      write_jpeg(width, height, components, pixels.data(), quality, progressive, &buffer, &size);
  Bytes out(buffer, buffer + (ok ? size : 0));
  std::free(buffer);
  REQUIRE(ok);
  return out;
}

Bytes make_webp_lossless(int width, int height, int channels, const Bytes& pixels) {
  std::uint8_t* buffer = nullptr;
  const std::size_t size =
      channels == 4 ? WebPEncodeLosslessRGBA(pixels.data(), width, height, width * 4, &buffer)
                    : WebPEncodeLosslessRGB(pixels.data(), width, height, width * 3, &buffer);
  Bytes out(buffer, buffer + size);
  WebPFree(buffer);
  REQUIRE(size > 0);
  return out;
}

Bytes insert_exif(const Bytes& jpeg, const Bytes& tiff) {
  REQUIRE(jpeg.size() > 2);
  Bytes segment = {0xFF, 0xE1};
  put16(segment, true, static_cast<std::uint32_t>(2 + 6 + tiff.size()));
  const char header[] = "Exif\0";  // with the terminator: "Exif\0\0"
  segment.insert(segment.end(), header, header + 6);
  segment.insert(segment.end(), tiff.begin(), tiff.end());
  Bytes out = jpeg;
  out.insert(out.begin() + 2, segment.begin(), segment.end());
  return out;
}

Bytes tiff_with_orientation(bool big_endian, std::uint32_t value, std::uint16_t type) {
  Bytes b;
  b.push_back(big_endian ? 'M' : 'I');
  b.push_back(big_endian ? 'M' : 'I');
  put16(b, big_endian, 42);
  put32(b, big_endian, 8);  // IFD0 right after the header
  put16(b, big_endian, 2);  // two entries
  // ImageDescription (ASCII, 4 bytes inline) first, so the reader has to walk the IFD.
  put16(b, big_endian, 0x010E);
  put16(b, big_endian, 2);
  put32(b, big_endian, 4);
  b.insert(b.end(), {'f', 'a', 'c', 0});
  put16(b, big_endian, 0x0112);
  put16(b, big_endian, type);
  put32(b, big_endian, 1);
  if (type == 4) {
    put32(b, big_endian, value);
  } else {
    put16(b, big_endian, value);  // a SHORT sits in the first two bytes of the value field
    put16(b, big_endian, 0);
  }
  put32(b, big_endian, 0);  // no next IFD
  return b;
}

}  // namespace facenapi::test
