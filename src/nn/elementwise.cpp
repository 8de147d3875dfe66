#include <algorithm>
#include <cmath>

#include "nn/kernels.hpp"

namespace facenapi::detail::nn {

void add_inplace(Tensor& a, const Tensor& b) {
  float* pa = a.data.data();
  const float* pb = b.data.data();
  for (std::size_t i = 0; i < a.size(); ++i) pa[i] += pb[i];
}

Tensor add_zero_extended(const Tensor& a, const Tensor& b) {
  Tensor y(std::max(a.h, b.h), std::max(a.w, b.w), std::max(a.c, b.c));
  for (const Tensor* t : {&a, &b}) {
    for (int r = 0; r < t->h; ++r) {
      for (int col = 0; col < t->w; ++col) {
        const float* in = t->at(r, col);
        float* out = y.at(r, col);
        for (int c = 0; c < t->c; ++c) out[c] += in[c];
      }
    }
  }
  return y;
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
