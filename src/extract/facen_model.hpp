// Facts about the facen this library version produces. A facen is comparable only with facens
// of the same model id; a new network, alignment or normalisation gets a new id.
#pragma once

namespace facenapi::detail {

// dlib's ResNet-29 weights (uint8-quantized copy shipped with face-api), on a 150x150 chip
// aligned with dlib's face-chip similarity transform (padding 0.25), input /256, averaged with
// the chip's mirror image, L2-normalised.
inline constexpr const char* kFacenModelId = "dlib-resnet29-u8/chip150-flip/v1";
inline constexpr int kFacenDimension = 128;
// Euclidean distance between unit facens under which two faces are the same person. The
// best-accuracy thresholds of the 10 LFW folds average 0.415 (docs/benchmarks.md).
inline constexpr float kFacenMatchThreshold = 0.42f;

}  // namespace facenapi::detail
