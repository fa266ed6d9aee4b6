// Defines the compile-time rules on relational operations: columns in scope, GROUP BY consistency,
// named select items, BOOLEAN conditions. Detection is constexpr; each rule's static_assert sits in a
// function templated on the offending column, so the compiler names it beside the message.
#pragma once

#include <egret/expr/alias.hpp>
#include <egret/expr/window.hpp>
#include <egret/relation/relation.hpp>

namespace egret::detail {

// --- scope: every column an expression uses comes from a FROM item of its level ---

template <class Scope, class... Es>
constexpr bool in_scope_all(type_list<Es...>);

template <class Scope, class E>
constexpr bool in_scope() {
  if constexpr (is_column_v<E>)
    return Scope::template provides<typename E::source>;
  else
    return in_scope_all<Scope>(typename E::operands{});
}
template <class Scope, class... Es>
constexpr bool in_scope_all(type_list<Es...>) {
  return (in_scope<Scope, Es>() && ...);
}

template <class Column>
constexpr void column_not_in_scope() {
  static_assert(dependent_false<Column>,
                "egret: this column's table is not in the query's FROM; join the table first, or use the "
                "derived relation's column (rel[\"name\"_c])");
}

template <class Scope, class... Es>
constexpr void report_scope_all(type_list<Es...>);

template <class Scope, class E>
constexpr void report_scope() {
  if constexpr (in_scope<Scope, E>())
    return;
  else if constexpr (is_column_v<E>)
    column_not_in_scope<E>();
  else
    report_scope_all<Scope>(typename E::operands{});
}
template <class Scope, class... Es>
constexpr void report_scope_all(type_list<Es...>) {
  (report_scope<Scope, Es>(), ...);
}

// --- grouping: beside an aggregate, a column must be a GROUP BY key or inside an aggregate ---

template <class A, class B>
inline constexpr bool same_expr_v = std::is_same_v<A, B>;
template <class S1, fixed_string N1, class T1, bool B1, class S2, fixed_string N2, class T2, bool B2>
inline constexpr bool same_expr_v<column_ref<S1, N1, T1, B1>, column_ref<S2, N2, T2, B2>> =
    std::is_same_v<S1, S2> && N1 == N2;

template <class E, class Keys>
inline constexpr bool is_key_v = false;
template <class E, class... Ks>
inline constexpr bool is_key_v<E, type_list<Ks...>> = (same_expr_v<E, Ks> || ...);

template <class Keys, class... Es>
constexpr bool grouped_all(type_list<Es...>);

template <class Keys, class E>
constexpr bool grouped_ok() {
  if constexpr (is_key_v<E, Keys>)
    return true;
  else if constexpr (requires { E::is_aggregate_call; })
    return true;
  else if constexpr (is_column_v<E>)
    return false;
  else
    return grouped_all<Keys>(typename E::operands{});
}
template <class Keys, class... Es>
constexpr bool grouped_all(type_list<Es...>) {
  return (grouped_ok<Keys, Es>() && ...);
}

template <class Column>
constexpr void column_not_grouped() {
  static_assert(dependent_false<Column>,
                "egret: a column beside an aggregate must be in group_by() or inside an aggregate (sum, max...)");
}

template <class Keys, class... Es>
constexpr void report_grouping_all(type_list<Es...>);

template <class Keys, class E>
constexpr void report_grouping() {
  if constexpr (grouped_ok<Keys, E>())
    return;
  else if constexpr (is_column_v<E>)
    column_not_grouped<E>();
  else
    report_grouping_all<Keys>(typename E::operands{});
}
template <class Keys, class... Es>
constexpr void report_grouping_all(type_list<Es...>) {
  (report_grouping<Keys, Es>(), ...);
}

// --- the checks each operation runs ---

template <class E>
constexpr void require_expression() {
  static_assert(expression<E>, "egret: a select item must be an expression (a column, or a value wrapped with lit<>)");
}

template <class E>
constexpr void require_named() {
  if constexpr (!output_name<E>::has)
    static_assert(dependent_false<E>, "egret: name this select item with .as<\"name\">()");
}

template <class Scope, class E>
constexpr void require_in_scope() {
  if constexpr (!in_scope<Scope, E>()) report_scope<Scope, E>();
}

template <class Keys, class E>
constexpr void require_grouped() {
  if constexpr (!grouped_ok<Keys, E>()) report_grouping<Keys, E>();
}

/// A WHERE / HAVING / ON condition: BOOLEAN, in scope; WHERE and ON take no aggregate.
template <class Scope, class E, bool AllowAggregate>
constexpr void require_condition() {
  static_assert(std::is_same_v<value_type_t<E>, bool>,
                "egret: a filter / having / join condition must be BOOLEAN; compare the value first (x > 0)");
  if constexpr (!AllowAggregate)
    static_assert(!is_aggregate_v<E>,
                  "egret: an aggregate cannot appear in filter() (SQL WHERE); use having() after group_by().aggregate()");
  static_assert(!has_window_v<E>, "egret: a window function cannot be used in filter(), having() or a join "
                                  "condition; compute it in select()/mutate() and filter the result");
  require_in_scope<Scope, E>();
}

/// Select items: expressions with names, in scope; beside an aggregate, grouped by Keys.
template <class Scope, class Keys, bool Grouped, class... Items>
constexpr void require_items() {
  (require_expression<Items>(), ...);
  (require_named<Items>(), ...);
  (require_in_scope<Scope, Items>(), ...);
  (require_window_placement<Items>(), ...);
  if constexpr (Grouped || (is_aggregate_v<Items> || ...)) (require_grouped<Keys, Items>(), ...);
}

}  // namespace egret::detail
