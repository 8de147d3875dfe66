// Face-like synthetic facens for the index tests and benchmarks: identities whose centres share
// a mean direction and vary mostly in a low-dimensional subspace (as real face descriptors do),
// each with several noisy unit vectors. With the defaults, two faces of one identity are about
// 0.3 apart and faces of different identities about 1.05.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace facenapi_test {

struct SyntheticFacens {
  std::size_t dim = 128;
  std::vector<float> values;          // count x dim
  std::vector<std::size_t> identity;  // by face
  std::size_t count() const { return identity.size(); }
  const float* row(std::size_t i) const { return values.data() + i * dim; }
};

inline void normalize(float* x, std::size_t dim) {
  double n = 0;
  for (std::size_t i = 0; i < dim; ++i) n += double(x[i]) * x[i];
  const float inv = static_cast<float>(1.0 / std::sqrt(n));
  for (std::size_t i = 0; i < dim; ++i) x[i] *= inv;
}

class SyntheticFaceModel {
 public:
  explicit SyntheticFaceModel(std::uint64_t seed, std::size_t dim = 128, std::size_t latent = 24)
      : dim_(dim), latent_(latent), rng_(seed), mean_(dim), basis_(dim * latent) {
    std::normal_distribution<float> g(0, 1);
    for (auto& v : mean_) v = g(rng_);
    normalize(mean_.data(), dim_);
    for (auto& v : basis_) v = g(rng_) / std::sqrt(static_cast<float>(dim_));
  }
  // A new identity's centre (unit length).
  std::vector<float> identity() {
    std::normal_distribution<float> g(0, 1);
    std::vector<float> z(latent_), c(mean_);
    for (auto& v : z)
      v = g(rng_) * std::sqrt(0.9f / static_cast<float>(latent_)) *
          std::sqrt(static_cast<float>(dim_));
    for (std::size_t i = 0; i < dim_; ++i) {
      float s = 0;
      for (std::size_t k = 0; k < latent_; ++k) s += basis_[i * latent_ + k] * z[k];
      c[i] += s + g(rng_) * std::sqrt(0.32f / static_cast<float>(dim_));
    }
    normalize(c.data(), dim_);
    return c;
  }
  // A face of an identity: its centre plus noise (unit length).
  std::vector<float> face(const std::vector<float>& centre, float noise = 0.215f) {
    std::normal_distribution<float> g(0, noise / std::sqrt(static_cast<float>(dim_)));
    std::vector<float> f(centre);
    for (auto& v : f) v += g(rng_);
    normalize(f.data(), dim_);
    return f;
  }
  SyntheticFacens make(std::size_t identities, std::size_t faces_each) {
    SyntheticFacens out;
    out.dim = dim_;
    out.values.reserve(identities * faces_each * dim_);
    for (std::size_t p = 0; p < identities; ++p) {
      const auto c = identity();
      for (std::size_t f = 0; f < faces_each; ++f) {
        const auto v = face(c);
        out.values.insert(out.values.end(), v.begin(), v.end());
        out.identity.push_back(p);
      }
    }
    return out;
  }

 private:
  std::size_t dim_, latent_;
  std::mt19937_64 rng_;
  std::vector<float> mean_, basis_;
};

}  // namespace facenapi_test
