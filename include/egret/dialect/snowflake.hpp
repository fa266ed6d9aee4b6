// Defines egret::dialect::snowflake: Snowflake's SQL, as a difference from ansi. Rendered only (egret has no
// Snowflake backend): `to_sql<egret::dialect::snowflake>(q)` gives text with positional `?` parameters.
//
// Decisions (docs/dialects.md, "Snowflake"): integers are NUMBER, egret::timestamp is TIMESTAMP_NTZ;
// `/` on two integers is `TRUNC(a / b)` (Snowflake's `/` gives a decimal); no FILTER (emulated with CASE), no
// RETURNING, no upsert (MERGE only), no GROUPS frames or EXCLUDE; re_search() is REGEXP_INSTR(s, p) > 0
// (REGEXP_LIKE matches the whole string); backslashes in string literals are escaped.
#pragma once

#include <egret/dialect/ansi.hpp>
#include <egret/dialect/format_pattern.hpp>
#include <egret/expr/datetime.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/regex.hpp>
#include <egret/expr/text.hpp>
#include <egret/expr/window_spec.hpp>

namespace egret::dialect {

struct snowflake_family {};

struct snowflake : ansi {
  static constexpr std::string_view name = "Snowflake";
  using family = snowflake_family;
  /// No FILTER (WHERE ...): `SUM(CASE WHEN p THEN x END)`.
  static constexpr bool has_filter_clause = false;
  /// INSERT ... ON CONFLICT does not exist (MERGE is a statement of its own).
  static constexpr bool has_upsert = false;
  static constexpr bool has_returning = false;

  /// `'it''s'`; a backslash, an escape character in Snowflake literals, is doubled.
  template <class D, class V>
  static constexpr void string_literal(V& v, std::string_view s) {
    v.ch('\'');
    for (char c : s) {
      if (c == '\'' || c == '\\') v.ch(c);
      v.ch(c);
    }
    v.ch('\'');
  }

  /// `DATE '2018-01-02'`, `CAST('2018-01-02 03:04:05' AS TIMESTAMP_NTZ)` (a TIMESTAMP literal would follow
  /// the session's TIMESTAMP_TYPE_MAPPING).
  template <class D, class V, class T>
  static void temporal_literal(V& v, T const& x) {
    if constexpr (std::is_same_v<T, date>) {
      v.text("DATE ");
      D::template string_literal<D>(v, to_string(x));
    } else {
      v.text("CAST(");
      D::template string_literal<D>(v, to_string(x));
      v.text(" AS TIMESTAMP_NTZ)");
    }
  }

  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (is_integer_v<T>)
      return "NUMBER";
    else if constexpr (std::is_same_v<T, double>)
      return "FLOAT";
    else if constexpr (std::is_same_v<T, bool>)
      return "BOOLEAN";
    else if constexpr (std::is_same_v<T, date>)
      return "DATE";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "TIMESTAMP_NTZ";
    else
      return "VARCHAR";
  }

  /// `TRUNC(a / b)` for `/` on two integers: Snowflake divides them as decimals; TRUNC truncates toward zero,
  /// as egret's integer division does.
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    if constexpr (std::is_same_v<Op, op::div> && is_integer_v<value_type_t<L>> && is_integer_v<value_type_t<R>>) {
      v.text("TRUNC(");
      ansi::render_binary<D, Op, S>(v, l, r);
      v.ch(')');
    } else {
      ansi::render_binary<D, Op, S>(v, l, r);
    }
  }

  template <class D, class Frame>
  static constexpr void require_frame() {
    static_assert(Frame::unit != frame_unit::groups,
                  "egret: Snowflake has no GROUPS window frames; use rows() or range()");
    static_assert(Frame::exclude == frame_exclude::none,
                  "egret: Snowflake window frames have no EXCLUDE clause; drop .exclude_...()");
  }
};

}  // namespace egret::dialect

namespace egret {

// ---- aggregates ----

template <>
struct aggregate_spelling<dialect::snowflake_family, agg::any> {
  static constexpr std::string_view sql = "BOOLOR_AGG";
};
template <>
struct aggregate_spelling<dialect::snowflake_family, agg::all> {
  static constexpr std::string_view sql = "BOOLAND_AGG";
};
template <>
struct aggregate_spelling<dialect::snowflake_family, agg::group_concat> {
  static constexpr std::string_view sql = "LISTAGG";
};

// ---- numeric and text ----

/// No LOG10 in Snowflake: `LOG(10, x)`.
template <>
struct spelling<dialect::snowflake_family, fn::log10> : sql_template<"LOG(10, $1)"> {};
template <>
struct spelling<dialect::snowflake_family, fn::contains> : sql_template<"CONTAINS($1, $2)"> {};
template <>
struct spelling<dialect::snowflake_family, fn::startswith> : sql_template<"STARTSWITH($1, $2)"> {};
template <>
struct spelling<dialect::snowflake_family, fn::endswith> : sql_template<"ENDSWITH($1, $2)"> {};
template <>
struct spelling<dialect::snowflake_family, fn::ilike> : sql_template<"$1 ILIKE $2"> {};
/// `POSITION(t IN s) - 1`: the needle first, so it is written (and bound) first.
template <>
struct spelling<dialect::snowflake_family, fn::find> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* s, B const* t) {
    v.text("POSITION(");
    detail::render_operand<D, S>(v, t, prec::concat);
    v.text(" IN ");
    detail::render_operand<D, S>(v, s, prec::concat);
    v.text(") - 1");
  }
};

// ---- dates and times ----

