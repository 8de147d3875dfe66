#include <catch2/catch.hpp>
#include <string>

#include "image/image_format.hpp"
#include "image/image_test_support.hpp"

using facenapi::detail::ImageFormat;
using facenapi::detail::sniff_format;
using facenapi::test::Bytes;
using facenapi::test::read_photo;

namespace {

ImageFormat sniff(const Bytes& b) { return sniff_format(b.data(), b.size()); }
ImageFormat sniff(const std::string& s) {
  return sniff_format(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

}  // namespace

TEST_CASE("JPEG, PNG and WebP photos are recognised by their first bytes", "[image][format]") {
  CHECK(sniff(read_photo("resolution/fr_obama-240p.jpg")) == ImageFormat::jpeg);
  CHECK(sniff(read_photo("noface/dlib_dogs.jpg")) == ImageFormat::jpeg);
  CHECK(sniff(read_photo("resolution/fr_32bit.png")) == ImageFormat::png);
  CHECK(sniff(read_photo("noface/skimage_coffee.png")) == ImageFormat::png);
}

TEST_CASE("a WebP photo named .jpg is recognised as WebP by its content", "[image][format]") {
  CHECK(sniff(read_photo("recognition/deepface/Scarlett_Johansson/img47.jpg")) ==
        ImageFormat::webp);
}

TEST_CASE("GIF, BMP, TIFF and HEIF signatures are recognised so that they can be named",
          "[image][format]") {
  CHECK(sniff(std::string("GIF89a\x01\x00\x01\x00", 10)) == ImageFormat::gif);
  CHECK(sniff(std::string("GIF87a\x01\x00\x01\x00", 10)) == ImageFormat::gif);
  CHECK(sniff("BM" + std::string(52, '\0')) == ImageFormat::bmp);
  CHECK(sniff(std::string("II*\0\x08\0\0\0", 8)) == ImageFormat::tiff);
  CHECK(sniff(std::string("MM\0*\0\0\0\x08", 8)) == ImageFormat::tiff);
  CHECK(sniff(std::string("\0\0\0\x18"
                          "ftypheic\0\0\0\0",
                          16)) == ImageFormat::heif);
  CHECK(sniff(std::string("\0\0\0\x1C"
                          "ftypavif\0\0\0\0",
                          16)) == ImageFormat::heif);
  CHECK(std::string(facenapi::detail::format_name(ImageFormat::gif)) == "GIF");
  CHECK_FALSE(facenapi::detail::is_decodable(ImageFormat::gif));
  CHECK(facenapi::detail::is_decodable(ImageFormat::webp));
}

TEST_CASE("input that is too short or has no known signature is unknown", "[image][format]") {
  CHECK(sniff_format(nullptr, 0) == ImageFormat::unknown);
  CHECK(sniff(Bytes{}) == ImageFormat::unknown);
  CHECK(sniff(Bytes{0xFF, 0xD8}) == ImageFormat::unknown);  // SOI without a marker after
  CHECK(sniff(std::string("\x89PNG\r\n", 6)) == ImageFormat::unknown);
  CHECK(sniff(std::string("RIFF\0\0\0\0WAVE", 12)) == ImageFormat::unknown);  // audio, not WebP
  CHECK(sniff(std::string("BM")) == ImageFormat::unknown);
  CHECK(sniff(std::string("\0\0\0\x18"
                          "ftypisom\0\0\0\0",
                          16)) == ImageFormat::unknown);  // MP4
  CHECK(sniff(std::string("hello, world")) == ImageFormat::unknown);
}
