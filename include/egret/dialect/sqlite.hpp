// Defines egret::dialect::sqlite: SQLite's spelling, as a difference from ansi.
// SQLite stores DATE and TIMESTAMP as ISO-8601 TEXT, BOOLEAN as 0/1, DOUBLE as REAL.
#pragma once

#include <egret/dialect/ansi.hpp>

namespace egret::dialect {

/// The newest SQLite egret knows; features are gated on the version a dialect targets, not on the
/// client library installed (see sqlite_v).
inline constexpr int latest_sqlite = 3'046'000;

struct sqlite_family {};

template <int Version = latest_sqlite>
struct sqlite_v : ansi {
  static constexpr std::string_view name = "SQLite";
  using family = sqlite_family;
  static constexpr int version = Version;
  /// Each capability from the version that added it (dialect/capability.hpp, `sqlite_since`):
  /// FILTER (WHERE ...) on aggregates and NULLS FIRST / LAST since 3.30 (emulated before), upsert since
  /// 3.24, window functions since 3.25, UPDATE ... FROM since 3.33, RETURNING and the math functions since
  /// 3.35, RIGHT and FULL OUTER JOIN since 3.39.
  static constexpr bool has_filter_clause = Version >= sqlite_since(feature::filter_clause);
  static constexpr bool has_nulls_order = Version >= sqlite_since(feature::nulls_order);
  static constexpr bool has_upsert = Version >= sqlite_since(feature::upsert);
  static constexpr bool has_window_functions = Version >= sqlite_since(feature::window_functions);
  static constexpr bool has_update_from = Version >= sqlite_since(feature::update_from);
  static constexpr bool has_returning = Version >= sqlite_since(feature::returning);
  static constexpr bool has_math_functions = Version >= sqlite_since(feature::math_functions);
  static constexpr bool has_right_full_join = Version >= sqlite_since(feature::right_full_join);
  static constexpr bool has_full_join = Version >= sqlite_since(feature::full_join);
  /// No CREATE OR REPLACE VIEW, and CREATE VIEW resolves nothing (ansi.hpp, has_create_or_replace_view).
  static constexpr bool has_pipeline_statements = true;
  static constexpr bool has_create_or_replace_view = false;
  static constexpr std::string_view temporary_schema = "temp.";
  static constexpr std::string_view distinct_from_infix = " IS NOT ";

  /// Dates are ISO-8601 text: a plain string literal.
  template <class D, class V, class T>
  static void temporal_literal(V& v, T const& x) {
    D::template string_literal<D>(v, to_string(x));
  }

  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (is_integer_v<T> || std::is_same_v<T, bool>)
      return "INTEGER";
    else if constexpr (std::is_same_v<T, double>)
      return "REAL";
    else
      return "TEXT";  // TEXT, and DATE / TIMESTAMP as ISO-8601 text
  }
};

using sqlite = sqlite_v<>;

}  // namespace egret::dialect

// ---- date and time functions (expr/datetime.hpp): SQLite computes on ISO-8601 text ----
#include <egret/expr/datetime.hpp>

namespace egret {

/// `CAST(strftime('%Y', x) AS INTEGER)`; quarter from the month, day_of_week shifted from %w (Sunday = 0)
/// to Monday = 0.
template <date_part P>
struct spelling<dialect::sqlite_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr std::string_view f = P == date_part::year           ? "%Y"
                                   : P == date_part::day          ? "%d"
                                   : P == date_part::day_of_week  ? "%w"
                                   : P == date_part::day_of_year  ? "%j"
                                   : P == date_part::hour         ? "%H"
                                   : P == date_part::minute       ? "%M"
                                   : P == date_part::second       ? "%S"
                                                                  : "%m";  // month, quarter
    constexpr bool shifted = P == date_part::quarter || P == date_part::day_of_week;
    if constexpr (shifted) v.text("((");
    v.text("CAST(strftime('");
    v.text(f);
    v.text("', ");
    A::template render<D, S>(v, a);
    v.text(") AS INTEGER)");
    if constexpr (P == date_part::quarter) v.text(" + 2) / 3)");
    if constexpr (P == date_part::day_of_week) v.text(" + 6) % 7)");
  }
};

