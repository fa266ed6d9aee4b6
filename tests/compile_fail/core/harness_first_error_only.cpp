// expect: egret: harness second error
// Self-check of the compile-fail harness (cmake/EgretCompileFail.cmake): with GCC the expected message
// must be on the FIRST error line. Here it is on the second, so the harness must reject this snippet;
// tests/CMakeLists.txt turns that rejection into a pass (PASS_REGULAR_EXPRESSION). With other compilers
// the message may appear anywhere, and this is an ordinary passing test.
#include <egret/egret.hpp>

#ifndef EGRET_CONTROL
static_assert(sizeof(int) == 0, "egret: harness first error");
static_assert(sizeof(int) == 0, "egret: harness second error");
#endif
