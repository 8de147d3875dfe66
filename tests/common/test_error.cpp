#include <catch2/catch.hpp>

#include <facenapi/error.hpp>

TEST_CASE("an Error carries its code and the message for a person", "[common][error]") {
  const facenapi::Error e(facenapi::Errc::too_large, "image is 60000x60000 pixels");
  CHECK(e.errc() == facenapi::Errc::too_large);
  CHECK(e.code() == facenapi::Errc::too_large);
  CHECK(std::string(e.what()).find("60000x60000") != std::string::npos);
  CHECK(std::string(e.code().category().name()) == "facenapi");
}
