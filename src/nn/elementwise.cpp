#include <algorithm>
#include <cmath>

#include "nn/kernels.hpp"

namespace facenapi::detail::nn {

void add_inplace(Tensor& a, const Tensor& b) {
  float* pa = a.data.data();
  const float* pb = b.data.data();
  for (std::size_t i = 0; i < a.size(); ++i) pa[i] += pb[i];
}

void activate_inplace(float* data, std::size_t n, Activation act) {
  switch (act) {
    case Activation::none:
      return;
    case Activation::relu:
      for (std::size_t i = 0; i < n; ++i) data[i] = std::max(data[i], 0.0f);
      return;
    case Activation::relu6:
      for (std::size_t i = 0; i < n; ++i) data[i] = std::min(std::max(data[i], 0.0f), 6.0f);
      return;
    case Activation::leaky:
      for (std::size_t i = 0; i < n; ++i) data[i] = data[i] > 0.0f ? data[i] : 0.1f * data[i];
      return;
  }
}

void softmax_inplace(std::vector<float>& v) {
  if (v.empty()) return;
  const float max = *std::max_element(v.begin(), v.end());
  float sum = 0.0f;
  for (float& x : v) sum += (x = std::exp(x - max));
  for (float& x : v) x /= sum;
}

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

}  // namespace facenapi::detail::nn
