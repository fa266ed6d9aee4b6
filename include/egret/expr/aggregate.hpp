// Defines aggregate calls: count(*), count, count_distinct, sum, mean, min, max, any, all, group_concat,
// var_samp, var_pop, stddev_samp, stddev_pop, each with an optional where() filter rendered as
// FILTER (WHERE ...) or, where the dialect lacks it, as CASE inside the call; and aggregate_spelling, the
// per-dialect-family name (or emulation) of an aggregate.
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
/// Whether some / every input is true (SQLite: MAX / MIN of the 0/1 values).
struct any { static constexpr std::string_view sql = "BOOL_OR"; static constexpr bool nullable = true; };
struct all { static constexpr std::string_view sql = "BOOL_AND"; static constexpr bool nullable = true; };
/// The inputs joined with a separator (SQLite: GROUP_CONCAT), in no particular order.
struct group_concat { static constexpr std::string_view sql = "STRING_AGG"; static constexpr bool nullable = true; };
/// Sample and population variance and standard deviation (SQLite: computed from sums, see variance_from_sums).
struct var_samp { static constexpr std::string_view sql = "VAR_SAMP"; static constexpr bool nullable = true; };
struct var_pop { static constexpr std::string_view sql = "VAR_POP"; static constexpr bool nullable = true; };
struct stddev_samp { static constexpr std::string_view sql = "STDDEV_SAMP"; static constexpr bool nullable = true; };
struct stddev_pop { static constexpr std::string_view sql = "STDDEV_POP"; static constexpr bool nullable = true; };
}  // namespace agg

/// How dialect family Family spells aggregate Fn: `sql`, its name (the primary template: Fn::sql), or
/// `static constexpr bool emulated = true` and `template <class D, class S, class V, class A> static constexpr
/// void render(V&, A const*)` writing the whole call (filter included). Specialized in dialect/<name>.hpp.
template <class Family, class Fn>
struct aggregate_spelling {
  static constexpr std::string_view sql = Fn::sql;
};

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

/// The argument of an aggregate that takes a separator: `x, sep` in `GROUP_CONCAT(x, sep)`. The filter
/// applies to x alone: `GROUP_CONCAT(CASE WHEN p THEN x END, sep)`.
template <class X, class Sep>
struct separated {
  X arg;
  Sep sep;

  using value_type = value_type_t<X>;
  using operands = type_list<X, Sep>;
  static constexpr bool is_separated = true;
  static constexpr bool is_aggregate = detail::any_aggregate<X, Sep>;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_in_v<X, Ctx>;

  template <class D, class S, class V>
  static constexpr void render(V& v, separated const* n) {
    render_value<D, S>(v, n);
    render_separator<D, S>(v, n);
  }
  /// `x`
  template <class D, class S, class V>
  static constexpr void render_value(V& v, separated const* n) {
    X::template render<D, S>(v, detail::member(n, &separated::arg));
  }
  /// `, sep`
  template <class D, class S, class V>
  static constexpr void render_separator(V& v, separated const* n) {
    v.text(", ");
    Sep::template render<D, S>(v, detail::member(n, &separated::sep));
  }
};

/// `FN([DISTINCT] arg) [FILTER (WHERE p)]`. Type: COUNT gives BIGINT, never NULL; SUM keeps an integer
/// argument's family as BIGINT and DOUBLE as DOUBLE; AVG gives DOUBLE; MIN/MAX keep the argument's type.
/// ANY/ALL (BOOL_OR/BOOL_AND) give BOOLEAN, GROUP_CONCAT TEXT, the variances and deviations DOUBLE.
/// All but COUNT are nullable: an empty group, or all inputs NULL, gives NULL.
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

template <class Fn>
inline constexpr bool is_variance_v = std::is_same_v<Fn, agg::var_samp> || std::is_same_v<Fn, agg::var_pop> ||
                                      std::is_same_v<Fn, agg::stddev_samp> || std::is_same_v<Fn, agg::stddev_pop>;

template <class Fn, class TE>
using aggregate_type_t =
    std::conditional_t<std::is_same_v<Fn, agg::count>, std::int64_t,
    std::conditional_t<std::is_same_v<Fn, agg::mean> || is_variance_v<Fn>, double,
    std::conditional_t<std::is_same_v<Fn, agg::any> || std::is_same_v<Fn, agg::all>, bool,
    std::conditional_t<std::is_same_v<Fn, agg::group_concat>, std::string,
    std::conditional_t<std::is_same_v<Fn, agg::sum> && is_integer_v<TE>, std::int64_t, TE>>>>>;

