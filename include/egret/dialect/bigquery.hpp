// Defines egret::dialect::bigquery: GoogleSQL as BigQuery runs it, as a difference from ansi. Rendered only
// (egret has no BigQuery backend): `to_sql<egret::dialect::bigquery>(q)` gives text for a BigQuery client
// with positional `?` parameters.
//
// Decisions (docs/dialects.md, "BigQuery"): names in backticks; egret::timestamp (no time zone) is DATETIME,
// egret::date DATE; `/` on two integers is DIV(a, b), `%` is MOD(a, b); no FILTER (emulated with CASE), no
// RETURNING, no upsert (BigQuery has MERGE only), no GROUPS frames or EXCLUDE; set operations spelled
// UNION DISTINCT / INTERSECT DISTINCT / EXCEPT DISTINCT; a primary key is NOT ENFORCED.
#pragma once

#include <egret/dialect/ansi.hpp>
#include <egret/dialect/format_pattern.hpp>
#include <egret/expr/datetime.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/regex.hpp>
#include <egret/expr/text.hpp>
#include <egret/expr/window_spec.hpp>

namespace egret::dialect {

struct bigquery_family {};

struct bigquery : ansi {
  static constexpr std::string_view name = "BigQuery";
  using family = bigquery_family;
  /// `` `order` ``: a backtick or backslash in a name is escaped with a backslash.
  static constexpr char quote_open = '`';
  static constexpr char quote_close = '`';
  /// No FILTER (WHERE ...): `SUM(CASE WHEN p THEN x END)`.
  static constexpr bool has_filter_clause = false;
  /// INSERT ... ON CONFLICT does not exist (MERGE is a statement of its own).
  static constexpr bool has_upsert = false;
  static constexpr bool has_returning = false;
  /// A CTE takes no column list; the anchor query names the columns.
  static constexpr bool has_cte_column_list = false;

  template <class D, class V>
  static constexpr void quote_identifier(V& v, std::string_view s) {
    v.ch('`');
    for (char c : s) {
      if (c == '`' || c == '\\') v.ch('\\');
      v.ch(c);
    }
    v.ch('`');
  }

  /// `'it\'s'`: GoogleSQL escapes with a backslash (a doubled quote would end the literal); newlines
  /// become \n, which a single-quoted literal cannot hold.
  template <class D, class V>
  static constexpr void string_literal(V& v, std::string_view s) {
    v.ch('\'');
    for (char c : s) {
      if (c == '\n') {
        v.text("\\n");
      } else if (c == '\r') {
        v.text("\\r");
      } else {
        if (c == '\'' || c == '\\') v.ch('\\');
        v.ch(c);
      }
    }
    v.ch('\'');
  }

  /// `DATE '2018-01-02'`, `DATETIME '2018-01-02 03:04:05'`.
  template <class D, class V, class T>
  static void temporal_literal(V& v, T const& x) {
    v.text(std::is_same_v<T, date> ? "DATE " : "DATETIME ");
    D::template string_literal<D>(v, to_string(x));
  }

  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (is_integer_v<T>)
      return "INT64";
    else if constexpr (std::is_same_v<T, double>)
      return "FLOAT64";
    else if constexpr (std::is_same_v<T, bool>)
      return "BOOL";
    else if constexpr (std::is_same_v<T, date>)
      return "DATE";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "DATETIME";
    else
      return "STRING";
  }

