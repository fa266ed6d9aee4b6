// Defines egret::dialect::trino: Trino's SQL (and Presto's), as a difference from ansi. Rendered only (egret
// has no Trino backend): `to_sql<egret::dialect::trino>(q)` gives text with positional `?` parameters, for
// a prepared statement (PREPARE / EXECUTE ... USING, or a client that binds).
//
// Decisions (docs/dialects.md, "Trino"): egret::timestamp is TIMESTAMP(6); `OFFSET m LIMIT n` (Trino's
// order); FILTER on aggregates, but not on aggregates over a window (emulated with CASE there); no
// RETURNING, no upsert, no UPDATE ... FROM, no EXCLUDE in frames, no PRIMARY KEY in CREATE TABLE;
// group_concat() is array_join(array_agg(x), sep).
#pragma once

#include <egret/dialect/ansi.hpp>
#include <egret/dialect/format_pattern.hpp>
#include <egret/expr/datetime.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/regex.hpp>
#include <egret/expr/text.hpp>
#include <egret/expr/window_spec.hpp>

namespace egret::dialect {

struct trino_family {};

struct trino : ansi {
  static constexpr std::string_view name = "Trino";
  using family = trino_family;
  static constexpr bool has_upsert = false;
  static constexpr bool has_returning = false;
  /// UPDATE sets from the target table and subqueries only.
  static constexpr bool has_update_from = false;

  /// `TIMESTAMP(6)`: egret's timestamps have microseconds (a bare TIMESTAMP is TIMESTAMP(3)).
  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, double>)
      return "DOUBLE";
    else if constexpr (std::is_same_v<T, std::string>)
      return "VARCHAR";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "TIMESTAMP(6)";
    else
      return sql_type<T>::name;
  }

  /// FILTER is not allowed on an aggregate over a window: the CASE form there.
  template <class D, class A, class S, class V>
  static constexpr void render_window_aggregate(V& v, A const* a) {
    ansi::render_aggregate<D, A, S, V, false>(v, a);
  }

  template <class D, class Frame>
  static constexpr void require_frame() {
    static_assert(Frame::exclude == frame_exclude::none,
                  "egret: Trino window frames have no EXCLUDE clause; drop .exclude_...()");
  }

  /// No table constraints in Trino's CREATE TABLE: the key is not written.
  template <class D, class V, class Keys>
  static constexpr void render_primary_key(V&, Keys const&) {}

  /// `OFFSET m LIMIT n`: Trino takes OFFSET first.
  template <class D, class S, class V, class Limit>
  static constexpr void render_limit(V& v, Limit const* l) {
    if constexpr (Limit::has_offset) {
      v.text(" OFFSET ");
      Limit::template render_offset<D, S>(v, l);
    }
    if constexpr (Limit::has_limit) {
      v.text(" LIMIT ");
      Limit::template render_count<D, S>(v, l);
    }
  }
};

}  // namespace egret::dialect

namespace egret {

// ---- aggregates ----

namespace detail {
/// `array_join(array_agg(x) [FILTER (WHERE p)], sep)`: array_join skips the NULL elements. NULL for an
/// empty group; '' (not NULL) for a group of NULLs only.
struct trino_group_concat {
  static constexpr bool emulated = true;
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    using E = typename A::argument;
    using F = typename A::filter_type;
    v.text("array_join(array_agg(");
    if constexpr (A::distinct) v.text("DISTINCT ");
    E::template render_value<D, S>(v, a ? &a->arg : nullptr);
    v.ch(')');
    if constexpr (requires { &F::pred; }) {
      v.text(" FILTER (WHERE ");
      using P = decltype(F::pred);
      P::template render<D, S>(v, a ? &a->filter.pred : nullptr);
      v.ch(')');
    }
    E::template render_separator<D, S>(v, a ? &a->arg : nullptr);
    v.ch(')');
  }
};
}  // namespace detail

template <>
struct aggregate_spelling<dialect::trino_family, agg::group_concat> : detail::trino_group_concat {};

// ---- text ----

/// No LEFT, RIGHT, REPEAT or ENDS_WITH for strings in Trino.
template <>
struct spelling<dialect::trino_family, fn::left> : sql_template<"SUBSTR($1, 1, $2)"> {};
template <>
struct spelling<dialect::trino_family, fn::right> : sql_template<"REVERSE(SUBSTR(REVERSE($1), 1, $2))"> {};
template <>
struct spelling<dialect::trino_family, fn::repeat> : sql_template<"ARRAY_JOIN(REPEAT($1, $2), '')"> {};
template <>
struct spelling<dialect::trino_family, fn::endswith> : sql_template<"STARTS_WITH(REVERSE($1), REVERSE($2))"> {};

