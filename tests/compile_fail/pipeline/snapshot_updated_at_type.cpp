// expect: egret: a snapshots updated_at\(t\) must return an egret::timestamp column
// A snapshot whose updated_at(t) names a column that is not an egret::timestamp.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
EGRET_TABLE(stamped, (id, std::int64_t), (label, std::string), (updated_at, egret::timestamp));
using stamped_seed = pl::seed<stamped, "stamped.csv">;
EGRET_TABLE(history, (id, std::int64_t), (label, std::string), (updated_at, egret::timestamp),
            (valid_from, egret::timestamp), (valid_to, std::optional<egret::timestamp>));
struct history_node : pl::model<pl::snapshot, history> {
  static constexpr auto strategy = pl::snapshot_strategy::timestamp;
  static constexpr auto build(stamped s) { return s.select(s.id, s.label, s.updated_at); }
  static constexpr auto unique_key(history t) { return t.id; }
#ifndef EGRET_CONTROL
  static constexpr auto updated_at(history t) { return t.label; }
#else
  static constexpr auto updated_at(history t) { return t.updated_at; }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<stamped_seed, history_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
