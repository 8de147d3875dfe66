// open_database(): a URI picks the engine; the document rules both engines share.
#include <catch2/catch.hpp>
#include <cmath>
#include <facenapi/error.hpp>
#include <functional>
#include <limits>

#include "store/collection.hpp"
#include "store/store_engines.hpp"

using facenapi::Errc;
using facenapi::Error;
using facenapi::detail::Document;
using facenapi::detail::open_database;

namespace {

Errc errc_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.errc();
  }
  return Errc::ok;
}

}  // namespace

TEST_CASE("a database URI picks the engine", "[store][uri]") {
  facenapi::test::TempDir dir;
  CHECK(open_database(dir.path() + "/a.db")->engine() == "sqlite");
  // A working mongodb:// URI is opened by every MongoEngine case of the conformance suite.
  CHECK(errc_of([] { open_database(""); }) == Errc::invalid_argument);
  CHECK(errc_of([] { open_database(":memory:"); }) == Errc::invalid_argument);
  CHECK(errc_of([] { open_database("file:x.db?mode=memory"); }) == Errc::invalid_argument);
  CHECK(errc_of([] { open_database("mongodb://"); }) == Errc::invalid_argument);
  CHECK(errc_of([&] { open_database(dir.path() + "/no/such/folder/a.db"); }) == Errc::io_error);
  CHECK(errc_of([] { open_database("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300"); }) ==
        Errc::io_error);
}

TEST_CASE("a file that is not a database is refused with an io error", "[store][uri]") {
  facenapi::test::TempDir dir;
  const std::string path = dir.path() + "/not.db";
  FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f);
  std::fputs("this is a text file, not SQLite, and it is long enough to have a header......", f);
  std::fclose(f);
  CHECK(errc_of([&] { open_database(path); }) == Errc::io_error);
}

TEST_CASE("the canonical text of a document round-trips binary values", "[store][document]") {
  Document doc = {{"png", facenapi::detail::make_binary({0, 1, 2, 255})}, {"n", 1}, {"d", 0.5}};
  const std::string text = facenapi::detail::to_text(doc);
  CHECK(text.find("$binary") != std::string::npos);
  const Document back = facenapi::detail::from_text(text);
  CHECK(back == doc);
  CHECK(back["n"].is_number_integer());
  CHECK_FALSE(back["n"].is_number_unsigned());
  CHECK(errc_of([] { facenapi::detail::from_text("[1, 2]"); }) == Errc::internal);
  CHECK(errc_of([] { facenapi::detail::from_text(R"({"b": {"$binary": "!!"}})"); }) ==
        Errc::internal);
}

TEST_CASE("documents that no engine can store faithfully are refused", "[store][document]") {
  using facenapi::detail::validate_document;
  CHECK(errc_of([] { validate_document(Document::array()); }) == Errc::invalid_argument);
  CHECK(errc_of([] { validate_document({{"x", std::nan("")}}); }) == Errc::invalid_argument);
  CHECK(errc_of([] {
          validate_document({{"x", std::numeric_limits<double>::infinity()}});
        }) == Errc::invalid_argument);
  CHECK(errc_of([] {
          validate_document({{"x", std::numeric_limits<std::uint64_t>::max()}});
        }) == Errc::invalid_argument);
  CHECK(errc_of([] { validate_document({{std::string(300, 'k'), 1}}); }) == Errc::invalid_argument);
  Document deep = 1;
  for (int i = 0; i < 40; ++i) deep = Document{{"d", deep}};
  CHECK(errc_of([&] { validate_document(deep); }) == Errc::invalid_argument);
  CHECK(errc_of([] {
          validate_document({{"ok", "fine"}, {"list", {1, 2.5, "x", nullptr}}});
        }) == Errc::ok);
}
