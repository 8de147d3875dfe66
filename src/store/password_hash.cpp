#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <facenapi/error.hpp>

#include "common/sha256.hpp"
#include "store/secrets.hpp"

namespace facenapi::detail {
namespace {

constexpr const char* kAlgorithm = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kTokenBytes = 32;
// A stored count above this is refused rather than run (a corrupt row must not hang a login).
constexpr std::int64_t kMaxIterations = 10'000'000;

std::vector<std::uint8_t> pbkdf2(std::string_view password, const std::vector<std::uint8_t>& salt,
                                 int iterations) {
  std::vector<std::uint8_t> out(kHashBytes);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    throw Error(Errc::internal, "PBKDF2 failed");
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::vector<std::uint8_t> random_bytes(std::size_t n) {
  std::vector<std::uint8_t> out(n);
  if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    throw Error(Errc::internal, "the random number generator failed");
  }
  return out;
}

Document hash_password(std::string_view password, int iterations) {
  auto salt = random_bytes(kSaltBytes);
  auto hash = pbkdf2(password, salt, iterations);
  Document doc = Document::object();
  doc["alg"] = kAlgorithm;
  doc["iterations"] = iterations;
  doc["salt"] = make_binary(std::move(salt));
  doc["hash"] = make_binary(std::move(hash));
  return doc;
}

bool verify_password(const Document& stored, std::string_view password) {
  if (!stored.is_object() || stored.value("alg", "") != kAlgorithm) return false;
  const auto it = stored.find("iterations");
  const auto salt = stored.find("salt");
  const auto hash = stored.find("hash");
  if (it == stored.end() || !it->is_number_integer() || salt == stored.end() ||
      !salt->is_binary() || hash == stored.end() || !hash->is_binary()) {
    return false;
  }
  const auto iterations = it->get<std::int64_t>();
  if (iterations < 1 || iterations > kMaxIterations) return false;
  const std::vector<std::uint8_t> salt_bytes(salt->get_binary().begin(), salt->get_binary().end());
  const auto expected = pbkdf2(password, salt_bytes, static_cast<int>(iterations));
  const auto& actual = hash->get_binary();
  return actual.size() == expected.size() &&
         CRYPTO_memcmp(actual.data(), expected.data(), expected.size()) == 0;
}

void burn_password_time(std::string_view password, int iterations) {
  static const std::vector<std::uint8_t> kSalt(kSaltBytes, 0);
  (void)pbkdf2(password, kSalt, iterations);
}

std::string make_token_secret() {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto bytes = random_bytes(kTokenBytes);
  std::string out;
  out.reserve(2 * bytes.size());
  for (auto b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string token_digest(std::string_view secret) {
  if (secret.size() != 2 * kTokenBytes) return {};
  std::uint8_t bytes[kTokenBytes];
  for (std::size_t i = 0; i < kTokenBytes; ++i) {
    const int hi = hex_value(secret[2 * i]);
    const int lo = hex_value(secret[2 * i + 1]);
    if (hi < 0 || lo < 0) return {};
    bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return sha256_hex(bytes, sizeof bytes);
}

bool equal_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace facenapi::detail
