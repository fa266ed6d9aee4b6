// Defines expr_methods, the member functions every expression offers: `.as<"x">()`, `.sum()`, `.isin(...)`.
#pragma once

#include <egret/expr/aggregate.hpp>
#include <egret/expr/alias.hpp>
#include <egret/expr/conditional.hpp>
#include <egret/expr/datetime.hpp>
#include <egret/expr/regex.hpp>
#include <egret/expr/null.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/operators.hpp>
#include <egret/expr/predicate.hpp>
#include <egret/expr/text.hpp>
#include <egret/expr/window.hpp>

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
    return detail::make_aggregate<agg::sum>(self(), w...);  // = egret::sum(self(), w...), one frame less in error traces
  }
  /// `AVG(e)`.
  template <class... W>
  constexpr auto mean(W const&... w) const {
    return detail::make_aggregate<agg::mean>(self(), w...);
  }
  template <class... W>
  constexpr auto min(W const&... w) const {
    return detail::make_aggregate<agg::min>(self(), w...);
  }
  template <class... W>
  constexpr auto max(W const&... w) const {
    return detail::make_aggregate<agg::max>(self(), w...);
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

  /// `e IN (a, b, ...)`: every element must be comparable with e. `e.isin(query)`: `e IN (SELECT ...)`,
  /// for a query of one column (relation/subquery.hpp).
  template <class... Vs>
  constexpr auto isin(Vs const&... vs) const {
    if constexpr (sizeof...(Vs) == 1 && (requires { Vs::stage; } && ...))
      return detail::make_in_subquery(self(), vs...);
    else
      return isin_list(vs...);
  }

 private:
  template <class... Vs>
  constexpr auto isin_list(Vs const&... vs) const {
    static_assert(sizeof...(Vs) >= 1, "egret: isin() needs at least one element");
    static_assert((comparable_v<value_type_t<Self>, value_type_t<as_expr_t<Vs>>> && ...),
                  "egret: isin() elements must have the SQL type of the value tested; cast<>() them");
    return in_list_t<Self, as_expr_t<Vs>...>{{}, self(), detail::make_pack(as_expr(vs)...)};
  }

 public:

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

  // ---- window functions (expr/window.hpp) ----

  /// `e OVER (w)`, for an aggregate: `o.amount.sum().over(egret::window().partition_by(o.customer_id))`;
  /// without w, `OVER ()`.
  template <class... W>
  constexpr auto over(W const&... w) const {
    static_assert(sizeof...(W) <= 1, "egret: over() takes one window");
    return egret::over(self(), w...);
  }
  /// `LAG(e [, offset [, default]])`: e from `offset` rows before; needs `.over(w)`.
  template <class... A>
  constexpr auto lag(A const&... a) const {
    return egret::lag(self(), a...);
  }
  /// `LEAD(e [, offset [, default]])`: e from `offset` rows after; needs `.over(w)`.
  template <class... A>
  constexpr auto lead(A const&... a) const {
    return egret::lead(self(), a...);
  }
  /// `FIRST_VALUE(e)`; needs `.over(w)`.
  constexpr auto first_value() const { return egret::first_value(self()); }
  /// `LAST_VALUE(e)`; needs `.over(w)`.
  constexpr auto last_value() const { return egret::last_value(self()); }
  /// `NTH_VALUE(e, n)`; needs `.over(w)`.
  template <class N>
  constexpr auto nth_value(N const& n) const {
    return egret::nth_value(self(), n);
  }
  /// Running total over w's order: `o.amount.cumsum(egret::order_by(o.order_date))`.
  template <class W>
  constexpr auto cumsum(W const& w) const {
    return egret::cumsum(self(), w);
  }
  /// Running mean over w's order.
  template <class W>
  constexpr auto cummean(W const& w) const {
    return egret::cummean(self(), w);
  }
  /// Running minimum over w's order.
  template <class W>
  constexpr auto cummin(W const& w) const {
    return egret::cummin(self(), w);
  }
  /// Running maximum over w's order.
  template <class W>
  constexpr auto cummax(W const& w) const {
    return egret::cummax(self(), w);
  }
  // ---- end of window functions ----

  // ---- date and time (expr/datetime.hpp), regular expressions (expr/regex.hpp); each asserts that e has
  // the SQL type it needs (a DATE or TIMESTAMP, TEXT) ----

  /// The year of a DATE or TIMESTAMP (BIGINT).
  constexpr auto year() const { return egret::year(self()); }
  /// The quarter, 1 to 4.
  constexpr auto quarter() const { return egret::quarter(self()); }
  /// The month, 1 to 12.
  constexpr auto month() const { return egret::month(self()); }
  /// The day of the month, 1 to 31.
  constexpr auto day() const { return egret::day(self()); }
  /// Monday = 0 ... Sunday = 6, as in Ibis.
  constexpr auto day_of_week() const { return egret::day_of_week(self()); }
  /// The day of the year, 1 to 366.
  constexpr auto day_of_year() const { return egret::day_of_year(self()); }
  /// The hour of a TIMESTAMP.
  constexpr auto hour() const { return egret::hour(self()); }
  /// The minute of a TIMESTAMP.
  constexpr auto minute() const { return egret::minute(self()); }
  /// The whole seconds of a TIMESTAMP.
  constexpr auto second() const { return egret::second(self()); }
  /// Any part: `d.extract<egret::date_part::day_of_year>()`.
  template <date_part P>
  constexpr auto extract() const {
    return egret::extract<P>(self());
  }
  /// The start of e's unit, same type: `d.truncate<egret::time_unit::month>()`.
  template <time_unit U>
  constexpr auto truncate() const {
    return egret::truncate<U>(self());
  }
  /// TEXT formatted by a portable strftime pattern: `d.strftime<"%Y-%m">()`.
  template <fixed_string F>
  constexpr auto strftime() const {
    return egret::strftime<F>(self());
  }
  /// Whether the regular expression p matches somewhere in this TEXT (expr/regex.hpp).
  template <class P>
  constexpr auto re_search(P const& p) const {
    return egret::re_search(self(), p);
  }
  /// Group g of p's first match (0: the whole match), NULL without one.
  template <class P, class G>
  constexpr auto re_extract(P const& p, G const& g) const {
    return egret::re_extract(self(), p, g);
  }
  /// Every match of p replaced by r (\1 ... \9 a group, \& the match).
  template <class P, class R>
  constexpr auto re_replace(P const& p, R const& r) const {
    return egret::re_replace(self(), p, r);
  }
  /// This TEXT with its characters (code points) reversed.
  constexpr auto reverse() const { return egret::reverse(self()); }
  // ---- end of date and time, regular expressions ----

  // ---- numeric, text, NULL and aggregate functions (expr/numeric.hpp, text.hpp, null.hpp, aggregate.hpp) ----

  /// `ABS(x)`.
  constexpr auto abs() const { return egret::abs(self()); }
  /// `CEIL(x)`: same type (a DOUBLE stays DOUBLE).
  constexpr auto ceil() const { return egret::ceil(self()); }
  /// `FLOOR(x)`: same type (a DOUBLE stays DOUBLE).
  constexpr auto floor() const { return egret::floor(self()); }
  /// `ROUND(x [, digits])`: halves away from zero.
  template <class... N>
  constexpr auto round(N const&... digits) const {
    return egret::round(self(), digits...);
  }
  /// `SIGN(x)`: -1, 0 or 1.
  constexpr auto sign() const { return egret::sign(self()); }
  /// `SQRT(x)`: DOUBLE, nullable.
  constexpr auto sqrt() const { return egret::sqrt(self()); }
  /// `EXP(x)`: DOUBLE.
  constexpr auto exp() const { return egret::exp(self()); }
  /// `LN(x)`: DOUBLE, nullable.
  constexpr auto ln() const { return egret::ln(self()); }
  /// `LOG10(x)`: DOUBLE, nullable.
  constexpr auto log10() const { return egret::log10(self()); }
  /// The logarithm of x in `base` (Ibis `x.log(base)`): `LOG(base, x)`.
  template <class B>
  constexpr auto log(B const& base) const {
    return egret::log(base, self());
  }
  /// x bounded to [lo, hi].
  template <class Lo, class Hi>
  constexpr auto clip(Lo const& lo, Hi const& hi) const {
    return egret::clip(self(), lo, hi);
  }

  /// `LENGTH(s)`: characters, INTEGER.
  constexpr auto length() const { return egret::length(self()); }
  constexpr auto lower() const { return egret::lower(self()); }
  constexpr auto upper() const { return egret::upper(self()); }
  /// `TRIM(s)`: without leading and trailing spaces (Ibis strip).
  constexpr auto strip() const { return egret::trim(self()); }
  constexpr auto lstrip() const { return egret::ltrim(self()); }
  constexpr auto rstrip() const { return egret::rtrim(self()); }
  /// `LPAD(s, n [, fill])`.
  template <class N, class... F>
  constexpr auto lpad(N const& n, F const&... fill) const {
    return egret::lpad(self(), n, fill...);
  }
  /// `RPAD(s, n [, fill])`.
  template <class N, class... F>
  constexpr auto rpad(N const& n, F const&... fill) const {
    return egret::rpad(self(), n, fill...);
  }
  /// `SUBSTR(s, start [, len])`, start 1-based as in SQL.
  template <class P, class... N>
  constexpr auto substr(P const& start, N const&... len) const {
    return egret::substr(self(), start, len...);
  }
  /// The first n characters.
  template <class N>
  constexpr auto left(N const& n) const {
    return egret::left(self(), n);
  }
  /// The last n characters.
  template <class N>
  constexpr auto right(N const& n) const {
    return egret::right(self(), n);
  }
  /// Every `from` replaced with `to`.
  template <class F, class T>
  constexpr auto replace(F const& from, T const& to) const {
    return egret::replace(self(), from, to);
  }
  /// s n times.
  template <class N>
  constexpr auto repeat(N const& n) const {
    return egret::repeat(self(), n);
  }
  /// Whether t occurs in s (case-sensitive).
  template <class T>
  constexpr auto contains(T const& t) const {
    return egret::contains(self(), t);
  }
  template <class T>
  constexpr auto startswith(T const& t) const {
    return egret::startswith(self(), t);
  }
  template <class T>
  constexpr auto endswith(T const& t) const {
    return egret::endswith(self(), t);
  }
  /// 0-based position of t in s, -1 when absent (Ibis).
  template <class T>
  constexpr auto find(T const& t) const {
    return egret::find(self(), t);
  }
  /// Case-insensitive LIKE.
  template <class P>
  constexpr auto ilike(P const& pattern) const {
    return egret::ilike(self(), pattern);
  }

  /// `COALESCE(x, v)`.
  template <class V>
  constexpr auto fill_null(V const& v) const {
    return egret::fill_null(self(), v);
  }
  /// `NULLIF(x, v)`.
  template <class V>
  constexpr auto nullif(V const& v) const {
    return egret::nullif(self(), v);
  }
  /// `x IS NOT DISTINCT FROM y` (SQLite `x IS y`).
  template <class Y>
  constexpr auto identical_to(Y const& y) const {
    return egret::identical_to(self(), y);
  }

  /// Whether p holds for some row (BOOL_OR).
  template <class... W>
  constexpr auto any(W const&... w) const {
    return detail::make_aggregate<agg::any>(self(), w...);
  }
  /// Whether p holds for every row (BOOL_AND).
  template <class... W>
  constexpr auto all(W const&... w) const {
    return detail::make_aggregate<agg::all>(self(), w...);
  }
  /// The values joined with a separator (default ","): `s.group_concat(", ")`.
  template <class... A>
  constexpr auto group_concat(A const&... a) const {
    return egret::group_concat(self(), a...);
  }
  /// Sample variance (Ibis var(), how="sample").
  template <class... W>
  constexpr auto var(W const&... w) const {
    return detail::make_aggregate<agg::var_samp>(self(), w...);
  }
  /// Population variance.
  template <class... W>
  constexpr auto var_pop(W const&... w) const {
    return detail::make_aggregate<agg::var_pop>(self(), w...);
  }
  /// Sample standard deviation (Ibis std(), how="sample").
  template <class... W>
  constexpr auto std(W const&... w) const {
    return detail::make_aggregate<agg::stddev_samp>(self(), w...);
  }
  /// Population standard deviation.
  template <class... W>
  constexpr auto std_pop(W const&... w) const {
    return detail::make_aggregate<agg::stddev_pop>(self(), w...);
  }
  // ---- end of numeric, text, NULL and aggregate functions ----

 private:
  constexpr Self const& self() const { return static_cast<Self const&>(*this); }
};

}  // namespace egret