  /// `DIV(a, b)` for `/` on two integers (truncating, as egret's `/`); `MOD(a, b)` for `%` (BigQuery has no
  /// `%` operator).
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    constexpr bool int_div = std::is_same_v<Op, op::div> && is_integer_v<value_type_t<L>> && is_integer_v<value_type_t<R>>;
    if constexpr (int_div || std::is_same_v<Op, op::mod>) {
      v.text(int_div ? "DIV(" : "MOD(");
      L::template render<D, S>(v, l);
      v.text(", ");
      R::template render<D, S>(v, r);
      v.ch(')');
    } else {
      ansi::render_binary<D, Op, S>(v, l, r);
    }
  }

  /// UNION alone is not GoogleSQL: `UNION DISTINCT`, `INTERSECT DISTINCT`, `EXCEPT DISTINCT`.
  static constexpr std::string_view except_keyword = " EXCEPT DISTINCT ";
  template <class D, class V>
  static constexpr void render_set_operator(V& v, std::string_view op, bool all) {
    v.ch(' ');
    v.text(op);
    v.text(all ? " ALL " : " DISTINCT ");
  }

  template <class D, class Frame>
  static constexpr void require_frame() {
    static_assert(Frame::unit != frame_unit::groups,
                  "egret: BigQuery has no GROUPS window frames; use rows() or range()");
    static_assert(Frame::exclude == frame_exclude::none,
                  "egret: BigQuery window frames have no EXCLUDE clause; drop .exclude_...()");
  }

  /// UPDATE and DELETE need a WHERE in BigQuery: `.all()` is `WHERE TRUE`.
  template <class D, class V>
  static constexpr void render_where_all(V& v) {
    v.text(" WHERE TRUE");
  }

  /// `PRIMARY KEY (...) NOT ENFORCED`: BigQuery takes no enforced keys.
  template <class D, class V, class Keys>
  static constexpr void render_primary_key(V& v, Keys const& keys) {
    v.text(", PRIMARY KEY (");
    keys();
    v.text(") NOT ENFORCED");
  }
};

}  // namespace egret::dialect

namespace egret {

// ---- aggregates ----

template <>
struct aggregate_spelling<dialect::bigquery_family, agg::any> {
  static constexpr std::string_view sql = "LOGICAL_OR";
};
template <>
struct aggregate_spelling<dialect::bigquery_family, agg::all> {
  static constexpr std::string_view sql = "LOGICAL_AND";
};

// ---- numeric ----

/// `LOG(x, base)`: GoogleSQL puts the base second.
template <>
struct spelling<dialect::bigquery_family, fn::log> {
  template <class D, class S, class V, class B, class X>
  static constexpr void render(V& v, B const* base, X const* x) {
    v.text("LOG(");
    X::template render<D, S>(v, x);
    v.text(", ");
    B::template render<D, S>(v, base);
    v.ch(')');
  }
};
/// MOD takes INT64 and NUMERIC: a FLOAT64 goes through NUMERIC.
template <>
struct spelling<dialect::bigquery_family, fn::mod> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    if constexpr (is_integer_v<value_type_t<A>> && is_integer_v<value_type_t<B>>)
      sql_template<"MOD($1, $2)">::template render<D, S>(v, a, b);
    else
      sql_template<"CAST(MOD(CAST($1 AS NUMERIC), CAST($2 AS NUMERIC)) AS FLOAT64)">::template render<D, S>(v, a, b);
  }
};

// ---- dates and times: DATE_* for a DATE, DATETIME_* for a timestamp ----

namespace detail {
template <class A>
inline constexpr bool bigquery_is_date = std::is_same_v<value_type_t<A>, date>;

/// The GoogleSQL date part of unit U (a week starts on Monday).
constexpr std::string_view bigquery_unit(time_unit u) {
  switch (u) {
    case time_unit::year: return "YEAR";
    case time_unit::quarter: return "QUARTER";
    case time_unit::month: return "MONTH";
    case time_unit::week: return "WEEK";
    case time_unit::day: return "DAY";
    case time_unit::hour: return "HOUR";
    case time_unit::minute: return "MINUTE";
    case time_unit::second: return "SECOND";
  }
  return "";
}

/// strftime in FORMAT_DATE / FORMAT_DATETIME: the same specifiers, %f as %E3S (seconds with milliseconds).
struct bigquery_format {
  static constexpr std::string_view field(char c) {
    switch (c) {
      case 'Y': return "%Y";
      case 'm': return "%m";
      case 'd': return "%d";
      case 'H': return "%H";
      case 'M': return "%M";
      case 'S': return "%S";
      case 'f': return "%E3S";
      case 'j': return "%j";
      default: return "";
    }
  }
  static constexpr std::string_view percent = "%%";
  static constexpr char quote = 0;
};
}  // namespace detail

/// `EXTRACT(YEAR FROM x)` (an INT64); day_of_week from DAYOFWEEK (Sunday = 1) to Monday = 0.
template <date_part P>
struct spelling<dialect::bigquery_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr std::string_view field = P == date_part::year          ? "YEAR"
                                       : P == date_part::quarter     ? "QUARTER"
                                       : P == date_part::month       ? "MONTH"
                                       : P == date_part::day         ? "DAY"
                                       : P == date_part::day_of_week ? "DAYOFWEEK"
                                       : P == date_part::day_of_year ? "DAYOFYEAR"
                                       : P == date_part::hour        ? "HOUR"
                                       : P == date_part::minute      ? "MINUTE"
                                                                     : "SECOND";
    if constexpr (P == date_part::day_of_week) v.text("MOD(");
    v.text("EXTRACT(");
    v.text(field);
    v.text(" FROM ");
    A::template render<D, S>(v, a);
    v.ch(')');
    if constexpr (P == date_part::day_of_week) v.text(" + 5, 7)");
  }
};

