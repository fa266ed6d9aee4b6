// Defines the date and time functions: reading a part (year(), day_of_week(), extract<part>()), truncating
// to a unit (truncate<unit>()), moving by an interval (add_days(), `d + days(3)`), days_between(),
// formatting (strftime<"%Y-%m">()), current_date() and current_timestamp().
//
// Each is a call_t (expr/call.hpp) of a tag in egret::fn. Engines store and compute dates very differently
// (SQLite: ISO-8601 TEXT and strftime(); PostgreSQL: DATE, EXTRACT, date_trunc, intervals), so the tags
// have no spelling of their own beyond standard SQL: dialect/sqlite.hpp and dialect/postgres.hpp spell
// them (`spelling<Family, fn::...>`). Rendering one for a dialect that does not is a compile error.
// Conventions (docs/dates.md): day_of_week() is Monday = 0 ... Sunday = 6 (as in Ibis); week starts on
// Monday; every part is a BIGINT.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <egret/expr/call.hpp>

namespace egret {

/// What extract<>() reads. Every part is a BIGINT; day_of_week is Monday = 0 ... Sunday = 6 (Ibis'
/// convention), day_of_year 1 ... 366, quarter 1 ... 4. hour, minute and second need a TIMESTAMP.
enum class date_part { year, quarter, month, day, day_of_week, day_of_year, hour, minute, second };

/// The units of truncate<>() and of intervals. A week starts on Monday. hour, minute and second need a
/// TIMESTAMP; quarter is a truncation unit only.
enum class time_unit { year, quarter, month, week, day, hour, minute, second };

namespace detail {

constexpr bool is_time_of_day(date_part p) {
  return p == date_part::hour || p == date_part::minute || p == date_part::second;
}
constexpr bool is_time_of_day(time_unit u) {
  return u == time_unit::hour || u == time_unit::minute || u == time_unit::second;
}

/// The unit's singular English name, as SQLite modifiers, date_trunc and INTERVAL literals spell it.
constexpr std::string_view unit_name(time_unit u) {
  switch (u) {
    case time_unit::year: return "year";
    case time_unit::quarter: return "quarter";
    case time_unit::month: return "month";
    case time_unit::week: return "week";
    case time_unit::day: return "day";
    case time_unit::hour: return "hour";
    case time_unit::minute: return "minute";
    case time_unit::second: return "second";
  }
  return "";
}

/// The EXTRACT field of standard SQL for p, or empty when standard SQL has none.
constexpr std::string_view standard_field(date_part p) {
  switch (p) {
    case date_part::year: return "YEAR";
    case date_part::month: return "MONTH";
    case date_part::day: return "DAY";
    case date_part::hour: return "HOUR";
    case date_part::minute: return "MINUTE";
    case date_part::second: return "SECOND";
    default: return "";
  }
}

/// The fallback spelling of a function that has no standard SQL form.
template <class D>
constexpr void no_standard_spelling() {
  static_assert(dependent_false<D>,
                "egret: this date/time function has no standard SQL spelling; render it for dialect::sqlite "
                "or dialect::postgres");
}

}  // namespace detail

namespace fn {

/// `CAST(EXTRACT(YEAR FROM x) AS BIGINT)` in standard SQL (SECOND is floored: whole seconds); quarter,
/// day_of_week and day_of_year have no standard field and are spelled per dialect.
template <date_part P>
struct extract {
  static constexpr date_part part = P;
  static constexpr std::string_view name = P == date_part::year          ? "ExtractYear"
                                           : P == date_part::quarter     ? "ExtractQuarter"
                                           : P == date_part::month       ? "ExtractMonth"
                                           : P == date_part::day         ? "ExtractDay"
                                           : P == date_part::day_of_week ? "DayOfWeekIndex"
                                           : P == date_part::day_of_year ? "ExtractDayOfYear"
                                           : P == date_part::hour        ? "ExtractHour"
                                           : P == date_part::minute      ? "ExtractMinute"
                                                                         : "ExtractSecond";
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr std::string_view field = egret::detail::standard_field(P);
    if constexpr (field.empty()) {
      egret::detail::no_standard_spelling<D>();
    } else {
      v.text(P == date_part::second ? "CAST(FLOOR(EXTRACT(" : "CAST(EXTRACT(");
      v.text(field);
      v.text(" FROM ");
      A::template render<D, S>(v, a);
      v.text(P == date_part::second ? ")) AS BIGINT)" : ") AS BIGINT)");
    }
  }
};

/// truncate<U>(x): x moved back to the start of its year, quarter, month, week (Monday), day, hour...
template <time_unit U>
struct truncate {
  static constexpr time_unit unit = U;
  static constexpr std::string_view name = "Truncate";
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_standard_spelling<D>();
  }
};

