// expect: egret: a snapshot needs static constexpr auto unique_key\(contract t\)
// A snapshot with no unique_key: it cannot tell which stored version a row is a new version of.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include "schema.hpp"
EGRET_TABLE(history, (id, std::int64_t), (label, std::string), (valid_from, egret::timestamp),
            (valid_to, std::optional<egret::timestamp>));
struct history_node : pl::model<pl::snapshot, history> {
  static constexpr auto strategy = pl::snapshot_strategy::check;
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
#ifndef EGRET_CONTROL
  static constexpr auto check_cols(history t) { return std::tuple{t.label}; }
#else
  static constexpr auto check_cols(history t) { return std::tuple{t.label}; }
  static constexpr auto unique_key(history t) { return t.id; }
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  return pl::pipeline<raw_seed, history_node>::build(db, {.out = nullptr}).ok() ? 0 : 1;
}
