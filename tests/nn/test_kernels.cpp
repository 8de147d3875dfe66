#include <catch2/catch.hpp>
#include <random>

#include "nn/kernels.hpp"
#include "nn/preprocess.hpp"

using namespace facenapi::detail::nn;

namespace {

Tensor random_tensor(int h, int w, int c, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  Tensor t(h, w, c);
  for (float& v : t.data) v = dist(rng);
  return t;
}

std::vector<float> values_of(const Tensor& t) { return {t.data.begin(), t.data.end()}; }

// Direct convolution written from the TF definition, the yardstick for the GEMM kernel.
Tensor reference_conv(const Tensor& x, const Conv2D& c) {
  const auto py = pad_amounts(x.h, c.kh, c.stride, c.padding);
  const auto px = pad_amounts(x.w, c.kw, c.stride, c.padding);
  Tensor y(py.out, px.out, c.out);
  for (int oy = 0; oy < py.out; ++oy)
    for (int ox = 0; ox < px.out; ++ox)
      for (int o = 0; o < c.out; ++o) {
        double s = c.bias[o];
        for (int ky = 0; ky < c.kh; ++ky)
          for (int kx = 0; kx < c.kw; ++kx) {
            const int iy = oy * c.stride - py.before + ky, ix = ox * c.stride - px.before + kx;
            if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) continue;
            for (int i = 0; i < c.in; ++i)
              s += x.at(iy, ix)[i] * c.filter[((ky * c.kw + kx) * c.in + i) * c.out + o];
          }
        y.at(oy, ox)[o] = static_cast<float>(s);
      }
  return y;
}

// A 3x3 stride-1 SAME convolution of `channels` in and out, random filter and bias.
Conv2D random_conv3x3(int channels, std::mt19937& rng) {
  Conv2D c;
  c.kh = c.kw = 3;
  c.in = c.out = channels;
  c.padding = Padding::same;
  c.filter = values_of(random_tensor(9 * channels, 1, channels, rng));
  c.bias = values_of(random_tensor(1, 1, channels, rng));
  return c;
}

}  // namespace

TEST_CASE("TF SAME padding puts the odd pixel after the image", "[nn]") {
  const auto p = pad_amounts(112, 3, 2, Padding::same);
  CHECK(p.out == 56);
  CHECK(p.before == 0);  // total 1: none before, one after
  CHECK(pad_amounts(150, 7, 2, Padding::valid).out == 72);
  CHECK(pad_amounts(35, 3, 1, Padding::same).before == 1);
}

TEST_CASE("the GEMM convolution equals a direct convolution for every padding and stride", "[nn]") {
  std::mt19937 rng(7);
  for (int k : {1, 3, 7})
    for (int stride : {1, 2})
      for (Padding pad : {Padding::same, Padding::valid}) {
        Conv2D c;
        c.kh = c.kw = k;
        c.in = 5;
        c.out = 6;
        c.stride = stride;
        c.padding = pad;
        const Tensor f = random_tensor(k * k * 5, 1, 6, rng);
        c.filter.assign(f.data.begin(), f.data.end());
        const Tensor b = random_tensor(1, 1, 6, rng);
        c.bias.assign(b.data.begin(), b.data.end());
        const Tensor x = random_tensor(12, 11, 5, rng);
        const Tensor got = conv2d(x, c, Activation::none);
        const Tensor want = reference_conv(x, c);
        REQUIRE(got.h == want.h);
        REQUIRE(got.w == want.w);
        for (std::size_t i = 0; i < got.size(); ++i)
          REQUIRE(got.data[i] == Approx(want.data[i]).margin(1e-5));
      }
}

