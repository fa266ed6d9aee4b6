// Defines the WHERE clause of UPDATE, DELETE and ON CONFLICT DO UPDATE: no_where (not given yet: such an
// UPDATE or DELETE does not render, so a forgotten where() is a compile error), all_rows (`.all()`, every
// row on purpose) and where_clause<P>, with the rule on its condition.
#pragma once

#include <egret/expr/methods.hpp>
#include <egret/statement/target.hpp>

namespace egret {

/// No where() yet.
struct no_where {
  static constexpr bool given = false;
  template <class S>
  static constexpr bool in_scope_of = true;
};

/// `.all()`: the statement changes every row of its table, on purpose (no WHERE in the SQL).
struct all_rows {
  static constexpr bool given = true;
  template <class S>
  static constexpr bool in_scope_of = true;
};

/// `WHERE p`.
template <class P>
struct where_clause {
  P pred;
  static constexpr bool given = true;
  using predicate = P;
  /// Whether every column p reads is in scope S (a statement renders only then: no error cascade).
  template <class S>
  static constexpr bool in_scope_of = detail::in_scope<S, P>();
};

namespace detail {

template <class E>
struct is_excluded_node : std::bool_constant<requires { E::is_excluded; }> {};

template <class E>
constexpr void require_no_excluded() {
  static_assert(!any_node_v<is_excluded_node, E>,
                "egret: excluded() is the row proposed for insertion; use it only inside "
                "on_conflict(...).do_update(...)");
}

/// A where() condition: BOOLEAN, no aggregate, no excluded() (unless AllowExcluded: DO UPDATE's WHERE).
template <class E, bool AllowExcluded = false>
constexpr void require_statement_condition() {
  static_assert(std::is_same_v<value_type_t<E>, bool>,
                "egret: a where() condition must be BOOLEAN; compare the value first (x > 0)");
  static_assert(!is_aggregate_v<E>,
                "egret: an aggregate cannot appear in the where() of INSERT / UPDATE / DELETE; use a subquery");
  if constexpr (!AllowExcluded) require_no_excluded<E>();
}

/// Adds condition p to W: `where(p).where(q)` is `WHERE p AND q`.
template <class W, class P>
constexpr auto and_where(W const& w, P const& p) {
  if constexpr (requires { &W::pred; })
    return where_clause<decltype(w.pred && as_expr(p))>{w.pred && as_expr(p)};
  else
    return where_clause<as_expr_t<P>>{as_expr(p)};
}

/// ` WHERE p`; for all_rows what the dialect writes (`render_where_all`: nothing in standard SQL).
template <class D, class S, class V, class W>
constexpr void render_where(V& v, W const* w) {
  if constexpr (requires { &W::pred; }) {
    v.text(" WHERE ");
    D::template render_condition<D, S>(v, member(w, &W::pred), 0);
  } else if constexpr (std::is_same_v<W, all_rows>) {
    D::template render_where_all<D>(v);
  }
}

}  // namespace detail
}  // namespace egret
