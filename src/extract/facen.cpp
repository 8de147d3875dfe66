#include <facenapi/error.hpp>
#include <facenapi/extraction_face.hpp>
#include <facenapi/extractor.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "common/base64.hpp"
#include "extract/facen_model.hpp"

namespace facenapi {

const char* facen_model_id() noexcept { return detail::kFacenModelId; }
float facen_match_threshold() noexcept { return detail::kFacenMatchThreshold; }

std::string Facen::to_base64() const {
  static_assert(sizeof(float) == 4, "facens are float32");
  std::vector<std::uint8_t> bytes(values.size() * 4);
  std::memcpy(bytes.data(), values.data(), bytes.size());  // x86-64 is little-endian
  return detail::base64_encode(bytes.data(), bytes.size());
}

Facen Facen::from_base64(std::string_view base64, std::string model_id, std::size_t dimension) {
  const auto bytes = detail::base64_decode(base64);
  if (!bytes) throw Error(Errc::invalid_argument, "facen is not valid base64");
  if (bytes->size() != dimension * 4) {
    throw Error(Errc::invalid_argument,
                fmt::format("facen has {} bytes, expected {} ({} float32 values)", bytes->size(),
                            dimension * 4, dimension));
  }
  Facen facen{std::move(model_id), std::vector<float>(dimension)};
  std::memcpy(facen.values.data(), bytes->data(), bytes->size());
  for (float v : facen.values) {
    if (!std::isfinite(v)) throw Error(Errc::invalid_argument, "facen holds a NaN or infinite value");
  }
  return facen;
}

float Facen::distance(const Facen& other) const {
  if (model_id != other.model_id) {
    throw Error(Errc::invalid_argument,
                fmt::format("facens of different models cannot be compared ({} vs {})", model_id,
                            other.model_id));
  }
  if (values.size() != other.values.size()) {
    throw Error(Errc::invalid_argument, "facens of different lengths cannot be compared");
  }
  double sum = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double d = static_cast<double>(values[i]) - other.values[i];
    sum += d * d;
  }
  return static_cast<float>(std::sqrt(sum));
}

}  // namespace facenapi
