// Extraction of the labelled face of LFW photos, shared by the LFW accuracy and calibration tools.
#pragma once

#include <facenapi/extractor.hpp>
#include <optional>
#include <string>
#include <vector>

namespace facenapi_bench {

struct LfwExtraction {
  std::vector<std::optional<facenapi::Facen>> facens;  // one per image; empty: no face found
  double seconds = 0;                                  // wall time of the whole run
};

// Extracts the facen of the face nearest the centre of each image (LFW labels the person in the
// middle of the photo) of `images` (paths relative to `lfw_dir`/lfw-deepfunneled/), on `threads`
// threads. Photos without a face or that fail are reported on stderr and left empty.
LfwExtraction extract_lfw_facens(const std::string& lfw_dir, const std::vector<std::string>& images,
                                 int threads, facenapi::ExtractOptions options);

}  // namespace facenapi_bench
