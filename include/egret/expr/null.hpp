// Defines NULL handling: IS NULL / IS NOT NULL, COALESCE (fill_null), NULLIF, and the NULL-safe equality
// identical_to (IS NOT DISTINCT FROM).
#pragma once

#include <string_view>

#include <egret/expr/call.hpp>
#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>

namespace egret {

/// `e IS NULL` (Not = false) or `e IS NOT NULL`: BOOLEAN, never NULL.
template <bool Not, class E>
struct is_null_t : expr_methods<is_null_t<Not, E>> {
  E arg;
  using value_type = bool;
  using operands = type_list<E>;
  static constexpr bool is_aggregate = is_aggregate_v<E>;
  static constexpr int precedence = prec::compare;
  template <class Ctx>
  static constexpr bool nullable_in = false;

  template <class D, class S, class V>
  static constexpr void render(V& v, is_null_t const* n) {
    detail::render_operand<D, S>(v, detail::member(n, &is_null_t::arg), precedence, true);
    v.text(Not ? " IS NOT NULL" : " IS NULL");
  }
};

template <expression E>
constexpr is_null_t<false, E> is_null(E const& e) {
  return {{}, e};
}
template <expression E>
constexpr is_null_t<true, E> is_not_null(E const& e) {
  return {{}, e};
}

/// `COALESCE(a, b, ...)`: the first non-NULL argument. Its type is the common type of the arguments;
/// it is NULL only when every argument can be: `coalesce(x, 0.0)` is NOT NULL.
template <class T, class... Es>
struct coalesce_t : expr_methods<coalesce_t<T, Es...>> {
  detail::pack<Es...> args;
  using value_type = T;
  using operands = type_list<Es...>;
  static constexpr bool is_aggregate = detail::any_aggregate<Es...>;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = (nullable_in_v<Es, Ctx> && ...);

  template <class D, class S, class V>
  static constexpr void render(V& v, coalesce_t const* n) {
    v.text("COALESCE(");
    detail::pack<Es...>::template render<D, S>(v, detail::member(n, &coalesce_t::args));
    v.text(")");
  }
};

namespace detail {
template <class T, class... Ts>
struct common_of {
  using type = T;
};
template <class T, class U, class... Ts>
struct common_of<T, U, Ts...> : common_of<common_t<T, U>, Ts...> {};
}  // namespace detail

template <class A, class... Bs>
  requires(expression<A> || (expression<Bs> || ...))
constexpr auto coalesce(A const& a, Bs const&... bs) {
  static_assert(sizeof...(Bs) >= 1, "egret: coalesce() needs at least two arguments");
  using TA = value_type_t<as_expr_t<A>>;
  static_assert((comparable_v<TA, value_type_t<as_expr_t<Bs>>> && ...),
                "egret: coalesce() arguments have incompatible SQL types; cast<>() them to one type");
  using T = typename detail::common_of<TA, value_type_t<as_expr_t<Bs>>...>::type;
  return coalesce_t<T, as_expr_t<A>, as_expr_t<Bs>...>{{}, detail::make_pack(as_expr(a), as_expr(bs)...)};
}

/// x, or v where x is NULL: `COALESCE(x, v)` (Ibis fill_null). NOT NULL when v is not.
template <expression E, class V>
  requires is_operand_v<V>
constexpr auto fill_null(E const& x, V const& v) {
  return coalesce(x, v);
}

namespace fn {
struct nullif {
  static constexpr std::string_view sql = "NULLIF", name = "NullIf";
  static constexpr bool nullable = true;
};
/// `a IS NOT DISTINCT FROM b`; SQLite spells it `a IS b` (dialect/sqlite.hpp).
struct identical_to {
  static constexpr std::string_view name = "IdenticalTo";
  static constexpr int precedence = prec::compare;
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    detail::render_operand<D, S>(v, a, precedence, true);
    v.text(" IS NOT DISTINCT FROM ");
    detail::render_operand<D, S>(v, b, precedence, true);
  }
};
}  // namespace fn

/// `NULLIF(a, b)`: NULL where a = b, else a. Type: a's; always nullable.
template <expression A, class B>
  requires is_operand_v<B>
constexpr auto nullif(A const& a, B const& b) {
  static_assert(comparable_v<value_type_t<A>, value_type_t<as_expr_t<B>>>,
                "egret: nullif() compares values of different SQL types; cast<>() one side");
  return make_call<fn::nullif, value_type_t<A>>(a, b);
}

/// `a IS NOT DISTINCT FROM b`: equality where NULL equals NULL. BOOLEAN, never NULL.
template <class A, class B>
struct identical_t : expr_methods<identical_t<A, B>> {
  A lhs;
  B rhs;

  using value_type = bool;
  using operands = type_list<A, B>;
  static constexpr bool is_aggregate = detail::any_aggregate<A, B>;
  static constexpr int precedence = prec::compare;
  template <class Ctx>
  static constexpr bool nullable_in = false;

  template <class D, class S, class V>
  static constexpr void render(V& v, identical_t const* n) {
    spelling<typename D::family, fn::identical_to>::template render<D, S>(v, detail::member(n, &identical_t::lhs),
                                                                          detail::member(n, &identical_t::rhs));
  }
};

/// Whether a and b are equal or both NULL (Ibis identical_to): `a IS NOT DISTINCT FROM b`, SQLite `a IS b`.
template <class A, class B>
  requires((expression<A> || expression<B>) && is_operand_v<A> && is_operand_v<B>)
constexpr auto identical_to(A const& a, B const& b) {
  static_assert(comparable_v<value_type_t<as_expr_t<A>>, value_type_t<as_expr_t<B>>>,
                "egret: identical_to() compares values of different SQL types; cast<>() one side");
  return identical_t<as_expr_t<A>, as_expr_t<B>>{{}, as_expr(a), as_expr(b)};
}

}  // namespace egret
