// Convolution kernels on the facen ResNet's 3x3 stride-1 layer shapes: the direct kernel against
// Winograd F(2x2, 3x3) and F(4x4, 3x3), run interleaved in one process so that a busy machine
// slows all three alike. Minimum and median thread-CPU microseconds per call. Last, the peak
// multiply-add rate of one core (independent AVX-512 FMAs), the bound the kernels are judged by.
//
//   bench_conv [RUNS]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "nn/kernels.hpp"

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

using namespace facenapi::detail::nn;

namespace {

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

Conv2D random_conv(int channels, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-0.1f, 0.1f);
  Conv2D c;
  c.kh = c.kw = 3;
  c.in = c.out = channels;
  c.padding = Padding::same;
  c.filter.resize(static_cast<std::size_t>(9) * channels * channels);
  c.bias.resize(channels);
  for (float& v : c.filter) v = dist(rng);
  for (float& v : c.bias) v = dist(rng);
  return c;
}

// Multiply-adds per second of 12 independent chains of 16-lane FMAs (enough to cover the FMA
// latency on two pipes): the best any float32 kernel can do on this core. 0 without AVX-512.
double fma_peak_gmacs() {
#if defined(__AVX512F__)
  __m512 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm512_set1_ps(1.0f + i * 1e-7f);
  const __m512 a = _mm512_set1_ps(0.9999999f), b = _mm512_set1_ps(1e-7f);
  constexpr long kIterations = 20000000;
  const double t0 = thread_cpu_us();
  for (long k = 0; k < kIterations; ++k) {
    for (int i = 0; i < 12; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  }
  const double us = thread_cpu_us() - t0;
  float sum = 0;
  for (int i = 0; i < 12; ++i) sum += _mm512_reduce_add_ps(acc[i]);
  volatile float sink = sum;
  (void)sink;
  return kIterations * 12.0 * 16 / us / 1e3;
#else
  return 0;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 200;
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(0.0f, 1.0f);
  struct Shape {
    int size, channels;
  };
  std::printf("%-12s %8s %8s %8s %8s %8s %8s   (thread-CPU us per call: min, median)\n", "shape",
              "direct", "", "F(2x2)", "", "F(4x4)", "");
  for (const Shape s : {Shape{35, 32}, Shape{17, 64}, Shape{8, 128}}) {
    Tensor x(s.size, s.size, s.channels);
    for (float& v : x.data) v = dist(rng);
    const Conv2D direct = random_conv(s.channels, rng);
    Conv2D f2 = direct, f4 = direct;
    f2.prepare_winograd(2);
    f4.prepare_winograd(4);
    const Conv2D* kernels[3] = {&direct, &f2, &f4};
    std::vector<double> times[3];
    volatile float sink = 0;
    for (int r = 0; r < runs; ++r) {
      for (int k = 0; k < 3; ++k) {
        const double t0 = thread_cpu_us();
        const Tensor y = conv2d(x, *kernels[k], Activation::relu);
        times[k].push_back(thread_cpu_us() - t0);
        sink = sink + y.data[0];
      }
    }
    std::printf("%3dx%-3dx%-4d", s.size, s.size, s.channels);
    for (auto& t : times) {
      std::sort(t.begin(), t.end());
      std::printf(" %8.1f %8.1f", t.front(), t[t.size() / 2]);
    }
    std::printf("\n");
  }
  // The 256-channel layers: 3x3 maps, 2.4 MB of weights (packed in 32-channel blocks as the
  // facen net packs them), one image at a time or 14 at once (7 faces and their mirrors). With
  // one filter its weights stay in the caches; with 8 filters used in turn (19 MB, as in the net,
  // where every layer has its own) they come from memory.
  std::vector<Conv2D> filters;
  for (int i = 0; i < 8; ++i) {
    filters.push_back(random_conv(256, rng));
    filters.back().pack_output_blocks(32);
  }
  std::vector<Tensor> xs;
  for (int i = 0; i < 14; ++i) {
    xs.emplace_back(3, 3, 256);
    for (float& v : xs.back().data) v = dist(rng);
  }
  for (int in_turn : {1, 8}) {
    std::vector<double> one, batch;
    volatile float sink = 0;
    int next = 0;
    for (int r = 0; r < runs; ++r) {
      double t0 = thread_cpu_us();
      for (const Tensor& x : xs) {
        sink = sink + conv2d(x, filters[next++ % in_turn], Activation::relu).data[0];
      }
      one.push_back((thread_cpu_us() - t0) / 14);
      t0 = thread_cpu_us();
      sink = sink + conv2d_batch(xs, filters[next++ % in_turn], Activation::relu)[13].data[0];
      batch.push_back((thread_cpu_us() - t0) / 14);
    }
    std::sort(one.begin(), one.end());
    std::sort(batch.begin(), batch.end());
    std::printf(
        "3x3x256, %d filter(s) in turn, us per image: one at a time %.1f (median %.1f), "
        "batch of 14 %.1f (median %.1f)\n",
        in_turn, one.front(), one[one.size() / 2], batch.front(), batch[batch.size() / 2]);
  }
  std::printf("FMA peak of one core: %.1f G multiply-adds/s\n", fma_peak_gmacs());
  return 0;
}
