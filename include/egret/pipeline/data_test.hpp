// Defines the data tests of a pipeline, as dbt's generic tests: each is one SELECT that returns the failing rows
// (a typed egret query, so its SQL is fixed at compile time), a name (`unique_customers_customer_id`) and a
// severity. A model lists its tests in `static constexpr auto tests(contract t)`:
//
//   static constexpr auto tests(orders t) {
//     return egret::pipeline::tests(unique(t.order_id), not_null(t.order_id),
//                                   accepted_values<"placed", "shipped">(t.status),
//                                   relationships(t.customer_id, customers{}.customer_id));
//   }
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <egret/core/fixed_string.hpp>
#include <egret/egret.hpp>

namespace egret::pipeline {

enum class severity : unsigned char { error, warn };

/// One data test: `failing` is the query of the rows that break it; `Reads` the tables it reads besides its
/// model's (a relationships test's parent), after whose nodes it runs.
template <class Q, fixed_string Name, class Reads = type_list<>, bool Proved = false>
struct data_test {
  Q failing;
  severity level = severity::error;
  using reads = Reads;
  static constexpr std::string_view name = Name.view();
  /// What the compiler already proves of the data (a not_null test of a column whose type is NOT NULL): the
  /// test still runs, checking the data against the types (a table filled by something else may break them),
  /// and the report says it was also proved.
  static constexpr bool proved_by_types = Proved;
  /// The same test reported as a warning: its failures do not fail the run nor skip what is downstream.
  constexpr data_test warn() const { return {failing, severity::warn}; }
};

namespace detail {
template <class C>
using table_of_t = typename C::source;
template <class C>
inline constexpr auto test_name = table_of_t<C>::egret_name + "_" + C::name;

template <class C>
constexpr void require_column() {
  static_assert(requires { typename C::source; C::name; typename C::source::egret_columns; },
                "egret: a data test takes a column of the model's contract table: unique(t.order_id)");
}
}  // namespace detail

/// No two rows have the same value in column c (NULLs aside, as SQL's GROUP BY groups them: one NULL group).
/// Fails with one row per duplicated value.
template <class C>
constexpr auto unique(C c) {
  detail::require_column<C>();
  typename C::source t{};
  auto const q = t.filter(c.is_not_null()).group_by(c).aggregate(egret::count().as<"n_records">()).having(egret::count() > egret::lit<1>);
  return data_test<std::remove_const_t<decltype(q)>, "unique_" + detail::test_name<C>>{q};
}

/// Column c holds no NULL. Fails with the rows where it does (it runs even when the column's type already says
/// NOT NULL: the data may come from outside).
template <class C>
constexpr auto not_null(C c) {
  detail::require_column<C>();
  typename C::source t{};
  auto const q = t.filter(c.is_null()).select(c);
  constexpr bool proved = !C::template nullable_in<type_list<>>;
  return data_test<std::remove_const_t<decltype(q)>, "not_null_" + detail::test_name<C>, type_list<>, proved>{q};
}

/// Every value of column c is one of Values (NULLs pass, as in dbt). Values are compile-time text constants, so
/// the test's SQL is fixed; c must be a TEXT column.
template <fixed_string... Values, class C>
constexpr auto accepted_values(C c) {
  detail::require_column<C>();
  static_assert(std::is_same_v<typename C::value_type, std::string>,
                "egret: accepted_values<\"a\", \"b\">(column) takes a TEXT column; compare numbers with a custom test");
  typename C::source t{};
  auto const q = t.filter(c.is_not_null() && !c.isin(egret::str<Values>...)).group_by(c).aggregate(egret::count().as<"n_records">());
  return data_test<std::remove_const_t<decltype(q)>, "accepted_values_" + detail::test_name<C>>{q};
}

/// Every non-NULL value of column c (the child) is a value of column p of another table (the parent, its key).
/// Fails with the child rows whose value the parent lacks. The key types must be the same.
template <class C, class P>
constexpr auto relationships(C c, P p) {
  detail::require_column<C>();
  detail::require_column<P>();
  static_assert(std::is_same_v<typename C::value_type, typename P::value_type>,
                "egret: relationships(child, parent) needs columns of the same type");
  typename C::source child{};
  typename P::source parent{};
  auto const q = child.left_join(parent, c == p).filter(c.is_not_null() && p.is_null()).select(c);
  return data_test<std::remove_const_t<decltype(q)>,
                   "relationships_" + detail::test_name<C> + "__" + P::name + "__" + detail::table_of_t<P>::egret_name,
                   type_list<typename P::source>>{q};
}

/// A custom test: `Name` and the query of its failing rows; `Reads...` the other tables the query reads (each
/// provided by a node of the pipeline, which then runs first).
template <fixed_string Name, class... Reads, class Q>
constexpr auto expect_no_rows(Q const& failing) {
  return data_test<Q, Name, type_list<Reads...>>{failing};
}

/// The tests of a model, in the order they run.
template <class... Ts>
constexpr std::tuple<Ts...> tests(Ts const&... ts) {
  return {ts...};
}

}  // namespace egret::pipeline
