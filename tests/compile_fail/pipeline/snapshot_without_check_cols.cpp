// expect: egret: a snapshot with the check strategy needs static constexpr auto check_cols\(contract t\)
// A snapshot with the check strategy and no check_cols: nothing to compare a row with its current version on.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
EGRET_TABLE(history, (id, std::int64_t), (label, std::string), (valid_from, egret::timestamp),
            (valid_to, std::optional<egret::timestamp>));
struct history_node : pl::model<pl::snapshot, history> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
  static constexpr auto unique_key(history t) { return t.id; }
#ifndef EGRET_CONTROL
  static constexpr auto strategy = pl::snapshot_strategy::check;
#else
  static constexpr auto strategy = pl::snapshot_strategy::check;
  static constexpr auto check_cols(history t) { return std::tuple{t.label}; }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, history_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
