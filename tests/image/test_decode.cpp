#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <facenapi/error.hpp>
#include <facenapi/extractor.hpp>
#include <filesystem>
#include <random>
#include <string>

#include "image/decode.hpp"
#include "image/image_test_support.hpp"
#include "image/png_encode.hpp"

using facenapi::Errc;
using facenapi::Error;
using facenapi::ImageLimits;
using facenapi::detail::decode_image;
using facenapi::detail::RgbImage;
using facenapi::test::Bytes;
using facenapi::test::read_photo;

namespace {

RgbImage decode(const Bytes& b, const ImageLimits& limits = {}) {
  return decode_image(b.data(), b.size(), limits);
}

// The error decoding `b` raises (its errc and message), or Errc::ok when it decodes.
struct Outcome {
  Errc errc = Errc::ok;
  std::string message;
};
Outcome outcome_of(const Bytes& b, const ImageLimits& limits = {}) {
  try {
    decode(b, limits);
  } catch (const Error& e) {
    return {e.errc(), e.what()};
  }
  return {};
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

double channel_stddev(const RgbImage& image) {
  double sum = 0, sum2 = 0;
  for (std::uint8_t v : image.pixels) {
    sum += v;
    sum2 += static_cast<double>(v) * v;
  }
  const double n = static_cast<double>(image.pixels.size());
  return std::sqrt(sum2 / n - (sum / n) * (sum / n));
}

const std::uint8_t* pixel(const RgbImage& image, int x, int y) { return image.row(y) + x * 3; }

}  // namespace

TEST_CASE("a baseline JPEG photo decodes to its full size", "[image][decode]") {
  const RgbImage image = decode(read_photo("resolution/fr_obama-240p.jpg"));
  CHECK(image.width == 427);
  CHECK(image.height == 240);
  REQUIRE(image.pixels.size() == 427u * 240 * 3);
  CHECK(channel_stddev(image) > 20);  // a photo, not a flat fill
}

TEST_CASE("a progressive JPEG photo decodes", "[image][decode]") {
  const RgbImage image = decode(read_photo("noface/dlib_dogs.jpg"));
  CHECK(image.width == 900);
  CHECK(image.height == 916);
  CHECK(channel_stddev(image) > 20);
}

TEST_CASE("a grayscale JPEG decodes to equal red, green and blue", "[image][decode]") {
  const RgbImage image = decode(read_photo("noface/dlib_video_frame_000100.jpg"));
  REQUIRE(image.width == 320);
  REQUIRE(image.height == 240);
  bool all_gray = true;
  for (std::size_t i = 0; i < image.pixels.size(); i += 3) {
    all_gray &= image.pixels[i] == image.pixels[i + 1] && image.pixels[i] == image.pixels[i + 2];
  }
  CHECK(all_gray);
  CHECK(channel_stddev(image) > 10);
}

TEST_CASE("a WebP photo named .jpg decodes by its content", "[image][decode]") {
  const RgbImage image = decode(read_photo("recognition/deepface/Scarlett_Johansson/img47.jpg"));
  CHECK(image.width == 1350);
  CHECK(image.height == 1800);
  CHECK(channel_stddev(image) > 20);
}

TEST_CASE("an RGBA PNG photo decodes to RGB", "[image][decode]") {
  const RgbImage image = decode(read_photo("resolution/fr_32bit.png"));
  CHECK(image.width == 626);
  CHECK(image.height == 1200);
  CHECK(channel_stddev(image) > 20);
}

TEST_CASE("alpha is composited onto black", "[image][decode]") {
  // Opaque, fully transparent and half transparent orange.
  const Bytes rgba = {200, 100, 50, 255, 200, 100, 50, 0, 200, 100, 50, 128};
  facenapi::test::PngSpec spec;
  spec.width = 3;
  spec.color_type = 6;  // RGBA
  const RgbImage from_png = decode(facenapi::test::make_png(spec, rgba));
  const RgbImage from_webp = decode(facenapi::test::make_webp_lossless(3, 1, 4, rgba));
  for (const RgbImage* image : {&from_png, &from_webp}) {
    REQUIRE(image->width == 3);
    CHECK(image->pixels == Bytes{200, 100, 50, 0, 0, 0, 100, 50, 25});
  }
}

TEST_CASE("gray, palette, low and high bit depth and interlaced PNGs decode to 8-bit RGB",
          "[image][decode]") {
  facenapi::test::PngSpec spec;
  spec.width = 4;
  spec.height = 2;
  Bytes rows;
  Bytes want;
  SECTION("8-bit gray") {
    spec.color_type = 0;
    rows = {0, 64, 128, 255, 1, 2, 3, 4};
    for (std::uint8_t v : rows) want.insert(want.end(), {v, v, v});
  }
  SECTION("gray with alpha") {
    spec.color_type = 4;
    rows = {100, 255, 100, 0, 200, 255, 200, 128, 0, 255, 10, 255, 20, 255, 30, 255};
    want = {100, 100, 100, 0,  0,  0,  200, 200, 200, 100, 100, 100,
            0,   0,   0,   10, 10, 10, 20,  20,  20,  30,  30,  30};
  }
  SECTION("1-bit gray") {
    spec.color_type = 0;
    spec.bit_depth = 1;
    rows = {0xA0, 0x50};  // 1010 / 0101, MSB first
    for (int v : {255, 0, 255, 0, 0, 255, 0, 255}) {
      want.insert(want.end(), {std::uint8_t(v), std::uint8_t(v), std::uint8_t(v)});
    }
  }
  SECTION("16-bit gray is scaled to 8 bits") {
    spec.color_type = 0;
    spec.bit_depth = 16;
    rows = {0x00, 0x00, 0xFF, 0xFF, 0x80, 0x80, 0x12, 0x34,
            0x01, 0x00, 0xFE, 0xFF, 0x7F, 0x7F, 0x40, 0x40};
    for (int v : {0, 255, 128, 0x12, 1, 254, 127, 64}) {
      want.insert(want.end(), {std::uint8_t(v), std::uint8_t(v), std::uint8_t(v)});
    }
  }
  SECTION("16-bit RGB is scaled to 8 bits") {
    spec.color_type = 2;
    spec.bit_depth = 16;
    for (int i = 0; i < 8; ++i) {
      for (int c = 0; c < 3; ++c) {
        const auto v = static_cast<std::uint8_t>(i * 30 + c * 5);
        rows.insert(rows.end(), {v, v});  // v * 257 scales back to exactly v
        want.push_back(v);
      }
    }
  }
  SECTION("palette with tRNS") {
    spec.color_type = 3;
    spec.bit_depth = 2;
    spec.palette = {255, 0, 0, 0, 255, 0, 0, 0, 255, 90, 80, 70};
    spec.trns = {255, 255, 0};  // entry 2 transparent, entry 3 opaque (not listed)
    rows = {0x1B, 0xE4};        // indices 0 1 2 3 / 3 2 1 0
    want = {255, 0, 0, 0, 255, 0, 0, 0, 0, 90, 80, 70, 90, 80, 70, 0, 0, 0, 0, 255, 0, 255, 0, 0};
  }
  SECTION("interlaced RGB") {
    spec.color_type = 2;
    spec.interlaced = true;
    for (int i = 0; i < 24; ++i) rows.push_back(static_cast<std::uint8_t>(i * 10));
    want = rows;
  }
  const RgbImage image = decode(facenapi::test::make_png(spec, rows));
  CHECK(image.width == 4);
  CHECK(image.height == 2);
  CHECK(image.pixels == want);
}

TEST_CASE("a CMYK JPEG in Adobe's inverted form converts to RGB", "[image][decode]") {
  // 16x16 in four 8x8 quadrants (whole JPEG blocks, so they stay flat). Adobe CMYK stores
  // 255 - ink: red is C=0 M=1 Y=1 K=0, stored as (255, 0, 0, 255).
  const std::uint8_t quadrants[4][4] = {
      {255, 0, 0, 255},      // red
      {0, 255, 0, 255},      // cyan ink + yellow ink = green
      {255, 255, 255, 255},  // no ink: white
      {255, 255, 255, 0},    // full black ink
  };
  const int want[4][3] = {{255, 0, 0}, {0, 255, 0}, {255, 255, 255}, {0, 0, 0}};
  Bytes cmyk;
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      const auto& q = quadrants[(y / 8) * 2 + x / 8];
      cmyk.insert(cmyk.end(), q, q + 4);
    }
  }
  const Bytes jpeg = facenapi::test::make_jpeg(16, 16, 4, cmyk, 100);
  const RgbImage image = decode(jpeg);
  REQUIRE(image.width == 16);
  REQUIRE(image.height == 16);
  for (int q = 0; q < 4; ++q) {
    const std::uint8_t* p = pixel(image, (q % 2) * 8 + 4, (q / 2) * 8 + 4);
    INFO("quadrant " << q << ": " << int(p[0]) << " " << int(p[1]) << " " << int(p[2]));
    for (int c = 0; c < 3; ++c) CHECK(std::abs(p[c] - want[q][c]) <= 3);
  }
}