/// `DATE_TRUNC(x, MONTH)`, `DATETIME_TRUNC(x, HOUR)`; a week is `WEEK(MONDAY)`.
template <time_unit U>
struct spelling<dialect::bigquery_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text(detail::bigquery_is_date<A> ? "DATE_TRUNC(" : "DATETIME_TRUNC(");
    A::template render<D, S>(v, a);
    v.text(", ");
    v.text(U == time_unit::week ? "WEEK(MONDAY)" : detail::bigquery_unit(U));
    v.ch(')');
  }
};

/// `DATE_ADD(x, INTERVAL n DAY)`, `DATETIME_SUB(x, INTERVAL n HOUR)`. A month past the end of the shorter
/// month lands on its last day.
template <time_unit U, bool Subtract>
struct spelling<dialect::bigquery_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    constexpr bool is_date = detail::bigquery_is_date<X>;
    v.text(is_date ? (Subtract ? "DATE_SUB(" : "DATE_ADD(") : (Subtract ? "DATETIME_SUB(" : "DATETIME_ADD("));
    X::template render<D, S>(v, x);
    v.text(", INTERVAL ");
    detail::render_operand<D, S>(v, n, prec::unary);
    v.ch(' ');
    v.text(detail::bigquery_unit(U));
    v.ch(')');
  }
};

/// b - a written with a first: `(-DATE_DIFF(a, b, DAY))` for dates; for timestamps whole days of 24 hours,
/// truncated toward zero: `(-DIV(DATETIME_DIFF(a, b, MICROSECOND), 86400000000))` (DATETIME_DIFF in DAYs
/// would count midnights).
template <>
struct spelling<dialect::bigquery_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    constexpr bool is_date = detail::bigquery_is_date<A>;
    v.text(is_date ? "(-DATE_DIFF(" : "(-DIV(DATETIME_DIFF(");
    A::template render<D, S>(v, a);
    v.text(", ");
    B::template render<D, S>(v, b);
    v.text(is_date ? ", DAY))" : ", MICROSECOND), 86400000000))");
  }
};

/// `FORMAT_DATE('%Y-%m', x)` / `FORMAT_DATETIME(...)`.
template <fixed_string F>
struct spelling<dialect::bigquery_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text(detail::bigquery_is_date<A> ? "FORMAT_DATE(" : "FORMAT_DATETIME(");
    D::template string_literal<D>(v, detail::format_text<F, detail::bigquery_format>.view());
    v.text(", ");
    A::template render<D, S>(v, a);
    v.ch(')');
  }
};

/// Today in UTC (BigQuery's default time zone).
template <>
struct spelling<dialect::bigquery_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CURRENT_DATE()");
  }
};

/// Now in UTC, to the second, as a DATETIME.
template <>
struct spelling<dialect::bigquery_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("DATETIME_TRUNC(CURRENT_DATETIME(), SECOND)");
  }
};

// ---- regular expressions (RE2) and reverse() ----

namespace detail {
template <class D>
constexpr void bigquery_no_group_extract() {
  static_assert(dependent_false<D>,
                "egret: BigQuery's REGEXP_EXTRACT cannot select a capture group by number (it returns the "
                "pattern's only group); use re_search() and re_replace(), or render re_extract() for another "
                "dialect");
}
}  // namespace detail

template <>
struct spelling<dialect::bigquery_family, fn::re_search> : sql_template<"REGEXP_CONTAINS($1, $2)"> {};
template <>
struct spelling<dialect::bigquery_family, fn::re_extract> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    detail::bigquery_no_group_extract<D>();
  }
};
/// `REGEXP_REPLACE(s, p, r)`: every match. BigQuery reads \1 ... \9 in r, and \0 (not \&) for the match.
template <>
struct spelling<dialect::bigquery_family, fn::re_replace> : sql_template<"REGEXP_REPLACE($1, $2, $3)"> {};
template <>
struct spelling<dialect::bigquery_family, fn::reverse> : sql_template<"REVERSE($1)"> {};

}  // namespace egret
