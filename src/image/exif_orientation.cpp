#include "image/exif_orientation.hpp"

#include <cstring>
#include <utility>

#include "image/transform.hpp"

namespace facenapi::detail {
namespace {

constexpr std::uint16_t kOrientationTag = 0x0112;
constexpr std::uint16_t kTypeShort = 3;
constexpr std::uint16_t kTypeLong = 4;

std::uint32_t be16(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }

// All reads are bounds-checked against size_ and answer 0 past the end, so a hostile offset can
// only ever produce "no tag", never an out-of-range read.
class TiffReader {
 public:
  TiffReader(const std::uint8_t* data, std::size_t size, bool big_endian)
      : data_(data), size_(size), big_endian_(big_endian) {}

  bool has(std::size_t offset, std::size_t n) const {
    return offset <= size_ && n <= size_ - offset;
  }
  std::uint32_t u16(std::size_t offset) const {
    if (!has(offset, 2)) return 0;
    const std::uint8_t* p = data_ + offset;
    return big_endian_ ? (std::uint32_t{p[0]} << 8 | p[1]) : (std::uint32_t{p[1]} << 8 | p[0]);
  }
  std::uint32_t u32(std::size_t offset) const {
    if (!has(offset, 4)) return 0;
    return big_endian_ ? (u16(offset) << 16 | u16(offset + 2))
                       : (u16(offset + 2) << 16 | u16(offset));
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  bool big_endian_;
};

int valid_or_upright(std::uint32_t value) {
  return value >= 1 && value <= 8 ? static_cast<int>(value) : kOrientationUpright;
}

// An EXIF block with its optional "Exif\0\0" prefix (WebP and PNG writers disagree about it).
int orientation_from_exif_payload(const std::uint8_t* p, std::size_t n) {
  if (n >= 6 && std::memcmp(p, "Exif\0\0", 6) == 0) {
    p += 6;
    n -= 6;
  }
  return exif_orientation_from_tiff(p, n);
}

int jpeg_orientation(const std::uint8_t* data, std::size_t size) {
  if (size < 4 || data[0] != 0xFF || data[1] != 0xD8) return kOrientationUpright;
  std::size_t pos = 2;
  while (pos < size && data[pos] == 0xFF) {
    while (pos < size && data[pos] == 0xFF) ++pos;
    if (pos >= size) break;
    const std::uint8_t marker = data[pos++];
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;
    // EXIF lives in the header; once the image data starts there is none to find.
    if (marker == 0xDA || marker == 0xD9 || size - pos < 2) break;
    const std::size_t length = be16(data + pos);
    if (length < 2 || size - pos < length) break;
    if (marker == 0xE1 && length - 2 >= 6 && std::memcmp(data + pos + 2, "Exif\0\0", 6) == 0) {
      return exif_orientation_from_tiff(data + pos + 8, length - 8);
    }
    pos += length;
  }
  return kOrientationUpright;
}

int png_orientation(const std::uint8_t* data, std::size_t size) {
  std::size_t pos = 8;  // after the signature
  // chunk: length(4) type(4) data(length) crc(4)
  while (size >= 12 && pos <= size - 12) {
    const std::size_t length = be32(data + pos);
    const std::uint8_t* type = data + pos + 4;
    if (length > size - pos - 12) break;
    if (std::memcmp(type, "eXIf", 4) == 0) return orientation_from_exif_payload(type + 4, length);
    if (std::memcmp(type, "IDAT", 4) == 0 || std::memcmp(type, "IEND", 4) == 0) break;
    pos += 12 + length;
  }
  return kOrientationUpright;
}

std::uint32_t le32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
         std::uint32_t{p[3]} << 24;
}

int webp_orientation(const std::uint8_t* data, std::size_t size) {
  std::size_t pos = 12;  // after "RIFF" size "WEBP"
  // chunk: fourcc(4) size(4) payload(size) padding to an even size
  while (size >= 8 && pos <= size - 8) {
    const std::size_t length = le32(data + pos + 4);
    if (length > size - pos - 8) break;
    if (std::memcmp(data + pos, "EXIF", 4) == 0) {
      return orientation_from_exif_payload(data + pos + 8, length);
    }
    pos += 8 + length + (length & 1);
  }
  return kOrientationUpright;
}

}  // namespace

int exif_orientation_from_tiff(const std::uint8_t* data, std::size_t size) noexcept {
  if (data == nullptr || size < 8) return kOrientationUpright;
  bool big_endian;
  if (data[0] == 'I' && data[1] == 'I') {
    big_endian = false;
  } else if (data[0] == 'M' && data[1] == 'M') {
    big_endian = true;
  } else {
    return kOrientationUpright;
  }
  const TiffReader tiff(data, size, big_endian);
  if (tiff.u16(2) != 42) return kOrientationUpright;
  const std::size_t ifd = tiff.u32(4);
  if (!tiff.has(ifd, 2)) return kOrientationUpright;
  const std::size_t count = tiff.u16(ifd);
  // entry: tag(2) type(2) count(4) value-or-offset(4); values of 4 bytes or fewer are inline.
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t entry = ifd + 2 + i * 12;
    if (!tiff.has(entry, 12)) break;
    if (tiff.u16(entry) != kOrientationTag) continue;
    const std::uint32_t type = tiff.u16(entry + 2);
    if (tiff.u32(entry + 4) < 1) return kOrientationUpright;
    if (type == kTypeShort) return valid_or_upright(tiff.u16(entry + 8));
    if (type == kTypeLong) return valid_or_upright(tiff.u32(entry + 8));
    return kOrientationUpright;
  }
  return kOrientationUpright;
}

int read_orientation(ImageFormat format, const std::uint8_t* data, std::size_t size) noexcept {
  if (data == nullptr) return kOrientationUpright;
  switch (format) {
    case ImageFormat::jpeg:
      return jpeg_orientation(data, size);
    case ImageFormat::png:
      return png_orientation(data, size);
    case ImageFormat::webp:
      return webp_orientation(data, size);
    default:
      return kOrientationUpright;
  }
}

RgbImage apply_orientation(RgbImage image, int orientation) {
  switch (orientation) {
    case 2:
      return flip_horizontal(image);
    case 3:
      return rotate_quarter_turns(image, 2);
    case 4:
      return rotate_quarter_turns(flip_horizontal(image), 2);
    case 5:
      return rotate_quarter_turns(flip_horizontal(image), 3);
    case 6:
      return rotate_quarter_turns(image, 1);
    case 7:
      return rotate_quarter_turns(flip_horizontal(image), 1);
    case 8:
      return rotate_quarter_turns(image, 3);
    default:
      return image;
  }
}

}  // namespace facenapi::detail
