// Defines expr_methods, the member functions every expression offers: `.as<"x">()`, `.sum()`, `.isin(...)`.
#pragma once

#include <egret/expr/aggregate.hpp>
#include <egret/expr/alias.hpp>
#include <egret/expr/conditional.hpp>
#include <egret/expr/null.hpp>
#include <egret/expr/operators.hpp>
#include <egret/expr/predicate.hpp>

namespace egret {

template <class Self>
struct expr_methods : expr_tag {
  /// Names the expression in a select list: `(o.amount / 100).as<"amount">()`.
  template <fixed_string Name>
  constexpr aliased<Self, Name> as() const {
    return {{}, self()};
  }

  /// `SUM(e)`, optionally filtered: `p.amount.sum(where(p.payment_method == "coupon"))`.
  template <class... W>
  constexpr auto sum(W const&... w) const {
    return egret::sum(self(), w...);
  }
  /// `AVG(e)`.
  template <class... W>
  constexpr auto mean(W const&... w) const {
    return egret::mean(self(), w...);
  }
  template <class... W>
  constexpr auto min(W const&... w) const {
    return egret::min(self(), w...);
  }
  template <class... W>
  constexpr auto max(W const&... w) const {
    return egret::max(self(), w...);
  }
  /// `COUNT(e)`: the rows where e is not NULL.
  template <class... W>
  constexpr auto count(W const&... w) const {
    return detail::make_aggregate<agg::count>(self(), w...);
  }
  /// `COUNT(DISTINCT e)`.
  template <class... W>
  constexpr auto count_distinct(W const&... w) const {
    return egret::count_distinct(self(), w...);
  }

  constexpr auto is_null() const { return egret::is_null(self()); }
  constexpr auto is_not_null() const { return egret::is_not_null(self()); }

  /// `e IN (a, b, ...)`: every element must be comparable with e.
  template <class... Vs>
  constexpr auto isin(Vs const&... vs) const {
    static_assert(sizeof...(Vs) >= 1, "egret: isin() needs at least one element");
    static_assert((comparable_v<value_type_t<Self>, value_type_t<as_expr_t<Vs>>> && ...),
                  "egret: isin() elements must have the SQL type of the value tested; cast<>() them");
    return in_list_t<Self, as_expr_t<Vs>...>{{}, self(), detail::make_pack(as_expr(vs)...)};
  }

  /// `e BETWEEN lo AND hi`.
  template <class Lo, class Hi>
  constexpr auto between(Lo const& lo, Hi const& hi) const {
    static_assert(comparable_v<value_type_t<Self>, value_type_t<as_expr_t<Lo>>> &&
                      comparable_v<value_type_t<Self>, value_type_t<as_expr_t<Hi>>>,
                  "egret: between() bounds must have the SQL type of the value tested");
    return between_t<Self, as_expr_t<Lo>, as_expr_t<Hi>>{{}, self(), as_expr(lo), as_expr(hi)};
  }

  /// `e LIKE pattern`.
  template <class P>
  constexpr auto like(P const& p) const {
    static_assert(is_text_v<value_type_t<Self>> && is_text_v<value_type_t<as_expr_t<P>>>,
                  "egret: like() needs TEXT on both sides");
    return like_t<Self, as_expr_t<P>>{{}, self(), as_expr(p)};
  }

  /// `CAST(e AS T)`.
  template <class T>
  constexpr auto cast() const {
    return egret::cast<T>(self());
  }

  constexpr sort_key<Self, false> asc() const { return {self()}; }
  constexpr sort_key<Self, true> desc() const { return {self()}; }

 private:
  constexpr Self const& self() const { return static_cast<Self const&>(*this); }
};

}  // namespace egret
