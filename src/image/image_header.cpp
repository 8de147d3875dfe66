#include "image/image_header.hpp"

#include <cstring>
#include <facenapi/error.hpp>
#include <string>

namespace facenapi::detail {
namespace {

[[noreturn]] void fail(const char* format, const std::string& why) {
  throw Error(Errc::decode_failed, std::string(format) + " decode failed: " + why);
}

std::uint32_t be16(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }
std::uint32_t le16(const std::uint8_t* p) { return (std::uint32_t{p[1]} << 8) | p[0]; }
std::uint32_t le24(const std::uint8_t* p) { return (std::uint32_t{p[2]} << 16) | le16(p); }
std::uint32_t le32(const std::uint8_t* p) { return (std::uint32_t{p[3]} << 24) | le24(p); }

// SOF0..SOF15 carry the frame size, except C4 (DHT), C8 (JPG extension) and CC (DAC), which
// share the range.
bool is_sof(std::uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

ImageDimensions jpeg_dimensions(const std::uint8_t* data, std::size_t size) {
  std::size_t pos = 2;  // after SOI
  for (;;) {
    // Markers may be preceded by any number of 0xFF fill bytes.
    if (pos >= size || data[pos] != 0xFF) {
      fail("JPEG", pos >= size ? "premature end of data before the frame header"
                               : "a marker was expected at offset " + std::to_string(pos));
    }
    while (pos < size && data[pos] == 0xFF) ++pos;
    if (pos >= size) fail("JPEG", "premature end of data before the frame header");
    const std::uint8_t marker = data[pos++];
    // Stand-alone markers without a length field.
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;
    if (marker == 0xD9 || marker == 0xDA) fail("JPEG", "no frame header before the image data");
    if (size - pos < 2) fail("JPEG", "premature end of data in a marker segment");
    const std::uint32_t length = be16(data + pos);
    if (length < 2) fail("JPEG", "a marker segment has an invalid length");
    if (is_sof(marker)) {
      // length(2) precision(1) height(2) width(2)
      if (length < 8 || size - pos < 7) fail("JPEG", "premature end of data in the frame header");
      ImageDimensions d{be16(data + pos + 5), be16(data + pos + 3)};
      // A zero height defers it to a DNL marker, which libjpeg does not support either.
      if (d.width == 0 || d.height == 0) fail("JPEG", "the frame header states a zero dimension");
      return d;
    }
    if (size - pos < length) fail("JPEG", "premature end of data in a marker segment");
    pos += length;
  }
}

ImageDimensions png_dimensions(const std::uint8_t* data, std::size_t size) {
  // signature(8), then IHDR: length(4) "IHDR" width(4) height(4) ...
  if (size < 24) fail("PNG", "premature end of data before IHDR");
  if (be32(data + 8) != 13 || std::memcmp(data + 12, "IHDR", 4) != 0) {
    fail("PNG", "the first chunk is not a valid IHDR");
  }
  ImageDimensions d{be32(data + 16), be32(data + 20)};
  // The PNG specification caps both at 2^31 - 1.
  if (d.width == 0 || d.height == 0 || d.width > 0x7FFFFFFFu || d.height > 0x7FFFFFFFu) {
    fail("PNG", "IHDR states an invalid dimension");
  }
  return d;
}

ImageDimensions webp_dimensions(const std::uint8_t* data, std::size_t size) {
  // "RIFF" size "WEBP", then the first chunk: fourcc(4) size(4) payload.
  if (size < 20) fail("WebP", "premature end of data before the first chunk");
  const std::uint8_t* chunk = data + 12;
  const std::uint8_t* payload = chunk + 8;
  const std::size_t available = size - 20;
  ImageDimensions d;
  if (std::memcmp(chunk, "VP8 ", 4) == 0) {
    // frame tag(3), start code 9D 01 2A, then 14-bit width and height (2 scale bits above).
    if (available < 10) fail("WebP", "premature end of data in the VP8 frame header");
    if (payload[3] != 0x9D || payload[4] != 0x01 || payload[5] != 0x2A) {
      fail("WebP", "the VP8 start code is missing");
    }
    d = {le16(payload + 6) & 0x3FFF, le16(payload + 8) & 0x3FFF};
  } else if (std::memcmp(chunk, "VP8L", 4) == 0) {
    // signature 0x2F, then width-1 (14 bits) and height-1 (14 bits), little-endian bit order.
    if (available < 5) fail("WebP", "premature end of data in the VP8L header");
    if (payload[0] != 0x2F) fail("WebP", "the VP8L signature is missing");
    const std::uint32_t bits = le32(payload + 1);
    d = {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
  } else if (std::memcmp(chunk, "VP8X", 4) == 0) {
    // flags(1) reserved(3), canvas width-1 (24 bits), canvas height-1 (24 bits).
    if (available < 10) fail("WebP", "premature end of data in the VP8X header");
    d = {le24(payload + 4) + 1, le24(payload + 7) + 1};
  } else {
    fail("WebP", "the first chunk is not VP8, VP8L or VP8X");
  }
  if (d.width == 0 || d.height == 0) fail("WebP", "the frame header states a zero dimension");
  return d;
}

}  // namespace

ImageDimensions read_image_dimensions(ImageFormat format, const std::uint8_t* data,
                                      std::size_t size) {
  if (data == nullptr) size = 0;
  switch (format) {
    case ImageFormat::jpeg:
      if (size < 2 || data[0] != 0xFF || data[1] != 0xD8) fail("JPEG", "no SOI marker");
      return jpeg_dimensions(data, size);
    case ImageFormat::png:
      if (size < 8 || std::memcmp(data, "\x89PNG\r\n\x1A\n", 8) != 0) {
        fail("PNG", "no PNG signature");
      }
      return png_dimensions(data, size);
    case ImageFormat::webp:
      if (size < 12 || std::memcmp(data, "RIFF", 4) != 0 || std::memcmp(data + 8, "WEBP", 4) != 0) {
        fail("WebP", "no RIFF/WEBP signature");
      }
      return webp_dimensions(data, size);
    default:
      break;
  }
  throw Error(Errc::unsupported_format, std::string("image decode failed: ") + format_name(format) +
                                            " images are not supported (JPEG, PNG and WebP are)");
}

}  // namespace facenapi::detail
