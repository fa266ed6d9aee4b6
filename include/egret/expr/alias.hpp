// Defines aliased (an expression given an output name with `.as<"name">()`) and sort keys (asc/desc).
#pragma once

#include <egret/expr/column.hpp>

namespace egret {

/// `e AS "name"` in a select list; elsewhere it renders as e. Type and nullability are e's.
template <class E, fixed_string Name>
struct aliased : expr_methods<aliased<E, Name>> {
  E expr;

  using value_type = value_type_t<E>;
  using inner = E;
  using operands = type_list<E>;
  static constexpr auto name = Name;
  static constexpr bool is_aliased = true;
  static constexpr bool is_aggregate = is_aggregate_v<E>;
  static constexpr int precedence = E::precedence;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_in_v<E, Ctx>;

  template <class D, class S, class V>
  static constexpr void render(V& v, aliased const* n) {
    E::template render<D, S>(v, detail::member(n, &aliased::expr));
  }
};

/// The output name of a select item: its alias, or the column's own name; none for other expressions
/// (`value` is then empty, so that a query with an unnamed item stays well-formed after the rule reports it).
template <class E>
struct output_name {
  static constexpr bool has = false;
  static constexpr fixed_string<0> value{};
};
template <class E>
  requires requires { E::is_aliased; }
struct output_name<E> {
  static constexpr bool has = true;
  static constexpr auto value = E::name;
};
template <class E>
  requires requires { E::is_column; }
struct output_name<E> {
  static constexpr bool has = true;
  static constexpr auto value = E::name;
};

namespace detail {
/// The expression under an alias.
template <class E>
struct unaliased {
  using type = E;
};
template <class E>
  requires requires { E::is_aliased; }
struct unaliased<E> {
  using type = typename E::inner;
};
}  // namespace detail

/// Where NULLs sort: the engine's default (SQLite and MySQL: first ascending; PostgreSQL: last
/// ascending), or explicitly first or last.
enum class nulls_order { unspecified, first, last };

/// A sort key: `asc(e)`, `desc(e)`, or `e.desc()`, optionally `.nulls_first()` / `.nulls_last()`.
/// A bare expression in order_by() sorts ascending.
template <class E, bool Desc, nulls_order Nulls = nulls_order::unspecified>
struct sort_key {
  E expr;
  using operands = type_list<E>;
  using inner = E;
  static constexpr bool descending = Desc;
  static constexpr nulls_order nulls = Nulls;
  static constexpr bool is_sort_key = true;

  /// `... NULLS FIRST`.
  constexpr sort_key<E, Desc, nulls_order::first> nulls_first() const { return {expr}; }
  /// `... NULLS LAST`.
  constexpr sort_key<E, Desc, nulls_order::last> nulls_last() const { return {expr}; }
};

template <expression E>
constexpr sort_key<E, false> asc(E const& e) {
  return {e};
}
template <expression E>
constexpr sort_key<E, true> desc(E const& e) {
  return {e};
}
/// `asc("n"_c)` / `desc("n"_c)`: a sort key by an output name of the relation order_by() is called on.
template <fixed_string Name>
constexpr sort_key<name_tag<Name>, false> asc(name_tag<Name> n) {
  return {n};
}
template <fixed_string Name>
constexpr sort_key<name_tag<Name>, true> desc(name_tag<Name> n) {
  return {n};
}

namespace detail {
/// Whether a sort key names its column (`"n"_c`, `desc("n"_c)`): order_by() looks the name up first.
template <class K>
inline constexpr bool names_its_column_v = false;
template <fixed_string Name>
inline constexpr bool names_its_column_v<name_tag<Name>> = true;
template <fixed_string Name, bool Desc, nulls_order N>
inline constexpr bool names_its_column_v<sort_key<name_tag<Name>, Desc, N>> = true;

template <class K>
struct as_sort_key {
  using type = sort_key<K, false>;
  static constexpr type make(K const& k) { return {k}; }
};
template <class E, bool Desc, nulls_order N>
struct as_sort_key<sort_key<E, Desc, N>> {
  using type = sort_key<E, Desc, N>;
  static constexpr type make(type const& k) { return k; }
};

/// `e [DESC] [NULLS FIRST|LAST]`; where the dialect lacks NULLS FIRST/LAST, `e IS NULL [DESC], e [DESC]`.
/// The emulation writes e twice, and so binds e's run-time values twice: the binder walks this same code,
/// so each value follows its placeholder (tests/dialect/capabilities.cpp).
template <class D, class S, class V, class K>
constexpr void render_sort_key(V& v, K const* k) {
  using E = typename K::inner;
  if constexpr (K::nulls != nulls_order::unspecified && !D::has_nulls_order) {
    D::template render_null_sort_key<D, S, K::nulls == nulls_order::first>(v, member(k, &K::expr));
  }
  if constexpr (requires { typename E::value_type; })
    D::template render_select_value<D, S>(v, member(k, &K::expr));  // a condition is a value here
  else
    E::template render<D, S>(v, member(k, &K::expr));  // a key typed at run time (dynamic/sort_key.hpp)
  if constexpr (K::descending) v.text(" DESC");
  if constexpr (K::nulls != nulls_order::unspecified && D::has_nulls_order)
    v.text(K::nulls == nulls_order::first ? " NULLS FIRST" : " NULLS LAST");
}
}  // namespace detail

}  // namespace egret
