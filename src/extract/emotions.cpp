#include <facenapi/extraction_face.hpp>

#include <algorithm>
#include <numeric>

namespace facenapi {

const char* to_string(Gender g) noexcept { return g == Gender::male ? "male" : "female"; }

std::vector<std::pair<std::string, float>> Emotions::top(std::size_t n) const {
  std::array<std::size_t, kCount> order;
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return probabilities[a] > probabilities[b]; });
  std::vector<std::pair<std::string, float>> out;
  for (std::size_t i = 0; i < std::min(n, kCount); ++i) {
    out.emplace_back(kNames[order[i]], probabilities[order[i]]);
  }
  return out;
}

}  // namespace facenapi
