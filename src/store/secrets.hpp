// Secrets at rest: salted PBKDF2 password hashes and SHA-256 digests of random API tokens
// (OpenSSL libcrypto). docs/storage.md explains the choice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/document.hpp"

namespace facenapi::detail {

// `n` bytes from OpenSSL's CSPRNG. Error(internal) if it fails.
std::vector<std::uint8_t> random_bytes(std::size_t n);

// {"alg": "pbkdf2-sha256", "iterations": N, "salt": <16 random bytes>, "hash": <32 bytes>}.
Document hash_password(std::string_view password, int iterations);
// Whether `password` matches a hash_password() document, compared in constant time. A
// malformed document never matches.
bool verify_password(const Document& stored, std::string_view password);
// Spends the time of one verification, so that an unknown name takes as long as a wrong
// password.
void burn_password_time(std::string_view password, int iterations);

// A new API token secret: 32 random bytes as 64 lowercase hex digits.
std::string make_token_secret();
// The SHA-256 (hex) of the token's 32 bytes, or "" when `secret` is not 64 lowercase hex digits.
std::string token_digest(std::string_view secret);
// Constant-time string equality (CRYPTO_memcmp; lengths are not secret).
bool equal_secret(std::string_view a, std::string_view b);

}  // namespace facenapi::detail
