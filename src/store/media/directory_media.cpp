// The directory media engine (see media_engine.hpp): one file per key, written atomically.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <facenapi/error.hpp>
#include <filesystem>
#include <random>

#include "store/media/media_engine.hpp"

namespace facenapi::detail {
namespace {

namespace fs = std::filesystem;

Error io(const std::string& what, const fs::path& path) {
  return Error(Errc::io_error, what + " '" + path.string() + "': " + std::strerror(errno));
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw io("cannot open", path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw io("cannot fsync", path);
}

class DirectoryMedia final : public MediaEngine {
 public:
  explicit DirectoryMedia(std::string root) : root_(std::move(root)) {}

  void put(std::int64_t owner, const std::string& key,
           const std::vector<std::uint8_t>& bytes) override {
    const fs::path target = path(owner, key);
    if (fs::exists(target)) return;  // content-addressed: the same bytes
    const fs::path dir = target.parent_path();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(Errc::io_error, "cannot create '" + dir.string() + "': " + ec.message());
    thread_local std::mt19937_64 random(std::random_device{}());
    const fs::path temp = dir / (".tmp-" + std::to_string(random()));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw io("cannot create", temp);
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const Error e = io("cannot write", temp);
        ::close(fd);
        ::unlink(temp.c_str());
        throw e;
      }
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      const Error e = io("cannot fsync", temp);
      ::unlink(temp.c_str());
      throw e;
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
      const Error e = io("cannot rename into", target);
      ::unlink(temp.c_str());
      throw e;
    }
    fsync_path(dir, O_RDONLY | O_DIRECTORY);
  }

  std::optional<std::vector<std::uint8_t>> get(std::int64_t owner,
                                               const std::string& key) override {
    const fs::path p = path(owner, key);
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
      throw io("cannot open", p);
    }
    std::vector<std::uint8_t> out;
    std::uint8_t buf[65536];
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const Error e = io("cannot read", p);
        ::close(fd);
        throw e;
      }
      if (n == 0) break;
      out.insert(out.end(), buf, buf + n);
    }
    ::close(fd);
    return out;
  }

  bool remove(std::int64_t owner, const std::string& key) override {
    const fs::path p = path(owner, key);
    if (::unlink(p.c_str()) != 0) {
      if (errno == ENOENT || errno == ENOTDIR) return false;
      throw io("cannot delete", p);
    }
    fsync_path(p.parent_path(), O_RDONLY | O_DIRECTORY);
    return true;
  }

  void remove_owner(std::int64_t owner) override {
    std::error_code ec;
    fs::remove_all(fs::path(root_) / ("u" + std::to_string(owner)), ec);
    if (ec) throw Error(Errc::io_error, "cannot delete media of a user: " + ec.message());
  }

 private:
  fs::path path(std::int64_t owner, const std::string& key) const {
    return fs::path(root_) / ("u" + std::to_string(owner)) / key;  // key checked by media_url
  }
  std::string root_;
};

}  // namespace

std::shared_ptr<MediaEngine> open_directory_media(const std::string& root) {
  return std::make_shared<DirectoryMedia>(root);
}

}  // namespace facenapi::detail
