// The only translation unit that instantiates dlib's DNN templates for the peer (they take
// minutes to compile), so everything dlib stays behind DlibPipeline::Impl.
#include "dlib_peer/dlib_peer.hpp"

#include <dlib/dnn.h>
#include <dlib/image_io.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <stdexcept>

#include "nn/weights.hpp"

namespace facenapi_bench {
namespace {

// dlib's example dnn_face_recognition_ex.cpp verbatim, with dlib:: spelled out.
template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual = dlib::add_prev1<block<N, BN, 1, dlib::tag1<SUBNET>>>;

template <template <int, template <typename> class, int, typename> class block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = dlib::add_prev2<
    dlib::avg_pool<2, 2, 2, 2, dlib::skip1<dlib::tag2<block<N, BN, 2, dlib::tag1<SUBNET>>>>>>;

template <int N, template <typename> class BN, int stride, typename SUBNET>
using block =
    BN<dlib::con<N, 3, 3, 1, 1, dlib::relu<BN<dlib::con<N, 3, 3, stride, stride, SUBNET>>>>>;

template <int N, typename SUBNET>
using ares = dlib::relu<residual<block, N, dlib::affine, SUBNET>>;
template <int N, typename SUBNET>
using ares_down = dlib::relu<residual_down<block, N, dlib::affine, SUBNET>>;

template <typename SUBNET>
using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET>
using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET>
using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET>
using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET>
using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;

using anet_type = dlib::loss_metric<dlib::fc_no_bias<
    128, dlib::avg_pool_everything<alevel0<alevel1<alevel2<alevel3<alevel4<dlib::max_pool<
             3, 3, 2, 2,
             dlib::relu<dlib::affine<
                 dlib::con<32, 7, 7, 2, 2, dlib::input_rgb_image_sized<150>>>>>>>>>>>>>;

// Adds the wall and thread-CPU time since construction or the last add() to two counters.
class Stopwatch {
 public:
  Stopwatch() { restart(); }
  void restart() {
    wall_ = std::chrono::steady_clock::now();
    cpu_ = thread_cpu_ms();
  }
  void add(double& wall_ms, double& cpu_ms) {
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = thread_cpu_ms();
    wall_ms += std::chrono::duration<double, std::milli>(wall - wall_).count();
    cpu_ms += cpu - cpu_;
    wall_ = wall;
    cpu_ = cpu;
  }