namespace detail {
/// strftime in TO_CHAR: YYYY MM DD HH24 MI SS, %f as SS.FF3; text holding letters or digits double-quoted.
/// Snowflake has no day-of-year format element (%j is rejected).
struct snowflake_format {
  static constexpr std::string_view field(char c) {
    switch (c) {
      case 'Y': return "YYYY";
      case 'm': return "MM";
      case 'd': return "DD";
      case 'H': return "HH24";
      case 'M': return "MI";
      case 'S': return "SS";
      case 'f': return "SS.FF3";
      default: return "";
    }
  }
  static constexpr std::string_view percent = "%";
  static constexpr char quote = '"';
};

template <fixed_string F>
constexpr void snowflake_check_format() {
  static_assert(!uses_specifier(F.view(), 'j'),
                "egret: Snowflake's TO_CHAR has no day-of-year field (%j); use day_of_year()");
}
}  // namespace detail

/// `EXTRACT(YEAR FROM x)`; day_of_week from DAYOFWEEKISO (Monday = 1) to Monday = 0.
template <date_part P>
struct spelling<dialect::snowflake_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr std::string_view field = P == date_part::year          ? "YEAR"
                                       : P == date_part::quarter     ? "QUARTER"
                                       : P == date_part::month       ? "MONTH"
                                       : P == date_part::day         ? "DAY"
                                       : P == date_part::day_of_week ? "DAYOFWEEKISO"
                                       : P == date_part::day_of_year ? "DAYOFYEAR"
                                       : P == date_part::hour        ? "HOUR"
                                       : P == date_part::minute      ? "MINUTE"
                                                                     : "SECOND";
    if constexpr (P == date_part::day_of_week) v.ch('(');
    v.text("EXTRACT(");
    v.text(field);
    v.text(" FROM ");
    A::template render<D, S>(v, a);
    v.ch(')');
    if constexpr (P == date_part::day_of_week) v.text(" - 1)");
  }
};

/// `DATE_TRUNC('month', x)`, of x's type. A week starts on Monday with Snowflake's default WEEK_START (0).
template <time_unit U>
struct spelling<dialect::snowflake_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("DATE_TRUNC('");
    v.text(detail::unit_name(U));
    v.text("', ");
    A::template render<D, S>(v, a);
    v.ch(')');
  }
};

/// `DATEADD(day, n, x)`; subtracting is `DATEADD(day, -(n), x)`. A month past the end of the shorter month
/// lands on its last day.
template <time_unit U, bool Subtract>
struct spelling<dialect::snowflake_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    v.text("DATEADD(");
    v.text(detail::unit_name(U));
    v.text(", ");
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

/// `DATEDIFF(day, a, b)` for dates; for timestamps whole days of 24 hours, truncated toward zero:
/// `TRUNC(DATEDIFF(second, a, b) / 86400)` (DATEDIFF in days would count midnights).
template <>
struct spelling<dialect::snowflake_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    constexpr bool is_date = std::is_same_v<value_type_t<A>, date>;
    v.text(is_date ? "DATEDIFF(day, " : "TRUNC(DATEDIFF(second, ");
    A::template render<D, S>(v, a);
    v.text(", ");
    B::template render<D, S>(v, b);
    v.text(is_date ? ")" : ") / 86400)");
  }
};

/// `TO_CHAR(x, 'YYYY-MM')`.
template <fixed_string F>
struct spelling<dialect::snowflake_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    detail::snowflake_check_format<F>();
    v.text("TO_CHAR(");
    A::template render<D, S>(v, a);
    v.text(", ");
    D::template string_literal<D>(v, detail::format_text<F, detail::snowflake_format>.view());
    v.ch(')');
  }
};

/// Today in UTC: SYSDATE() is the current UTC time as a TIMESTAMP_NTZ.
template <>
struct spelling<dialect::snowflake_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(SYSDATE() AS DATE)");
  }
};

/// Now in UTC, to the second.
template <>
struct spelling<dialect::snowflake_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(SYSDATE() AS TIMESTAMP_NTZ(0))");
  }
};

// ---- regular expressions (POSIX extended, with Perl classes) and reverse() ----

/// `REGEXP_INSTR(s, p) > 0`: a match anywhere (REGEXP_LIKE anchors the pattern at both ends).
template <>
struct spelling<dialect::snowflake_family, fn::re_search> : sql_template<"REGEXP_INSTR($1, $2) > 0"> {};

/// `REGEXP_SUBSTR(s, '(' || p || ')', 1, 1, 'e', g + 1)`: the pattern wrapped in a group, so that group 1 is
/// the whole match and g + 1 is group g. NULL without a match.
template <>
struct spelling<dialect::snowflake_family, fn::re_extract> {
  template <class D, class S, class V, class A, class P, class G>
  static constexpr void render(V& v, A const* s, P const* p, G const* g) {
    v.text("REGEXP_SUBSTR(");
    A::template render<D, S>(v, s);
    v.text(", '(' || ");
    detail::render_operand<D, S>(v, p, prec::concat, true);
    v.text(" || ')', 1, 1, 'e', ");
    detail::render_operand<D, S>(v, g, prec::additive);
    v.text(" + 1)");
  }
};
/// `REGEXP_REPLACE(s, p, r)`: every match. Snowflake reads \1 ... \9 in r (not \&).
template <>
struct spelling<dialect::snowflake_family, fn::re_replace> : sql_template<"REGEXP_REPLACE($1, $2, $3)"> {};
template <>
struct spelling<dialect::snowflake_family, fn::reverse> : sql_template<"REVERSE($1)"> {};

}  // namespace egret
