// Defines the predicates beyond comparison: IN (list), BETWEEN, LIKE; and CAST.
#pragma once

#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>

namespace egret {

/// `e IN (a, b, ...)`. Elements must be comparable with e. NULL when e or an element can be.
template <class E, class... Vs>
struct in_list_t : expr_methods<in_list_t<E, Vs...>> {
  E arg;
  detail::pack<Vs...> list;

  using value_type = bool;
  using operands = type_list<E, Vs...>;
  static constexpr bool is_aggregate = detail::any_aggregate<E, Vs...>;
  static constexpr int precedence = prec::compare;
  template <class Ctx>
  static constexpr bool nullable_in = detail::any_nullable<Ctx, E, Vs...>;

  template <class D, class S, class V>
  static constexpr void render(V& v, in_list_t const* n) {
    detail::render_operand<D, S>(v, detail::member(n, &in_list_t::arg), precedence, true);
    v.text(" IN (");
    detail::pack<Vs...>::template render<D, S>(v, detail::member(n, &in_list_t::list));
    v.text(")");
  }
};

/// `e BETWEEN lo AND hi` (inclusive).
template <class E, class Lo, class Hi>
struct between_t : expr_methods<between_t<E, Lo, Hi>> {
  E arg;
  Lo lo;
  Hi hi;

  using value_type = bool;
  using operands = type_list<E, Lo, Hi>;
  static constexpr bool is_aggregate = detail::any_aggregate<E, Lo, Hi>;
  static constexpr int precedence = prec::compare;
  template <class Ctx>
  static constexpr bool nullable_in = detail::any_nullable<Ctx, E, Lo, Hi>;

  template <class D, class S, class V>
  static constexpr void render(V& v, between_t const* n) {
    detail::render_operand<D, S>(v, detail::member(n, &between_t::arg), precedence, true);
    v.text(" BETWEEN ");
    detail::render_operand<D, S>(v, detail::member(n, &between_t::lo), precedence, true);
    v.text(" AND ");
    detail::render_operand<D, S>(v, detail::member(n, &between_t::hi), precedence, true);
  }
};

/// `e LIKE pattern` (`%` any run, `_` one character; case sensitivity is the engine's).
template <class E, class P>
struct like_t : expr_methods<like_t<E, P>> {
  E arg;
  P pattern;

  using value_type = bool;
  using operands = type_list<E, P>;
  static constexpr bool is_aggregate = detail::any_aggregate<E, P>;
  static constexpr int precedence = prec::compare;
  template <class Ctx>
  static constexpr bool nullable_in = detail::any_nullable<Ctx, E, P>;

  template <class D, class S, class V>
  static constexpr void render(V& v, like_t const* n) {
    detail::render_operand<D, S>(v, detail::member(n, &like_t::arg), precedence, true);
    v.text(" LIKE ");
    detail::render_operand<D, S>(v, detail::member(n, &like_t::pattern), precedence, true);
  }
};

/// `CAST(e AS <type>)`, the type name spelled by the dialect. Keeps e's nullability.
template <class T, class E>
struct cast_t : expr_methods<cast_t<T, E>> {
  E arg;

  using value_type = T;
  using operands = type_list<E>;
  static constexpr bool is_aggregate = is_aggregate_v<E>;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_in_v<E, Ctx>;

  template <class D, class S, class V>
  static constexpr void render(V& v, cast_t const* n) {
    v.text("CAST(");
    E::template render<D, S>(v, detail::member(n, &cast_t::arg));
    v.text(" AS ");
    v.text(D::template cast_type_name<D, T>());
    v.text(")");
  }
};

/// `cast<double>(e)`: T is a SQL type identity (std::int32_t, std::int64_t, double, bool, std::string,
/// egret::date, egret::timestamp).
template <class T, class E>
constexpr auto cast(E const& e) {
  static_assert(is_sql_type_v<T>, "egret: cast<T>() needs a SQL type: std::int32_t, std::int64_t, double, bool, "
                                  "std::string, egret::date or egret::timestamp");
  return cast_t<T, as_expr_t<E>>{{}, as_expr(e)};
}

}  // namespace egret