 private:
  std::chrono::steady_clock::time_point wall_;
  double cpu_ = 0;
};

// dlib's affine_ layers start in FC_MODE (one gamma per element); the folded batch norms of this
// network are per channel, so they must be switched to CONV_MODE before the network is set up.
struct AffineToConvMode {
  void operator()(dlib::affine_& layer) const { layer = dlib::affine_(dlib::CONV_MODE); }
  template <typename Layer>
  void operator()(Layer&) const {}
};

// The parameterised layers, from the output side (dlib's layer<0>) to the input side.
struct ParamLayers {
  struct Con {
    dlib::tensor* params;
    long filters, kernel_rows, kernel_cols;
  };
  std::vector<Con> cons;
  std::vector<dlib::affine_*> affines;
  dlib::tensor* fc = nullptr;
};

// dlib's visitors are taken by value, so this one writes through a pointer.
struct CollectParamLayers {
  ParamLayers* out;
  template <long N, long KR, long KC, int SY, int SX, int PY, int PX>
  void operator()(dlib::con_<N, KR, KC, SY, SX, PY, PX>& layer) const {
    out->cons.push_back({&layer.get_layer_params(), N, KR, KC});
  }
  void operator()(dlib::affine_& layer) const { out->affines.push_back(&layer); }
  template <unsigned long N, dlib::fc_bias_mode B>
  void operator()(dlib::fc_<N, B>& layer) const {
    out->fc = &layer.get_layer_params();
  }
  template <typename Layer>
  void operator()(Layer&) const {}
};

// The weight-tensor prefixes of face_recognition_model in the order their convolutions are
// applied (models_spec.md §3). Each prefix has conv/{filters,bias} and scale/{weights,biases}.
std::vector<std::string> layer_prefixes_in_order() {
  std::vector<std::string> blocks;
  for (int k = 1; k <= 3; ++k) blocks.push_back("conv32_" + std::to_string(k));
  for (const auto& [level, plain] :
       {std::pair<std::string, int>{"conv64", 3}, {"conv128", 2}, {"conv256", 2}}) {
    blocks.push_back(level + "_down");
    for (int k = 1; k <= plain; ++k) blocks.push_back(level + "_" + std::to_string(k));
  }
  blocks.push_back("conv256_down_out");

  std::vector<std::string> out{"conv32_down"};
  for (const auto& b : blocks) {
    out.push_back(b + "/conv1");
    out.push_back(b + "/conv2");
  }
  return out;
}

// Copies face-api's TF.js tensors into dlib's layers: con filters [kh][kw][in][out] become
// dlib's [out][in][kh][kw] followed by the bias; scale weights/biases are the affine gamma/beta
// (set through get_gamma()/get_beta(): affine_'s get_layer_params() is empty); fc [256][128] is
// already fc_no_bias's [in][out] layout.
void fill_network(anet_type& net, const facenapi::detail::nn::Weights& w) {
  dlib::visit_computational_layers(net, AffineToConvMode{});
  dlib::matrix<dlib::rgb_pixel> blank(150, 150);
  blank = dlib::rgb_pixel(0, 0, 0);
  net(blank);  // sets up (allocates) every layer's parameters

  ParamLayers layers;
  dlib::visit_computational_layers(net, CollectParamLayers{&layers});
  std::reverse(layers.cons.begin(), layers.cons.end());
  std::reverse(layers.affines.begin(), layers.affines.end());
  const auto prefixes = layer_prefixes_in_order();
  if (layers.cons.size() != prefixes.size() || layers.affines.size() != prefixes.size() ||
      layers.fc == nullptr) {
    throw std::logic_error("dlib_peer: anet_type does not have the expected 29 conv layers");
  }

  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    const std::string& p = prefixes[i];
    const auto& con = layers.cons[i];
    const long kh = con.kernel_rows, kw = con.kernel_cols, out = con.filters;
    const auto& shape = w.shape(p + "/conv/filters");
    const long in = shape.size() == 4 ? shape[2] : 0;
    const auto& filters = w.get(p + "/conv/filters", {int(kh), int(kw), int(in), int(out)});
    const auto& bias = w.get(p + "/conv/bias", {int(out)});
    if (con.params->size() != std::size_t(out * in * kh * kw + out)) {
      throw std::logic_error("dlib_peer: " + p + " has an unexpected dlib parameter count");
    }
    float* dst = con.params->host();
    for (long o = 0; o < out; ++o)
      for (long c = 0; c < in; ++c)
        for (long y = 0; y < kh; ++y)
          for (long x = 0; x < kw; ++x) *dst++ = filters[((y * kw + x) * in + c) * out + o];
    for (long o = 0; o < out; ++o) *dst++ = bias[o];

    const auto& gamma = w.get(p + "/scale/weights", {int(out)});
    const auto& beta = w.get(p + "/scale/biases", {int(out)});
    auto g = layers.affines[i]->get_gamma();
    auto b = layers.affines[i]->get_beta();
    if (g.size() != std::size_t(out) || b.size() != std::size_t(out)) {
      throw std::logic_error("dlib_peer: " + p + " affine is not per channel");
    }
    std::copy(gamma.begin(), gamma.end(), g.host());
    std::copy(beta.begin(), beta.end(), b.host());
  }

  const auto& fc = w.get("fc", {256, 128});
  if (layers.fc->size() != fc.size()) throw std::logic_error("dlib_peer: fc size differs");
  std::copy(fc.begin(), fc.end(), layers.fc->host());
}

dlib::matrix<dlib::rgb_pixel> to_dlib(const RgbImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != std::size_t(image.width) * image.height * 3) {
    throw std::invalid_argument("dlib_peer: RgbImage size does not match its pixels");
  }
  dlib::matrix<dlib::rgb_pixel> out(image.height, image.width);
  const std::uint8_t* p = image.pixels.data();
  for (long y = 0; y < out.nr(); ++y)
    for (long x = 0; x < out.nc(); ++x, p += 3) out(y, x) = dlib::rgb_pixel(p[0], p[1], p[2]);
  return out;
}

std::array<float, 128> to_array(const dlib::matrix<float, 0, 1>& d) {
  std::array<float, 128> out{};
  if (d.size() != 128) throw std::logic_error("dlib_peer: descriptor is not 128-D");
  std::copy(d.begin(), d.end(), out.begin());
  return out;
}

}  // namespace

struct DlibPipeline::Impl {
  PeerOptions options;
  dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
  dlib::shape_predictor sp;
  anet_type net;

  std::vector<dlib::rectangle> detect(const dlib::matrix<dlib::rgb_pixel>& img);
};

