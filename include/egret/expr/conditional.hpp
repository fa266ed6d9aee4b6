// Defines CASE expressions: if_else(cond, a, b), the multi-branch cases(when(c, v)..., otherwise(v)), and the
// simple CASE on one value, case_(x).when(v, r)....otherwise(e).
#pragma once

#include <egret/expr/null.hpp>

namespace egret {

/// `NULL` of type T: the missing ELSE of cases().
template <class T>
struct null_t : expr_methods<null_t<T>> {
  using value_type = T;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = true;
  template <class D, class S, class V>
  static constexpr void render(V& v, null_t const*) {
    v.text("NULL");
  }
};

/// One `WHEN c THEN v` branch.
template <class C, class E>
struct when_t {
  C cond;
  E then;
};

/// The ELSE of cases().
template <class E>
struct otherwise_t {
  E value;
};

template <class C, class E>
constexpr auto when(C const& c, E const& e) {
  static_assert(std::is_same_v<value_type_t<as_expr_t<C>>, bool>, "egret: when() needs a BOOLEAN condition");
  return when_t<as_expr_t<C>, as_expr_t<E>>{as_expr(c), as_expr(e)};
}
template <class E>
constexpr auto otherwise(E const& e) {
  return otherwise_t<as_expr_t<E>>{as_expr(e)};
}

namespace detail {
/// ` WHEN c THEN v`: c is a condition in a searched CASE (Searched), a value compared with the subject in a
/// simple one; v is a value (a condition there is `CASE WHEN p THEN 1 ...` where the engine has no BOOLEAN).
template <class D, class S, bool Searched, class V, class W>
constexpr void render_when(V& v, W const* w) {
  using C = decltype(W::cond);
  v.text(" WHEN ");
  if constexpr (Searched)
    D::template render_condition<D, S>(v, member(w, &W::cond), 0);
  else
    C::template render<D, S>(v, member(w, &W::cond));
  v.text(" THEN ");
  D::template render_select_value<D, S>(v, member(w, &W::then));
}
}  // namespace detail

/// `CASE WHEN c1 THEN v1 ... [ELSE e] END`. Type: the common type of the branch values; NULL when a
/// branch value can be, or when there is no ELSE.
template <class T, class Else, class... Whens>
struct case_t : expr_methods<case_t<T, Else, Whens...>> {
  detail::pack<Whens...> branches;
  Else otherwise;

  using value_type = T;
  using operands = concat_t<type_list<decltype(Whens::cond), decltype(Whens::then)>..., type_list<Else>>;
  static constexpr bool is_aggregate = detail::any_aggregate<Else> ||
                                       (detail::any_aggregate<decltype(Whens::cond), decltype(Whens::then)> || ...);
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_in_v<Else, Ctx> ||
                                      (nullable_in_v<decltype(Whens::then), Ctx> || ...);

  template <class D, class S, class V>
  static constexpr void render(V& v, case_t const* n) {
    v.text("CASE");
    render_branches<D, S>(v, detail::member(n, &case_t::branches), std::index_sequence_for<Whens...>{});
    if constexpr (!std::is_same_v<Else, null_t<T>>) {
      v.text(" ELSE ");
      D::template render_select_value<D, S>(v, detail::member(n, &case_t::otherwise));
    }
    v.text(" END");
  }

 private:
  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_branches(V& v, detail::pack<Whens...> const* p, std::index_sequence<Is...>) {
    (detail::render_when<D, S, true>(v, detail::pack<Whens...>::at(static_cast<detail::slot<Is, Whens> const*>(p))), ...);
  }
};

namespace detail {
template <class T>
inline constexpr bool is_otherwise_v = false;
template <class E>
inline constexpr bool is_otherwise_v<otherwise_t<E>> = true;
template <class W>
using then_t = value_type_t<decltype(W::then)>;

template <class... Args, std::size_t... Is, class Else>
constexpr auto make_case(pack<Args...> const& all, std::index_sequence<Is...>, Else const& e) {
  using L = type_list<Args...>;
  using T = typename common_of<then_t<at_t<Is, L>>..., value_type_t<Else>>::type;
  static_assert((comparable_v<then_t<at_t<Is, L>>, value_type_t<Else>> && ...),
                "egret: cases() branches have incompatible SQL types; cast<>() them to one type");
  return case_t<T, Else, at_t<Is, L>...>{
      {}, make_pack(static_cast<slot<Is, at_t<Is, L>> const&>(all).v...), e};
}
}  // namespace detail

/// `CASE WHEN c1 THEN v1 ... [ELSE e] END`:
/// `cases(when(x > 0, str<"pos">), when(x < 0, str<"neg">), otherwise(str<"zero">))`.
/// Without otherwise(), the result is nullable (no branch may match).
template <class... Args>
constexpr auto cases(Args const&... args) {
  constexpr std::size_t n = sizeof...(Args);
  using Last = at_t<n - 1, type_list<Args...>>;
  auto const all = detail::make_pack(args...);
  if constexpr (detail::is_otherwise_v<Last>) {
    return detail::make_case(all, std::make_index_sequence<n - 1>{},
                             static_cast<detail::slot<n - 1, Last> const&>(all).v.value);
  } else {
    using T = detail::then_t<at_t<0, type_list<Args...>>>;
    return detail::make_case(all, std::make_index_sequence<n>{}, null_t<T>{});
  }
}

/// `CASE WHEN c THEN a ELSE b END`. The two values must have compatible SQL types.
template <class C, class A, class B>
constexpr auto if_else(C const& c, A const& a, B const& b) {
  static_assert(std::is_same_v<value_type_t<as_expr_t<C>>, bool>, "egret: if_else() needs a BOOLEAN condition");
  using TA = value_type_t<as_expr_t<A>>;
  using TB = value_type_t<as_expr_t<B>>;
  static_assert(comparable_v<TA, TB>, "egret: if_else() branches have incompatible SQL types; cast<>() one of them");
  using W = when_t<as_expr_t<C>, as_expr_t<A>>;
  return case_t<common_t<TA, TB>, as_expr_t<B>, W>{{}, detail::make_pack(W{as_expr(c), as_expr(a)}), as_expr(b)};
}

/// `CASE x WHEN v1 THEN r1 ... [ELSE e] END`: the result of the first v equal to x (NULL never matches).
/// Type: the common type of the results; NULL when a result can be, or when there is no ELSE.
template <class T, class X, class Else, class... Whens>
struct simple_case_t : expr_methods<simple_case_t<T, X, Else, Whens...>> {
  X subject;
  detail::pack<Whens...> branches;
  Else otherwise;

