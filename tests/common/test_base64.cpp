#include <catch2/catch.hpp>

#include "common/base64.hpp"

using facenapi::detail::base64_decode;
using facenapi::detail::base64_encode;

namespace {
std::string encode(const std::string& s) {
  return base64_encode(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}
}  // namespace

TEST_CASE("base64 encodes the RFC 4648 test vectors", "[common][base64]") {
  CHECK(encode("") == "");
  CHECK(encode("f") == "Zg==");
  CHECK(encode("fo") == "Zm8=");
  CHECK(encode("foo") == "Zm9v");
  CHECK(encode("foob") == "Zm9vYg==");
  CHECK(encode("fooba") == "Zm9vYmE=");
  CHECK(encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 decoding inverts encoding for every byte value", "[common][base64]") {
  std::vector<std::uint8_t> bytes(256 + 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 7);
  for (std::size_t n = 0; n < bytes.size(); n += 1) {
    const auto text = base64_encode(bytes.data(), n);
    const auto back = base64_decode(text);
    REQUIRE(back.has_value());
    CHECK(*back == std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + n));
  }
}

TEST_CASE("base64 decoding rejects malformed text", "[common][base64]") {
  CHECK_FALSE(base64_decode("Zm9").has_value());       // length not a multiple of 4
  CHECK_FALSE(base64_decode("Zm9v!A==").has_value());  // foreign character
  CHECK_FALSE(base64_decode("Zg==Zm9v").has_value());  // padding in the middle
  CHECK_FALSE(base64_decode("Z===").has_value());      // too much padding
  CHECK(base64_decode("Zm9vYg==").has_value());
}
