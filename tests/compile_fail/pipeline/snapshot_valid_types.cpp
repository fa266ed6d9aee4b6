// expect: egret: a snapshots valid_from is an egret::timestamp and its valid_to a std::optional<egret::timestamp>
// A snapshot whose valid_to is not nullable: the current version's valid_to is NULL.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
#ifndef EGRET_CONTROL
EGRET_TABLE(history, (id, std::int64_t), (label, std::string), (valid_from, egret::timestamp),
            (valid_to, egret::timestamp));
#else
EGRET_TABLE(history, (id, std::int64_t), (label, std::string), (valid_from, egret::timestamp),
            (valid_to, std::optional<egret::timestamp>));
#endif
struct history_node : pl::model<pl::snapshot, history> {
  static constexpr auto strategy = pl::snapshot_strategy::check;
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
  static constexpr auto unique_key(history t) { return t.id; }
  static constexpr auto check_cols(history t) { return std::tuple{t.label}; }
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, history_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
