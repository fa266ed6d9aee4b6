// Defines egret::dialect::postgres: PostgreSQL's spelling, as a difference from ansi.
#pragma once

#include <egret/dialect/ansi.hpp>

namespace egret::dialect {

struct postgres_family {};

struct postgres : ansi {
  static constexpr std::string_view name = "PostgreSQL";
  using family = postgres_family;
  /// `$1, $2, ...`
  static constexpr placeholder_style placeholders = placeholder_style::dollar_number;
  static constexpr bool has_pipeline_statements = true;
  static constexpr bool drop_table_refused_by_views = true;
  static constexpr std::string_view temporary_schema = "pg_temp.";
};

}  // namespace egret::dialect

// ---- date and time functions (expr/datetime.hpp) ----
#include <egret/expr/datetime.hpp>

namespace egret {

/// Standard EXTRACT for year ... second; QUARTER, ISODOW (Monday = 1, shifted to Monday = 0) and DOY.
template <date_part P>
struct spelling<dialect::postgres_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    if constexpr (!egret::detail::standard_field(P).empty()) {
      fn::extract<P>::template render<D, S>(v, a);
    } else {
      if constexpr (P == date_part::day_of_week) v.ch('(');
      v.text(P == date_part::quarter       ? "CAST(EXTRACT(QUARTER FROM "
             : P == date_part::day_of_week ? "CAST(EXTRACT(ISODOW FROM "
                                           : "CAST(EXTRACT(DOY FROM ");
      A::template render<D, S>(v, a);
      v.text(") AS BIGINT)");
      if constexpr (P == date_part::day_of_week) v.text(" - 1)");
    }
  }
};

/// `date_trunc('month', x)`, cast back to DATE for a DATE (date_trunc gives a timestamp).
template <time_unit U>
struct spelling<dialect::postgres_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr bool is_date = std::is_same_v<value_type_t<A>, date>;
    if constexpr (is_date) v.text("CAST(");
    v.text("date_trunc('");
    v.text(egret::detail::unit_name(U));
    v.text("', ");
    A::template render<D, S>(v, a);
    v.ch(')');
    if constexpr (is_date) v.text(" AS DATE)");
  }
};

/// `CAST(x + n * INTERVAL '1 month' AS DATE)` for a DATE (date + interval is a timestamp), and
/// `(x + n * INTERVAL '1 hour')` for a TIMESTAMP. PostgreSQL clamps to the month's end.
template <time_unit U, bool Subtract>
struct spelling<dialect::postgres_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    constexpr bool is_date = std::is_same_v<value_type_t<X>, date>;
    v.text(is_date ? "CAST(" : "(");
    egret::detail::render_operand<D, S>(v, x, prec::additive);
    v.text(Subtract ? " - " : " + ");
    egret::detail::render_operand<D, S>(v, n, prec::multiplicative);
    v.text(" * INTERVAL '1 ");
    v.text(egret::detail::unit_name(U));
    v.text(is_date ? "' AS DATE)" : "')");
  }
};

/// b - a written with a first: `CAST(-(a - b) AS BIGINT)` for dates (date - date is an integer of days);
/// for timestamps `CAST(-EXTRACT(DAY FROM a - b) AS BIGINT)`, the day field of the interval, truncated toward
/// zero.
template <>
struct spelling<dialect::postgres_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    constexpr bool is_date = std::is_same_v<value_type_t<A>, date>;
    v.text(is_date ? "CAST(-(" : "CAST(-EXTRACT(DAY FROM ");
    egret::detail::render_operand<D, S>(v, a, prec::additive);
    v.text(" - ");
    egret::detail::render_operand<D, S>(v, b, prec::additive, true);
    v.text(") AS BIGINT)");
  }
};

/// `to_char(x, '<pattern>')`, the strftime pattern translated at compile time (%Y -> YYYY, %H -> HH24,
/// %M -> MI, %f -> SS.MS, %j -> DDD; text holding letters or digits double-quoted).
template <fixed_string F>
struct spelling<dialect::postgres_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("to_char(");
    A::template render<D, S>(v, a);
    v.text(", ");
    D::template string_literal<D>(v, egret::detail::to_char_text<F>.view());
    v.ch(')');
  }
};

/// Today in UTC, as SQLite's CURRENT_DATE (PostgreSQL's own follows the session's time zone).
template <>
struct spelling<dialect::postgres_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS DATE)");
  }
};

/// Now in UTC to the second, as SQLite's CURRENT_TIMESTAMP.
template <>
struct spelling<dialect::postgres_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP(0))");
  }
};

}  // namespace egret

// ---- regular expressions and reverse() (expr/regex.hpp) ----
#include <egret/expr/regex.hpp>

