// Always-on checks of the program's invariants. Unlike assert, which Release builds drop, a broken
// invariant stops the process with where and what, before it can write or show a wrong state.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace ctom {

[[noreturn]] inline void InvariantBroken(const char* what, const char* file, int line) {
  std::fprintf(stderr, "ctom: invariant broken at %s:%d: %s\n", file, line, what);
  std::abort();
}

}  // namespace ctom

// CTOM_INVARIANT(condition, "what must hold"): a programmer error when false, never an input's.
#define CTOM_INVARIANT(condition, what)                  \
  do {                                                   \
    if (!(condition)) [[unlikely]]                       \
      ::ctom::InvariantBroken(what, __FILE__, __LINE__); \
  } while (false)