  using value_type = T;
  using operands = concat_t<type_list<X>, type_list<decltype(Whens::cond), decltype(Whens::then)>..., type_list<Else>>;
  static constexpr bool is_aggregate = detail::any_aggregate<X, Else> ||
                                       (detail::any_aggregate<decltype(Whens::cond), decltype(Whens::then)> || ...);
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_in_v<Else, Ctx> || (nullable_in_v<decltype(Whens::then), Ctx> || ...);

  template <class D, class S, class V>
  static constexpr void render(V& v, simple_case_t const* n) {
    v.text("CASE ");
    X::template render<D, S>(v, detail::member(n, &simple_case_t::subject));
    render_branches<D, S>(v, detail::member(n, &simple_case_t::branches), std::index_sequence_for<Whens...>{});
    if constexpr (!std::is_same_v<Else, null_t<T>>) {
      v.text(" ELSE ");
      D::template render_select_value<D, S>(v, detail::member(n, &simple_case_t::otherwise));
    }
    v.text(" END");
  }

 private:
  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_branches(V& v, detail::pack<Whens...> const* p, std::index_sequence<Is...>) {
    (detail::render_when<D, S, false>(v, detail::pack<Whens...>::at(static_cast<detail::slot<Is, Whens> const*>(p))), ...);
  }
};

/// The simple CASE being built by case_(x): add branches with .when(v, r), finish with .otherwise(e) or
/// .end() (no ELSE: NULL when no value matches).
template <class X, class... Whens>
struct simple_case_builder {
  X subject;
  detail::pack<Whens...> branches;

  /// `WHEN v THEN r`: v must be comparable with x, r with the other results.
  template <class V, class R>
  constexpr auto when(V const& v, R const& r) const {
    static_assert(comparable_v<value_type_t<X>, value_type_t<as_expr_t<V>>>,
                  "egret: case_(x).when(v, r) needs v of x's SQL type; cast<>() it");
    if constexpr (sizeof...(Whens) > 0)
      static_assert(comparable_v<detail::then_t<at_t<0, type_list<Whens...>>>, value_type_t<as_expr_t<R>>>,
                    "egret: case_() results have incompatible SQL types; cast<>() them to one type");
    using W = when_t<as_expr_t<V>, as_expr_t<R>>;
    return append(W{as_expr(v), as_expr(r)}, std::index_sequence_for<Whens...>{});
  }

  /// `ELSE e ... END`.
  template <class E>
  constexpr auto otherwise(E const& e) const {
    static_assert(sizeof...(Whens) >= 1, "egret: case_(x) needs a when(v, r) before otherwise()");
    using T = typename detail::common_of<detail::then_t<Whens>..., value_type_t<as_expr_t<E>>>::type;
    static_assert((comparable_v<detail::then_t<Whens>, value_type_t<as_expr_t<E>>> && ...),
                  "egret: case_() otherwise() has a SQL type incompatible with the results; cast<>() it");
    return simple_case_t<T, X, as_expr_t<E>, Whens...>{{}, subject, branches, as_expr(e)};
  }

  /// `... END` without ELSE: NULL where no value matches.
  constexpr auto end() const {
    static_assert(sizeof...(Whens) >= 1, "egret: case_(x) needs a when(v, r) before end()");
    using T = typename detail::common_of<detail::then_t<Whens>...>::type;
    return simple_case_t<T, X, null_t<T>, Whens...>{{}, subject, branches, {}};
  }

 private:
  template <class W, std::size_t... Is>
  constexpr auto append(W const& w, std::index_sequence<Is...>) const {
    return simple_case_builder<X, Whens..., W>{
        subject, detail::make_pack(static_cast<detail::slot<Is, Whens> const&>(branches).v..., w)};
  }
};

/// The simple CASE on x: `case_(o.status).when(str<"placed">, 1).when(str<"shipped">, 2).otherwise(0)`
/// renders `CASE "orders"."status" WHEN 'placed' THEN ? WHEN 'shipped' THEN ? ELSE ? END`.
template <class X>
  requires is_operand_v<X>
constexpr simple_case_builder<as_expr_t<X>> case_(X const& x) {
  return {as_expr(x), {}};
}

}  // namespace egret
