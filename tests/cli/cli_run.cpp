#include "cli/cli_run.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "store/store_engines.hpp"

extern char** environ;

namespace facenapi::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

nlohmann::ordered_json CliResult::json() const { return nlohmann::ordered_json::parse(out); }

CliResult run_cli(const std::vector<std::string>& args, const std::string& cwd,
                  const std::map<std::string, std::string>& env) {
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (entry.rfind("FACENAPI_TOKEN=", 0) == 0 || entry.rfind("FACENAPI_DB=", 0) == 0 ||
        entry.rfind("FACENAPI_MODEL_DIR=", 0) == 0) {
      continue;
    }
    environment.push_back(entry);
  }
  environment.push_back(std::string("FACENAPI_MODEL_DIR=") + FACENAPI_TEST_MODEL_DIR);
  for (const auto& [name, value] : env) environment.push_back(name + "=" + value);

  std::vector<std::string> argv_strings{FACENAPI_TEST_CLI};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv, envp;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  for (auto& s : environment) envp.push_back(s.data());
  envp.push_back(nullptr);

  // Output goes to files, not pipes: no deadlock however much the child writes.
  const TempDir capture;
  const std::string out_path = capture.path() + "/stdout", err_path = capture.path() + "/stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::runtime_error(std::string("cannot run ") + argv[0] + ": " + std::strerror(spawned));
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  CliResult result;
  result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  return result;
}

}  // namespace facenapi::test
