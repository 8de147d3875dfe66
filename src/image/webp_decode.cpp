#include "image/webp_decode.hpp"

#include <webp/decode.h>

#include <facenapi/error.hpp>
#include <string>
#include <vector>

#include "image/alpha_composite.hpp"
#include "image/image_limits.hpp"

namespace facenapi::detail {
namespace {

const char* status_text(VP8StatusCode status) {
  switch (status) {
    case VP8_STATUS_OUT_OF_MEMORY:
      return "out of memory";
    case VP8_STATUS_INVALID_PARAM:
      return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR:
      return "corrupt bitstream";
    case VP8_STATUS_UNSUPPORTED_FEATURE:
      return "unsupported feature";
    case VP8_STATUS_SUSPENDED:
      return "decoding suspended";
    case VP8_STATUS_USER_ABORT:
      return "decoding aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA:
      return "premature end of data";
    default:
      return "unknown error";
  }
}

[[noreturn]] void fail(VP8StatusCode status) {
  const Errc errc = status == VP8_STATUS_OUT_OF_MEMORY ? Errc::internal : Errc::decode_failed;
  throw Error(errc, std::string("WebP decode failed: ") + status_text(status));
}

}  // namespace

RgbImage decode_webp(const std::uint8_t* data, std::size_t size, const ImageLimits& limits) {
  WebPDecoderConfig config;
  if (!WebPInitDecoderConfig(&config)) {
    throw Error(Errc::internal, "WebP decode failed: libwebp version mismatch");
  }
  VP8StatusCode status = WebPGetFeatures(data, size, &config.input);
  if (status != VP8_STATUS_OK) fail(status);
  if (config.input.has_animation) {
    throw Error(Errc::unsupported_format, "WebP decode failed: animated WebP is not supported");
  }
  check_dimension_limits(static_cast<std::uint32_t>(config.input.width),
                         static_cast<std::uint32_t>(config.input.height), limits);

  RgbImage image(config.input.width, config.input.height);
  const bool alpha = config.input.has_alpha != 0;
  const int channels = alpha ? 4 : 3;
  const std::size_t stride = static_cast<std::size_t>(image.width) * channels;
  std::vector<std::uint8_t> rgba(alpha ? stride * image.height : 0);
  // Decode straight into our buffers so that libwebp allocates no output of its own.
  config.output.colorspace = alpha ? MODE_RGBA : MODE_RGB;
  config.output.is_external_memory = 1;
  config.output.u.RGBA.rgba = alpha ? rgba.data() : image.pixels.data();
  config.output.u.RGBA.stride = static_cast<int>(stride);
  config.output.u.RGBA.size = stride * image.height;
  status = WebPDecode(data, size, &config);
  WebPFreeDecBuffer(&config.output);  // frees nothing of ours; releases any internal state
  if (status != VP8_STATUS_OK) fail(status);
  if (alpha) {
    composite_onto_black(rgba.data(), static_cast<std::size_t>(image.width) * image.height,
                         image.pixels.data());
  }
  return image;
}

}  // namespace facenapi::detail
