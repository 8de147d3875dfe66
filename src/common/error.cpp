#include <facenapi/error.hpp>

namespace facenapi {
namespace {

class ErrorCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "facenapi"; }
  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::ok:
        return "ok";
      case Errc::invalid_argument:
        return "invalid argument";
      case Errc::decode_failed:
        return "image could not be decoded";
      case Errc::unsupported_format:
        return "unsupported image format";
      case Errc::too_large:
        return "input too large";
      case Errc::model_error:
        return "model could not be loaded";
      case Errc::too_many_faces:
        return "more than one face";
      case Errc::io_error:
        return "input/output error";
      case Errc::not_found:
        return "not found";
      case Errc::unauthenticated:
        return "unauthenticated";
      case Errc::already_exists:
        return "already exists";
      case Errc::internal:
        return "internal error";
      case Errc::buffer_too_small:
        return "buffer too small";
    }
    return "unknown facenapi error";
  }
};

}  // namespace

const std::error_category& error_category() noexcept {
  static const ErrorCategory category;
  return category;
}

Error::Error(Errc code, const std::string& message)
    : std::system_error(make_error_code(code), message), message_(message) {}

}  // namespace facenapi