/// date()/datetime() with 'start of ...' modifiers; a week starts on the Monday on or before
/// ('-6 days', 'weekday 1'); hours and minutes through strftime(). The quarter's first month comes from
/// replace() on the month's first day, which names the argument once.
template <time_unit U>
struct spelling<dialect::sqlite_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr bool ts = std::is_same_v<value_type_t<A>, timestamp>;
    if constexpr (U == time_unit::quarter) {
      for (int i = 0; i < 8; ++i) v.text("replace(");
      v.text(ts ? "strftime('%Y-%m-01 00:00:00', " : "strftime('%Y-%m-01', ");
      A::template render<D, S>(v, a);
      v.text("), '-02-', '-01-'), '-03-', '-01-'), '-05-', '-04-'), '-06-', '-04-'), '-08-', '-07-'), "
             "'-09-', '-07-'), '-11-', '-10-'), '-12-', '-10-')");
    } else if constexpr (U == time_unit::hour || U == time_unit::minute) {
      v.text(U == time_unit::hour ? "strftime('%Y-%m-%d %H:00:00', " : "strftime('%Y-%m-%d %H:%M:00', ");
      A::template render<D, S>(v, a);
      v.ch(')');
    } else {
      v.text(ts ? "datetime(" : "date(");
      A::template render<D, S>(v, a);
      if constexpr (U == time_unit::year) v.text(", 'start of year'");
      if constexpr (U == time_unit::month) v.text(", 'start of month'");
      if constexpr (ts && (U == time_unit::day || U == time_unit::week)) v.text(", 'start of day'");
      if constexpr (U == time_unit::week) v.text(", '-6 days', 'weekday 1'");
      v.ch(')');
    }
  }
};

/// `date(x, n || ' days')` (datetime() for a TIMESTAMP): SQLite reads '3 days' and '-3 days' alike.
/// Subtracting writes `-(n)`; weeks are `(n * 7)` days.
template <time_unit U, bool Subtract>
struct spelling<dialect::sqlite_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    v.text(std::is_same_v<value_type_t<X>, timestamp> ? "datetime(" : "date(");
    X::template render<D, S>(v, x);
    v.text(", ");
    if constexpr (Subtract) v.text("-(");
    if constexpr (U == time_unit::week) {
      if constexpr (!Subtract) v.ch('(');
      egret::detail::render_operand<D, S>(v, n, prec::multiplicative);
      v.text(" * 7)");
    } else if constexpr (Subtract) {
      N::template render<D, S>(v, n);
      v.ch(')');
    } else {
      // `||` binds tighter than any arithmetic in SQLite: parenthesize all but atoms and unary minus.
      egret::detail::render_operand<D, S>(v, n, prec::unary);
    }
    v.text(" || ' ");
    v.text(egret::detail::unit_name(U == time_unit::week ? time_unit::day : U));
    v.text("s')");
  }
};

/// `CAST(-julianday(a) + julianday(b) AS INTEGER)` (b - a with a written first): whole days, truncated
/// toward zero.
template <>
struct spelling<dialect::sqlite_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    v.text("CAST(-julianday(");
    A::template render<D, S>(v, a);
    v.text(") + julianday(");
    B::template render<D, S>(v, b);
    v.text(") AS INTEGER)");
  }
};

/// `strftime('<pattern>', x)`.
template <fixed_string F>
struct spelling<dialect::sqlite_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("strftime(");
    D::template string_literal<D>(v, F.view());
    v.text(", ");
    A::template render<D, S>(v, a);
    v.ch(')');
  }
};

/// `CURRENT_TIMESTAMP`: UTC, 'YYYY-MM-DD HH:MM:SS'.
template <>
struct spelling<dialect::sqlite_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CURRENT_TIMESTAMP");
  }
};

}  // namespace egret

// ---- regular expressions and reverse() (expr/regex.hpp): C++ functions egret registers on every
// connection (sqlite/functions.hpp) ----
#include <egret/expr/regex.hpp>

namespace egret {

/// `s REGEXP p`, which SQLite turns into regexp(p, s).
template <>
struct spelling<dialect::sqlite_family, fn::re_search> {
  template <class D, class S, class V, class A, class P>
  static constexpr void render(V& v, A const* s, P const* p) {
    egret::detail::render_operand<D, S>(v, s, prec::compare, true);
    v.text(" REGEXP ");
    egret::detail::render_operand<D, S>(v, p, prec::compare, true);
  }
};

namespace detail {
/// `name(args...)` for a function egret registers on SQLite connections.
template <class Udf>
struct sqlite_registered_spelling {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text(Udf::name.view());
    v.ch('(');
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};
}  // namespace detail

template <>
struct spelling<dialect::sqlite_family, fn::re_extract>
    : detail::sqlite_registered_spelling<std::remove_cvref_t<decltype(detail::sqlite_udf::regexp_extract)>> {};
template <>
struct spelling<dialect::sqlite_family, fn::re_replace>
    : detail::sqlite_registered_spelling<std::remove_cvref_t<decltype(detail::sqlite_udf::regexp_replace)>> {};
template <>
struct spelling<dialect::sqlite_family, fn::reverse>
    : detail::sqlite_registered_spelling<std::remove_cvref_t<decltype(detail::sqlite_udf::reverse)>> {};

}  // namespace egret