TEST_CASE("a 1x1 JPEG, PNG and WebP decode", "[image][decode]") {
  const Bytes rgb = {10, 200, 30};
  const RgbImage one = [&] {
    RgbImage i(1, 1);
    i.pixels = rgb;
    return i;
  }();
  for (const Bytes& encoded :
       {facenapi::test::make_jpeg(1, 1, 3, rgb, 100), facenapi::detail::encode_png(one),
        facenapi::test::make_webp_lossless(1, 1, 3, rgb),
        facenapi::test::make_jpeg(1, 1, 3, rgb, 100, true)}) {
    const RgbImage image = decode(encoded);
    REQUIRE(image.width == 1);
    REQUIRE(image.height == 1);
    for (int c = 0; c < 3; ++c) CHECK(std::abs(image.pixels[c] - rgb[c]) <= 8);
  }
}

TEST_CASE("empty input fails with decode_failed", "[image][decode]") {
  const Outcome o = outcome_of(Bytes{});
  CHECK(o.errc == Errc::decode_failed);
  CHECK(o.message.find("empty") != std::string::npos);
  CHECK_THROWS_AS(decode_image(nullptr, 10, ImageLimits{}), Error);
}

TEST_CASE("input over max_bytes fails with too_large", "[image][decode][limits]") {
  const Bytes jpeg = read_photo("resolution/fr_obama-240p.jpg");
  ImageLimits limits;
  limits.max_bytes = jpeg.size() - 1;
  const Outcome o = outcome_of(jpeg, limits);
  CHECK(o.errc == Errc::too_large);
  CHECK(o.message.find(std::to_string(jpeg.size() - 1)) != std::string::npos);
  limits.max_bytes = jpeg.size();
  CHECK(outcome_of(jpeg, limits).errc == Errc::ok);
}

