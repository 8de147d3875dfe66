// SHA-256 as lowercase hex (OpenSSL's libcrypto).
#pragma once

#include <cstddef>
#include <string>

namespace facenapi::detail {

std::string sha256_hex(const void* data, std::size_t size);

}  // namespace facenapi::detail
