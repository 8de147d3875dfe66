// The LFW View-2 protocol: pairs.txt parsing and 10-fold cross-validated accuracy.
#pragma once

#include <string>
#include <vector>

namespace facenapi_bench {

struct LfwPair {
  std::string first, second;  // image paths relative to lfw-deepfunneled/
  bool same = false;
  int fold = 0;               // 0-based
};

// Reads pairs.txt ("10 300" header, then per fold 300 same and 300 different pairs).
std::vector<LfwPair> read_lfw_pairs(const std::string& path);

struct FoldResult {
  double threshold = 0, accuracy = 0;
};

// For each fold: the threshold that maximises accuracy on the other folds, and the accuracy
// it gives on this fold. A pair whose distance is negative (no face found) is always wrong.
std::vector<FoldResult> cross_validate(const std::vector<LfwPair>& pairs,
                                       const std::vector<double>& distances,
                                       const std::vector<int>& folds);

struct LfwSummary {
  double accuracy = 0, sd = 0, threshold = 0;  // mean accuracy, its sample sd over folds, mean threshold
};
LfwSummary summarize(const std::vector<FoldResult>& results);

// One line per pair: fold (0-based), same (0/1), distance (-1: no face).
void write_distances(const std::string& path, const std::vector<LfwPair>& pairs,
                     const std::vector<double>& distances);

}  // namespace facenapi_bench
