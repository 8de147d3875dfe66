#include <catch2/catch.hpp>
#include <facenapi/error.hpp>
#include <facenapi/extractor.hpp>

#include "image/decode.hpp"
#include "image/image_format.hpp"
#include "image/image_header.hpp"
#include "image/image_test_support.hpp"
#include "image/png_encode.hpp"
#include "image/transform.hpp"

using facenapi::ImageLimits;
using facenapi::detail::decode_image;
using facenapi::detail::encode_png;
using facenapi::detail::RgbImage;
using facenapi::test::Bytes;

TEST_CASE("an encoded PNG decodes back to exactly the same pixels", "[image][png]") {
  const Bytes jpeg = facenapi::test::read_photo("resolution/fr_obama-240p.jpg");
  const RgbImage photo = decode_image(jpeg.data(), jpeg.size(), ImageLimits{});
  for (const RgbImage& image : {photo, facenapi::test::numbered_image(37, 23),
                                facenapi::detail::crop(photo, 100, 50, 1, 1)}) {
    INFO(image.width << "x" << image.height);
    const Bytes png = encode_png(image);
    const RgbImage back = decode_image(png.data(), png.size(), ImageLimits{});
    CHECK(facenapi::test::same_pixels(back, image));
  }
}

TEST_CASE("a photo's PNG is compressed well below its raw pixels", "[image][png]") {
  const Bytes jpeg = facenapi::test::read_photo("resolution/fr_obama-240p.jpg");
  const RgbImage photo = decode_image(jpeg.data(), jpeg.size(), ImageLimits{});
  const Bytes png = encode_png(photo);
  CHECK(png.size() < photo.pixels.size() * 3 / 5);
}

TEST_CASE("the encoded bytes are an RGB PNG of the image's size", "[image][png]") {
  const Bytes png = encode_png(facenapi::test::numbered_image(12, 7));
  using facenapi::detail::ImageFormat;
  REQUIRE(facenapi::detail::sniff_format(png.data(), png.size()) == ImageFormat::png);
  const auto dims =
      facenapi::detail::read_image_dimensions(ImageFormat::png, png.data(), png.size());
  CHECK(dims.width == 12);
  CHECK(dims.height == 7);
  CHECK(png[24] == 8);  // IHDR bit depth
  CHECK(png[25] == 2);  // IHDR colour type RGB
}

TEST_CASE("encoding an empty image fails with invalid_argument", "[image][png]") {
  for (const RgbImage& empty : {RgbImage(), RgbImage(0, 5), RgbImage(5, 0)}) {
    try {
      encode_png(empty);
      FAIL("no error");
    } catch (const facenapi::Error& e) {
      CHECK(e.errc() == facenapi::Errc::invalid_argument);
      CHECK(std::string(e.what()).rfind("PNG encode failed: ", 0) == 0);
    }
  }
}
