// Defines aggregate calls: count(*), count, count_distinct, sum, mean, min, max, each with an optional
// where() filter rendered as FILTER (WHERE ...) or, where the dialect lacks it, as CASE inside the call.
#pragma once

#include <string_view>

#include <egret/expr/value.hpp>

namespace egret {

namespace agg {
// Each aggregate function: SQL name, and whether it can return NULL (an empty group, all-NULL input).
struct count { static constexpr std::string_view sql = "COUNT"; static constexpr bool nullable = false; };
struct sum { static constexpr std::string_view sql = "SUM"; static constexpr bool nullable = true; };
struct mean { static constexpr std::string_view sql = "AVG"; static constexpr bool nullable = true; };
struct min { static constexpr std::string_view sql = "MIN"; static constexpr bool nullable = true; };
struct max { static constexpr std::string_view sql = "MAX"; static constexpr bool nullable = true; };
}  // namespace agg

/// The `*` of COUNT(*).
struct star_t {
  static constexpr bool is_star = true;
  using value_type = std::int64_t;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = false;
  template <class D, class S, class V>
  static constexpr void render(V& v, star_t const*) {
    v.text("*");
  }
};

/// No filter on an aggregate.
struct no_filter {
  using operands = type_list<>;
};

/// The filter of an aggregate: `x.sum(where(p))` sums x over the rows where p holds.
template <class P>
struct where_t {
  P pred;
  using operands = type_list<P>;
};
template <class P>
constexpr auto where(P const& p) {
  static_assert(std::is_same_v<value_type_t<as_expr_t<P>>, bool>,
                "egret: where() needs a BOOLEAN condition; compare the value first (x > 0)");
  return where_t<as_expr_t<P>>{as_expr(p)};
}

/// `FN([DISTINCT] arg) [FILTER (WHERE p)]`. Type: COUNT gives BIGINT, never NULL; SUM keeps an integer
/// argument's family as BIGINT and DOUBLE as DOUBLE; AVG gives DOUBLE; MIN/MAX keep the argument's type.
/// SUM, AVG, MIN and MAX are nullable: an empty group, or all inputs NULL, gives NULL.
template <class Fn, class T, class E, class Filter, bool Distinct>
struct aggregate_t : expr_methods<aggregate_t<Fn, T, E, Filter, Distinct>> {
  E arg;
  Filter filter;

  using value_type = T;
  using fn = Fn;
  using argument = E;
  using filter_type = Filter;
  using operands = concat_t<type_list<E>, typename Filter::operands>;
  static constexpr bool is_aggregate = true;
  static constexpr bool is_aggregate_call = true;
  static constexpr bool distinct = Distinct;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = Fn::nullable;

  template <class D, class S, class V>
  static constexpr void render(V& v, aggregate_t const* n) {
    D::template render_aggregate<D, aggregate_t, S>(v, n);
  }
};

namespace detail {
template <class Filter>
struct filter_of {
  using type = no_filter;
};
template <class P>
struct filter_of<where_t<P>> {
  using type = where_t<P>;
};

template <class Fn, class E, class... W>
constexpr auto make_aggregate(E const& e, W const&... w) {
  static_assert(sizeof...(W) <= 1, "egret: an aggregate takes at most one where() filter");
  static_assert(!is_aggregate_v<E>, "egret: an aggregate cannot contain another aggregate; aggregate in a subquery first");
  using TE = value_type_t<E>;
  if constexpr (std::is_same_v<Fn, agg::sum> || std::is_same_v<Fn, agg::mean>) {
    if constexpr (std::is_same_v<TE, std::string>)
      static_assert(dependent_false<E>, "egret: sum() and mean() need a numeric argument, got TEXT");
    else if constexpr (std::is_same_v<TE, bool>)
      static_assert(dependent_false<E>, "egret: sum() and mean() need a numeric argument, got BOOLEAN; use count(where(...))");
    else
      static_assert(is_numeric_v<TE>, "egret: sum() and mean() need a numeric argument, got a DATE or TIMESTAMP");
  }
  using T = std::conditional_t<std::is_same_v<Fn, agg::count>, std::int64_t,
            std::conditional_t<std::is_same_v<Fn, agg::mean>, double,
            std::conditional_t<std::is_same_v<Fn, agg::sum> && is_integer_v<TE>, std::int64_t, TE>>>;
  if constexpr (sizeof...(W) == 0)
    return aggregate_t<Fn, T, E, no_filter, false>{{}, e, {}};
  else
    return aggregate_t<Fn, T, E, W..., false>{{}, e, w...};
}
}  // namespace detail

/// `COUNT(*)`, optionally filtered: `count()`, `count(where(o.status == "completed"))`.
template <class... W>
constexpr auto count(W const&... w) {
  return detail::make_aggregate<agg::count>(star_t{}, w...);
}

/// `COUNT(DISTINCT e)`.
template <expression E, class... W>
constexpr auto count_distinct(E const& e, W const&... w) {
  using A = decltype(detail::make_aggregate<agg::count>(e, w...));
  return aggregate_t<agg::count, std::int64_t, E, typename A::filter_type, true>{
      {}, e, detail::make_aggregate<agg::count>(e, w...).filter};
}

template <expression E, class... W>
constexpr auto sum(E const& e, W const&... w) {
  return detail::make_aggregate<agg::sum>(e, w...);
}
template <expression E, class... W>
constexpr auto mean(E const& e, W const&... w) {
  return detail::make_aggregate<agg::mean>(e, w...);
}
template <expression E, class... W>
constexpr auto min(E const& e, W const&... w) {
  return detail::make_aggregate<agg::min>(e, w...);
}
template <expression E, class... W>
constexpr auto max(E const& e, W const&... w) {
  return detail::make_aggregate<agg::max>(e, w...);
}

}  // namespace egret