TEST_CASE("the vectorised direct convolution equals a direct convolution for every shape", "[nn]") {
  std::mt19937 rng(11);
  for (int in : {3, 5})  // 3: the RGB first-layer path
    for (int out : {16, 32, 48, 64, 128})
      for (int k : {1, 3, 7})
        for (int stride : {1, 2})
          for (Padding pad : {Padding::same, Padding::valid})
            for (Activation act : {Activation::none, Activation::relu, Activation::leaky}) {
              Conv2D c;
              c.kh = c.kw = k;
              c.in = in;
              c.out = out;
              c.stride = stride;
              c.padding = pad;
              c.filter = values_of(random_tensor(k * k * in, 1, out, rng));
              c.bias = values_of(random_tensor(1, 1, out, rng));
              const Tensor x = random_tensor(13, 10, in, rng);  // 13x10: odd rows cross tiles
              const Tensor got = conv2d(x, c, act);
              Tensor want = reference_conv(x, c);
              activate_inplace(want, act);
              REQUIRE(got.h == want.h);
              REQUIRE(got.w == want.w);
              REQUIRE(got.c == want.c);
              for (std::size_t i = 0; i < got.size(); ++i)
                REQUIRE(got.data[i] == Approx(want.data[i]).margin(1e-5));
              const Tensor gemm = conv2d_gemm(x, c, act);
              for (std::size_t i = 0; i < got.size(); ++i)
                REQUIRE(gemm.data[i] == Approx(want.data[i]).margin(1e-5));
            }
}

TEST_CASE(
    "the fused convolution and 2x2 max-pool equal the two layers one after the other, bit for bit",
    "[nn]") {
  std::mt19937 rng(13);
  for (int out : {16, 32, 48})
    for (int k : {1, 3})
      for (Padding pad : {Padding::same, Padding::valid})
        for (int h : {7, 10}) {  // odd and even convolution outputs (SAME pooling pads odd ones)
          Conv2D c;
          c.kh = c.kw = k;
          c.in = 3;
          c.out = out;
          c.padding = pad;
          c.filter = values_of(random_tensor(k * k * 3, 1, out, rng));
          c.bias = values_of(random_tensor(1, 1, out, rng));
          const Tensor x = random_tensor(h, h + 3, 3, rng);
          const Tensor got = conv2d_max_pool2(x, c, Activation::leaky);
          const Tensor want = max_pool(conv2d(x, c, Activation::leaky), 2, 2, Padding::same);
          REQUIRE(got.h == want.h);
          REQUIRE(got.w == want.w);
          REQUIRE(got.c == want.c);
          REQUIRE(values_of(got) == values_of(want));
        }
}

TEST_CASE("a convolution with its filter packed in output-channel blocks gives the same results",
          "[nn]") {
  std::mt19937 rng(17);
  for (int pixels : {1, 3, 5})  // 1x1, 3x3, 5x5 outputs: one tile; 5x5 takes several
    for (int k : {1, 3}) {
      Conv2D c;
      c.kh = c.kw = k;
      c.in = 7;
      c.out = 64;
      c.padding = Padding::same;
      c.filter = values_of(random_tensor(k * k * 7, 1, 64, rng));
      c.bias = values_of(random_tensor(1, 1, 64, rng));
      const Tensor x = random_tensor(pixels, pixels, 7, rng);
      const Tensor want = conv2d(x, c, Activation::relu);
      Conv2D packed = c;
      packed.pack_output_blocks(32);
      REQUIRE(packed.tf_filter() == c.filter);
      const Tensor got = conv2d(x, packed, Activation::relu);
      REQUIRE(values_of(got) == values_of(want));
      const Tensor gemm = conv2d_gemm(x, packed, Activation::relu);
      for (std::size_t i = 0; i < got.size(); ++i)
        REQUIRE(gemm.data[i] == Approx(want.data[i]).margin(1e-5));
    }
}

TEST_CASE("the Winograd convolution equals the definition up to float rounding", "[nn]") {
  std::mt19937 rng(23);
  // Even and odd sizes (a last tile half outside), fewer tiles than a block, several blocks;
  // the channel counts of the facen ResNet.
  for (int tile : {2, 4})
    for (int size : {1, 2, 5, 8, 17, 35})
      for (int channels : {32, 64, 128})
        for (Activation act : {Activation::none, Activation::relu}) {
          const Conv2D c = random_conv3x3(channels, rng);
          const Tensor x = random_tensor(size, size, channels, rng);
          Tensor want = reference_conv(x, c);
          activate_inplace(want, act);
          Conv2D w = c;
          w.prepare_winograd(tile);
          if (w.winograd.empty()) {
            WARN("no Winograd kernel in this build");
            return;
          }
          const Tensor got = conv2d(x, w, act);
          INFO("F(" << tile << "x" << tile << ", 3x3), " << size << "x" << size << "x" << channels);
          REQUIRE(w.winograd_tile == tile);
          REQUIRE(got.h == size);
          REQUIRE(got.w == size);
          // Sums of up to 9 * 128 products of magnitude < 1: rounding stays far below 1e-3.
          for (std::size_t i = 0; i < got.size(); ++i)
            REQUIRE(got.data[i] == Approx(want.data[i]).margin(tile == 2 ? 1e-4 : 1e-3));
        }
  Conv2D strided;
  strided.kh = strided.kw = 3;
  strided.in = strided.out = 32;
  strided.stride = 2;
  strided.filter.assign(9 * 32 * 32, 0.5f);
  strided.bias.assign(32, 0.0f);
  strided.prepare_winograd();
  CHECK(strided.winograd.empty());  // stride 2 is not F(2x2, 3x3)'s: left to the direct kernel
}

