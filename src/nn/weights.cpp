#include "nn/weights.hpp"

#include <fmt/format.h>

#include <cstring>
#include <facenapi/error.hpp>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

namespace facenapi::detail::nn {
namespace {

std::vector<char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::model_error, fmt::format("cannot open model file {}", path));
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::size_t element_count(const std::vector<int>& shape) {
  std::size_t n = 1;
  for (int d : shape) n *= static_cast<std::size_t>(d);
  return n;
}

std::string shape_text(const std::vector<int>& shape) {
  return fmt::format("[{}]", fmt::join(shape, ","));
}

}  // namespace

Weights Weights::load(const std::string& dir, const std::string& model) {
  const std::string manifest_path = dir + "/" + model + "-weights_manifest.json";
  const auto manifest_bytes = read_file(manifest_path);
  Weights weights;
  weights.model_ = model;
  try {
    const auto manifest = nlohmann::json::parse(manifest_bytes.begin(), manifest_bytes.end());
    for (const auto& group : manifest) {
      std::vector<char> blob;
      for (const auto& path : group.at("paths")) {
        const auto part = read_file(dir + "/" + path.get<std::string>());
        blob.insert(blob.end(), part.begin(), part.end());
      }
      std::size_t offset = 0;
      for (const auto& spec : group.at("weights")) {
        const auto name = spec.at("name").get<std::string>();
        const auto shape = spec.at("shape").get<std::vector<int>>();
        const auto dtype = spec.at("dtype").get<std::string>();
        const std::size_t count = element_count(shape);
        const bool quantized = spec.contains("quantization");
        const std::size_t bytes = quantized ? count : count * 4;
        if (offset + bytes > blob.size()) {
          throw Error(
              Errc::model_error,
              fmt::format("{}: tensor {} runs past the end of the weights", manifest_path, name));
        }
        const auto* data = reinterpret_cast<const unsigned char*>(blob.data()) + offset;
        offset += bytes;
        if (dtype != "float32") continue;  // int32 graph constants left over from conversion
        Entry entry{shape, std::vector<float>(count)};
        if (quantized) {
          const auto& q = spec.at("quantization");
          if (q.at("dtype").get<std::string>() != "uint8") {
            throw Error(
                Errc::model_error,
                fmt::format("{}: tensor {} uses unsupported quantization", manifest_path, name));
          }
          const double scale = q.at("scale").get<double>();
          const double min = q.at("min").get<double>();
          for (std::size_t i = 0; i < count; ++i) {
            entry.values[i] = static_cast<float>(static_cast<double>(data[i]) * scale + min);
          }
        } else {
          std::memcpy(entry.values.data(), data, bytes);  // little-endian float32, as on x86-64
        }
        weights.tensors_.emplace(name, std::move(entry));
      }
      if (offset != blob.size()) {
        throw Error(Errc::model_error,
                    fmt::format("{}: weights are {} bytes, the manifest describes {}",
                                manifest_path, blob.size(), offset));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(Errc::model_error,
                fmt::format("{}: malformed manifest: {}", manifest_path, e.what()));
  }
  return weights;
}

bool Weights::has(const std::string& name) const { return tensors_.count(name) != 0; }

const Weights::Entry& Weights::entry(const std::string& name) const {
  const auto it = tensors_.find(name);
  if (it == tensors_.end()) {
    throw Error(Errc::model_error, fmt::format("model {} has no tensor {}", model_, name));
  }
  return it->second;
}

const std::vector<int>& Weights::shape(const std::string& name) const { return entry(name).shape; }

const std::vector<float>& Weights::get(const std::string& name,
                                       std::initializer_list<int> shape) const {
  const auto& e = entry(name);
  if (!std::equal(e.shape.begin(), e.shape.end(), shape.begin(), shape.end())) {
    throw Error(Errc::model_error,
                fmt::format("model {} tensor {} has shape {}, expected {}", model_, name,
                            shape_text(e.shape), shape_text(std::vector<int>(shape))));
  }
  return e.values;
}

}  // namespace facenapi::detail::nn
