// Compile-time benchmark: the cost of including the core, `#include <egret/egret.hpp>` and nothing else
// (budget: 0.5 s with g++ 12 -O2). bench/compile/run.sh measures it.
#include <egret/egret.hpp>