DlibPipeline::DlibPipeline(const std::string& model_dir, PeerOptions options)
    : impl_(std::make_unique<Impl>()) {
  if (options.upsample < 0) throw std::invalid_argument("dlib_peer: negative upsample count");
  impl_->options = std::move(options);
  dlib::deserialize(impl_->options.shape_predictor) >> impl_->sp;
  fill_network(impl_->net,
               facenapi::detail::nn::Weights::load(model_dir, "face_recognition_model"));
}

DlibPipeline::~DlibPipeline() = default;
DlibPipeline::DlibPipeline(DlibPipeline&&) noexcept = default;
DlibPipeline& DlibPipeline::operator=(DlibPipeline&&) noexcept = default;

// As dlib's Python API does it (run_detector_with_upscale): detect on the upsampled image and
// map the boxes back.
std::vector<dlib::rectangle> DlibPipeline::Impl::detect(const dlib::matrix<dlib::rgb_pixel>& img) {
  if (options.upsample == 0) return detector(img);
  dlib::pyramid_down<2> pyr;
  dlib::matrix<dlib::rgb_pixel> up;
  dlib::pyramid_up(img, up, pyr);
  for (int i = 1; i < options.upsample; ++i) dlib::pyramid_up(up, pyr);
  std::vector<dlib::rectangle> rects = detector(up);
  for (auto& r : rects) r = pyr.rect_down(r, options.upsample);
  return rects;
}

const PeerOptions& DlibPipeline::options() const { return impl_->options; }

std::vector<PeerFace> DlibPipeline::run(const RgbImage& image, PeerTimings* timings) {
  const auto img = to_dlib(image);
  PeerTimings t;
  Stopwatch watch;
  const std::vector<dlib::rectangle> dets = impl_->detect(img);
  watch.add(t.wall.detect, t.cpu.detect);

  std::vector<PeerFace> faces(dets.size());
  for (std::size_t i = 0; i < dets.size(); ++i) {
    const dlib::rectangle& r = dets[i];
    PeerFace& face = faces[i];
    face.rect = {r.left(), r.top(), r.right(), r.bottom()};

    watch.restart();
    const dlib::full_object_detection shape = impl_->sp(img, r);
    watch.add(t.wall.landmarks, t.cpu.landmarks);

    dlib::matrix<dlib::rgb_pixel> chip;
    dlib::extract_image_chip(img, dlib::get_face_chip_details(shape, 150, 0.25), chip);
    watch.add(t.wall.chip, t.cpu.chip);

    face.descriptor = to_array(impl_->net(chip));
    watch.add(t.wall.descriptor, t.cpu.descriptor);

    for (unsigned long k = 0; k < shape.num_parts() && k < face.landmarks.size(); ++k) {
      face.landmarks[k] = {float(shape.part(k).x()), float(shape.part(k).y())};
    }
  }
  t.images = 1;
  t.faces = long(faces.size());
  if (timings) *timings += t;
  return faces;
}

std::array<float, 128> DlibPipeline::describe_chip(const RgbImage& chip) {
  if (chip.width != 150 || chip.height != 150) {
    throw std::invalid_argument("dlib_peer: describe_chip needs a 150x150 chip");
  }
  return to_array(impl_->net(to_dlib(chip)));
}

RgbImage DlibPipeline::load_image(const std::string& path) {
  dlib::matrix<dlib::rgb_pixel> img;
  dlib::load_image(img, path);
  RgbImage out;
  out.width = int(img.nc());
  out.height = int(img.nr());
  out.pixels.reserve(std::size_t(img.size()) * 3);
  for (long y = 0; y < img.nr(); ++y)
    for (long x = 0; x < img.nc(); ++x) {
      out.pixels.push_back(img(y, x).red);
      out.pixels.push_back(img(y, x).green);
      out.pixels.push_back(img(y, x).blue);
    }
  return out;
}

StageMs& StageMs::operator+=(const StageMs& o) {
  detect += o.detect;
  landmarks += o.landmarks;
  chip += o.chip;
  descriptor += o.descriptor;
  return *this;
}

PeerTimings& PeerTimings::operator+=(const PeerTimings& o) {
  wall += o.wall;
  cpu += o.cpu;
  images += o.images;
  faces += o.faces;
  return *this;
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return 1e3 * double(ts.tv_sec) + 1e-6 * double(ts.tv_nsec);
}

float descriptor_distance(const std::array<float, 128>& a, const std::array<float, 128>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += double(a[i] - b[i]) * (a[i] - b[i]);
  return float(std::sqrt(s));
}

}  // namespace facenapi_bench
