// expect: egret: two nodes of the pipeline have the same name
// A seed and a model both named raw (the model's contract is raw's table under another C++ type).
#include "schema.hpp"
namespace other {
EGRET_TABLE(raw, (id, std::int64_t));
}
struct copy_node : pl::model<pl::view, other::raw> {
  static constexpr auto build(::raw r) { return r.select(r.id); }
};
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(::raw r) { return r.select(r.id, r.label); }
};
#ifndef EGRET_CONTROL
int main() { return pl::pipeline<raw_seed, copy_node, clean_node>::graph_type::valid ? 0 : 1; }
#else
int main() { return pl::pipeline<raw_seed, clean_node>::graph_type::valid ? 0 : 1; }
#endif
