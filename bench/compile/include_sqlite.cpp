// Compile-time benchmark: the fixed cost of a TU that runs queries, `#include <egret/sqlite.hpp>` (the core and
// the SQLite backend; CSV loading and fmt formatters for dates are opt-in headers) and nothing else.
// bench/compile/run.sh measures it.
#include <egret/sqlite.hpp>
