// Defines what an incremental model declares and the SQL an incremental run sends. An incremental model is a
// table built in full on its first run (or with --full-refresh), then given only new or changed rows:
//
//   struct orders_node : pl::model<pl::incremental, orders> {
//     static constexpr auto build(raw_orders o) { return o.select(...); }                  // the full query
//     static constexpr auto incremental(orders self, raw_orders o) {                      // the new rows:
//       return o.filter(o.id > egret::scalar(self.aggregate(self.order_id.max().as<"m">()))).select(...);
//     }                                                                                    // (`self` is `this`)
//     static constexpr auto unique_key(orders t) { return t.order_id; }
//     static constexpr auto strategy = pl::strategy::merge;                               // or append, delete_insert
//     static constexpr auto on_schema_change = pl::on_schema_change::fail;                // or append_new_columns
//   };
//
// `incremental` is optional (without it each run sends the full query through the strategy), and so are
// `unique_key` (needed by merge and delete_insert: a compile error names it otherwise), `strategy` (merge with
// a unique key, append without) and `on_schema_change` (fail). Each run is one transaction: the new rows are
// staged in a temporary table (so that a query reading `self` sees the table as it was), then deleted and
// inserted, or upserted in the engine's own form: `INSERT ... ON CONFLICT (key) DO UPDATE SET c = excluded.c` on
// SQLite and PostgreSQL, `INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)` on MariaDB and MySQL (whose DML
// is transactional on InnoDB). A run that fails half-way leaves the table, row for row, as it was.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/pipeline/node.hpp>

namespace egret::pipeline::detail {

template <class N>
concept has_incremental_query = requires { &N::incremental; };

template <class N>
concept has_unique_key = requires { N::unique_key(typename N::relation_type{}); };

template <class N>
constexpr strategy strategy_of() {
  if constexpr (requires { N::strategy; })
    return N::strategy;
  else if constexpr (has_unique_key<N>)
    return strategy::merge;
  else
    return strategy::append;
}

template <class N>
constexpr on_schema_change schema_change_of() {
  if constexpr (requires { N::on_schema_change; })
    return N::on_schema_change;
  else
    return on_schema_change::fail;
}

/// The name of model N's unique key column.
template <class N>
constexpr std::string_view unique_key_name() {
  if constexpr (has_unique_key<N>) {
    using K = std::remove_cvref_t<decltype(N::unique_key(typename N::relation_type{}))>;
    static_assert(requires { K::name; typename K::source; } && std::is_same_v<typename K::source, typename N::relation_type>,
                  "egret: a model's unique_key(t) must return one column of t, the model's own contract table "
                  "(`return t.order_id;`), not an expression or another table's column");
    return K::name.view();
  } else {
    return {};
  }
}

/// Model N's incremental(...) takes its own contract table first (checked only if it has parameters, so that
/// an incremental() without any fails the static_assert below rather than at_t<0> of an empty list).
template <class N>
concept incremental_takes_self_first =
    build_inputs<decltype(&N::incremental)>::type::size != 0 &&
    std::is_same_v<at_t<0, typename build_inputs<decltype(&N::incremental)>::type>, typename N::relation_type>;

/// The checks of an incremental model's declarations, each one egret: line.
template <class N>
constexpr bool check_incremental() {
  static_assert(strategy_of<N>() == strategy::append || has_unique_key<N>,
                "egret: an incremental model with strategy merge or delete_insert needs "
                "`static constexpr auto unique_key(contract t) { return t.key_column; }`");
  if constexpr (has_incremental_query<N>)
    static_assert(incremental_takes_self_first<N>,
                  "egret: an incremental model's incremental(...) takes its own contract table first (the table as "
                  "it is: dbt's `this`), then inputs of its build()");
  return true;
}

/// Stops the compilation of a pipeline on a connection whose dialect does not describe the statements the
/// pipeline writes (dialect/ansi.hpp, has_pipeline_statements).
template <class D>
constexpr bool require_pipeline_dialect() {
  static_assert(D::has_pipeline_statements,
                "egret: a pipeline runs on a connection whose dialect describes the statements it writes (temporary "
                "tables, upserts, view replacement: dialect/ansi.hpp's pipeline traits, has_pipeline_statements); "
                "this connection's dialect_type does not (SQLite, PostgreSQL, MariaDB / MySQL and DuckDB do)");
  return true;
}

/// `DROP ... IF EXISTS` of the staging table (only a temporary one of that name: dialect D's
/// drop_temporary_table_keyword and temporary_schema), before `CREATE TEMPORARY TABLE ... AS <select>`.
template <class D>
std::string drop_stage_sql(std::string const& stage) {
  return std::string(D::drop_temporary_table_keyword) + "IF EXISTS " + std::string(D::temporary_schema) + stage;
}

/// The upsert of the staged rows into the model's table: `columns` quoted and comma-separated, `others` the
/// non-key columns as `"c"` quoted names.
template <class D>
std::string upsert_sql(std::string const& table, std::string const& stage, std::string const& columns,
                       std::string const& key, std::vector<std::string> const& others) {
  std::string out = "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + stage;
  if constexpr (D::upsert_on_duplicate_key) {
    out += " ON DUPLICATE KEY UPDATE ";
    if (others.empty()) return out + key + " = " + key;
    for (std::size_t i = 0; i != others.size(); ++i) out += (i ? ", " : "") + others[i] + " = VALUES(" + others[i] + ")";
  } else {
    out += " WHERE true ON CONFLICT (" + key + ") DO ";  // WHERE: SQLite's parser needs it before ON CONFLICT
    if (others.empty()) return out + "NOTHING";
    out += "UPDATE SET ";
    for (std::size_t i = 0; i != others.size(); ++i) out += (i ? ", " : "") + others[i] + " = excluded." + others[i];
  }
  return out;
}

}  // namespace egret::pipeline::detail
