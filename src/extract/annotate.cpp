#include <facenapi/annotate.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "image/decode.hpp"
#include "image/draw.hpp"
#include "image/png_encode.hpp"

namespace facenapi {
namespace {

std::string default_label(const ExtractionFace& face) {
  std::string label;
  if (face.gender) label = to_string(*face.gender);
  if (face.age) label += fmt::format("{}{:.0f}", label.empty() ? "" : " ", *face.age);
  if (face.emotions) {
    label += (label.empty() ? "" : " ") + face.emotions->top(1).front().first;
  }
  return label;
}

}  // namespace

std::vector<std::uint8_t> annotate(const void* photo, std::size_t size,
                                   const std::vector<ExtractionFace>& faces,
                                   const std::vector<std::string>& labels,
                                   const ImageLimits& limits) {
  detail::RgbImage img = detail::decode_image(static_cast<const std::uint8_t*>(photo), size, limits);
  // Lines scale with the photo so they stay visible on large photos.
  const int thickness = std::max(1, std::min(img.width, img.height) / 300);
  const detail::Rgb box_colour{0, 255, 0};
  const detail::Rgb point_colour{255, 64, 64};
  for (std::size_t i = 0; i < faces.size(); ++i) {
    const ExtractionFace& face = faces[i];
    const auto& b = face.bbox;
    const int left = static_cast<int>(std::lround(b.left));
    const int top = static_cast<int>(std::lround(b.top));
    detail::draw_rectangle(img, left, top, static_cast<int>(std::lround(b.width())),
                           static_cast<int>(std::lround(b.height())), box_colour, thickness);
    for (const Point& p : face.landmarks) {
      detail::draw_dot(img, static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)),
                       thickness, point_colour);
    }
    const std::string label = i < labels.size() ? labels[i] : default_label(face);
    detail::draw_text(img, left, static_cast<int>(std::lround(b.bottom)) + thickness + 1, label,
                      box_colour, std::max(1, thickness));
  }
  return detail::encode_png(img);
}

}  // namespace facenapi
