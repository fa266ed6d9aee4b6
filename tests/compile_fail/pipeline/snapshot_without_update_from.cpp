// expect: egret: a snapshot closes the changed keys' versions with UPDATE \.\.\. FROM or UPDATE \.\.\. JOIN
// A snapshot on a connection whose dialect has neither (SQLite before 3.33, which had no UPDATE ... FROM); the
// control twin is the same snapshot on SQLite 3.33.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
struct old_sqlite : egret::sqlite::connection {
#ifndef EGRET_CONTROL
  using dialect_type = egret::dialect::sqlite_v<3'032'000>;
#else
  using dialect_type = egret::dialect::sqlite_v<3'033'000>;
#endif
  using egret::sqlite::connection::connection;
};
EGRET_TABLE(history, (id, std::int64_t), (label, std::string), (valid_from, egret::timestamp),
            (valid_to, std::optional<egret::timestamp>));
struct history_node : pl::model<pl::snapshot, history> {
  static constexpr auto strategy = pl::snapshot_strategy::check;
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
  static constexpr auto unique_key(history t) { return t.id; }
  static constexpr auto check_cols(history t) { return std::tuple{t.label}; }
};
int main() {
  old_sqlite db(":memory:");
  return pl::pipeline<raw_seed, history_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
