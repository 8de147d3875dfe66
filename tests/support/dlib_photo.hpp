// Test helpers that read photos and annotations with dlib, for tests of src/extract/ that
// must not wait for src/image/. Tests only: they throw std::runtime_error on failure.
#pragma once

#include <facenapi/extraction_face.hpp>
#include <string>
#include <vector>

#include "image/rgb_image.hpp"
#include "support/test_data.hpp"

namespace facenapi::test {

// The photo at `path` (JPEG or PNG, any channel count) as 8-bit RGB.
detail::RgbImage load_photo(const std::string& path);

// The path of a file under FACENAPI_TEST_DATA_DIR, e.g. data_path("faces/noface/dlib_dog.jpg").
using facenapi_test::data_path;

// One annotated face of a dlib imglab XML file.
struct AnnotatedFace {
  BBox box;                   // right = left + width, bottom = top + height
  std::vector<Point> points;  // the parts in name order ("00".."67"), empty when none
};
// The faces of one image of a dlib imglab XML file (e.g. dlib's examples/faces/testing.xml).
struct AnnotatedImage {
  std::string file;                  // as written in the XML, relative to the XML's folder
  std::vector<AnnotatedFace> faces;  // boxes not marked ignore
};
std::vector<AnnotatedImage> load_imglab(const std::string& xml_path);

// img turned by 180 degrees.
detail::RgbImage rotate_180(const detail::RgbImage& img);

// img rotated by `degrees` counter-clockwise on screen about its centre, into a canvas of the
// same size (corners that leave it are lost, new corners are black); bilinear.
detail::RgbImage rotate_about_center(const detail::RgbImage& img, double degrees);

// The pixel position p of img after rotate_about_center(img, degrees).
Point rotated_point(const detail::RgbImage& img, double degrees, Point p);

// img mirrored left to right.
detail::RgbImage mirror(const detail::RgbImage& img);

// The part of img inside [left, left + width) x [top, top + height) (clipped to img).
detail::RgbImage crop(const detail::RgbImage& img, int left, int top, int width, int height);

// img blurred with a Gaussian of the given sigma (pixels).
detail::RgbImage gaussian_blur(const detail::RgbImage& img, double sigma);

// Intersection over union of two boxes.
double iou(const BBox& a, const BBox& b);

}  // namespace facenapi::test
