#include "extract/nms.hpp"

#include <algorithm>
#include <numeric>

namespace facenapi::detail {
namespace {

double iou_ordered(const NmsBox& a, const NmsBox& b) {
  const double a_top = std::min(a.top, a.bottom), a_bottom = std::max(a.top, a.bottom);
  const double a_left = std::min(a.left, a.right), a_right = std::max(a.left, a.right);
  const double b_top = std::min(b.top, b.bottom), b_bottom = std::max(b.top, b.bottom);
  const double b_left = std::min(b.left, b.right), b_right = std::max(b.left, b.right);
  const double area_a = (a_bottom - a_top) * (a_right - a_left);
  const double area_b = (b_bottom - b_top) * (b_right - b_left);
  if (area_a <= 0 || area_b <= 0) return 0.0;
  const double inter = std::max(std::min(a_bottom, b_bottom) - std::max(a_top, b_top), 0.0) *
                       std::max(std::min(a_right, b_right) - std::max(a_left, b_left), 0.0);
  return inter / (area_a + area_b - inter);
}

}  // namespace

double iou(const NmsBox& a, const NmsBox& b) {
  const double w = std::max(0.0, std::min(a.right, b.right) - std::max(a.left, b.left));
  const double h = std::max(0.0, std::min(a.bottom, b.bottom) - std::max(a.top, b.top));
  const double inter = w * h;
  const double area_a = (a.right - a.left) * (a.bottom - a.top);
  const double area_b = (b.right - b.left) * (b.bottom - b.top);
  return inter / (area_a + area_b - inter);
}

std::vector<int> nms_pick_max(const std::vector<NmsBox>& boxes, const std::vector<double>& scores,
                              double iou_threshold) {
  // face-api sorts ascending (stably) and pops the last element, so among equal scores the
  // larger index comes first.
  std::vector<int> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a > b; });
  std::vector<int> picked;
  std::vector<bool> dropped(order.size(), false);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (dropped[i]) continue;
    const int current = order[i];
    picked.push_back(current);
    for (std::size_t j = i + 1; j < order.size(); ++j) {
      if (!dropped[j] && iou(boxes[current], boxes[order[j]]) > iou_threshold) dropped[j] = true;
    }
  }
  return picked;
}

std::vector<int> nms_ssd(const std::vector<NmsBox>& boxes, const std::vector<double>& scores,
                         int max_output, double iou_threshold, double score_threshold) {
  const std::size_t limit =
      std::min(static_cast<std::size_t>(std::max(max_output, 0)), boxes.size());
  std::vector<int> candidates;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores[i] > score_threshold) candidates.push_back(static_cast<int>(i));
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](int a, int b) { return scores[a] > scores[b]; });
  std::vector<int> selected;
  for (const int c : candidates) {
    if (selected.size() >= limit) break;
    const bool keep = std::all_of(selected.begin(), selected.end(), [&](int s) {
      return iou_ordered(boxes[c], boxes[s]) <= iou_threshold;
    });
    if (keep) selected.push_back(c);
  }
  return selected;
}

}  // namespace facenapi::detail
