#include "image/alpha_composite.hpp"

namespace facenapi::detail {

void composite_onto_black(const std::uint8_t* rgba, std::size_t pixels,
                          std::uint8_t* rgb) noexcept {
  for (std::size_t i = 0; i < pixels; ++i, rgba += 4, rgb += 3) {
    const unsigned a = rgba[3];
    for (int c = 0; c < 3; ++c) rgb[c] = static_cast<std::uint8_t>((rgba[c] * a + 127) / 255);
  }
}

}  // namespace facenapi::detail