// ---- dates and times ----

namespace detail {
/// strftime in format_datetime (Joda-Time patterns): yyyy MM dd HH mm ss, %f as ss.SSS, %j as DDD; text
/// holding letters or digits single-quoted (a quote in it doubled).
struct trino_format {
  static constexpr std::string_view field(char c) {
    switch (c) {
      case 'Y': return "yyyy";
      case 'm': return "MM";
      case 'd': return "dd";
      case 'H': return "HH";
      case 'M': return "mm";
      case 'S': return "ss";
      case 'f': return "ss.SSS";
      case 'j': return "DDD";
      default: return "";
    }
  }
  static constexpr std::string_view percent = "%";
  static constexpr char quote = '\'';
};
}  // namespace detail

/// `year(x)`, `quarter(x)`, ... (BIGINT); day_of_week from ISO (Monday = 1) to Monday = 0.
template <date_part P>
struct spelling<dialect::trino_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr std::string_view f = P == date_part::year          ? "year("
                                   : P == date_part::quarter     ? "quarter("
                                   : P == date_part::month       ? "month("
                                   : P == date_part::day         ? "day("
                                   : P == date_part::day_of_week ? "(day_of_week("
                                   : P == date_part::day_of_year ? "day_of_year("
                                   : P == date_part::hour        ? "hour("
                                   : P == date_part::minute      ? "minute("
                                                                 : "second(";
    v.text(f);
    A::template render<D, S>(v, a);
    v.text(P == date_part::day_of_week ? ") - 1)" : ")");
  }
};

/// `date_trunc('month', x)`, of x's type; a week starts on Monday.
template <time_unit U>
struct spelling<dialect::trino_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("date_trunc('");
    v.text(detail::unit_name(U));
    v.text("', ");
    A::template render<D, S>(v, a);
    v.ch(')');
  }
};

/// `date_add('day', n, x)`; subtracting is `date_add('day', -(n), x)`. A month past the end of the shorter
/// month lands on its last day.
template <time_unit U, bool Subtract>
struct spelling<dialect::trino_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    v.text("date_add('");
    v.text(detail::unit_name(U));
    v.text("', ");
    if constexpr (Subtract) {
      v.text("-(");
      N::template render<D, S>(v, n);
      v.ch(')');
    } else {
      N::template render<D, S>(v, n);
    }
    v.text(", ");
    X::template render<D, S>(v, x);
    v.ch(')');
  }
};

/// `date_diff('day', a, b)`: whole days from a to b, truncated toward zero.
template <>
struct spelling<dialect::trino_family, fn::days_between> : sql_template<"date_diff('day', $1, $2)"> {};

/// `format_datetime(x, 'yyyy-MM')`.
template <fixed_string F>
struct spelling<dialect::trino_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("format_datetime(");
    A::template render<D, S>(v, a);
    v.text(", ");
    D::template string_literal<D>(v, detail::format_text<F, detail::trino_format>.view());
    v.ch(')');
  }
};

/// Today in UTC (current_date follows the session's time zone).
template <>
struct spelling<dialect::trino_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE)");
  }
};

/// Now in UTC, to the second.
template <>
struct spelling<dialect::trino_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(current_timestamp AT TIME ZONE 'UTC' AS TIMESTAMP(0))");
  }
};

// ---- regular expressions (Java syntax) and reverse() ----

template <>
struct spelling<dialect::trino_family, fn::re_search> : sql_template<"regexp_like($1, $2)"> {};
/// `regexp_extract(s, p, g)`: group g (0: the whole match); NULL without a match.
template <>
struct spelling<dialect::trino_family, fn::re_extract> : sql_template<"regexp_extract($1, $2, $3)"> {};
/// `regexp_replace(s, p, r)`: every match. Trino reads $1 ... $9 in r (not \1).
template <>
struct spelling<dialect::trino_family, fn::re_replace> : sql_template<"regexp_replace($1, $2, $3)"> {};
template <>
struct spelling<dialect::trino_family, fn::reverse> : sql_template<"reverse($1)"> {};

}  // namespace egret
