// Defines derived, a relation used as a FROM item: `(SELECT ...) AS "t1"`.
#pragma once

#include <egret/relation/level.hpp>

namespace egret {

/// A relation used where a table could be: in a join, or below a clause that cannot extend its level.
/// Its alias is Name when given with `.as<"name">()`, else `t<i>` from its position in FROM.
template <class R, fixed_string Name = "">
struct derived : relation_methods<derived<R, Name>> {
  R rel;

  using relation = R;
  static constexpr int stage = stage::from;
  static constexpr bool is_derived = true;
  static constexpr auto alias = Name;

  template <class D, class S, class V>
  static constexpr void render_from(V& v, derived const* n) {
    v.ch('(');
    detail::render_select<D, void, S::depth + 1>(v, detail::member(n, &derived::rel));
    v.ch(')');
    v.text(D::table_alias_keyword);
    S::template write_alias<D, derived>(v);
  }
};

}  // namespace egret
