// Defines render_level: the SQL of one SELECT level, assembled from the clause nodes of its chain
// (FROM item, filters, projection, having, distinct, order, limit) in SQL clause order.
#pragma once

#include <egret/relation/relation.hpp>

namespace egret::detail {

template <int Stage, class N>
inline constexpr std::size_t count_stage = [] {
  if constexpr (N::stage == 0)
    return std::size_t{0};
  else
    return (N::stage == Stage ? 1 : 0) + count_stage<Stage, typename N::input>;
}();

template <int Stage, class N>
constexpr auto find_stage(N const* n) {
  if constexpr (N::stage == Stage)
    return n;
  else
    return find_stage<Stage>(member(n, &N::in));
}

/// The conditions of all nodes of one stage (WHERE or HAVING), bottom-up, joined by AND.
template <int Stage, class D, class S, class V, class N>
constexpr void render_conditions(V& v, N const* n, bool& first, int min) {
  if constexpr (N::stage >= Stage && N::stage > 0) {
    render_conditions<Stage, D, S>(v, member(n, &N::in), first, min);
    if constexpr (N::stage == Stage) {
      if (!first) v.text(" AND ");
      first = false;
      // A lone condition needs no parentheses; several are ANDed.
      D::template render_condition<D, S>(v, member(n, &N::pred), min);
    }
  }
}

/// One SELECT. Outer is the enclosing level's scope when this level is a subquery in an expression.
template <class D, class Outer = void, int Depth = 0, class V, class N>
constexpr void render_level(V& v, N const* n) {
  using F = from_of_t<N>;
  using P = projection_of_t<N>;
  using S = level_scope<F, P, Outer, Depth>;
  v.text("SELECT ");
  if constexpr (count_stage<stage::distinct, N> > 0) v.text("DISTINCT ");
  if constexpr (count_stage<stage::limit, N> > 0) D::template render_select_prefix<D, S>(v, find_stage<stage::limit>(n));
  if constexpr (std::is_same_v<P, no_node>)
    v.ch('*');
  else
    P::template render_items<D, S>(v, find_stage<stage::project>(n));
  v.text(" FROM ");
  F::template render_from<D, S>(v, find_stage<stage::from>(n));
  if constexpr (count_stage<stage::filter, N> > 0) {
    v.text(" WHERE ");
    bool first = true;
    render_conditions<stage::filter, D, S>(v, n, first, count_stage<stage::filter, N> > 1 ? prec::land : 0);
  }
  if constexpr (!std::is_same_v<P, no_node>) {
    if constexpr (P::key_count > 0) {
      v.text(" GROUP BY ");
      P::template render_keys<D, S>(v, find_stage<stage::project>(n));
    }
  }
  if constexpr (count_stage<stage::having, N> > 0) {
    v.text(" HAVING ");
    bool first = true;
    render_conditions<stage::having, D, S>(v, n, first, count_stage<stage::having, N> > 1 ? prec::land : 0);
  }
  if constexpr (count_stage<stage::order, N> > 0) {
    using O = std::remove_cvref_t<decltype(*find_stage<stage::order>(n))>;
    v.text(" ORDER BY ");
    O::template render_keys<D, S>(v, find_stage<stage::order>(n));
    // nested and without LIMIT / OFFSET: what the dialect adds there (SQL Server: ` OFFSET 0 ROWS`)
    if constexpr (Depth > 0 && count_stage<stage::limit, N> == 0) D::template render_nested_order<D>(v);
  } else if constexpr (count_stage<stage::limit, N> > 0) {
    D::template render_unordered_limit<D, std::remove_cvref_t<decltype(*find_stage<stage::limit>(n))>>(v);
  }
  if constexpr (count_stage<stage::limit, N> > 0) {
    using L = std::remove_cvref_t<decltype(*find_stage<stage::limit>(n))>;
    D::template render_limit<D, S>(v, find_stage<stage::limit>(n));
    (void)sizeof(L);
  }
}

/// A query in any position (top level, FROM, subquery): a statement node renders itself, a derived
/// relation its inner level, anything else is one SELECT level.
template <class D, class Outer = void, int Depth = 0, class V, class Q>
constexpr void render_select(V& v, Q const* q) {
  if constexpr (requires { Q::template render_statement<D, Outer, Depth>(v, q); })
    Q::template render_statement<D, Outer, Depth>(v, q);
  else if constexpr (requires { Q::is_statement; })
    Q::template render_statement<D>(v, q);  // a top-level-only statement (INSERT, UPDATE, DELETE)
  else if constexpr (requires { Q::is_derived; })
    render_level<D, Outer, Depth>(v, member(q, &Q::rel));
  else
    render_level<D, Outer, Depth>(v, q);
}

}  // namespace egret::detail
