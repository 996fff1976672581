// Runs the real `ctom` program (CTOM_BINARY) as a child process and waits for it: what the
// command-line tests and the crash drill use to call `ctom verify`, `ctom export` and the rest.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace ctom::testing {

struct CtomRun {
  int exit_code = -1;  // 128 + the signal when it was killed
  std::string out;
  std::string err;
};

inline std::ostream& operator<<(std::ostream& os, const CtomRun& run) {
  return os << "exit " << run.exit_code << "\nstdout:\n" << run.out << "stderr:\n" << run.err;
}

// Runs `ctom arguments...` with stdin from /dev/null. The child's output goes to two files in
// `output_folder` (so a large stdout cannot block it), read back when it exits. Safe to call
// from several threads with distinct folders.
inline CtomRun RunCtomIn(const std::filesystem::path& output_folder,
                         const std::vector<std::string>& arguments) {
  const std::string out_path = (output_folder / "ctom.stdout").string();
  const std::string err_path = (output_folder / "ctom.stderr").string();
  std::vector<std::string> words{CTOM_BINARY};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, CTOM_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  CtomRun run;
  if (spawned != 0) {
    run.err = "posix_spawn failed";
    return run;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return run;
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  const auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  run.out = read(out_path);
  run.err = read(err_path);
  return run;
}

}  // namespace ctom::testing