// ---- numeric, text, NULL and aggregate functions (expr/numeric.hpp, text.hpp, null.hpp, aggregate.hpp) ----
#include <egret/expr/numeric.hpp>
#include <egret/expr/text.hpp>

namespace egret {

/// The math functions (SQRT, LN, CEIL...) and SIGN, which SQLite has since 3.35.
template <class Fn>
  requires requires { Fn::sqlite_since; }
struct spelling<dialect::sqlite_family, Fn> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    dialect::use<D, dialect::feature::math_functions>(v);
    v.text(Fn::sql);
    v.ch('(');
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};

/// GREATEST and LEAST are the scalar MAX and MIN (NULL when an argument is NULL).
template <>
struct spelling<dialect::sqlite_family, fn::greatest> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text("MAX(");
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};
template <>
struct spelling<dialect::sqlite_family, fn::least> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text("MIN(");
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};

// Text functions SQLite lacks, in SQL (see sql_template for how arguments with run-time values are bound once).
// The fill repeated: REPLACE(HEX(ZEROBLOB(n)), '00', fill) is n copies of fill.
template <>
struct spelling<dialect::sqlite_family, fn::lpad>
    : sql_template<"CASE WHEN LENGTH($1) >= $2 THEN SUBSTR($1, 1, $2) ELSE SUBSTR(REPLACE(HEX(ZEROBLOB($2)), '00', $3), "
                   "1, $2 - LENGTH($1)) || $1 END"> {};
template <>
struct spelling<dialect::sqlite_family, fn::rpad>
    : sql_template<"CASE WHEN LENGTH($1) >= $2 THEN SUBSTR($1, 1, $2) ELSE $1 || SUBSTR(REPLACE(HEX(ZEROBLOB($2)), "
                   "'00', $3), 1, $2 - LENGTH($1)) END"> {};
template <>
struct spelling<dialect::sqlite_family, fn::repeat>
    : sql_template<"CASE WHEN $2 IS NOT NULL THEN REPLACE(HEX(ZEROBLOB($2)), '00', $1) END"> {};
template <>
struct spelling<dialect::sqlite_family, fn::left> : sql_template<"SUBSTR($1, 1, $2)"> {};
template <>
struct spelling<dialect::sqlite_family, fn::right> : sql_template<"SUBSTR($1, -1 * $2, $2)"> {};
template <>
struct spelling<dialect::sqlite_family, fn::contains> : sql_template<"INSTR($1, $2) > 0"> {};
template <>
struct spelling<dialect::sqlite_family, fn::find> : sql_template<"INSTR($1, $2) - 1"> {};
// GLOB is case-sensitive, like the functions; the prefix or suffix has its wildcards [ * ? bracketed.
template <>
struct spelling<dialect::sqlite_family, fn::startswith>
    : sql_template<"$1 GLOB REPLACE(REPLACE(REPLACE($2, '[', '[[]'), '*', '[*]'), '?', '[?]') || '*'"> {};
template <>
struct spelling<dialect::sqlite_family, fn::endswith>
    : sql_template<"$1 GLOB '*' || REPLACE(REPLACE(REPLACE($2, '[', '[[]'), '*', '[*]'), '?', '[?]')"> {};

/// `a IS b`: SQLite's IS NOT DISTINCT FROM (spelled so before 3.39 too).
template <>
struct spelling<dialect::sqlite_family, fn::identical_to> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    detail::render_operand<D, S>(v, a, prec::compare, true);
    v.text(" IS ");
    detail::render_operand<D, S>(v, b, prec::compare, true);
  }
};

/// Booleans are 0/1: ANY and ALL are MAX and MIN.
template <>
struct aggregate_spelling<dialect::sqlite_family, agg::any> {
  static constexpr std::string_view sql = "MAX";
};
template <>
struct aggregate_spelling<dialect::sqlite_family, agg::all> {
  static constexpr std::string_view sql = "MIN";
};
template <>
struct aggregate_spelling<dialect::sqlite_family, agg::group_concat> {
  static constexpr std::string_view sql = "GROUP_CONCAT";
};
// No variance in SQLite: from SUM(x * x), SUM(x) and COUNT(x).
template <>
struct aggregate_spelling<dialect::sqlite_family, agg::var_samp> : detail::variance_from_sums<false, false> {};
template <>
struct aggregate_spelling<dialect::sqlite_family, agg::var_pop> : detail::variance_from_sums<true, false> {};
template <>
struct aggregate_spelling<dialect::sqlite_family, agg::stddev_samp> : detail::variance_from_sums<false, true> {};
template <>
struct aggregate_spelling<dialect::sqlite_family, agg::stddev_pop> : detail::variance_from_sums<true, true> {};

}  // namespace egret