/// x moved by n units (Subtract: by -n). Arguments: x, n.
template <time_unit U, bool Subtract>
struct shift {
  static constexpr time_unit unit = U;
  static constexpr bool subtract = Subtract;
  static constexpr std::string_view name = Subtract ? "DateSub" : "DateAdd";
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_standard_spelling<D>();
  }
};

/// Whole days from a to b (b - a). Arguments: a, b; the dialects write a first, so that param<>s keep the
/// order the user wrote them in.
struct days_between {
  static constexpr std::string_view name = "DateDiff";
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_standard_spelling<D>();
  }
};

/// x formatted with the strftime pattern F (see strftime()).
template <fixed_string F>
struct strftime {
  static constexpr auto format = F;
  static constexpr std::string_view name = "Strftime";
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_standard_spelling<D>();
  }
};

/// Today's date, `CURRENT_DATE` in standard SQL.
struct current_date {
  static constexpr std::string_view name = "Today";
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CURRENT_DATE");
  }
};

/// The current date and time without time zone, `LOCALTIMESTAMP` in standard SQL.
struct current_timestamp {
  static constexpr std::string_view name = "TimestampNow";
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("LOCALTIMESTAMP");
  }
};

}  // namespace fn

namespace detail {

template <class E>
using operand_type_t = value_type_t<as_expr_t<E>>;

// The type rules. Each is one static_assert; the caller still returns a well-formed node.

template <class T>
constexpr void require_temporal_argument() {
  static_assert(is_temporal_v<T>,
                "egret: this date/time function needs a DATE or TIMESTAMP argument; cast<egret::date>() "
                "TEXT holding ISO-8601 dates first");
}

template <date_part P, class T>
constexpr void check_extract() {
  if constexpr (!is_temporal_v<T>)
    require_temporal_argument<T>();
  else if constexpr (is_time_of_day(P))
    static_assert(std::is_same_v<T, timestamp>,
                  "egret: hour(), minute() and second() need a TIMESTAMP; a DATE has no time of day");
}

template <time_unit U, class T>
constexpr void check_truncate() {
  if constexpr (!is_temporal_v<T>)
    require_temporal_argument<T>();
  else if constexpr (is_time_of_day(U))
    static_assert(std::is_same_v<T, timestamp>,
                  "egret: truncate<hour/minute/second>() needs a TIMESTAMP; a DATE has no time of day");
}

template <time_unit U, class T, class N, bool CheckCount = true>
constexpr void check_shift() {
  if constexpr (!is_temporal_v<T>)
    require_temporal_argument<T>();
  else if constexpr (U == time_unit::quarter)
    static_assert(dependent_false<T>, "egret: there is no quarter interval; add 3 * n months");
  else if constexpr (is_time_of_day(U) && !std::is_same_v<T, timestamp>)
    static_assert(dependent_false<T>,
                  "egret: a DATE cannot move by hours, minutes or seconds; cast<egret::timestamp>() it first");
  else if constexpr (CheckCount)
    static_assert(is_integer_v<N>, "egret: an interval's count must be an INTEGER; cast<std::int64_t>() it");
}

template <class A, class B>
constexpr void check_days_between() {
  if constexpr (!is_temporal_v<A>)
    require_temporal_argument<A>();
  else if constexpr (!is_temporal_v<B>)
    require_temporal_argument<B>();
  else
    static_assert(std::is_same_v<A, B>,
                  "egret: days_between() needs two DATEs or two TIMESTAMPs; cast<>() one side");
}

// ---- strftime patterns ----

enum class strftime_issue { none, unknown_specifier, lone_percent, quote_in_text, ambiguous_for_postgres };

/// The to_char (PostgreSQL) spelling of a portable strftime specifier, or empty when it is not portable.
constexpr std::string_view to_char_field(char c) {
  switch (c) {
    case 'Y': return "YYYY";
    case 'm': return "MM";
    case 'd': return "DD";
    case 'H': return "HH24";
    case 'M': return "MI";
    case 'S': return "SS";
    case 'f': return "SS.MS";
    case 'j': return "DDD";
    default: return "";
  }
}

constexpr bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// What is wrong with a strftime pattern (the first problem), or none.
constexpr strftime_issue check_strftime_pattern(std::string_view f) {
  char previous = 0;  // the specifier just before, when nothing separates it from the next
  for (std::size_t i = 0; i < f.size(); ++i) {
    char const c = f[i];
    if (c == '"' || c == '\\') return strftime_issue::quote_in_text;
    if (c != '%') {
      previous = 0;
      continue;
    }
    if (i + 1 == f.size()) return strftime_issue::lone_percent;
    char const s = f[++i];
    if (s == '%') {
      previous = 0;
      continue;
    }
    if (to_char_field(s).empty()) return strftime_issue::unknown_specifier;
    // to_char reads the longest field name first: DD then DD is DDD + D, SS then SS is SSSS.
    if ((previous == 'd' && (s == 'd' || s == 'j')) || (previous == 'S' && (s == 'S' || s == 'f')))
      return strftime_issue::ambiguous_for_postgres;
    previous = s;
  }
  return strftime_issue::none;
}

/// Translates a checked strftime pattern to a to_char pattern: specifiers become fields, text runs that
/// hold letters or digits are double-quoted (to_char would read them as fields). Writes to `out` when not
/// null; returns the length either way.
constexpr std::size_t to_char_pattern(std::string_view f, char* out) {
  std::size_t n = 0;
  auto const put = [&](char c) {
    if (out != nullptr) out[n] = c;
    ++n;
  };
  std::size_t i = 0;
  while (i < f.size()) {
    if (f[i] == '%' && f[i + 1] != '%') {
      for (char c : to_char_field(f[i + 1])) put(c);
      i += 2;
      continue;
    }
    std::size_t j = i;  // the text run [i, j); "%%" is a literal '%'
    bool quote = false;
    while (j < f.size() && !(f[j] == '%' && f[j + 1] != '%')) {
      quote = quote || is_alnum(f[j]);
      j += f[j] == '%' ? 2 : 1;
    }
    if (quote) put('"');
    for (std::size_t k = i; k < j; k += f[k] == '%' ? 2 : 1) put(f[k]);
    if (quote) put('"');
    i = j;
  }
  return n;
}

template <fixed_string F>
inline constexpr auto to_char_text = [] {
  fixed_string<to_char_pattern(F.view(), nullptr)> s;
  to_char_pattern(F.view(), s.data);
  return s;
}();

}  // namespace detail

