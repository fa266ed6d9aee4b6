// The harnesses' one assertion: a failed check prints what was expected and aborts, which libFuzzer reports as
// a crash and saves the input of (docs/reliability.md, "Sanitizers and fuzzing": minimizing it, keeping it as
// a regression).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace egret_fuzz {

[[noreturn]] inline void fail(char const* file, int line, std::string const& what) {
  std::fprintf(stderr, "\n==egret-fuzz== %s:%d: CHECK FAILED: %s\n", file, line, what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace egret_fuzz

/// Aborts with `what` (a std::string expression, evaluated only on failure) unless cond holds.
#define EGRET_FUZZ_CHECK(cond, what)                                \
  do {                                                              \
    if (!(cond)) ::egret_fuzz::fail(__FILE__, __LINE__, (what));    \
  } while (false)
#define EGRET_FUZZ_FAIL(what) ::egret_fuzz::fail(__FILE__, __LINE__, (what))

/// ASan's defaults for the harnesses (ASAN_OPTIONS still overrides them). clang 16 detects stack use after
/// return by default, and collects its fake stacks at every throw: with the loaders throwing a load_error for
/// most inputs that took 80% of the time (44 runs/s instead of 1000+), so it is off here; the `asan` preset's
/// test suite keeps it. (Defined here, not inline: each harness is one translation unit including this once.)
extern "C" __attribute__((used, visibility("default"))) char const* __asan_default_options() {
  return "detect_stack_use_after_return=0";
}
