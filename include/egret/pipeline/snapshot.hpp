// Defines what a snapshot model declares (dbt's snapshots: a slowly changing dimension of type 2) and the SQL a
// snapshot run sends. Its contract is the rows' columns followed by two more, `valid_from` (egret::timestamp)
// and `valid_to` (std::optional<egret::timestamp>: NULL for the current version):
//
//   EGRET_TABLE(orders_history, (id, std::int64_t), (status, std::string), (updated_at, egret::timestamp),
//               (valid_from, egret::timestamp), (valid_to, std::optional<egret::timestamp>));
//   struct orders_history_node : pl::model<pl::snapshot, orders_history> {
//     static constexpr auto build(raw_orders o) { return o.select(o.id, o.status, o.updated_at); }  // the rows now
//     static constexpr auto unique_key(orders_history t) { return t.id; }
//     static constexpr auto strategy = pl::snapshot_strategy::timestamp;
//     static constexpr auto updated_at(orders_history t) { return t.updated_at; }   // timestamp strategy
//     // or: static constexpr auto check_cols(orders_history t) { return std::tuple{t.status}; }   // check strategy
//   };
//
// Each run, in one transaction: the rows now are staged; a key never seen gets its first version; a key whose
// row changed (a later updated_at, or a check column that differs, NULLs compared as values) has its current
// version closed (valid_to = the new version's valid_from) and a new current version inserted. A key that
// disappears keeps its current version (dbt's default: hard deletes are not invalidated).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <egret/pipeline/incremental.hpp>
#include <egret/pipeline/node.hpp>
#include <egret/relation/contract.hpp>
#include <egret/types/temporal.hpp>

namespace egret::pipeline::detail {

template <class N>
constexpr snapshot_strategy snapshot_strategy_of() {
  if constexpr (requires { N::strategy; })
    return N::strategy;
  else
    return snapshot_strategy::timestamp;
}

template <class L, class Seq>
struct first_columns;
template <class L, std::size_t... I>
struct first_columns<L, std::index_sequence<I...>> {
  using type = type_list<at_t<I, L>...>;
};

/// The checks of a snapshot model's declarations and of its query against its contract (all but the last two
/// columns), each one egret: line.
template <class N, class Q>
constexpr bool check_snapshot() {
  using T = typename N::relation_type;
  using cols = typename T::egret_columns;
  static_assert(cols::size >= 3,
                "egret: a snapshot's contract has too few columns: it is the rows' columns, then (valid_from, "
                "egret::timestamp), (valid_to, std::optional<egret::timestamp>)");
  if constexpr (cols::size >= 3) {
    using from = at_t<cols::size - 2, cols>;
    using to = at_t<cols::size - 1, cols>;
    static_assert(from::name.view() == "valid_from" && to::name.view() == "valid_to",
                  "egret: a snapshot's contract ends with (valid_from, egret::timestamp), (valid_to, "
                  "std::optional<egret::timestamp>)");
    static_assert(std::is_same_v<typename from::value_type, egret::timestamp> && !nullable_v<from> &&
                      std::is_same_v<typename to::value_type, egret::timestamp> && nullable_v<to>,
                  "egret: a snapshot's valid_from is an egret::timestamp and its valid_to a std::optional<egret::timestamp>");
    egret::detail::check_contract(columns_of_t<Q>{},
                                  typename first_columns<cols, std::make_index_sequence<cols::size - 2>>::type{});
  }
  static_assert(has_unique_key<N>, "egret: a snapshot needs `static constexpr auto unique_key(contract t) { return t.key; }`");
  if constexpr (snapshot_strategy_of<N>() == snapshot_strategy::timestamp) {
    static_assert(requires { N::updated_at(T{}); },
                  "egret: a snapshot with the timestamp strategy needs `static constexpr auto updated_at(contract t) { "
                  "return t.updated_at; }` (an egret::timestamp column)");
    if constexpr (requires { N::updated_at(T{}); })
      static_assert(std::is_same_v<typename std::remove_cvref_t<decltype(N::updated_at(T{}))>::value_type, egret::timestamp>,
                    "egret: a snapshot's updated_at(t) must return an egret::timestamp column "
                    "(`return t.updated_at;`)");
  } else {
    static_assert(requires { N::check_cols(T{}); },
                  "egret: a snapshot with the check strategy needs `static constexpr auto check_cols(contract t) { "
                  "return std::tuple{t.a, t.b}; }`");
  }
  return true;
}

/// The names of snapshot N's check columns.
template <class N>
std::vector<std::string_view> check_column_names() {
  std::vector<std::string_view> out;
  if constexpr (requires { N::check_cols(typename N::relation_type{}); }) {
    auto const cols = N::check_cols(typename N::relation_type{});
    if constexpr (requires { std::tuple_size<std::remove_cvref_t<decltype(cols)>>::value; })
      std::apply([&](auto const&... c) { (out.push_back(std::remove_cvref_t<decltype(c)>::name.view()), ...); }, cols);
    else
      out.push_back(std::remove_cvref_t<decltype(cols)>::name.view());
  }
  return out;
}

template <class N>
constexpr std::string_view updated_at_name() {
  if constexpr (requires { N::updated_at(typename N::relation_type{}); })
    return std::remove_cvref_t<decltype(N::updated_at(typename N::relation_type{}))>::name.view();
  else
    return {};
}

/// `a` and `b` differ, NULLs compared as values, in dialect D: `a IS DISTINCT FROM b`, SQLite `a IS NOT b`,
/// MariaDB / MySQL `NOT (a <=> b)` (the dialect's distinct_from_* text).
template <class D>
std::string distinct_sql(std::string const& a, std::string const& b) {
  std::string out(D::distinct_from_open);
  out += a;
  out += D::distinct_from_infix;
  out += b;
  out += D::distinct_from_close;
  return out;
}

/// Closes the current versions of the changed keys: `UPDATE t SET valid_to = ch.egret_valid_from FROM changes
/// ch WHERE ...` (has_update_from: SQLite, PostgreSQL, DuckDB) or `UPDATE t JOIN changes ch ON ... SET ...`
/// (has_update_join: MariaDB, MySQL).
template <class D>
std::string close_versions_sql(std::string const& table, std::string const& changes, std::string const& key,
                               std::string const& valid_to) {
  static_assert(D::has_update_join || D::has_update_from,
                "egret: a snapshot closes the changed keys' versions with UPDATE ... FROM or UPDATE ... JOIN, and "
                "this connection's dialect has neither");
  if constexpr (D::has_update_join)
    return "UPDATE " + table + " JOIN " + changes + " AS ch ON " + table + "." + key + " = ch." + key + " SET " + table +
           "." + valid_to + " = ch.egret_valid_from WHERE " + table + "." + valid_to + " IS NULL";
  else
    return "UPDATE " + table + " SET " + valid_to + " = ch.egret_valid_from FROM " + changes + " AS ch WHERE " + table +
           "." + key + " = ch." + key + " AND " + table + "." + valid_to + " IS NULL";
}

}  // namespace egret::pipeline::detail
