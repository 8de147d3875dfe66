#include <facenapi/error.hpp>
#include <facenapi/recognition.hpp>

namespace facenapi {

Probe Probe::photo(std::vector<std::uint8_t> bytes) {
  Probe p;
  p.kind_ = Kind::photo;
  p.bytes_ = std::move(bytes);
  return p;
}

Probe Probe::photo(const void* data, std::size_t size) {
  if (!data && size) throw Error(Errc::invalid_argument, "photo data is null");
  const auto* b = static_cast<const std::uint8_t*>(data);
  return photo(std::vector<std::uint8_t>(b, b + size));
}

Probe Probe::face(std::int64_t face_id) {
  Probe p;
  p.kind_ = Kind::face;
  p.face_id_ = face_id;
  return p;
}

Probe Probe::facen(Facen facen) {
  Probe p;
  p.kind_ = Kind::facen;
  p.facen_ = std::move(facen);
  return p;
}

}  // namespace facenapi
