// Extracts the faces of one photo through the installed C++ API and prints one line per face.
// Usage: consumer_cpp MODEL_DIR PHOTO. Exit status 0 only when at least one face has a facen.
#include <facenapi/facenapi.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: consumer_cpp MODEL_DIR PHOTO\n";
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  const std::vector<std::uint8_t> photo{std::istreambuf_iterator<char>(in), {}};
  try {
    facenapi::ModelPaths paths;
    paths.model_dir = argv[1];
    const facenapi::Extractor extractor(paths);
    const auto faces = extractor.extract(photo);
    for (const auto& face : faces) std::cout << facenapi::to_json(face) << "\n";
    // An error thrown inside the library is caught here as facenapi::Error.
    try {
      extractor.extract(std::vector<std::uint8_t>{});
      return 1;
    } catch (const facenapi::Error& e) {
      if (e.errc() != facenapi::Errc::decode_failed) return 1;
    }
    return !faces.empty() && faces[0].facen ? 0 : 1;
  } catch (const facenapi::Error& e) {
    std::cerr << "facenapi: " << e.what() << "\n";
    return 1;
  }
}
