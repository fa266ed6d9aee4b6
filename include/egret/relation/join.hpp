// Defines join_t: `L <kind> JOIN R ON p` for the inner, left, right and full outer joins, and
// `L CROSS JOIN R`. Semi and anti joins are filters with EXISTS (relation/methods.hpp).
#pragma once

#include <string_view>

#include <egret/dialect/capability.hpp>
#include <egret/relation/relation.hpp>

namespace egret {

/// The kinds of join a FROM item can hold. An outer join makes the columns of its optional side
/// nullable in the join's scope: LEFT the right side's, RIGHT the left side's, FULL both.
enum class join_kind { inner, left, right, full, cross };

/// The missing ON of a CROSS JOIN.
struct no_condition {
  using value_type = bool;
  using operands = type_list<>;
};

/// A join of two FROM items.
template <join_kind Kind, class L, class R, class P>
struct join_t : relation_methods<join_t<Kind, L, R, P>> {
  L l;
  R r;
  P on;

  using left = L;
  using right = R;
  using predicate = P;
  static constexpr int stage = stage::from;
  static constexpr bool is_join = true;
  static constexpr join_kind kind = Kind;
  static constexpr bool left_nullable = Kind == join_kind::right || Kind == join_kind::full;
  static constexpr bool right_nullable = Kind == join_kind::left || Kind == join_kind::full;

  static constexpr std::string_view keyword = [] {
    switch (Kind) {
      case join_kind::inner: return " INNER JOIN ";
      case join_kind::left: return " LEFT JOIN ";
      case join_kind::right: return " RIGHT JOIN ";
      case join_kind::full: return " FULL OUTER JOIN ";
      default: return " CROSS JOIN ";
    }
  }();

  template <class D, class S, class V>
  static constexpr void render_from(V& v, join_t const* n) {
    if constexpr (Kind == join_kind::right)
      dialect::use<D, dialect::feature::right_full_join>(v);
    else if constexpr (Kind == join_kind::full)
      dialect::use<D, dialect::feature::full_join>(v);
    L::template render_from<D, S>(v, detail::member(n, &join_t::l));
    v.text(keyword);
    if constexpr (requires { R::is_join; }) v.ch('(');  // a join nested on the right keeps its own ON
    R::template render_from<D, S>(v, detail::member(n, &join_t::r));
    if constexpr (requires { R::is_join; }) v.ch(')');
    if constexpr (Kind != join_kind::cross) {
      v.text(" ON ");
      D::template render_condition<D, S>(v, detail::member(n, &join_t::on), 0);
    }
  }
};

}  // namespace egret