template <class Fn, class E, class... W>
constexpr auto make_aggregate(E const& e, W const&... w) {
  static_assert(sizeof...(W) <= 1, "egret: an aggregate takes at most one where() filter");
  static_assert(!is_aggregate_v<E>, "egret: an aggregate cannot contain another aggregate; aggregate in a subquery first");
  using TE = value_type_t<E>;
  // the type rule of Fn over TE, one static_assert each (here, not in a function of its own: one frame
  // less in the compiler's instantiation trace)
  if constexpr (std::is_same_v<Fn, agg::sum> || std::is_same_v<Fn, agg::mean>) {
    if constexpr (std::is_same_v<TE, std::string>)
      static_assert(dependent_false<TE>, "egret: sum() and mean() need a numeric argument, got TEXT");
    else if constexpr (std::is_same_v<TE, bool>)
      static_assert(dependent_false<TE>, "egret: sum() and mean() need a numeric argument, got BOOLEAN; use count(where(...))");
    else
      static_assert(is_numeric_v<TE>, "egret: sum() and mean() need a numeric argument, got a DATE or TIMESTAMP");
  } else if constexpr (is_variance_v<Fn>) {
    if constexpr (std::is_same_v<TE, std::string>)
      static_assert(dependent_false<TE>, "egret: var() and std() need a numeric argument, got TEXT");
    else if constexpr (std::is_same_v<TE, bool>)
      static_assert(dependent_false<TE>, "egret: var() and std() need a numeric argument, got BOOLEAN");
    else
      static_assert(is_numeric_v<TE>, "egret: var() and std() need a numeric argument, got a DATE or TIMESTAMP");
  } else if constexpr (std::is_same_v<Fn, agg::any> || std::is_same_v<Fn, agg::all>) {
    static_assert(std::is_same_v<TE, bool>,
                  "egret: any() and all() need a BOOLEAN argument; compare the value first (x > 0)");
  } else if constexpr (std::is_same_v<Fn, agg::group_concat>) {
    static_assert(is_text_v<TE>, "egret: group_concat() needs a TEXT argument; cast<std::string>() it");
  }
  using T = aggregate_type_t<Fn, TE>;
  if constexpr (sizeof...(W) == 0)
    return aggregate_t<Fn, T, E, no_filter, false>{{}, e, {}};
  else
    return aggregate_t<Fn, T, E, W..., false>{{}, e, w...};
}

/// The SQLite spelling of the variances and deviations, which it lacks, from sums over the same rows:
/// `MAX((SUM(x * x) - SUM(x) * SUM(x) / COUNT(x)) / (COUNT(x) - 1), 0.0)` (sample; population divides by
/// COUNT(x)), under `SQRT(...)` for a deviation; integers are CAST to REAL first. The where() filter
/// applies to each sum. The MAX keeps a rounding error from going below 0. NULL for an empty group (and
/// for one row, sample). Exact enough while the mean is small against the spread: a sum of squares
/// loses the digits a mean much larger than the spread takes.
template <bool Pop, bool Root>
struct variance_from_sums {
  static constexpr bool emulated = true;

  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    if constexpr (Root && requires { D::version; })
      static_assert(D::version >= 3'035'000,
                    "egret: stddev on SQLite needs SQRT, a math function of SQLite 3.35 or later");
    if constexpr (Root) v.text("SQRT(");
    v.text("MAX((");
    part<D, S, 2>(v, a, "SUM");
    v.text(" - ");
    part<D, S, 1>(v, a, "SUM");
    v.text(" * ");
    part<D, S, 1>(v, a, "SUM");
    v.text(" / ");
    part<D, S, 0>(v, a, "COUNT");
    v.text(") / ");
    if constexpr (Pop) {
      part<D, S, 0>(v, a, "COUNT");
    } else {
      v.ch('(');
      part<D, S, 0>(v, a, "COUNT");
      v.text(" - 1)");
    }
    v.text(", 0.0)");
    if constexpr (Root) v.ch(')');
  }

 private:
  /// `FN(x^power) [FILTER (WHERE p)]`; power 0 is x as it is (for COUNT).
  template <class D, class S, int Power, class V, class A>
  static constexpr void part(V& v, A const* a, std::string_view fn) {
    using F = typename A::filter_type;
    constexpr bool filtered = requires { &F::pred; };
    v.text(fn);
    v.ch('(');
    if constexpr (filtered && !D::has_filter_clause) {
      v.text("CASE WHEN ");
      pred<D, S>(v, a);
      v.text(" THEN ");
      value<D, S, Power>(v, a);
      v.text(" END");
    } else {
      value<D, S, Power>(v, a);
    }
    v.ch(')');
    if constexpr (filtered && D::has_filter_clause) {
      v.text(" FILTER (WHERE ");
      pred<D, S>(v, a);
      v.ch(')');
    }
  }
  template <class D, class S, class V, class A>
  static constexpr void pred(V& v, A const* a) {
    using P = decltype(A::filter_type::pred);
    P::template render<D, S>(v, a ? &a->filter.pred : nullptr);
  }
  template <class D, class S, int Power, class V, class A>
  static constexpr void value(V& v, A const* a) {
    using E = typename A::argument;
    E const* x = a ? &a->arg : nullptr;
    if constexpr (Power == 0) {
      E::template render<D, S>(v, x);
    } else if constexpr (Power == 1) {
      factor<D, S>(v, x, prec::lor, false);
    } else {
      factor<D, S>(v, x, prec::multiplicative, false);
      v.text(" * ");
      factor<D, S>(v, x, prec::multiplicative, true);
    }
  }
  /// x as REAL, in parentheses when it binds looser than `min`.
  template <class D, class S, class V, class E>
  static constexpr void factor(V& v, E const* x, int min, bool right) {
    if constexpr (std::is_same_v<value_type_t<E>, double>) {
      render_operand<D, S>(v, x, min, right);
    } else {
      v.text("CAST(");
      E::template render<D, S>(v, x);
      v.text(" AS ");
      v.text(D::template cast_type_name<D, double>());
      v.ch(')');
    }
  }
};
}  // namespace detail

