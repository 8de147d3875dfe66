#include <catch2/catch.hpp>
#include <cstring>
#include <tuple>

#include "nn/depthwise3x3.hpp"
#include "nn/kernels.hpp"

using namespace facenapi::detail::nn;

namespace {

template <class Vector>
void fill(Vector& v, unsigned seed) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    v[i] = static_cast<float>(((i + seed) * 2654435761u >> 8) % 2001) / 1000.0f - 1.0f;
  }
}

}  // namespace

TEST_CASE("the 3x3 depthwise kernel gives depthwise_conv's results bit for bit",
          "[nn][depthwise]") {
  for (const auto& [h, w, ch, stride, padding, act] :
       {std::tuple{13, 13, 512, 1, Padding::same, Activation::leaky},
        {16, 16, 32, 2, Padding::same, Activation::relu6},
        {15, 9, 24, 2, Padding::same, Activation::relu},
        {7, 10, 37, 1, Padding::valid, Activation::none},
        {8, 8, 16, 2, Padding::valid, Activation::relu6}}) {
    INFO(h << "x" << w << "x" << ch << " stride " << stride);
    Tensor x(h, w, ch);
    fill(x.data, 1);
    Depthwise d;
    d.k = 3;
    d.channels = ch;
    d.stride = stride;
    d.padding = padding;
    d.filter.resize(9 * ch);
    d.bias.resize(ch);
    fill(d.filter, 7);
    fill(d.bias, 3);
    const Tensor want = depthwise_conv(x, d, act);
    const Tensor got = depthwise_conv3x3(x, d, act);
    REQUIRE(got.h == want.h);
    REQUIRE(got.w == want.w);
    CHECK(std::memcmp(got.data.data(), want.data.data(), want.size() * sizeof(float)) == 0);
  }
}
