#include "image/decode.hpp"

#include <facenapi/error.hpp>
#include <string>
#include <utility>

#include "image/exif_orientation.hpp"
#include "image/image_format.hpp"
#include "image/image_header.hpp"
#include "image/image_limits.hpp"
#include "image/jpeg_decode.hpp"
#include "image/png_decode.hpp"
#include "image/webp_decode.hpp"

namespace facenapi::detail {

RgbImage decode_image(const std::uint8_t* data, std::size_t size, const ImageLimits& limits) {
  if (data == nullptr || size == 0) {
    throw Error(Errc::decode_failed, "image decode failed: empty input (0 bytes)");
  }
  check_byte_limit(size, limits);

  const ImageFormat format = sniff_format(data, size);
  // Bytes that match no signature are not an image at all (decode_failed); a recognised format
  // we do not read is the caller's to convert (unsupported_format).
  if (format == ImageFormat::unknown) {
    throw Error(Errc::decode_failed,
                "image decode failed: the data is not a JPEG, PNG or WebP image "
                "(unrecognised signature)");
  }
  if (!is_decodable(format)) {
    throw Error(Errc::unsupported_format, std::string("image decode failed: ") +
                                              format_name(format) +
                                              " images are not supported (JPEG, PNG and WebP are)");
  }

  // The header's size is judged before any decoder allocates; the decoders check again with
  // their own reading of it in case the two ever disagree.
  const ImageDimensions dims = read_image_dimensions(format, data, size);
  check_dimension_limits(dims.width, dims.height, limits);

  RgbImage image;
  switch (format) {
    case ImageFormat::jpeg:
      image = decode_jpeg(data, size, limits);
      break;
    case ImageFormat::png:
      image = decode_png(data, size, limits);
      break;
    default:
      image = decode_webp(data, size, limits);
      break;
  }
  return apply_orientation(std::move(image), read_orientation(format, data, size));
}

}  // namespace facenapi::detail
