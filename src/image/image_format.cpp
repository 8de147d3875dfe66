#include "image/image_format.hpp"

#include <cstring>

namespace facenapi::detail {
namespace {

bool starts_with(const std::uint8_t* data, std::size_t size, const char* magic, std::size_t n) {
  return size >= n && std::memcmp(data, magic, n) == 0;
}

// ISO base media files (HEIC, AVIF) start with a box whose type is "ftyp"; the major brand
// that follows tells HEIF-family files from MP4 video, which we leave as unknown.
bool is_heif(const std::uint8_t* data, std::size_t size) {
  if (size < 12 || std::memcmp(data + 4, "ftyp", 4) != 0) return false;
  static const char* const kBrands[] = {"heic", "heix", "hevc", "hevx", "heim",
                                        "heis", "mif1", "msf1", "avif", "avis"};
  for (const char* brand : kBrands) {
    if (std::memcmp(data + 8, brand, 4) == 0) return true;
  }
  return false;
}

}  // namespace

ImageFormat sniff_format(const std::uint8_t* data, std::size_t size) noexcept {
  if (data == nullptr) return ImageFormat::unknown;
  if (starts_with(data, size, "\xFF\xD8\xFF", 3)) return ImageFormat::jpeg;
  if (starts_with(data, size, "\x89PNG\r\n\x1A\n", 8)) return ImageFormat::png;
  if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0) {
    return ImageFormat::webp;
  }
  if (starts_with(data, size, "GIF87a", 6) || starts_with(data, size, "GIF89a", 6)) {
    return ImageFormat::gif;
  }
  // "BM" alone is weak evidence; a BMP file header is 14 bytes and the info header that
  // follows is at least 12, so anything shorter is not a BMP either.
  if (size >= 26 && data[0] == 'B' && data[1] == 'M') return ImageFormat::bmp;
  if (starts_with(data, size, "II*\0", 4) || starts_with(data, size, "MM\0*", 4)) {
    return ImageFormat::tiff;
  }
  if (is_heif(data, size)) return ImageFormat::heif;
  return ImageFormat::unknown;
}

bool is_decodable(ImageFormat format) noexcept {
  return format == ImageFormat::jpeg || format == ImageFormat::png || format == ImageFormat::webp;
}

const char* format_name(ImageFormat format) noexcept {
  switch (format) {
    case ImageFormat::jpeg:
      return "JPEG";
    case ImageFormat::png:
      return "PNG";
    case ImageFormat::webp:
      return "WebP";
    case ImageFormat::gif:
      return "GIF";
    case ImageFormat::bmp:
      return "BMP";
    case ImageFormat::tiff:
      return "TIFF";
    case ImageFormat::heif:
      return "HEIF/AVIF";
    case ImageFormat::unknown:
      break;
  }
  return "unknown";
}

}  // namespace facenapi::detail
