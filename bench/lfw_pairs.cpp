#include "lfw_pairs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace facenapi_bench {
namespace {

std::string image_path(const std::string& name, int index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", index);
  return name + "/" + name + "_" + buf + ".jpg";
}

double accuracy_at(const std::vector<LfwPair>& pairs, const std::vector<double>& d,
                   const std::vector<std::size_t>& idx, double threshold) {
  std::size_t right = 0;
  for (std::size_t i : idx) {
    if (d[i] < 0) continue;
    if ((d[i] < threshold) == pairs[i].same) ++right;
  }
  return idx.empty() ? 0.0 : static_cast<double>(right) / idx.size();
}

}  // namespace

std::vector<LfwPair> read_lfw_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  int folds = 0, per_fold = 0;
  in >> folds >> per_fold;
  std::vector<LfwPair> pairs;
  std::string line;
  std::getline(in, line);
  for (int f = 0; f < folds; ++f) {
    for (int k = 0; k < 2 * per_fold && std::getline(in, line); ++k) {
      std::istringstream s(line);
      std::vector<std::string> t;
      for (std::string w; s >> w;) t.push_back(w);
      LfwPair p;
      p.fold = f;
      if (t.size() == 3) {
        p = {image_path(t[0], std::stoi(t[1])), image_path(t[0], std::stoi(t[2])), true, f};
      } else if (t.size() == 4) {
        p = {image_path(t[0], std::stoi(t[1])), image_path(t[2], std::stoi(t[3])), false, f};
      } else {
        throw std::runtime_error("malformed pairs line: " + line);
      }
      pairs.push_back(p);
    }
  }
  return pairs;
}

std::vector<FoldResult> cross_validate(const std::vector<LfwPair>& pairs,
                                       const std::vector<double>& distances,
                                       const std::vector<int>& folds) {
  std::vector<FoldResult> results;
  for (int test : folds) {
    std::vector<std::size_t> train, held_out;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      if (pairs[i].fold == test) held_out.push_back(i);
      else if (std::find(folds.begin(), folds.end(), pairs[i].fold) != folds.end()) train.push_back(i);
    }
    // Candidate thresholds: midpoints between consecutive training distances.
    std::vector<double> ds;
    for (std::size_t i : train) if (distances[i] >= 0) ds.push_back(distances[i]);
    std::sort(ds.begin(), ds.end());
    double best_t = 0, best_acc = -1;
    for (std::size_t k = 0; k + 1 < ds.size(); ++k) {
      const double t = 0.5 * (ds[k] + ds[k + 1]);
      const double acc = accuracy_at(pairs, distances, train, t);
      if (acc > best_acc) best_acc = acc, best_t = t;
    }
    results.push_back({best_t, accuracy_at(pairs, distances, held_out, best_t)});
  }
  return results;
}

LfwSummary summarize(const std::vector<FoldResult>& results) {
  LfwSummary s;
  if (results.empty()) return s;
  for (const auto& r : results) s.accuracy += r.accuracy, s.threshold += r.threshold;
  s.accuracy /= results.size();
  s.threshold /= results.size();
  double var = 0;
  for (const auto& r : results) var += (r.accuracy - s.accuracy) * (r.accuracy - s.accuracy);
  s.sd = results.size() > 1 ? std::sqrt(var / (results.size() - 1)) : 0;
  return s;
}

void write_distances(const std::string& path, const std::vector<LfwPair>& pairs,
                     const std::vector<double>& distances) {
  std::ofstream out(path);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    out << pairs[i].fold << ' ' << pairs[i].same << ' ' << distances[i] << '\n';
  }
}

}  // namespace facenapi_bench