namespace detail {
/// The type of the default separator, ','; dependent on E, so that the lit_t is completed only when used
/// (expr_methods is defined after this header).
template <class E>
using default_separator_t = std::conditional_t<std::is_void_v<E>, void, lit_t<fixed_string<1>{","}>>;

template <class E, class Sep, class... W>
constexpr auto make_group_concat(E const& x, Sep const& sep, W const&... w) {
  static_assert(is_text_v<value_type_t<as_expr_t<Sep>>>, "egret: group_concat() needs a TEXT separator");
  return make_aggregate<agg::group_concat>(separated<E, as_expr_t<Sep>>{x, as_expr(sep)}, w...);
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

/// `COUNT(e)`: the rows where e is not NULL (`count()` counts all rows).
template <expression E, class... W>
constexpr auto count(E const& e, W const&... w) {
  return detail::make_aggregate<agg::count>(e, w...);
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

/// Whether p holds for some row: `BOOL_OR(p)` (SQLite `MAX(p)`). NULL for an empty group.
template <expression P, class... W>
constexpr auto any(P const& p, W const&... w) {
  return detail::make_aggregate<agg::any>(p, w...);
}
/// Whether p holds for every row: `BOOL_AND(p)` (SQLite `MIN(p)`). NULL for an empty group.
template <expression P, class... W>
constexpr auto all(P const& p, W const&... w) {
  return detail::make_aggregate<agg::all>(p, w...);
}

/// The TEXT values of x joined with `sep` (default ","), in no particular order: `STRING_AGG(x, sep)`,
/// SQLite `GROUP_CONCAT(x, sep)`. NULLs are skipped; NULL for an empty group. Optionally filtered:
/// `group_concat(x, str<", ">, where(p))`.
template <expression E, class... A>
constexpr auto group_concat(E const& x, A const&... a) {
  if constexpr (sizeof...(A) == 0) {
    return detail::make_group_concat(x, detail::default_separator_t<E>{});
  } else if constexpr (requires { &at_t<0, type_list<A...>>::pred; }) {
    return detail::make_group_concat(x, detail::default_separator_t<E>{}, a...);
  } else {
    return detail::make_group_concat(x, a...);
  }
}

/// Sample variance `VAR_SAMP(x)`: DOUBLE, NULL for fewer than two rows.
template <expression E, class... W>
constexpr auto var_samp(E const& x, W const&... w) {
  return detail::make_aggregate<agg::var_samp>(x, w...);
}
/// Population variance `VAR_POP(x)`: DOUBLE, NULL for an empty group.
template <expression E, class... W>
constexpr auto var_pop(E const& x, W const&... w) {
  return detail::make_aggregate<agg::var_pop>(x, w...);
}
/// Sample standard deviation `STDDEV_SAMP(x)`: DOUBLE, NULL for fewer than two rows.
template <expression E, class... W>
constexpr auto stddev_samp(E const& x, W const&... w) {
  return detail::make_aggregate<agg::stddev_samp>(x, w...);
}
/// Population standard deviation `STDDEV_POP(x)`: DOUBLE, NULL for an empty group.
template <expression E, class... W>
constexpr auto stddev_pop(E const& x, W const&... w) {
  return detail::make_aggregate<agg::stddev_pop>(x, w...);
}

}  // namespace egret
