// Defines NULL handling: IS NULL / IS NOT NULL and COALESCE.
#pragma once

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

}  // namespace egret