// ---- parts ----

/// The part P of a DATE or TIMESTAMP, as a BIGINT: `extract<date_part::month>(o.order_date)`.
template <date_part P, class E>
  requires is_operand_v<E>
constexpr auto extract(E const& e) {
  detail::check_extract<P, detail::operand_type_t<E>>();
  return make_call<fn::extract<P>, std::int64_t>(e);
}

/// The year (BIGINT) of a DATE or TIMESTAMP.
template <class E>
  requires is_operand_v<E>
constexpr auto year(E const& e) { return extract<date_part::year>(e); }
/// The quarter, 1 to 4.
template <class E>
  requires is_operand_v<E>
constexpr auto quarter(E const& e) { return extract<date_part::quarter>(e); }
/// The month, 1 to 12.
template <class E>
  requires is_operand_v<E>
constexpr auto month(E const& e) { return extract<date_part::month>(e); }
/// The day of the month, 1 to 31.
template <class E>
  requires is_operand_v<E>
constexpr auto day(E const& e) { return extract<date_part::day>(e); }
/// The day of the week, Monday = 0 ... Sunday = 6 (Ibis' convention; SQLite's %w is Sunday = 0).
template <class E>
  requires is_operand_v<E>
constexpr auto day_of_week(E const& e) { return extract<date_part::day_of_week>(e); }
/// The day of the year, 1 to 366.
template <class E>
  requires is_operand_v<E>
constexpr auto day_of_year(E const& e) { return extract<date_part::day_of_year>(e); }
/// The hour of a TIMESTAMP, 0 to 23.
template <class E>
  requires is_operand_v<E>
