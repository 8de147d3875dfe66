// Non-maximum suppression as face-api does it. The two detectors use two different
// implementations with different IoU and tie rules; both are kept so results match face-api's
// box for box (models_spec.md §6).
#pragma once

#include <vector>

namespace facenapi::detail {

// A box in any consistent unit. Computations are in double, as face-api's JavaScript does.
struct NmsBox {
  double left = 0, top = 0, right = 0, bottom = 0;
};

// face-api ops/iou: intersection over union of the boxes as given (no reordering of the
// coordinates); area = width * height.
double iou(const NmsBox& a, const NmsBox& b);

// face-api ops/nonMaxSuppression (tiny face detector): repeatedly picks the highest score (ties:
// the larger index first) and drops every remaining box whose iou() with it is above
// `iou_threshold`. Returns the picked indices in pick order.
std::vector<int> nms_pick_max(const std::vector<NmsBox>& boxes, const std::vector<double>& scores,
                              double iou_threshold);

// face-api ssdMobilenetv1/nonMaxSuppression: candidates with score > `score_threshold`, by
// descending score (ties: the smaller index first), are accepted when their IoU with every
// accepted box is <= `iou_threshold`, until `max_output` are accepted. The IoU orders each box's
// coordinates with min/max and is 0 when either box is degenerate. Returns the accepted indices.
std::vector<int> nms_ssd(const std::vector<NmsBox>& boxes, const std::vector<double>& scores,
                         int max_output, double iou_threshold, double score_threshold);

}  // namespace facenapi::detail
