// Another process writing to the store: a child forked before the test opens anything (so no
// thread of the test is copied into it mid-lock), which opens the database itself and runs the
// commands the test sends it over a pipe, one line each, answering "ok <id>" or "error <what>":
//   user <id>                     the user the next commands act as
//   create <seed> <gallery>...    Faces::create of facen_of(seed) in those galleries
//   remove <face id>              Faces::remove
//   galleries <face id> <id>...   Faces::update of the face's galleries
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <facenapi/error.hpp>
#include <facenapi/store.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "extract/facen_model.hpp"

namespace facenapi::test {

// A unit facen of the library's model that depends on `seed`.
inline Facen facen_of(int seed) {
  Facen facen;
  facen.model_id = detail::kFacenModelId;
  facen.values.resize(detail::kFacenDimension);
  double norm2 = 0;
  for (int i = 0; i < detail::kFacenDimension; ++i) {
    facen.values[i] = static_cast<float>(std::sin(0.37 * (i + 1) * (seed + 1) + seed));
    norm2 += double{facen.values[i]} * facen.values[i];
  }
  for (auto& v : facen.values) v = static_cast<float>(v / std::sqrt(norm2));
  return facen;
}

inline Faces::Model face_with_facen(int seed, std::vector<std::int64_t> galleries) {
  Faces::Model face;
  face.bbox = BBox{0, 0, 10, 10};
  face.facen = facen_of(seed);
  face.galleries = std::move(galleries);
  face.meta = "seed " + std::to_string(seed);
  return face;
}

class IndexWriter {
 public:
  // Forks the writer for the database `uri`.
  explicit IndexWriter(const std::string& uri) {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      close(to_child[1]);
      close(from_child[0]);
      serve(uri, to_child[0], from_child[1]);
      _exit(0);
    }
    close(to_child[0]);
    close(from_child[1]);
    out_ = fdopen(to_child[1], "w");
    in_ = fdopen(from_child[0], "r");
  }
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  ~IndexWriter() {
    std::fclose(out_);  // the child sees end of input and exits
    std::fclose(in_);
    int status = 0;
    waitpid(pid_, &status, 0);
  }

  // Sends one command; returns the id the child answers. std::runtime_error on "error".
  std::int64_t run(const std::string& command) {
    std::fprintf(out_, "%s\n", command.c_str());
    std::fflush(out_);
    char line[512];
    if (!std::fgets(line, sizeof line, in_)) throw std::runtime_error("the writer died");
    std::istringstream reply(line);
    std::string word;
    std::int64_t id = 0;
    reply >> word >> id;
    if (word != "ok") throw std::runtime_error(std::string("writer: ") + line);
    return id;
  }

 private:
  static void serve(const std::string& uri, int in_fd, int out_fd) {
    FILE* in = fdopen(in_fd, "r");
    FILE* out = fdopen(out_fd, "w");
    try {
      Database db(uri);
      Faces faces(db);
      std::int64_t user_id = 0;
      char line[512];
      while (std::fgets(line, sizeof line, in)) {
        std::istringstream command(line);
        std::string verb;
        std::int64_t arg = 0, g = 0;
        command >> verb >> arg;
        std::vector<std::int64_t> galleries;
        while (command >> g) galleries.push_back(g);
        try {
          std::int64_t id = arg;
          if (verb == "user") {
            user_id = arg;
          } else if (verb == "create") {
            id = faces.create(user_id, face_with_facen(static_cast<int>(arg), galleries)).id;
          } else if (verb == "remove") {
            faces.remove(user_id, arg);
          } else if (verb == "galleries") {
            faces.update(user_id, arg, Faces::Changes{std::nullopt, galleries});
          } else {
            throw std::runtime_error("unknown command " + verb);
          }
          std::fprintf(out, "ok %lld\n", static_cast<long long>(id));
        } catch (const std::exception& e) {
          std::fprintf(out, "error %s\n", e.what());
        }
        std::fflush(out);
      }
    } catch (const std::exception& e) {
      std::fprintf(out, "error %s\n", e.what());
      std::fflush(out);
    }
  }

  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  FILE* in_ = nullptr;
};

}  // namespace facenapi::test
