#include "recognition/user_index_file.hpp"

#include <cstring>
#include <exception>
#include <facenapi/error.hpp>
#include <istream>
#include <ostream>
#include <vector>

namespace facenapi::detail {
namespace {

constexpr char kMagic[8] = {'F', 'N', 'U', 'S', 'R', 'I', 'D', 'X'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kMaxModelIdBytes = 128;

// FNV-1a over the header fields: a flipped bit there reads as a damaged file.
std::uint64_t fnv1a(const std::vector<char>& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

template <class T>
void append(std::vector<char>& out, T value) {
  const auto* p = reinterpret_cast<const char*>(&value);
  out.insert(out.end(), p, p + sizeof value);
}

template <class T>
bool take(std::istream& in, std::vector<char>& seen, T& value) {
  if (!in.read(reinterpret_cast<char*>(&value), sizeof value)) return false;
  append(seen, value);
  return true;
}

}  // namespace

std::string user_index_path(const std::string& dir, std::int64_t user_id) {
  return dir + "/user-" + std::to_string(user_id) + ".facenidx";
}

void write_user_index(std::ostream& out, std::int64_t user_id, std::int64_t max_id,
                      const std::string& model_id, const FacenIndex& index) {
  std::vector<char> fields;
  append(fields, user_id);
  append(fields, max_id);
  append(fields, static_cast<std::uint32_t>(model_id.size()));
  fields.insert(fields.end(), model_id.begin(), model_id.end());
  out.write(kMagic, sizeof kMagic);
  out.write(reinterpret_cast<const char*>(&kVersion), sizeof kVersion);
  out.write(fields.data(), static_cast<std::streamsize>(fields.size()));
  const std::uint64_t sum = fnv1a(fields);
  out.write(reinterpret_cast<const char*>(&sum), sizeof sum);
  if (!out) throw Error(Errc::io_error, "writing the user's index file failed");
  index.save(out);
}

std::optional<SavedUserIndex> read_user_index(std::istream& in, std::int64_t user_id,
                                              const std::string& model_id,
                                              std::size_t dimension) {
  char magic[sizeof kMagic];
  std::uint32_t version = 0, model_bytes = 0;
  std::int64_t saved_user = 0, max_id = 0;
  std::uint64_t sum = 0;
  std::vector<char> fields;
  if (!in.read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0 ||
      !in.read(reinterpret_cast<char*>(&version), sizeof version) || version != kVersion ||
      !take(in, fields, saved_user) || !take(in, fields, max_id) ||
      !take(in, fields, model_bytes) || model_bytes > kMaxModelIdBytes) {
    return std::nullopt;
  }
  std::string model(model_bytes, '\0');
  if (!in.read(model.data(), model_bytes)) return std::nullopt;
  fields.insert(fields.end(), model.begin(), model.end());
  if (!in.read(reinterpret_cast<char*>(&sum), sizeof sum) || sum != fnv1a(fields) ||
      saved_user != user_id || model != model_id || max_id < 0) {
    return std::nullopt;
  }
  try {
    FacenIndex index = FacenIndex::load(in);
    if (index.dimension() != dimension) return std::nullopt;
    return SavedUserIndex{std::move(index), max_id};
  } catch (const std::exception&) {  // Error(io_error) for damage; bad_alloc cannot be ruled out
    return std::nullopt;
  }
}

}  // namespace facenapi::detail