constexpr auto hour(E const& e) { return extract<date_part::hour>(e); }
/// The minute of a TIMESTAMP, 0 to 59.
template <class E>
  requires is_operand_v<E>
constexpr auto minute(E const& e) { return extract<date_part::minute>(e); }
/// The whole seconds of a TIMESTAMP, 0 to 59 (fractions dropped).
template <class E>
  requires is_operand_v<E>
constexpr auto second(E const& e) { return extract<date_part::second>(e); }

// ---- truncation ----

/// e moved back to the start of its unit, keeping its type: `truncate<time_unit::month>(o.order_date)` is
/// the first of the month. Weeks start on Monday. hour, minute and second need a TIMESTAMP.
template <time_unit U, class E>
  requires is_operand_v<E>
constexpr auto truncate(E const& e) {
  using T = detail::operand_type_t<E>;
  detail::check_truncate<U, T>();
  return make_call<fn::truncate<U>, T>(e);
}

// ---- intervals ----

/// `n` units of time, to add to or subtract from a DATE or TIMESTAMP: `o.order_date + days(3)`,
/// `t - months(o.term)`. Not an expression itself: an interval exists only beside a date.
template <time_unit U, class N>
struct interval {
  N count;
};

namespace detail {
template <time_unit U, class N>
constexpr interval<U, as_expr_t<N>> make_interval(N const& n) {
  static_assert(is_integer_v<operand_type_t<N>>,
                "egret: an interval's count must be an INTEGER; cast<std::int64_t>() it");
  return {as_expr(n)};
}

/// CheckCount is false for an interval, whose count was checked when it was made.
template <time_unit U, bool Subtract, bool CheckCount = true, class E, class N>
constexpr auto make_shift(E const& e, N const& n) {
  using T = detail::operand_type_t<E>;
  check_shift<U, T, operand_type_t<N>, CheckCount>();
  return make_call<fn::shift<U, Subtract>, T>(e, n);
}
}  // namespace detail

template <class N> requires is_operand_v<N>
constexpr auto years(N const& n) { return detail::make_interval<time_unit::year>(n); }
template <class N> requires is_operand_v<N>
constexpr auto months(N const& n) { return detail::make_interval<time_unit::month>(n); }
template <class N> requires is_operand_v<N>
constexpr auto weeks(N const& n) { return detail::make_interval<time_unit::week>(n); }
template <class N> requires is_operand_v<N>
constexpr auto days(N const& n) { return detail::make_interval<time_unit::day>(n); }
template <class N> requires is_operand_v<N>
constexpr auto hours(N const& n) { return detail::make_interval<time_unit::hour>(n); }
template <class N> requires is_operand_v<N>
constexpr auto minutes(N const& n) { return detail::make_interval<time_unit::minute>(n); }
template <class N> requires is_operand_v<N>
constexpr auto seconds(N const& n) { return detail::make_interval<time_unit::second>(n); }

/// `d + days(3)`: d moved forward (backward for a negative count); the type of d.
template <class E, time_unit U, class N>
  requires expression<E>
constexpr auto operator+(E const& e, interval<U, N> const& i) {
  return detail::make_shift<U, false, false>(e, i.count);
}
template <class E, time_unit U, class N>
  requires expression<E>
constexpr auto operator+(interval<U, N> const& i, E const& e) {
  return detail::make_shift<U, false, false>(e, i.count);
}
/// `d - months(1)`.
template <class E, time_unit U, class N>
  requires expression<E>
constexpr auto operator-(E const& e, interval<U, N> const& i) {
  return detail::make_shift<U, true, false>(e, i.count);
}

