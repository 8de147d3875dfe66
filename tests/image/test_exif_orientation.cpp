#include <catch2/catch.hpp>
#include <cstring>
#include <facenapi/extractor.hpp>
#include <random>

#include "image/decode.hpp"
#include "image/exif_orientation.hpp"
#include "image/image_test_support.hpp"
#include "image/transform.hpp"

using facenapi::ImageLimits;
using facenapi::detail::apply_orientation;
using facenapi::detail::decode_image;
using facenapi::detail::exif_orientation_from_tiff;
using facenapi::detail::ImageFormat;
using facenapi::detail::read_orientation;
using facenapi::detail::RgbImage;
using facenapi::test::Bytes;

namespace {

int orientation_of(const Bytes& tiff) {
  return exif_orientation_from_tiff(tiff.data(), tiff.size());
}

RgbImage decode(const Bytes& b) { return decode_image(b.data(), b.size(), ImageLimits{}); }

// Where stored pixel (x, y) of a w x h image must land once shown upright, written out from
// the EXIF specification's "0th row / 0th column" table rather than from the implementation:
//   1 top/left  2 top/right  3 bottom/right  4 bottom/left
//   5 left/top  6 right/top  7 right/bottom  8 left/bottom
void upright_position(int orientation, int x, int y, int w, int h, int* ox, int* oy) {
  switch (orientation) {
    case 1:
      *ox = x;
      *oy = y;
      break;
    case 2:
      *ox = w - 1 - x;
      *oy = y;
      break;
    case 3:
      *ox = w - 1 - x;
      *oy = h - 1 - y;
      break;
    case 4:
      *ox = x;
      *oy = h - 1 - y;
      break;
    case 5:
      *ox = y;
      *oy = x;
      break;
    case 6:
      *ox = h - 1 - y;
      *oy = x;
      break;
    case 7:
      *ox = h - 1 - y;
      *oy = w - 1 - x;
      break;
    case 8:
      *ox = y;
      *oy = w - 1 - x;
      break;
  }
}

}  // namespace

TEST_CASE("the Orientation tag is read from big- and little-endian EXIF", "[image][exif]") {
  for (bool big_endian : {true, false}) {
    for (std::uint32_t value = 1; value <= 8; ++value) {
      INFO("big endian " << big_endian << ", value " << value);
      CHECK(orientation_of(facenapi::test::tiff_with_orientation(big_endian, value)) ==
            static_cast<int>(value));
      CHECK(orientation_of(facenapi::test::tiff_with_orientation(big_endian, value, 4)) ==
            static_cast<int>(value));  // written as LONG by some tools
    }
  }
}

TEST_CASE("an absent, out-of-range or odd Orientation reads as upright", "[image][exif]") {
  CHECK(orientation_of(facenapi::test::tiff_with_orientation(true, 0)) == 1);
  CHECK(orientation_of(facenapi::test::tiff_with_orientation(false, 9)) == 1);
  CHECK(orientation_of(facenapi::test::tiff_with_orientation(true, 0xFFFF)) == 1);
  CHECK(orientation_of(facenapi::test::tiff_with_orientation(true, 6, 2)) == 1);  // ASCII type
  Bytes bad_order = facenapi::test::tiff_with_orientation(true, 6);
  bad_order[0] = bad_order[1] = 'X';
  CHECK(orientation_of(bad_order) == 1);
  Bytes bad_magic = facenapi::test::tiff_with_orientation(true, 6);
  bad_magic[3] = 43;
  CHECK(orientation_of(bad_magic) == 1);
  Bytes no_entries = facenapi::test::tiff_with_orientation(true, 6);
  no_entries[8] = no_entries[9] = 0;
  CHECK(orientation_of(no_entries) == 1);
  CHECK(exif_orientation_from_tiff(nullptr, 100) == 1);
}

TEST_CASE("truncated or hostile EXIF never reads outside its block", "[image][exif]") {
  const Bytes good = facenapi::test::tiff_with_orientation(false, 6);
  for (std::size_t n = 0; n < good.size(); ++n) {
    const Bytes cut(good.begin(), good.begin() + n);  // exact size: overreads leave the block
    const int o = orientation_of(cut);
    CHECK((o == 1 || o == 6));
  }
  Bytes far_ifd = good;
  far_ifd[4] = far_ifd[5] = far_ifd[6] = far_ifd[7] = 0xFF;  // IFD0 at 4 GiB
  CHECK(orientation_of(far_ifd) == 1);
  Bytes many_entries = good;
  many_entries[8] = many_entries[9] = 0xFF;  // 65535 entries claimed in a 38-byte block
  CHECK(orientation_of(many_entries) == 6);  // the entries that are there still count
  Bytes straddling = good;
  straddling[7] = static_cast<std::uint8_t>(good.size() - 3);  // IFD0 count runs off the end
  CHECK(orientation_of(straddling) == 1);

  std::mt19937 rng(20240601);
  for (int i = 0; i < 2000; ++i) {
    Bytes mutated = good;
    for (int k = 0; k < 3; ++k) mutated[rng() % mutated.size()] = static_cast<std::uint8_t>(rng());
    const int o = orientation_of(mutated);
    CHECK((o >= 1 && o <= 8));
  }
}

