// The C error codes are minus the C++ facenapi::Errc values, one to one, and both sides describe
// a code with the same words.
#include <facenapi/c.h>

#include <catch2/catch.hpp>
#include <facenapi/error.hpp>
#include <string>
#include <utility>

using facenapi::Errc;

namespace {
const std::pair<int, Errc> kPairs[] = {
    {FACENAPI_OK, Errc::ok},
    {FACENAPI_EINVAL, Errc::invalid_argument},
    {FACENAPI_EDECODE, Errc::decode_failed},
    {FACENAPI_EUNSUPPORTED, Errc::unsupported_format},
    {FACENAPI_ETOOLARGE, Errc::too_large},
    {FACENAPI_EMODEL, Errc::model_error},
    {FACENAPI_ETOOMANYFACES, Errc::too_many_faces},
    {FACENAPI_EIO, Errc::io_error},
    {FACENAPI_ENOTFOUND, Errc::not_found},
    {FACENAPI_EUNAUTHENTICATED, Errc::unauthenticated},
    {FACENAPI_EEXISTS, Errc::already_exists},
    {FACENAPI_EINTERNAL, Errc::internal},
    {FACENAPI_EBUFSIZE, Errc::buffer_too_small},
};
}  // namespace

TEST_CASE("every C error code is minus its C++ Errc and has the same description",
          "[capi][error]") {
  for (const auto& [c, errc] : kPairs) {
    CAPTURE(c);
    CHECK(c == -static_cast<int>(errc));
    CHECK(std::string(facenapi_error_code_message(c)) ==
          facenapi::error_category().message(static_cast<int>(errc)));
  }
}

TEST_CASE("every C++ Errc has a C code: the values run 0..N without gaps", "[capi][error]") {
  const std::string unknown = facenapi::error_category().message(-1);
  const int n = static_cast<int>(std::size(kPairs));
  for (int v = 0; v < n; ++v) CHECK(facenapi::error_category().message(v) != unknown);
  // A new Errc needs a new FACENAPI_E* code and a line in kPairs above.
  CHECK(facenapi::error_category().message(n) == unknown);
  CHECK(std::string(facenapi_error_code_message(-n)) == unknown);
  CHECK(std::string(facenapi_error_code_message(1)) == unknown);
}