namespace egret {

/// `s ~ p`. `~` binds like `||` in PostgreSQL, so concatenations beside it are parenthesized.
template <>
struct spelling<dialect::postgres_family, fn::re_search> {
  template <class D, class S, class V, class A, class P>
  static constexpr void render(V& v, A const* s, P const* p) {
    egret::detail::render_operand<D, S>(v, s, prec::concat, true);
    v.text(" ~ ");
    egret::detail::render_operand<D, S>(v, p, prec::concat, true);
  }
};

/// `(regexp_match(s, '(' || p || ')'))[g + 1]`: the pattern wrapped in a group, so that index 1 is the
/// whole match and g + 1 is group g. NULL without a match.
template <>
struct spelling<dialect::postgres_family, fn::re_extract> {
  template <class D, class S, class V, class A, class P, class G>
  static constexpr void render(V& v, A const* s, P const* p, G const* g) {
    v.text("(regexp_match(");
    A::template render<D, S>(v, s);
    v.text(", '(' || ");
    egret::detail::render_operand<D, S>(v, p, prec::concat, true);
    v.text(" || ')'))[");
    egret::detail::render_operand<D, S>(v, g, prec::additive);
    v.text(" + 1]");
  }
};

/// `regexp_replace(s, p, r, 'g')`: every match.
template <>
struct spelling<dialect::postgres_family, fn::re_replace> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text("regexp_replace(");
    detail::render_args<D, S>(v, a...);
    v.text(", 'g')");
  }
};

template <>
struct spelling<dialect::postgres_family, fn::reverse> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("REVERSE(");
    A::template render<D, S>(v, a);
    v.ch(')');
  }
};

}  // namespace egret

// ---- numeric and text functions (expr/numeric.hpp, expr/text.hpp) ----
#include <egret/expr/numeric.hpp>
#include <egret/expr/text.hpp>

namespace egret {

namespace detail {
/// An argument where PostgreSQL's function takes INTEGER (a position, a count, ROUND's digits): a BIGINT is
/// cast, since PostgreSQL has no implicit cast from bigint to integer (`substr(text, bigint)` does not exist).
template <class D, class S, class V, class N>
constexpr void render_pg_integer_arg(V& v, N const* n) {
  if constexpr (std::is_same_v<value_type_t<N>, std::int64_t>) {
    v.text("CAST(");
    N::template render<D, S>(v, n);
    v.text(" AS INTEGER)");
  } else {
    N::template render<D, S>(v, n);
  }
}
/// `FN(s, args...)` where each BIGINT argument after the first is cast AS INTEGER (substr, lpad, rpad, left,
/// right, repeat take INTEGER positions and counts).
template <class Fn>
struct pg_integer_args {
  template <class D, class S, class V, class A, class... N>
  static constexpr void render(V& v, A const* a, N const*... n) {
    v.text(Fn::sql);
    v.ch('(');
    A::template render<D, S>(v, a);
    ((v.text(", "), render_pg_integer_arg<D, S>(v, n)), ...);
    v.ch(')');
  }
};
}  // namespace detail

/// A DOUBLE is rounded as NUMERIC, halves away from zero as on SQLite (PostgreSQL rounds a DOUBLE half to
/// even, and has no ROUND(DOUBLE, digits)); then cast back. BIGINT digits are cast AS INTEGER.
template <>
struct spelling<dialect::postgres_family, fn::round> {
  template <class D, class S, class V, class A, class... N>
  static constexpr void render(V& v, A const* a, N const*... n) {
    constexpr bool dbl = std::is_same_v<value_type_t<A>, double>;
    v.text(dbl ? "CAST(ROUND(CAST(" : "ROUND(");
    A::template render<D, S>(v, a);
    if constexpr (dbl) v.text(" AS NUMERIC)");
    ((v.text(", "), detail::render_pg_integer_arg<D, S>(v, n)), ...);
    v.text(dbl ? ") AS DOUBLE PRECISION)" : ")");
  }
};
template <>
struct spelling<dialect::postgres_family, fn::substr> : detail::pg_integer_args<fn::substr> {};
template <>
struct spelling<dialect::postgres_family, fn::lpad> : detail::pg_integer_args<fn::lpad> {};
template <>
struct spelling<dialect::postgres_family, fn::rpad> : detail::pg_integer_args<fn::rpad> {};
template <>
struct spelling<dialect::postgres_family, fn::left> : detail::pg_integer_args<fn::left> {};
template <>
struct spelling<dialect::postgres_family, fn::right> : detail::pg_integer_args<fn::right> {};
template <>
struct spelling<dialect::postgres_family, fn::repeat> : detail::pg_integer_args<fn::repeat> {};
/// LOG(base, x) exists for NUMERIC only.
template <>
struct spelling<dialect::postgres_family, fn::log>
    : sql_template<"CAST(LOG(CAST($1 AS NUMERIC), CAST($2 AS NUMERIC)) AS DOUBLE PRECISION)"> {};
/// MOD exists for integers and NUMERIC: a DOUBLE goes through NUMERIC.
template <>
struct spelling<dialect::postgres_family, fn::mod> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    if constexpr (is_integer_v<value_type_t<A>> && is_integer_v<value_type_t<B>>)
      sql_template<"MOD($1, $2)">::template render<D, S>(v, a, b);
    else
      sql_template<"CAST(MOD(CAST($1 AS NUMERIC), CAST($2 AS NUMERIC)) AS DOUBLE PRECISION)">::template render<D, S>(v, a, b);
  }
};
template <>
struct spelling<dialect::postgres_family, fn::endswith> : sql_template<"STARTS_WITH(REVERSE($1), REVERSE($2))"> {};
template <>
struct spelling<dialect::postgres_family, fn::ilike> : sql_template<"$1 ILIKE $2"> {};

}  // namespace egret
