// Drawing extraction results onto the photo, for people to look at.
#pragma once

#include <facenapi/export.hpp>
#include <facenapi/extraction_face.hpp>
#include <facenapi/extractor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace facenapi {

// Decodes `photo` (as Extractor::extract does, EXIF orientation applied, same limits) and returns
// it as PNG bytes with, for each face, its bbox, its 68 landmarks and a label drawn on it.
// labels[i] labels faces[i]; when labels is shorter, the default label is used:
// "<gender> <age>" and the top emotion, e.g. "female 31 happy".
// Throws Error as Extractor::extract does for a photo it cannot decode.
FACENAPI_API std::vector<std::uint8_t> annotate(const void* photo, std::size_t size,
                                                const std::vector<ExtractionFace>& faces,
                                                const std::vector<std::string>& labels = {},
                                                const ImageLimits& limits = {});

}  // namespace facenapi
