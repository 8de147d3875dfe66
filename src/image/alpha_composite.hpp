// Dropping an alpha channel by compositing onto black.
#pragma once

#include <cstddef>
#include <cstdint>

namespace facenapi::detail {

// Writes `pixels` RGB pixels to rgb from `pixels` RGBA pixels in rgba, each colour channel
// multiplied by alpha / 255 (rounded): the image as it looks over a black background.
// rgb and rgba must not overlap.
void composite_onto_black(const std::uint8_t* rgba, std::size_t pixels, std::uint8_t* rgb) noexcept;

}  // namespace facenapi::detail
