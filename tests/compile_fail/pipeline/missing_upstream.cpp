// expect: egret: a model reads a table that no seed, source or model of the pipeline provides
// report reads clean, but the pipeline has no node for clean.
#include "schema.hpp"
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
struct report_node : pl::model<pl::view, report> {
  static constexpr auto build(clean c) { return c.select(c.id); }
};
#ifndef EGRET_CONTROL
int main() { return pl::pipeline<raw_seed, report_node>::graph_type::valid ? 0 : 1; }
#else
int main() { return pl::pipeline<raw_seed, clean_node, report_node>::graph_type::valid ? 0 : 1; }
#endif
