// A reader of `strace -f -ttt -T -yy` output: each system call with its thread, start and end
// times, its first argument's descriptor as strace decoded it (a path, or a TCP connection) and
// the rest of its arguments as printed. Calls split by another thread's (<unfinished ...> and
// <... resumed>) are joined.
#pragma once

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace ctom::e2e {

struct TracedCall {
  std::string thread;
  std::string name;
  double start = 0;  // seconds since the epoch
  double end = 0;    // start plus the duration strace measured
  // "/path/to/file", "TCP:[127.0.0.1:8080->127.0.0.1:40000]", "socket:[1234]", or ""
  std::string descriptor;
  std::string text;  // every argument and the result, as printed
};

// The first argument's decoration: 12</a/path> or 7<TCP:[a:1->b:2]>.
inline std::string DecodedDescriptor(const std::string& arguments) {
  const auto open = arguments.find('<');
  const auto comma = arguments.find_first_of(",)");
  if (open == std::string::npos || (comma != std::string::npos && comma < open)) return "";
  const bool socket =
      arguments.compare(open + 1, 4, "TCP:") == 0 || arguments.compare(open + 1, 7, "socket:") == 0;
  const auto close = socket ? arguments.find("]>", open) : arguments.find('>', open);
  if (close == std::string::npos) return "";
  return arguments.substr(open + 1, (socket ? close + 1 : close) - open - 1);
}

// The trailing "<0.000123>" strace -T prints: the call's duration in seconds.
inline double TracedDuration(const std::string& line) {
  const auto open = line.rfind(" <");
  if (open == std::string::npos || line.back() != '>') return 0;
  return std::strtod(line.c_str() + open + 2, nullptr);
}

inline std::vector<TracedCall> ReadTrace(const std::string& path) {
  std::vector<TracedCall> calls;
  std::map<std::string, TracedCall> unfinished;  // by thread
  std::ifstream in(path);
  std::string line;
  const std::string kUnfinished = " <unfinished ...>";
  while (std::getline(in, line)) {
    const auto first_space = line.find(' ');
    const auto second_space = line.find(' ', first_space + 1);
    if (first_space == std::string::npos || second_space == std::string::npos) continue;
    const std::string thread = line.substr(0, first_space);
    const double time = std::strtod(line.c_str() + first_space + 1, nullptr);
    std::string rest = line.substr(second_space + 1);
    if (rest.starts_with("<... ")) {
      auto pending = unfinished.find(thread);
      const auto marker = rest.find("resumed>");
      if (pending == unfinished.end() || marker == std::string::npos) continue;
      TracedCall call = std::move(pending->second);
      unfinished.erase(pending);
      call.text += rest.substr(marker + 8);
      call.end = call.start + TracedDuration(rest);
      calls.push_back(std::move(call));
      continue;
    }
    const auto parenthesis = rest.find('(');
    if (parenthesis == std::string::npos || rest.starts_with("---") || rest.starts_with("+++")) {
      continue;
    }
    TracedCall call{thread, rest.substr(0, parenthesis), time, time,
                    "",     rest.substr(parenthesis + 1)};
    call.descriptor = DecodedDescriptor(call.text);
    if (rest.ends_with(kUnfinished)) {
      call.text.resize(call.text.size() - kUnfinished.size());
      unfinished[thread] = std::move(call);
      continue;
    }
    call.end = call.start + TracedDuration(rest);
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace ctom::e2e
