#include "lfw_facens_file.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace facenapi_bench {
namespace {

constexpr char kMagic[] = "FNLFW1\n";
constexpr std::size_t kMagicBytes = sizeof kMagic - 1;

template <typename T>
void put(std::ofstream& out, T v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
T get(std::ifstream& in) {
  T v{};
  if (!in.read(reinterpret_cast<char*>(&v), sizeof v))
    throw std::runtime_error("truncated LFW facen file");
  return v;
}

std::string get_string(std::ifstream& in, std::size_t n) {
  std::string s(n, '\0');
  if (n && !in.read(s.data(), static_cast<std::streamsize>(n))) {
    throw std::runtime_error("truncated LFW facen file");
  }
  return s;
}

}  // namespace

void write_lfw_facens(const std::string& path, const LfwFacenFile& file) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path);
  out.write(kMagic, kMagicBytes);
  put<std::uint32_t>(out, static_cast<std::uint32_t>(file.dimension));
  put<std::uint32_t>(out, static_cast<std::uint32_t>(file.model_id.size()));
  out.write(file.model_id.data(), static_cast<std::streamsize>(file.model_id.size()));
  put<std::uint32_t>(out, static_cast<std::uint32_t>(file.facens.size()));
  for (const auto& f : file.facens) {
    if (f.values.size() != file.dimension) throw std::runtime_error("facen of the wrong dimension");
    put<std::uint16_t>(out, static_cast<std::uint16_t>(f.path.size()));
    out.write(f.path.data(), static_cast<std::streamsize>(f.path.size()));
    out.write(reinterpret_cast<const char*>(f.values.data()),
              static_cast<std::streamsize>(f.values.size() * sizeof(float)));
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

LfwFacenFile read_lfw_facens(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  if (get_string(in, kMagicBytes) != kMagic)
    throw std::runtime_error(path + " is not an LFW facen file");
  LfwFacenFile file;
  file.dimension = get<std::uint32_t>(in);
  if (file.dimension == 0 || file.dimension > 4096) throw std::runtime_error("bad facen dimension");
  file.model_id = get_string(in, get<std::uint32_t>(in) & 0xffff);
  const std::uint32_t count = get<std::uint32_t>(in);
  file.facens.reserve(count < 100000 ? count : 100000);
  for (std::uint32_t i = 0; i < count; ++i) {
    LfwFacen f;
    f.path = get_string(in, get<std::uint16_t>(in));
    f.values.resize(file.dimension);
    if (!in.read(reinterpret_cast<char*>(f.values.data()),
                 static_cast<std::streamsize>(file.dimension * sizeof(float)))) {
      throw std::runtime_error("truncated LFW facen file");
    }
    file.facens.push_back(std::move(f));
  }
  return file;
}

}  // namespace facenapi_bench