/// e moved by n days (n an INTEGER expression or a C++ integer, bound; negative moves back).
template <class E, class N> requires is_operand_v<E> && is_operand_v<N>
constexpr auto add_days(E const& e, N const& n) { return detail::make_shift<time_unit::day, false>(e, n); }
/// e moved by n weeks.
template <class E, class N> requires is_operand_v<E> && is_operand_v<N>
constexpr auto add_weeks(E const& e, N const& n) { return detail::make_shift<time_unit::week, false>(e, n); }
/// e moved by n months. A day past the target month's end differs per engine: see docs/dates.md.
template <class E, class N> requires is_operand_v<E> && is_operand_v<N>
constexpr auto add_months(E const& e, N const& n) { return detail::make_shift<time_unit::month, false>(e, n); }
/// e moved by n years.
template <class E, class N> requires is_operand_v<E> && is_operand_v<N>
constexpr auto add_years(E const& e, N const& n) { return detail::make_shift<time_unit::year, false>(e, n); }
/// A TIMESTAMP moved by n hours.
template <class E, class N> requires is_operand_v<E> && is_operand_v<N>
constexpr auto add_hours(E const& e, N const& n) { return detail::make_shift<time_unit::hour, false>(e, n); }
/// A TIMESTAMP moved by n minutes.
template <class E, class N> requires is_operand_v<E> && is_operand_v<N>
constexpr auto add_minutes(E const& e, N const& n) { return detail::make_shift<time_unit::minute, false>(e, n); }
/// A TIMESTAMP moved by n seconds.
template <class E, class N> requires is_operand_v<E> && is_operand_v<N>
constexpr auto add_seconds(E const& e, N const& n) { return detail::make_shift<time_unit::second, false>(e, n); }

// ---- differences, formatting, now ----

/// Whole days from a to b (b - a; negative when b is earlier), as a BIGINT. Both DATE or both TIMESTAMP;
/// for timestamps the partial day is dropped (truncated toward zero).
template <class A, class B>
  requires is_operand_v<A> && is_operand_v<B>
constexpr auto days_between(A const& a, B const& b) {
  detail::check_days_between<detail::operand_type_t<A>, detail::operand_type_t<B>>();
  return make_call<fn::days_between, std::int64_t>(a, b);
}

/// e as TEXT formatted by the strftime pattern F: `strftime<"%Y-%m">(o.order_date)` gives "2024-05".
/// Portable specifiers (SQLite strftime and PostgreSQL to_char agree on them): %Y year, %m month 01-12,
/// %d day 01-31, %H hour 00-23, %M minute, %S second, %f seconds with milliseconds (SS.SSS), %j day of
/// the year 001-366, %% a percent sign. Anything else is a compile error.
template <fixed_string F, class E>
  requires is_operand_v<E>
constexpr auto strftime(E const& e) {
  detail::require_temporal_argument<detail::operand_type_t<E>>();
  // the pattern's rules, here rather than in a function of their own: one frame less in error traces
  constexpr detail::strftime_issue issue = detail::check_strftime_pattern(F.view());
  static_assert(issue != detail::strftime_issue::unknown_specifier,
                "egret: strftime() pattern uses a specifier that is not portable; use %Y %m %d %H %M %S %f %j %%");
  static_assert(issue != detail::strftime_issue::lone_percent, "egret: strftime() pattern ends with a lone %; write %% for %");
  static_assert(issue != detail::strftime_issue::quote_in_text,
                "egret: strftime() pattern text cannot hold a double quote or a backslash");
  static_assert(issue != detail::strftime_issue::ambiguous_for_postgres,
                "egret: strftime() pattern puts %d before %d/%j or %S before %S/%f with nothing between; "
                "PostgreSQL's to_char cannot read that, add a separator");
  return make_call<fn::strftime<F>, std::string>(e);
}

/// A function of no argument and type T (`CURRENT_DATE`), spelled per dialect family like call_t. Never NULL.
template <class Fn, class T>
struct niladic_call_t : expr_methods<niladic_call_t<Fn, T>> {
  using value_type = T;
  using function = Fn;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = false;

  template <class D, class S, class V>
  static constexpr void render(V& v, niladic_call_t const*) {
    spelling<typename D::family, Fn>::template render<D, S>(v);
  }
};

// (Templates, so that the node's expr_methods base, complete once expr/methods.hpp is read, is needed
// only where they are called.)

/// Today's date (UTC on SQLite and, as egret spells it, on PostgreSQL). Never NULL.
template <class Fn = fn::current_date>
constexpr auto current_date() {
  return niladic_call_t<Fn, date>{};
}
/// The current date and time to the second (UTC on SQLite and PostgreSQL). Never NULL.
template <class Fn = fn::current_timestamp>
constexpr auto current_timestamp() {
  return niladic_call_t<Fn, timestamp>{};
}

}  // namespace egret
