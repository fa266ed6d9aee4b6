// Defines the nodes of a pipeline: seeds (a CSV file into a typed table), sources (a table that already exists)
// and models (a query over other nodes, materialized as a view, a table, or inlined where it is read). Every
// node is a C++ type; a node names the nodes it reads by their types, never by strings:
//
//   using raw_orders_seed = egret::pipeline::seed<raw_orders, "raw_orders.csv">;
//   struct stg_orders_model : egret::pipeline::model<egret::pipeline::view, stg_orders> {
//     static constexpr auto build(raw_orders o) { return o.select(o.id.as<"order_id">(), ...); }
//   };
//
// A model's inputs are the parameter types of its `build` function: table types, each provided by exactly one
// node of the pipeline (a seed or source of that table, or a model whose contract it is). Its output contract is
// an EGRET_TABLE: the query's columns must match it (names, order, types, nullability), checked at compile time,
// and models downstream read the model through it.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include <egret/core/fixed_string.hpp>
#include <egret/core/type_list.hpp>

namespace egret::pipeline {

/// How a model exists in the database.
enum class materialization : unsigned char {
  view,       // CREATE VIEW: always current, computed when read
  table,      // CREATE TABLE + INSERT ... SELECT, rebuilt atomically on each run
  ephemeral,  // not built: inlined as a CTE into each model that reads it
  incremental,  // a table built once, then given only the new or changed rows on each run (incremental.hpp)
  snapshot,     // a history table (slowly changing dimension, type 2): a new row version when a row changes (snapshot.hpp)
  external,     // a Parquet file (run_options::external_dir / "<name>.parquet") and a view reading it; DuckDB (parquet.hpp)
};
inline constexpr materialization view = materialization::view;
inline constexpr materialization table = materialization::table;
inline constexpr materialization ephemeral = materialization::ephemeral;
inline constexpr materialization incremental = materialization::incremental;
inline constexpr materialization snapshot = materialization::snapshot;
inline constexpr materialization external = materialization::external;

constexpr std::string_view to_string(materialization m) {
  switch (m) {
    case materialization::view: return "view";
    case materialization::table: return "table";
    case materialization::incremental: return "incremental";
    case materialization::snapshot: return "snapshot";
    case materialization::external: return "external";
    default: return "ephemeral";
  }
}

/// How an incremental model's new rows join its table (dbt's incremental_strategy).
enum class strategy : unsigned char {
  append,         // INSERT the new rows
  delete_insert,  // DELETE the rows whose unique key comes again, then INSERT the new rows
  merge,          // upsert on the unique key: ON CONFLICT ... DO UPDATE / ON DUPLICATE KEY UPDATE
};

/// How a snapshot tells that a row changed (dbt's snapshot strategies).
enum class snapshot_strategy : unsigned char {
  timestamp,  // its updated_at column is later than the current version's (valid_from = updated_at)
  check,      // one of its check_cols differs from the current version's (valid_from = the run's time)
};

/// What an incremental run does when the model's contract has columns the table was not built with.
enum class on_schema_change : unsigned char {
  fail,                // refuse, naming the columns (the default): --full-refresh rebuilds
  append_new_columns,  // ALTER TABLE ... ADD COLUMN for each new (nullable) column, then run
};

enum class node_kind : unsigned char { seed, source, model };

/// A CSV file (in the pipeline's seed directory) loaded into table T, which the pipeline creates: typed, in one
/// transaction, every field checked (the backend's load_csv). `File` is the file's name, "raw_orders.csv".
template <class T, fixed_string File>
struct seed {
  using relation_type = T;
  static constexpr node_kind kind = node_kind::seed;
  static constexpr std::string_view name = T::egret_name.view();
  static constexpr std::string_view file = File.view();
};

/// A table that exists before the pipeline runs (loaded by something else): its declared columns are checked
/// against the live database before anything is built. On DuckDB, `File` may name a Parquet file instead
/// (`source<T, "events.parquet">`, relative to the seed directory): its schema is checked against T's and a view
/// named after T reads it (parquet.hpp).
template <class T, fixed_string File = "">
struct source {
  using relation_type = T;
  static constexpr node_kind kind = node_kind::source;
  static constexpr std::string_view name = T::egret_name.view();
  static constexpr std::string_view file = File.view();
};

/// The base of a model: `struct m : model<view, contract> { static constexpr auto build(inputs...) {...} };`.
/// The model's name is its contract's table name.
template <materialization M, class Contract>
struct model {
  using relation_type = Contract;
  static constexpr node_kind kind = node_kind::model;
  static constexpr materialization how = M;
  static constexpr std::string_view name = Contract::egret_name.view();
};

/// A node's tags, for selection (`--select tag:nightly`): `static constexpr auto tags = egret::pipeline::tags("nightly");`
/// in a model (or a seed or source type derived from pl::seed / pl::source).
template <class... S>
constexpr std::array<std::string_view, sizeof...(S)> tags(S const&... s) {
  return {std::string_view(s)...};
}

/// The tags node N declares (none when it declares no `tags`).
template <class N>
constexpr std::span<std::string_view const> tags_of() {
  if constexpr (requires { N::tags.size(); })
    return N::tags;
  else
    return {};
}

/// What node N is, as the progress lines, `ls` and the docs site name it: "seed", "source", "view model",
/// "table model", "incremental model", "snapshot", "external model", "ephemeral model".
template <class N>
constexpr std::string_view kind_name() {
  if constexpr (N::kind == node_kind::seed)
    return "seed";
  else if constexpr (N::kind == node_kind::source)
    return "source";
  else if constexpr (N::how == materialization::view)
    return "view model";
  else if constexpr (N::how == materialization::table)
    return "table model";
  else if constexpr (N::how == materialization::incremental)
    return "incremental model";
  else if constexpr (N::how == materialization::snapshot)
    return "snapshot";
  else if constexpr (N::how == materialization::external)
    return "external model";
  else
    return "ephemeral model";
}

namespace detail {

/// Whether node N is an ephemeral model.
template <class N>
constexpr bool is_ephemeral_node() {
  if constexpr (N::kind == node_kind::model)
    return N::how == materialization::ephemeral;
  else
    return false;
}

template <class N>
concept node = requires {
  typename N::relation_type;
  N::kind;
  N::name;
};

/// The parameter types of a model's build function: the tables it reads.
template <class F>
struct build_inputs;
template <class R, class... Args>
struct build_inputs<R (*)(Args...)> {
  using type = type_list<std::remove_cvref_t<Args>...>;
};

template <class N>
struct inputs_of {
  using type = type_list<>;
};
template <class N>
  requires(N::kind == node_kind::model)
struct inputs_of<N> {
  static_assert(requires { &N::build; },
                "egret: a model needs `static constexpr auto build(inputs...)` returning its query");
  using type = typename build_inputs<decltype(&N::build)>::type;
};

}  // namespace detail

/// The tables model N reads (its build function's parameter types).
template <class N>
using inputs_t = typename detail::inputs_of<N>::type;

}  // namespace egret::pipeline