TEST_CASE("apply_orientation turns each of the eight orientations upright", "[image][exif]") {
  const int w = 4, h = 3;
  const RgbImage stored = facenapi::test::numbered_image(w, h);
  for (int orientation = 1; orientation <= 8; ++orientation) {
    INFO("orientation " << orientation);
    const RgbImage upright = apply_orientation(stored, orientation);
    const bool swaps = orientation >= 5;
    REQUIRE(upright.width == (swaps ? h : w));
    REQUIRE(upright.height == (swaps ? w : h));
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        int ox = 0, oy = 0;
        upright_position(orientation, x, y, w, h, &ox, &oy);
        CHECK(std::memcmp(upright.row(oy) + ox * 3, stored.row(y) + x * 3, 3) == 0);
      }
    }
  }
  CHECK(facenapi::test::same_pixels(apply_orientation(stored, 0), stored));
  CHECK(facenapi::test::same_pixels(apply_orientation(stored, 42), stored));
}

TEST_CASE("a JPEG photo with EXIF Orientation decodes upright", "[image][exif][decode]") {
  // No EXIF of its own, and not square, so a missed turn shows in the size.
  const Bytes original = facenapi::test::read_photo("noface/opencv_butterfly.jpg");
  const RgbImage plain = decode(original);
  REQUIRE(plain.width == 493);
  REQUIRE(plain.height == 356);
  for (bool big_endian : {true, false}) {
    for (int orientation = 1; orientation <= 8; ++orientation) {
      INFO("orientation " << orientation << ", big endian " << big_endian);
      const Bytes tagged = facenapi::test::insert_exif(
          original, facenapi::test::tiff_with_orientation(big_endian, orientation));
      CHECK(read_orientation(ImageFormat::jpeg, tagged.data(), tagged.size()) == orientation);
      const RgbImage decoded = decode(tagged);
      CHECK(facenapi::test::same_pixels(decoded, apply_orientation(plain, orientation)));
    }
  }
  // Spelled out for the common phone case: 6 means "turn clockwise".
  const Bytes six =
      facenapi::test::insert_exif(original, facenapi::test::tiff_with_orientation(true, 6));
  const RgbImage turned = decode(six);
  CHECK(turned.width == 356);
  CHECK(turned.height == 493);
  CHECK(std::memcmp(turned.row(0) + (turned.width - 1) * 3, plain.row(0), 3) == 0);
}

TEST_CASE("real photos tagged upright or untagged are not turned", "[image][exif]") {
  for (const char* path : {"noface/dlib_dog.jpg", "noface/opencv_squirrel_cls.jpg",
                           "noface/opencv_apple.jpg", "resolution/fr_obama-240p.jpg"}) {
    INFO(path);
    const Bytes b = facenapi::test::read_photo(path);
    CHECK(read_orientation(ImageFormat::jpeg, b.data(), b.size()) == 1);
  }
}

TEST_CASE("EXIF Orientation in a PNG eXIf chunk and a WebP EXIF chunk is applied",
          "[image][exif][decode]") {
  const RgbImage upright = facenapi::test::numbered_image(5, 2);
  const Bytes tiff = facenapi::test::tiff_with_orientation(false, 8);

  facenapi::test::PngSpec spec;
  spec.width = 5;
  spec.height = 2;
  spec.exif = tiff;
  const Bytes png = facenapi::test::make_png(spec, upright.pixels);
  CHECK(read_orientation(ImageFormat::png, png.data(), png.size()) == 8);
  CHECK(facenapi::test::same_pixels(decode(png), apply_orientation(upright, 8)));

  // VP8X (flag 0x08: EXIF present) + the VP8L chunk of a lossless encode + an EXIF chunk.
  const Bytes lossless = facenapi::test::make_webp_lossless(5, 2, 3, upright.pixels);
  Bytes body = {'W', 'E',  'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0,
                0,   0x08, 0,   0,   0,   4,   0,   0,   1,  0, 0};
  body.insert(body.end(), lossless.begin() + 12, lossless.end());
  Bytes exif_chunk = {'E', 'X', 'I', 'F', static_cast<std::uint8_t>(tiff.size()), 0, 0, 0};
  exif_chunk.insert(exif_chunk.end(), tiff.begin(), tiff.end());
  if (tiff.size() % 2) exif_chunk.push_back(0);
  body.insert(body.end(), exif_chunk.begin(), exif_chunk.end());
  const auto riff_size = static_cast<std::uint32_t>(body.size());
  Bytes webp = {'R',
                'I',
                'F',
                'F',
                static_cast<std::uint8_t>(riff_size),
                static_cast<std::uint8_t>(riff_size >> 8),
                0,
                0};
  webp.insert(webp.end(), body.begin(), body.end());
  CHECK(read_orientation(ImageFormat::webp, webp.data(), webp.size()) == 8);
  CHECK(facenapi::test::same_pixels(decode(webp), apply_orientation(upright, 8)));
}
