// Loader for TF.js weight manifests (`<name>-weights_manifest.json` + `.bin` files), the format
// the face-api models ship in (models_spec.md §1).
#pragma once

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

namespace facenapi::detail::nn {

// The dequantized float32 tensors of one model, by name. Immutable after load(), so one
// instance may be read from any number of threads.
class Weights {
 public:
  // Reads `<dir>/<model>-weights_manifest.json` and the .bin files it names, dequantizing uint8
  // tensors as float(double(q) * scale + min) (bit-identical to tfjs). int32 graph constants are
  // skipped. Throws Error(model_error) naming the file when a file is missing, the manifest is
  // malformed, or the byte count does not match the manifest.
  static Weights load(const std::string& dir, const std::string& model);

  bool has(const std::string& name) const;
  // The tensor's values in TF.js layout. Throws Error(model_error) when the tensor is missing or
  // its shape is not `shape`.
  const std::vector<float>& get(const std::string& name, std::initializer_list<int> shape) const;
  const std::vector<int>& shape(const std::string& name) const;
  const std::string& model() const noexcept { return model_; }

 private:
  struct Entry {
    std::vector<int> shape;
    std::vector<float> values;
  };
  const Entry& entry(const std::string& name) const;

  std::string model_;
  std::unordered_map<std::string, Entry> tensors_;
};

}  // namespace facenapi::detail::nn
