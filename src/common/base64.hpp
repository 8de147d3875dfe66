// RFC 4648 base64 with padding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace facenapi::detail {

std::string base64_encode(const std::uint8_t* data, std::size_t size);
// nullopt when `text` is not canonical padded base64 (wrong length, a foreign character,
// padding in the middle).
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace facenapi::detail
