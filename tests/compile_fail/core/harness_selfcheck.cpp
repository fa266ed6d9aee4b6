// expect: egret: harness self-check
// Self-check of the compile-fail harness (cmake/EgretCompileFail.cmake): the
// control build (-DEGRET_CONTROL) compiles, the real build fails on the
// static_assert below and its message matches the `expect` regex.
#include <egret/egret.hpp>

#ifndef EGRET_CONTROL
static_assert(sizeof(int) == 0, "egret: harness self-check");
#endif
