// A float32 feature map with batch 1, NHWC: element (y, x, c) is data[(y * w + x) * c_count + c].
#pragma once

#include <cstddef>
#include <vector>

namespace facenapi::detail::nn {

struct Tensor {
  int h = 0, w = 0, c = 0;
  std::vector<float> data;

  Tensor() = default;
  Tensor(int height, int width, int channels)
      : h(height), w(width), c(channels), data(static_cast<std::size_t>(height) * width * channels) {}

  std::size_t size() const noexcept { return data.size(); }
  float* at(int y, int x) noexcept { return data.data() + (static_cast<std::size_t>(y) * w + x) * c; }
  const float* at(int y, int x) const noexcept {
    return data.data() + (static_cast<std::size_t>(y) * w + x) * c;
  }
};

}  // namespace facenapi::detail::nn
