// A file of LFW facens: one record per photo of lfw-deepfunneled in which a face was found, so
// that calibration and search benchmarks can reuse one extraction run.
//
// Layout (little-endian): "FNLFW1\n" (7 bytes), uint32 dimension, uint32 model-id length, the
// model id, uint32 record count, then per record: uint16 path length, the path relative to
// lfw-deepfunneled/ ("Name/Name_0001.jpg"), `dimension` float32 values.
#pragma once

#include <string>
#include <vector>

namespace facenapi_bench {

struct LfwFacen {
  std::string path;  // "Name/Name_0001.jpg"
  std::vector<float> values;
  // The identity: the folder name.
  std::string identity() const { return path.substr(0, path.find('/')); }
};

struct LfwFacenFile {
  std::string model_id;
  std::size_t dimension = 0;
  std::vector<LfwFacen> facens;
};

void write_lfw_facens(const std::string& path, const LfwFacenFile& file);
// Throws std::runtime_error for a missing, truncated or malformed file.
LfwFacenFile read_lfw_facens(const std::string& path);

}  // namespace facenapi_bench
