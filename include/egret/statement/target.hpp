// Defines what every data-changing statement (INSERT, UPDATE, DELETE) shares about its target table:
// the check that it is a table, the scope its expressions render in (columns qualified by the table's
// name), the scope rule with its message, a walk over an expression's nodes, and the SQLite version gates.
//
// statement/ sits after render/ in the pipeline: its nodes plug into to_sql through the statement_node
// protocol (render/to_sql.hpp) and are executed by the backends like queries.
#pragma once

#include <climits>
#include <type_traits>

#include <egret/relation/checks.hpp>
#include <egret/relation/relation.hpp>
#include <egret/render/to_sql.hpp>

namespace egret {

namespace detail {

// --- the target ---

template <class T>
constexpr void require_table() {
  static_assert(is_table_v<T>,
                "egret: insert_into / update / delete_from change a table declared with EGRET_TABLE, not a query");
}

/// Presents the target table T and the FROM item F of `UPDATE t ... FROM f` to level_scope as one FROM
/// item, shaped like an inner join (its entries are T, then F's): both qualify their columns.
template <class T, class F>
struct target_and_from {
  using left = T;
  using right = F;
  static constexpr bool is_join = true;
  static constexpr bool left_nullable = false;
  static constexpr bool right_nullable = false;
};

/// The scope of a statement's expressions: the target table's columns (and a FROM item's) are qualified
/// by the table's name (`"items"."price"`), as a SELECT over the same FROM would write them.
template <class T>
using target_scope = level_scope<T, no_node>;

// --- a walk over an expression's nodes ---

template <template <class> class Pred, class L>
struct any_node_in;

/// Whether E or any node below it (through `operands`) satisfies Pred.
template <template <class> class Pred, class E>
inline constexpr bool any_node_v = Pred<E>::value || any_node_in<Pred, typename E::operands>::value;

template <template <class> class Pred, class... Es>
struct any_node_in<Pred, type_list<Es...>> : std::bool_constant<(any_node_v<Pred, Es> || ...)> {};

template <class E>
struct is_column_node : std::bool_constant<is_column_v<E>> {};

// --- the scope rule ---

template <class Column>
constexpr void column_not_in_statement() {
  static_assert(dependent_false<Column>,
                "egret: this column's table is not the one the statement changes (nor in its from()); use the "
                "target table's columns, or add the other table with update(t).from(u)");
}
template <class Column>
constexpr void column_not_returnable() {
  static_assert(dependent_false<Column>,
                "egret: returning() reads a column of another table; RETURNING sees only the table the "
                "statement changes");
}

template <class Scope, bool Returning, class... Es>
constexpr void report_statement_scope_all(type_list<Es...>);

template <class Scope, bool Returning, class E>
constexpr void report_statement_scope() {
  if constexpr (in_scope<Scope, E>())
    return;
  else if constexpr (is_column_v<E> && Returning)
    column_not_returnable<E>();
  else if constexpr (is_column_v<E>)
    column_not_in_statement<E>();
  else
    report_statement_scope_all<Scope, Returning>(typename E::operands{});
}
template <class Scope, bool Returning, class... Es>
constexpr void report_statement_scope_all(type_list<Es...>) {
  (report_statement_scope<Scope, Returning, Es>(), ...);
}

/// Every column E reads comes from the statement's scope; the offending column is named otherwise.
/// Returning: the rule of RETURNING (only the target table), with its own message.
template <class Scope, class E, bool Returning = false>
constexpr void require_statement_scope() {
  if constexpr (!in_scope<Scope, E>()) report_statement_scope<Scope, Returning, E>();
}

// --- what the dialect supports: its capability flags, checked through dialect/capability.hpp ---

template <class D, class V>
constexpr void require_upsert(V& v) {
  dialect::use<D, dialect::feature::upsert>(v);
}
template <class D, class V>
constexpr void require_returning_support(V& v) {
  dialect::use<D, dialect::feature::returning>(v);
}
template <class D, class V>
constexpr void require_update_from(V& v) {
  dialect::use<D, dialect::feature::update_from>(v);
}

}  // namespace detail
}  // namespace egret
