// Defines join_t: `L INNER JOIN R ON p` and `L LEFT JOIN R ON p`.
#pragma once

#include <egret/relation/relation.hpp>

namespace egret {

/// A join of two FROM items. With LeftOuter, every column of R becomes nullable in the join's scope.
template <bool LeftOuter, class L, class R, class P>
struct join_t : relation_methods<join_t<LeftOuter, L, R, P>> {
  L l;
  R r;
  P on;

  using left = L;
  using right = R;
  using predicate = P;
  static constexpr int stage = stage::from;
  static constexpr bool is_join = true;
  static constexpr bool left_outer = LeftOuter;

  template <class D, class S, class V>
  static constexpr void render_from(V& v, join_t const* n) {
    L::template render_from<D, S>(v, detail::member(n, &join_t::l));
    v.text(LeftOuter ? " LEFT JOIN " : " INNER JOIN ");
    if constexpr (requires { R::is_join; }) v.ch('(');  // a join nested on the right keeps its own ON
    R::template render_from<D, S>(v, detail::member(n, &join_t::r));
    if constexpr (requires { R::is_join; }) v.ch(')');
    v.text(" ON ");
    P::template render<D, S>(v, detail::member(n, &join_t::on));
  }
};

}  // namespace egret
