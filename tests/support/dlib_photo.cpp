#include "support/dlib_photo.hpp"

#include <dlib/data_io.h>
#include <dlib/image_io.h>
#include <dlib/image_transforms.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace facenapi::test {
namespace {

detail::RgbImage from_dlib(const dlib::array2d<dlib::rgb_pixel>& in) {
  detail::RgbImage out(static_cast<int>(in.nc()), static_cast<int>(in.nr()));
  for (long y = 0; y < in.nr(); ++y) {
    std::uint8_t* row = out.row(static_cast<int>(y));
    for (long x = 0; x < in.nc(); ++x) {
      row[3 * x] = in[y][x].red;
      row[3 * x + 1] = in[y][x].green;
      row[3 * x + 2] = in[y][x].blue;
    }
  }
  return out;
}

dlib::array2d<dlib::rgb_pixel> to_dlib(const detail::RgbImage& in) {
  dlib::array2d<dlib::rgb_pixel> out(in.height, in.width);
  for (int y = 0; y < in.height; ++y) {
    const std::uint8_t* row = in.row(y);
    for (int x = 0; x < in.width; ++x) {
      out[y][x] = dlib::rgb_pixel(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
    }
  }
  return out;
}

constexpr double kPi = 3.14159265358979323846;

}  // namespace

detail::RgbImage load_photo(const std::string& path) {
  dlib::array2d<dlib::rgb_pixel> img;
  dlib::load_image(img, path);  // throws dlib::image_load_error
  return from_dlib(img);
}

std::vector<AnnotatedImage> load_imglab(const std::string& xml_path) {
  dlib::image_dataset_metadata::dataset data;
  dlib::image_dataset_metadata::load_image_dataset_metadata(data, xml_path);
  std::vector<AnnotatedImage> out;
  for (const auto& image : data.images) {
    AnnotatedImage a;
    a.file = image.filename;
    for (const auto& box : image.boxes) {
      if (box.ignore) continue;
      AnnotatedFace face;
      face.box =
          BBox{static_cast<float>(box.rect.left()), static_cast<float>(box.rect.top()),
               static_cast<float>(box.rect.right() + 1), static_cast<float>(box.rect.bottom() + 1)};
      for (const auto& [name, p] : box.parts) {  // std::map: in name order
        (void)name;
        face.points.push_back(Point{static_cast<float>(p.x()), static_cast<float>(p.y())});
      }
      a.faces.push_back(face);
    }
    out.push_back(a);
  }
  return out;
}

detail::RgbImage rotate_180(const detail::RgbImage& img) {
  detail::RgbImage out(img.width, img.height);
  for (int y = 0; y < img.height; ++y) {
    const std::uint8_t* src = img.row(y);
    std::uint8_t* dst = out.row(img.height - 1 - y);
    for (int x = 0; x < img.width; ++x) {
      std::copy_n(src + 3 * x, 3, dst + 3 * (img.width - 1 - x));
    }
  }
  return out;
}

Point rotated_point(const detail::RgbImage& img, double degrees, Point p) {
  // Counter-clockwise on screen (y down) is a negative angle in image axes.
  const double a = -degrees * kPi / 180.0;
  const double cx = (img.width - 1) / 2.0;
  const double cy = (img.height - 1) / 2.0;
  const double x = p.x - cx;
  const double y = p.y - cy;
  return Point{static_cast<float>(cx + std::cos(a) * x - std::sin(a) * y),
               static_cast<float>(cy + std::sin(a) * x + std::cos(a) * y)};
}

detail::RgbImage rotate_about_center(const detail::RgbImage& img, double degrees) {
  const auto in = to_dlib(img);
  dlib::array2d<dlib::rgb_pixel> out(in.nr(), in.nc());
  // transform_image wants the map from output pixels to input pixels: the inverse rotation.
  const double a = degrees * kPi / 180.0;
  const dlib::dpoint c((img.width - 1) / 2.0, (img.height - 1) / 2.0);
  const dlib::point_transform_affine back(dlib::rotation_matrix(a),
                                          c - dlib::rotation_matrix(a) * c);
  dlib::transform_image(in, out, dlib::interpolate_bilinear(), back);
  return from_dlib(out);
}

detail::RgbImage mirror(const detail::RgbImage& img) {
  detail::RgbImage out(img.width, img.height);
  for (int y = 0; y < img.height; ++y) {
    const std::uint8_t* src = img.row(y);
    std::uint8_t* dst = out.row(y);
    for (int x = 0; x < img.width; ++x) std::copy_n(src + 3 * x, 3, dst + 3 * (img.width - 1 - x));
  }
  return out;
}

detail::RgbImage crop(const detail::RgbImage& img, int left, int top, int width, int height) {
  const int x0 = std::clamp(left, 0, img.width);
  const int y0 = std::clamp(top, 0, img.height);
  const int x1 = std::clamp(left + width, x0, img.width);
  const int y1 = std::clamp(top + height, y0, img.height);
  detail::RgbImage out(x1 - x0, y1 - y0);
  for (int y = y0; y < y1; ++y) std::copy_n(img.row(y) + 3 * x0, 3 * (x1 - x0), out.row(y - y0));
  return out;
}

detail::RgbImage gaussian_blur(const detail::RgbImage& img, double sigma) {
  const auto in = to_dlib(img);
  dlib::array2d<dlib::rgb_pixel> out;
  dlib::gaussian_blur(in, out, sigma);
  return from_dlib(out);
}

double iou(const BBox& a, const BBox& b) {
  const double w = std::min(a.right, b.right) - std::max(a.left, b.left);
  const double h = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
  if (w <= 0 || h <= 0) return 0;
  const double inter = w * h;
  return inter / (static_cast<double>(a.width()) * a.height() +
                  static_cast<double>(b.width()) * b.height() - inter);
}

}  // namespace facenapi::test