TEST_CASE("a batch through a Winograd layer gives each image what it gets alone, bit for bit",
          "[nn]") {
  std::mt19937 rng(29);
  for (int tile : {2, 4})
    for (int size : {3, 8, 17}) {  // 5 images of 4, 16 and 81 tiles (F(2x2)): blocks straddle
      Conv2D c = random_conv3x3(32, rng);
      c.prepare_winograd(tile);
      if (c.winograd.empty()) {
        WARN("no Winograd kernel in this build");
        return;
      }
      std::vector<Tensor> x;
      for (int i = 0; i < 5; ++i) x.push_back(random_tensor(size, size, 32, rng));
      const std::vector<Tensor> batch = conv2d_batch(x, c, Activation::relu);
      REQUIRE(batch.size() == x.size());
      for (std::size_t i = 0; i < x.size(); ++i) {
        INFO("F(" << tile << "x" << tile << "), " << size << "x" << size << ", image " << i);
        CHECK(values_of(batch[i]) == values_of(conv2d(x[i], c, Activation::relu)));
      }
    }
}

TEST_CASE("a residual added in a batched convolution equals adding it afterwards, bit for bit",
          "[nn]") {
  std::mt19937 rng(31);
  for (int tile : {0, 2, 4})  // 0: the direct kernel
    for (std::size_t images : {1, 3}) {
      Conv2D c = random_conv3x3(32, rng);
      if (tile > 0) c.prepare_winograd(tile);
      std::vector<Tensor> x, residual;
      for (std::size_t i = 0; i < images; ++i) {
        x.push_back(random_tensor(9, 9, 32, rng));
        residual.push_back(random_tensor(9, 9, 32, rng));
      }
      const std::vector<Tensor> got = conv2d_batch(x, c, Activation::relu, &residual);
      REQUIRE(got.size() == images);
      for (std::size_t i = 0; i < images; ++i) {
        INFO("tile " << tile << ", image " << i << " of " << images);
        Tensor want = conv2d(x[i], c, Activation::none);
        add_inplace(want, residual[i]);
        activate_inplace(want, Activation::relu);
        CHECK(values_of(got[i]) == values_of(want));
      }
    }
}

TEST_CASE("the depthwise convolution equals its definition for every padding and stride", "[nn]") {
  std::mt19937 rng(13);
  for (int ch : {5, 16, 48})  // 5: scalar path; multiples of 16: vector path
    for (int stride : {1, 2})
      for (Padding pad : {Padding::same, Padding::valid})
        for (Activation act : {Activation::none, Activation::relu6}) {
          Depthwise d;
          d.k = 3;
          d.channels = ch;
          d.stride = stride;
          d.padding = pad;
          d.filter = values_of(random_tensor(3, 3, ch, rng));
          d.bias = values_of(random_tensor(1, 1, ch, rng));
          const Tensor x = random_tensor(9, 12, ch, rng);
          const Tensor got = depthwise_conv(x, d, act);
          const auto py = pad_amounts(x.h, 3, stride, pad), px = pad_amounts(x.w, 3, stride, pad);
          REQUIRE(got.h == py.out);
          REQUIRE(got.w == px.out);
          for (int oy = 0; oy < got.h; ++oy)
            for (int ox = 0; ox < got.w; ++ox)
              for (int c = 0; c < ch; ++c) {
                double s = d.bias[c];
                for (int ky = 0; ky < 3; ++ky)
                  for (int kx = 0; kx < 3; ++kx) {
                    const int iy = oy * stride - py.before + ky, ix = ox * stride - px.before + kx;
                    if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) continue;
                    s += x.at(iy, ix)[c] * d.filter[(ky * 3 + kx) * ch + c];
                  }
                float want = static_cast<float>(s);
                activate_inplace(&want, 1, act);
                REQUIRE(got.at(oy, ox)[c] == Approx(want).margin(1e-5));
              }
        }
}

