// Recognising an encoded image's format from its first bytes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace facenapi::detail {

// What the leading bytes of an encoded image say it is. jpeg, png and webp are decoded by
// facenapi; gif, bmp, tiff and heif are recognised only to name them in an unsupported_format
// error; unknown is anything else (including input too short to tell).
enum class ImageFormat { jpeg, png, webp, gif, bmp, tiff, heif, unknown };

// The format named by the magic bytes at the start of data[0, size). Never looks at a file
// name, never reads past size, never throws.
ImageFormat sniff_format(const std::uint8_t* data, std::size_t size) noexcept;

// True for the formats decode_image() reads: jpeg, png, webp.
bool is_decodable(ImageFormat format) noexcept;

// A short name for messages: "JPEG", "PNG", "WebP", "GIF", "BMP", "TIFF", "HEIF/AVIF", "unknown".
const char* format_name(ImageFormat format) noexcept;

}  // namespace facenapi::detail
