// Decoding JPEG with libjpeg(-turbo).
#pragma once

#include <cstddef>
#include <cstdint>
#include <facenapi/extractor.hpp>

#include "image/rgb_image.hpp"

namespace facenapi::detail {

// Decodes a JPEG (baseline, progressive, arithmetic; grayscale, YCbCr, RGB, CMYK, YCCK) into RGB
// as stored, without applying EXIF orientation. Checks the frame size against limits before
// allocating pixels. Throws Error(decode_failed, "JPEG decode failed: ...") for corrupt,
// truncated or unsupported data (including data-loss warnings and more than 1000 progressive
// scans) and Error(too_large) for a frame over the limits. See decode_image() for the policy.
RgbImage decode_jpeg(const std::uint8_t* data, std::size_t size, const ImageLimits& limits);

}  // namespace facenapi::detail
