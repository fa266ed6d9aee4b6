// expect: egret: the pipeline's models read each other in a cycle
// clean reads report and report reads clean: no order can build them.
#include "schema.hpp"
#ifndef EGRET_CONTROL
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(report r) { return r.select(r.id, egret::str<"x">.as<"label">()); }
};
#else
struct clean_node : pl::model<pl::view, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
#endif
struct report_node : pl::model<pl::view, report> {
  static constexpr auto build(clean c) { return c.select(c.id); }
};
int main() { return pl::pipeline<raw_seed, clean_node, report_node>::graph_type::valid ? 0 : 1; }
