#include <catch2/catch.hpp>
#include <facenapi/error.hpp>

#include "image/image_header.hpp"
#include "image/image_test_support.hpp"

using facenapi::Errc;
using facenapi::Error;
using facenapi::detail::ImageDimensions;
using facenapi::detail::ImageFormat;
using facenapi::detail::read_image_dimensions;
using facenapi::detail::sniff_format;
using facenapi::test::Bytes;
using facenapi::test::read_photo;

namespace {

ImageDimensions dims_of(const Bytes& b) {
  return read_image_dimensions(sniff_format(b.data(), b.size()), b.data(), b.size());
}

Errc errc_of(ImageFormat format, const Bytes& b) {
  try {
    read_image_dimensions(format, b.data(), b.size());
  } catch (const Error& e) {
    return e.errc();
  }
  return Errc::ok;
}

}  // namespace

TEST_CASE("the header of real JPEG, PNG and WebP photos gives their size", "[image][header]") {
  struct Case {
    const char* path;
    std::uint32_t width, height;
  };
  const Case cases[] = {
      {"resolution/fr_obama-240p.jpg", 427, 240},
      {"noface/dlib_dogs.jpg", 900, 916},                // progressive (SOF2)
      {"noface/dlib_dog.jpg", 768, 576},                 // a large EXIF segment before SOF
      {"noface/dlib_video_frame_000100.jpg", 320, 240},  // grayscale
      {"resolution/fr_32bit.png", 626, 1200},
      {"noface/skimage_chelsea.png", 451, 300},
      {"recognition/deepface/Scarlett_Johansson/img47.jpg", 1350, 1800},  // WebP, VP8
  };
  for (const Case& c : cases) {
    INFO(c.path);
    const ImageDimensions d = dims_of(read_photo(c.path));
    CHECK(d.width == c.width);
    CHECK(d.height == c.height);
  }
}

TEST_CASE("lossless (VP8L) and extended (VP8X) WebP headers give their size", "[image][header]") {
  const Bytes lossless = facenapi::test::make_webp_lossless(37, 23, 3, Bytes(37 * 23 * 3, 90));
  REQUIRE(std::string(lossless.begin() + 12, lossless.begin() + 16) == "VP8L");
  ImageDimensions d = dims_of(lossless);
  CHECK(d.width == 37);
  CHECK(d.height == 23);

  // "VP8X", payload size 10, flags, reserved, canvas (width-1, height-1) as 24-bit little-endian.
  Bytes extended = {'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E',  'B',  'P',  'V',  'P',  '8',
                    'X', 10,  0,   0,   0,  0, 0, 0, 0,   0xE7, 0x03, 0x00, 0xCF, 0x07, 0x00};
  d = dims_of(extended);
  CHECK(d.width == 1000);
  CHECK(d.height == 2000);
}

TEST_CASE("a JPEG header is found after fill bytes and other segments", "[image][header]") {
  const Bytes jpeg = {0xFF, 0xD8,                                // SOI
                      0xFF, 0xFF, 0xFF, 0xE0, 0x00, 0x04, 1, 2,  // fill bytes, APP0 of 2 bytes
                      0xFF, 0xFE, 0x00, 0x02,                    // empty COM
                      0xFF, 0xC4, 0x00, 0x03, 0x00,              // DHT, which is not a SOF
                      0xFF, 0xC2, 0x00, 0x0B, 0x08,              // SOF2, precision 8
                      0x01, 0x2C, 0x02, 0x58,                    // height 300, width 600
                      0x01, 0x01, 0x11, 0x00};
  const ImageDimensions d = dims_of(jpeg);
  CHECK(d.width == 600);
  CHECK(d.height == 300);
}

TEST_CASE("a header cut short anywhere fails with decode_failed and never misreads",
          "[image][header]") {
  const char* const paths[] = {"resolution/fr_obama-240p.jpg", "noface/dlib_dog.jpg",
                               "noface/skimage_chelsea.png",
                               "recognition/deepface/Scarlett_Johansson/img47.jpg"};
  for (const char* path : paths) {
    INFO(path);
    const Bytes full = read_photo(path);
    const ImageFormat format = sniff_format(full.data(), full.size());
    const ImageDimensions want = dims_of(full);
    bool succeeded_before = false;
    for (std::size_t n = 0; n <= std::min<std::size_t>(full.size(), 20000); ++n) {
      // An exact-size copy, so that a read past n would leave the allocation.
      const Bytes prefix(full.begin(), full.begin() + n);
      try {
        const ImageDimensions d = read_image_dimensions(format, prefix.data(), prefix.size());
        CHECK(d.width == want.width);
        CHECK(d.height == want.height);
        succeeded_before = true;
      } catch (const Error& e) {
        CHECK(e.errc() == Errc::decode_failed);
        CHECK_FALSE(succeeded_before);  // once the header is complete, more bytes cannot hurt
      }
    }
    CHECK(succeeded_before);
  }
}

TEST_CASE("a header stating a zero dimension is rejected", "[image][header]") {
  const Bytes jpeg = {
      0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00,
      0x00, 0x01, 0x00, 0x01, 0x01, 0x11, 0x00};  // height 0 (would need a DNL marker)
  CHECK(errc_of(ImageFormat::jpeg, jpeg) == Errc::decode_failed);
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
               'R',  0,   0,   0,   0,    0,    0,    0,    1, 8, 2, 0,  0,   0};  // width 0
  CHECK(errc_of(ImageFormat::png, png) == Errc::decode_failed);
}

TEST_CASE("asking for the header of an unsupported format fails with unsupported_format",
          "[image][header]") {
  const Bytes gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
  CHECK(errc_of(ImageFormat::gif, gif) == Errc::unsupported_format);
  CHECK(errc_of(ImageFormat::unknown, gif) == Errc::unsupported_format);
}