TEST_CASE("a header claiming 60000x60000 pixels fails with too_large before decoding",
          "[image][decode][limits]") {
  // Only headers: were anything allocated or decoded, the missing data would fail differently.
  const Bytes jpeg = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xEA, 0x60, 0xEA, 0x60,
                      0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01};
  const Bytes png = {0x89, 'P', 'N', 'G',  '\r', '\n', 0x1A, '\n', 0,    0, 0, 13, 'I', 'H', 'D',
                     'R',  0,   0,   0xEA, 0x60, 0,    0,    0xEA, 0x60, 8, 2, 0,  0,   0};
  // 16384x16384 is WebP's largest, still far over the default 40 megapixels.
  const Bytes webp = {'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E',  'B',  'P', 'V',  'P',  '8',
                      'X', 10,  0,   0,   0,  0, 0, 0, 0,   0xFF, 0x3F, 0,   0xFF, 0x3F, 0};
  const auto start = std::chrono::steady_clock::now();
  for (const Bytes* b : {&jpeg, &png}) {
    const Outcome o = outcome_of(*b);
    CHECK(o.errc == Errc::too_large);
    CHECK(o.message.find("60000x60000") != std::string::npos);
    CHECK(o.message.find("40000000") != std::string::npos);
  }
  const Outcome w = outcome_of(webp);
  CHECK(w.errc == Errc::too_large);
  CHECK(w.message.find("16384x16384") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("max_pixels and max_side are enforced on real photos", "[image][decode][limits]") {
  const Bytes jpeg = read_photo("resolution/fr_obama-240p.jpg");  // 427x240
  ImageLimits limits;
  limits.max_side = 426;
  Outcome o = outcome_of(jpeg, limits);
  CHECK(o.errc == Errc::too_large);
  CHECK(o.message.find("427x240") != std::string::npos);
  CHECK(o.message.find("426") != std::string::npos);
  limits.max_side = 427;
  CHECK(outcome_of(jpeg, limits).errc == Errc::ok);

  limits.max_pixels = 427 * 240 - 1;
  CHECK(outcome_of(jpeg, limits).errc == Errc::too_large);
  limits.max_pixels = 427 * 240;
  CHECK(outcome_of(jpeg, limits).errc == Errc::ok);

  ImageLimits tiny;
  tiny.max_pixels = 1000;
  CHECK(outcome_of(read_photo("noface/skimage_chelsea.png"), tiny).errc == Errc::too_large);
  CHECK(outcome_of(read_photo("recognition/deepface/Scarlett_Johansson/img47.jpg"), tiny).errc ==
        Errc::too_large);
}

TEST_CASE("a JPEG cut short anywhere fails with decode_failed", "[image][decode]") {
  for (const char* path : {"resolution/fr_obama-240p.jpg", "noface/dlib_dogs.jpg"}) {
    const Bytes full = read_photo(path);
    for (double fraction : {0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) {
      const auto n = static_cast<std::size_t>(full.size() * fraction);
      INFO(path << " cut to " << n << " of " << full.size() << " bytes");
      const Outcome o = outcome_of(Bytes(full.begin(), full.begin() + n));
      CHECK(o.errc == Errc::decode_failed);
      CHECK(starts_with(o.message, "JPEG decode failed: "));
    }
  }
}

TEST_CASE("a PNG or WebP cut short anywhere fails with decode_failed", "[image][decode]") {
  struct Case {
    const char* path;
    const char* prefix;
  };
  for (const Case& c :
       {Case{"noface/skimage_chelsea.png", "PNG decode failed: "},
        Case{"recognition/deepface/Scarlett_Johansson/img47.jpg", "WebP decode failed: "}}) {
    const Bytes full = read_photo(c.path);
    for (double fraction : {0.001, 0.01, 0.1, 0.5, 0.9, 0.999}) {
      const auto n = static_cast<std::size_t>(full.size() * fraction);
      INFO(c.path << " cut to " << n << " of " << full.size() << " bytes");
      const Outcome o = outcome_of(Bytes(full.begin(), full.begin() + n));
      CHECK(o.errc == Errc::decode_failed);
      CHECK(starts_with(o.message, c.prefix));
    }
  }
}

TEST_CASE("a PNG whose image data fails its checksum is rejected", "[image][decode]") {
  Bytes png = read_photo("noface/faceapi_white.png");
  // Flip a byte inside the first IDAT chunk's data.
  const std::string text(png.begin(), png.end());
  const std::size_t idat = text.find("IDAT");
  REQUIRE(idat != std::string::npos);
  png[idat + 10] ^= 0x55;
  const Outcome o = outcome_of(png);
  CHECK(o.errc == Errc::decode_failed);
  CHECK(starts_with(o.message, "PNG decode failed: "));
}

TEST_CASE("bytes of no image format fail with decode_failed", "[image][decode]") {
  std::mt19937 rng(7);
  for (int i = 0; i < 50; ++i) {
    Bytes random(1 + rng() % 4096);
    for (auto& b : random) b = static_cast<std::uint8_t>(rng());
    if (random[0] == 0xFF || random[0] == 0x89 || random[0] == 'R') random[0] = 'x';
    const Outcome o = outcome_of(random);
    CHECK(o.errc == Errc::decode_failed);
    CHECK(starts_with(o.message, "image decode failed: "));
  }
  CHECK(outcome_of(Bytes{'x'}).errc == Errc::decode_failed);
}

TEST_CASE("GIF, BMP, TIFF and HEIF input fails with unsupported_format naming it",
          "[image][decode]") {
  struct Case {
    std::string bytes;
    const char* name;
  };
  const Case cases[] = {
      {std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13), "GIF"},
      {"BM" + std::string(60, '\0'), "BMP"},
      {std::string("II*\0\x08\0\0\0\0\0", 10), "TIFF"},
      {std::string("\0\0\0\x18"
                   "ftypheic\0\0\0\0mif1heic",
                   24),
       "HEIF"},
  };
  for (const Case& c : cases) {
    const Outcome o = outcome_of(Bytes(c.bytes.begin(), c.bytes.end()));
    CHECK(o.errc == Errc::unsupported_format);
    CHECK(o.message.find(c.name) != std::string::npos);
  }
}

TEST_CASE("an animated WebP fails with unsupported_format", "[image][decode]") {
  // VP8X with the animation flag (0x02), 2x2 canvas, then an ANIM chunk.
  const Bytes webp = {'R', 'I', 'F', 'F', 36, 0,    0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8',
                      'X', 10,  0,   0,   0,  0x02, 0, 0, 0,   1,   0,   0,   1,   0,   0,
                      'A', 'N', 'I', 'M', 6,  0,    0, 0, 0,   0,   0,   0,   0,   0};
  const Outcome o = outcome_of(webp);
  CHECK(o.errc == Errc::unsupported_format);
  CHECK(o.message.find("animated") != std::string::npos);
}

TEST_CASE("randomly damaged JPEG, PNG and WebP data fails with Error or decodes, never crashes",
          "[image][decode][fuzz]") {
  const Bytes seeds[] = {
      read_photo("recognition/faceapi_bbt/amy/amy1.png"),  // grayscale PNG
      read_photo("recognition/dlib_johns/John_Salley/000179_02159509.jpg"),
      facenapi::test::make_jpeg(24, 16, 3, Bytes(24 * 16 * 3, 128), 90, true),
      facenapi::test::make_webp_lossless(24, 16, 3, facenapi::test::numbered_image(24, 16).pixels),
      read_photo("noface/dlib_video_frame_000100.jpg"),
  };
  std::mt19937 rng(12345);
  int decoded = 0, failed = 0;
  for (const Bytes& seed : seeds) {
    REQUIRE(seed.size() > 32);
    for (int i = 0; i < 120; ++i) {
      Bytes mutated = seed;
      const int kind = static_cast<int>(rng() % 4);
      const int edits = 1 + static_cast<int>(rng() % 8);
      for (int e = 0; e < edits; ++e) {
        const std::size_t at = rng() % mutated.size();
        if (kind == 0) mutated[at] = static_cast<std::uint8_t>(rng());
        if (kind == 1) mutated[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
        if (kind == 2) mutated.insert(mutated.begin() + at, static_cast<std::uint8_t>(rng()));
        if (kind == 3 && mutated.size() > 2) mutated.erase(mutated.begin() + at);
      }
      if (rng() % 5 == 0) mutated.resize(1 + rng() % mutated.size());
      try {
        const RgbImage image = decode(mutated);
        CHECK(image.pixels.size() == static_cast<std::size_t>(image.width) * image.height * 3);
        ++decoded;
      } catch (const Error& e) {
        CHECK(e.errc() != Errc::internal);
        CHECK(e.errc() != Errc::ok);
        ++failed;
      }
    }
  }
  CHECK(decoded + failed == 600);
  CHECK(failed > 0);
}

TEST_CASE("every photo in the shared test data outside LFW decodes", "[image][decode][data]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(FACENAPI_TEST_DATA_DIR) / "faces";
  int count = 0;
  for (const char* folder :
       {"recognition", "group", "detection_single", "noface", "emotion", "angles", "resolution"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() ||
          (ext != ".jpg" && ext != ".jpeg" && ext != ".png" && ext != ".webp")) {
        continue;
      }
      const std::string relative = fs::relative(entry.path(), root).string();
      INFO(relative);
      const Outcome o = outcome_of(read_photo(relative));
      CHECK(o.message == "");
      ++count;
    }
  }
  CHECK(count > 300);
}