TEST_CASE("a ReLU read into a layer and a sum added as it stores equal the separate steps",
          "[nn]") {
  std::mt19937 rng(17);
  for (int ch : {5, 32})  // 5: the generic kernels; 32: the vector kernels
    for (int stride : {1, 2}) {
      SeparableConv s;
      s.depthwise.k = 3;
      s.depthwise.channels = ch;
      s.depthwise.stride = stride;
      s.depthwise.filter = values_of(random_tensor(3, 3, ch, rng));
      s.depthwise.bias.assign(ch, 0.0f);
      s.pointwise.kh = s.pointwise.kw = 1;
      s.pointwise.in = ch;
      s.pointwise.out = 2 * ch;
      s.pointwise.padding = Padding::valid;
      s.pointwise.filter = values_of(random_tensor(1, ch, 2 * ch, rng));
      s.pointwise.bias = values_of(random_tensor(1, 1, 2 * ch, rng));
      const Tensor x = random_tensor(11, 9, ch, rng);  // about half the values below zero
      Tensor relu_x = x;
      activate_inplace(relu_x, Activation::relu);

      CHECK(values_of(depthwise_conv(x, s.depthwise, Activation::none, true)) ==
            values_of(depthwise_conv(relu_x, s.depthwise, Activation::none)));
      const Tensor plain = separable_conv(relu_x, s, Activation::none);
      CHECK(values_of(separable_conv(x, s, Activation::none, true)) == values_of(plain));

      const Tensor start = random_tensor(plain.h, plain.w, plain.c, rng);
      Tensor want = start;
      add_inplace(want, plain);
      Tensor sum = start;
      separable_conv_add(x, s, true, sum);
      CHECK(values_of(sum) == values_of(want));

      // conv2d_add with the sum as the output's own storage, and a sum of the wrong shape.
      Tensor sum2 = start;
      conv2d_add(depthwise_conv(relu_x, s.depthwise, Activation::none), s.pointwise, sum2);
      CHECK(values_of(sum2) == values_of(want));
      Tensor wrong(plain.h + 1, plain.w, plain.c);
      CHECK_THROWS(conv2d_add(x, s.pointwise, wrong));
    }
}

TEST_CASE("max-pool with SAME padding ignores the padded cells", "[nn]") {
  Tensor x(2, 2, 1);
  x.data = {-5, -6, -7, -8};
  const Tensor y = max_pool(x, 2, 1, Padding::same);  // pads one row and column after
  REQUIRE(y.h == 2);
  CHECK(y.data[3] == -8);  // only the real cell, not a zero from the padding
  CHECK(y.data[0] == -5);
}

TEST_CASE("the legacy bilinear resize samples toward the top-left", "[nn]") {
  Tensor x(1, 4, 1);
  x.data = {0, 10, 20, 30};
  const Tensor y = resize_bilinear_legacy(x, 1, 2);  // sources at 0 and 2, not 0.5 and 2.5
  CHECK(y.data[0] == 0.0f);
  CHECK(y.data[1] == 20.0f);
  const Tensor up = resize_bilinear_legacy(x, 1, 8);  // source of pixel 7 is 3.5: clamped to 30
  CHECK(up.data[1] == 5.0f);
  CHECK(up.data[7] == 30.0f);
}

TEST_CASE("centered padding puts the odd pixel after the crop", "[nn]") {
  facenapi::detail::RgbImage img(3, 6);  // 3 wide, 6 high: 3 columns of padding
  std::fill(img.pixels.begin(), img.pixels.end(), 200);
  const Tensor t = to_square_input(img, 6, PadMode::centered);
  CHECK(t.at(0, 0)[0] == 0.0f);  // 1 column before
  CHECK(t.at(0, 1)[0] == 200.0f);
  CHECK(t.at(0, 3)[0] == 200.0f);
  CHECK(t.at(0, 4)[0] == 0.0f);  // 2 columns after
  const Tensor b = to_square_input(img, 6, PadMode::bottom_right);
  CHECK(b.at(0, 0)[0] == 200.0f);
  CHECK(b.at(0, 3)[0] == 0.0f);
}
