// Defines egret::dialect::mssql: Microsoft SQL Server's T-SQL (SQL Server 2019 and later), as a difference
// from ansi. Render-only (egret has no SQL Server backend): `egret::to_sql<egret::dialect::mssql>(q)`.
// T-SQL has no BOOLEAN: egret writes 1/0, `x = 1` where a condition is expected and CASE where a condition
// is a value; LIMIT is TOP (n) or OFFSET ... FETCH; no FILTER, no NULLS FIRST/LAST (both emulated), no
// RETURNING or ON CONFLICT (OUTPUT and MERGE are other statements). Not included by <egret/egret.hpp>.
#pragma once

#include <egret/dialect/ansi.hpp>
#include <egret/expr/operators.hpp>
#include <egret/expr/window_spec.hpp>

namespace egret::win {
struct nth_value;
}  // namespace egret::win

namespace egret::dialect {

struct mssql_family {};

struct mssql : ansi {
  static constexpr std::string_view name = "SQL Server";
  using family = mssql_family;
  /// `[order]`; a `]` inside a name is doubled.
  static constexpr char quote_open = '[';
  static constexpr char quote_close = ']';
  /// `?`, the ODBC marker (also what JDBC and OLE DB prepare); sp_executesql's @p1 needs declarations.
  static constexpr placeholder_style placeholders = placeholder_style::question;
  static constexpr bool has_filter_clause = false;      // emulated with CASE
  static constexpr bool has_nulls_order = false;        // emulated with a CASE sort key
  static constexpr bool has_upsert = false;             // MERGE is another statement
  static constexpr bool has_returning = false;          // OUTPUT is another clause
  static constexpr bool has_boolean_literals = false;   // 1 / 0
  static constexpr bool has_boolean_expressions = false;
  static constexpr std::string_view with_recursive_keyword = "WITH ";

  /// `N'text'`: Unicode literals, as the NVARCHAR columns egret declares.
  template <class D, class V>
  static constexpr void string_literal(V& v, std::string_view s) {
    v.ch('N');
    ansi::string_literal<D>(v, s);
  }

  /// `CAST('2018-01-02' AS DATE)`, `CAST('2018-01-02 10:00:00' AS DATETIME2)`.
  template <class D, class V, class T>
  static void temporal_literal(V& v, T const& x) {
    v.text("CAST(");
    ansi::string_literal<D>(v, to_string(x));
    v.text(std::is_same_v<T, date> ? " AS DATE)" : " AS DATETIME2)");
  }

  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, std::int64_t>)
      return "BIGINT";
    else if constexpr (std::is_same_v<T, std::int32_t>)
      return "INT";
    else if constexpr (std::is_same_v<T, double>)
      return "FLOAT";
    else if constexpr (std::is_same_v<T, bool>)
      return "BIT";
    else if constexpr (std::is_same_v<T, date>)
      return "DATE";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "DATETIME2";
    else
      return "NVARCHAR(MAX)";
  }

  /// `+` concatenates text; AND / OR take conditions (a BIT value is compared with 1).
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    if constexpr (std::is_same_v<Op, op::concat>) {
      egret::detail::render_operand<D, S>(v, l, prec::additive);
      v.text(" + ");
      egret::detail::render_operand<D, S>(v, r, prec::additive, true);
    } else if constexpr (std::is_same_v<Op, op::land> || std::is_same_v<Op, op::lor>) {
      D::template render_condition<D, S>(v, l, Op::precedence);
      v.text(Op::sql);
      D::template render_condition<D, S>(v, r, Op::precedence + 1);
    } else {
      ansi::render_binary<D, Op, S>(v, l, r);
    }
  }

  /// `CASE WHEN e IS NULL THEN 1 ELSE 0 END [DESC], `: T-SQL cannot sort on a condition (a condition e is
  /// itself the CASE of render_select_value).
  template <class D, class S, bool First, class V, class E>
  static constexpr void render_null_sort_key(V& v, E const* e) {
    v.text("CASE WHEN ");
    if constexpr (is_condition<E>)
      D::template render_select_value<D, S>(v, e);
    else
      egret::detail::render_operand<D, S>(v, e, prec::compare, true);
    v.text(First ? " IS NULL THEN 1 ELSE 0 END DESC, " : " IS NULL THEN 1 ELSE 0 END, ");
  }

  /// T-SQL frames: ROWS, and RANGE between UNBOUNDED and CURRENT ROW only; no GROUPS, no EXCLUDE.
  template <class D, class Fn>
  static constexpr void require_window_function() {
    static_assert(!std::is_same_v<Fn, win::nth_value>,
                  "egret: SQL Server has no NTH_VALUE window function; number the rows with row_number() in a "
                  "subquery and keep the n-th");
  }

  template <class D, class Frame>
  static constexpr void require_frame() {
    static_assert(Frame::unit != frame_unit::groups,
                  "egret: SQL Server has no GROUPS window frames; use rows() or range()");
    static_assert(Frame::unit != frame_unit::range || !Frame::has_offset,
                  "egret: SQL Server's RANGE frames take no offset (only UNBOUNDED and CURRENT ROW); use rows()");
    static_assert(Frame::exclude == frame_exclude::none,
                  "egret: SQL Server window frames have no EXCLUDE clause; drop .exclude_...()");
  }

  /// `TOP (n) ` for a limit without an offset.
  template <class D, class S, class V, class Limit>
  static constexpr void render_select_prefix(V& v, Limit const* l) {
    if constexpr (Limit::has_limit && !Limit::has_offset) {
      v.text("TOP (");
      Limit::template render_count<D, S>(v, l);
      v.text(") ");
    }
  }

  /// T-SQL rejects an ORDER BY in a derived table, subquery or CTE without TOP or OFFSET: ` OFFSET 0 ROWS`.
  template <class D, class V>
  static constexpr void render_nested_order(V& v) {
    v.text(" OFFSET 0 ROWS");
  }

  /// OFFSET needs an ORDER BY: ` ORDER BY (SELECT NULL)` (no particular order) when the query has none.
  template <class D, class Limit, class V>
  static constexpr void render_unordered_limit(V& v) {
    if constexpr (Limit::has_offset) v.text(" ORDER BY (SELECT NULL)");
  }

  /// ` OFFSET m ROWS [FETCH NEXT n ROWS ONLY]` with an offset (a limit alone is TOP).
  template <class D, class S, class V, class Limit>
  static constexpr void render_limit(V& v, Limit const* l) {
    if constexpr (Limit::has_offset) {
      v.text(" OFFSET ");
      Limit::template render_offset<D, S>(v, l);
      v.text(" ROWS");
      if constexpr (Limit::has_limit) {
        v.text(" FETCH NEXT ");
        Limit::template render_count<D, S>(v, l);
        v.text(" ROWS ONLY");
      }
    }
  }
};

}  // namespace egret::dialect

#include <egret/expr/datetime.hpp>
#include <egret/expr/null.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/regex.hpp>
#include <egret/expr/text.hpp>

namespace egret {

namespace detail {
/// `FN(args...)` under another name.
template <fixed_string Name>
struct renamed_spelling {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text(Name.view());
    v.ch('(');
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};

/// The .NET format of FORMAT() for a checked SQLite specifier (%j has none: see the spelling of strftime).
constexpr std::string_view dotnet_format_field(char s) {
  switch (s) {
    case 'Y': return "yyyy";
    case 'm': return "MM";
    case 'd': return "dd";
    case 'H': return "HH";
    case 'M': return "mm";
    case 'S': return "ss";
    case 'f': return "ss.fff";
    default: return "";
  }
}

/// A strftime pattern as a .NET custom format: fields as above, every text run double-quoted (.NET reads
/// letters, `/` and `:` as format characters).
constexpr std::size_t dotnet_format_pattern(std::string_view f, char* out) {
  std::size_t n = 0;
  auto const put = [&](char c) {
    if (out != nullptr) out[n] = c;
    ++n;
  };
  std::size_t i = 0;
  while (i < f.size()) {
    if (f[i] == '%' && f[i + 1] != '%') {
      for (char c : dotnet_format_field(f[i + 1])) put(c);
      i += 2;
      continue;
    }
    put('"');
    while (i < f.size() && !(f[i] == '%' && f[i + 1] != '%')) {
      put(f[i]);
      i += f[i] == '%' ? 2 : 1;
    }
    put('"');
  }
  return n;
}

template <fixed_string F>
inline constexpr auto dotnet_format_text = [] {
  fixed_string<dotnet_format_pattern(F.view(), nullptr)> s;
  dotnet_format_pattern(F.view(), s.data);
  return s;
}();

/// T-SQL's unit name of DATEADD / DATEDIFF.
constexpr std::string_view tsql_unit(time_unit u) {
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
}  // namespace detail

// ---- numeric (T-SQL names; LOG(x) is the natural logarithm) ----
template <>
struct spelling<dialect::mssql_family, fn::ceil> : detail::renamed_spelling<"CEILING"> {};
template <>
struct spelling<dialect::mssql_family, fn::ln> : detail::renamed_spelling<"LOG"> {};
/// `LOG(x, b)`: T-SQL takes the base second.
template <>
struct spelling<dialect::mssql_family, fn::log> : sql_template<"LOG($2, $1)"> {};
/// ROUND needs its digits: `ROUND(x, 0)`.
template <>
struct spelling<dialect::mssql_family, fn::round> {
  template <class D, class S, class V, class A, class... N>
  static constexpr void render(V& v, A const* a, N const*... n) {
    v.text("ROUND(");
    A::template render<D, S>(v, a);
    if constexpr (sizeof...(N) == 0) v.text(", 0");
    ((v.text(", "), N::template render<D, S>(v, n)), ...);
    v.ch(')');
  }
};
/// `(a % b)` on integers; a FLOAT has no `%`: `a - b * ROUND(a / b, 0, 1)` (ROUND(..., 1) truncates), the
/// remainder with a's sign.
template <>
struct spelling<dialect::mssql_family, fn::mod> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    if constexpr (is_integer_v<value_type_t<A>> && is_integer_v<value_type_t<B>>)
      sql_template<"($1 % $2)">::template render<D, S>(v, a, b);
    else
      sql_template<"($1 - $2 * ROUND($1 / $2, 0, 1))">::template render<D, S>(v, a, b);
  }
};
/// GREATEST and LEAST arrived in SQL Server 2022: `(SELECT MAX(egret_v) FROM (VALUES (a), (b)) AS egret_g(egret_v))`,
/// each argument written once. NULLs are skipped (as PostgreSQL's GREATEST does); no aggregate argument.
template <bool Max>
struct tsql_extremum {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    if constexpr ((is_aggregate_v<A> || ...)) dialect::reject<D, dialect::rejection::emulated_function_of_aggregate>(v);
    v.text(Max ? "(SELECT MAX(egret_v) FROM (VALUES " : "(SELECT MIN(egret_v) FROM (VALUES ");
    bool first = true;
    ((v.text(first ? "(" : ", ("), first = false, A::template render<D, S>(v, a), v.ch(')')), ...);
    v.text(") AS egret_g(egret_v))");
  }
};
template <>
struct spelling<dialect::mssql_family, fn::greatest> : tsql_extremum<true> {};
template <>
struct spelling<dialect::mssql_family, fn::least> : tsql_extremum<false> {};

// ---- text ----
/// LEN (which ignores trailing spaces).
template <>
struct spelling<dialect::mssql_family, fn::length> : detail::renamed_spelling<"LEN"> {};
/// SUBSTRING needs a length: DATALENGTH (bytes) is never shorter than the rest of the text.
template <>
struct spelling<dialect::mssql_family, fn::substr> {
  template <class D, class S, class V, class A, class P, class... N>
  static constexpr void render(V& v, A const* a, P const* p, N const*... n) {
    if constexpr (sizeof...(N) == 0)
      sql_template<"SUBSTRING($1, $2, DATALENGTH($1))">::template render<D, S>(v, a, p);
    else
      detail::renamed_spelling<"SUBSTRING">::template render<D, S>(v, a, p, n...);
  }
};
template <>
struct spelling<dialect::mssql_family, fn::repeat> : detail::renamed_spelling<"REPLICATE"> {};
template <>
struct spelling<dialect::mssql_family, fn::lpad>
    : sql_template<"CASE WHEN LEN($1) >= $2 THEN LEFT($1, $2) ELSE RIGHT(REPLICATE($3, $2) + $1, $2) END"> {};
template <>
struct spelling<dialect::mssql_family, fn::rpad> : sql_template<"LEFT($1 + REPLICATE($3, $2), $2)"> {};
/// `CHARINDEX(x, s) > 0` (CHARINDEX takes the needle first).
template <>
struct spelling<dialect::mssql_family, fn::contains> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    sql_template<"CHARINDEX($2, $1)">::template render<D, S>(v, a, b);
    v.text(" > 0");
  }
};
template <>
struct spelling<dialect::mssql_family, fn::find> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    sql_template<"CHARINDEX($2, $1)">::template render<D, S>(v, a, b);
    v.text(" - 1");
  }
};
/// LIKE with the prefix's wildcards `[ % _` bracketed.
template <>
struct spelling<dialect::mssql_family, fn::startswith>
    : sql_template<"$1 LIKE REPLACE(REPLACE(REPLACE($2, '[', '[[]'), '%', '[%]'), '_', '[_]') + '%'"> {};
template <>
struct spelling<dialect::mssql_family, fn::endswith>
    : sql_template<"$1 LIKE '%' + REPLACE(REPLACE(REPLACE($2, '[', '[[]'), '%', '[%]'), '_', '[_]')"> {};
/// `a + b + c`.
template <>
struct spelling<dialect::mssql_family, fn::concat> {
  template <class D, class S, class V, class A, class... B>
  static constexpr void render(V& v, A const* a, B const*... bs) {
    detail::render_operand<D, S>(v, a, prec::additive);
    ((v.text(" + "), detail::render_operand<D, S>(v, bs, prec::additive, true)), ...);
  }
};
template <>
struct spelling<dialect::mssql_family, fn::reverse> : detail::renamed_spelling<"REVERSE"> {};

/// Regular expressions arrived in SQL Server 2025 (REGEXP_LIKE...): not in 2019.
template <class Fn>
  requires(std::is_same_v<Fn, fn::re_search> || std::is_same_v<Fn, fn::re_extract> || std::is_same_v<Fn, fn::re_replace>)
struct spelling<dialect::mssql_family, Fn> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    static_assert(dependent_false<D>,
                  "egret: SQL Server 2019 has no regular expressions (re_search, re_extract, re_replace); use "
                  "like() or contains(), or filter the rows in C++");
  }
};

// ---- NULL ----
/// IS NOT DISTINCT FROM arrived in SQL Server 2022: `EXISTS (SELECT a INTERSECT SELECT b)` (INTERSECT
/// compares NULLs as equal), each argument written once.
template <>
struct spelling<dialect::mssql_family, fn::identical_to> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    v.text("EXISTS (SELECT ");
    A::template render<D, S>(v, a);
    v.text(" INTERSECT SELECT ");
    B::template render<D, S>(v, b);
    v.ch(')');
  }
};

// ---- aggregates ----
/// ANY / ALL over a BIT: `MAX(CASE WHEN p THEN 1 ELSE 0 END)` (BIT has no MAX), the filter inside the CASE.
template <bool Max>
struct tsql_bool_aggregate {
  static constexpr bool emulated = true;
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    using E = typename A::argument;
    using F = typename A::filter_type;
    v.text(Max ? "MAX(CASE WHEN " : "MIN(CASE WHEN ");
    if constexpr (requires { &F::pred; }) {
      D::template render_condition<D, S>(v, a ? &a->filter.pred : nullptr, prec::land);
      v.text(" THEN CASE WHEN ");
      D::template render_condition<D, S>(v, a ? &a->arg : static_cast<E const*>(nullptr), 0);
      v.text(" THEN 1 ELSE 0 END END)");
    } else {
      D::template render_condition<D, S>(v, a ? &a->arg : static_cast<E const*>(nullptr), 0);
      v.text(" THEN 1 ELSE 0 END)");
    }
  }
};
template <>
struct aggregate_spelling<dialect::mssql_family, agg::any> : tsql_bool_aggregate<true> {};
template <>
struct aggregate_spelling<dialect::mssql_family, agg::all> : tsql_bool_aggregate<false> {};
template <>
struct aggregate_spelling<dialect::mssql_family, agg::var_samp> {
  static constexpr std::string_view sql = "VAR";
};
template <>
struct aggregate_spelling<dialect::mssql_family, agg::var_pop> {
  static constexpr std::string_view sql = "VARP";
};
template <>
struct aggregate_spelling<dialect::mssql_family, agg::stddev_samp> {
  static constexpr std::string_view sql = "STDEV";
};
template <>
struct aggregate_spelling<dialect::mssql_family, agg::stddev_pop> {
  static constexpr std::string_view sql = "STDEVP";
};

// ---- date and time ----
/// `CAST(DATEPART(YEAR, x) AS BIGINT)`; day_of_week from WEEKDAY and @@DATEFIRST, Monday = 0 whatever the
/// session's first day.
template <date_part P>
struct spelling<dialect::mssql_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr std::string_view part = P == date_part::year          ? "YEAR"
                                      : P == date_part::quarter     ? "QUARTER"
                                      : P == date_part::month       ? "MONTH"
                                      : P == date_part::day         ? "DAY"
                                      : P == date_part::day_of_week ? "WEEKDAY"
                                      : P == date_part::day_of_year ? "DAYOFYEAR"
                                      : P == date_part::hour        ? "HOUR"
                                      : P == date_part::minute      ? "MINUTE"
                                                                    : "SECOND";
    v.text(P == date_part::day_of_week ? "CAST((DATEPART(" : "CAST(DATEPART(");
    v.text(part);
    v.text(", ");
    A::template render<D, S>(v, a);
    v.text(P == date_part::day_of_week ? ") + @@DATEFIRST + 5) % 7 AS BIGINT)" : ") AS BIGINT)");
  }
};

/// `CAST(DATEADD(MONTH, DATEDIFF(MONTH, 0, x), 0) AS DATE)`: whole units since 1900-01-01 (a Monday, so
/// weeks are `DATEDIFF(DAY, 0, x) / 7` weeks); seconds drop the nanoseconds. Cast back to DATE or DATETIME2.
template <time_unit U>
struct spelling<dialect::mssql_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr bool is_date = std::is_same_v<value_type_t<A>, date>;
    if constexpr (U == time_unit::second) {
      sql_template<"DATEADD(NANOSECOND, -DATEPART(NANOSECOND, $1), $1)">::template render<D, S>(v, a);
    } else {
      v.text("CAST(DATEADD(");
      v.text(detail::tsql_unit(U));
      v.text(U == time_unit::week ? ", DATEDIFF(DAY, 0, " : ", DATEDIFF(");
      if constexpr (U != time_unit::week) {
        v.text(detail::tsql_unit(U));
        v.text(", 0, ");
      }
      A::template render<D, S>(v, a);
      v.text(U == time_unit::week ? ") / 7, 0)" : "), 0)");
      v.text(is_date ? " AS DATE)" : " AS DATETIME2)");
    }
  }
};

/// `DATEADD(DAY, n, x)` (`-(n)` to subtract).
template <time_unit U, bool Subtract>
struct spelling<dialect::mssql_family, fn::shift<U, Subtract>> {
  static constexpr std::string_view head = "DATEADD(";
  static constexpr std::string_view unit = detail::tsql_unit(U);
  static constexpr std::string_view tail = Subtract ? ", -($2), $1)" : ", $2, $1)";
  static constexpr auto body = [] {
    fixed_string<head.size() + unit.size() + tail.size()> s;
    std::size_t n = 0;
    for (char c : head) s.data[n++] = c;
    for (char c : unit) s.data[n++] = c;
    for (char c : tail) s.data[n++] = c;
    return s;
  }();
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    sql_template<body>::template render<D, S>(v, x, n);
  }
};

/// `CAST(DATEDIFF(DAY, a, b) AS BIGINT)`: the day boundaries crossed from a to b (for timestamps, not the
/// elapsed days truncated).
template <>
struct spelling<dialect::mssql_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    v.text("CAST(DATEDIFF(DAY, ");
    A::template render<D, S>(v, a);
    v.text(", ");
    B::template render<D, S>(v, b);
    v.text(") AS BIGINT)");
  }
};

/// `FORMAT(x, '<.NET pattern>', 'en-US')`; %j (day of the year) has no .NET format: a compile error.
template <fixed_string F>
struct spelling<dialect::mssql_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    static_assert(F.view().find("%j") == std::string_view::npos,
                  "egret: SQL Server's FORMAT() has no day of the year (%j); use day_of_year() and cast<>() it");
    v.text("FORMAT(");
    A::template render<D, S>(v, a);
    v.text(", ");
    D::template string_literal<D>(v, detail::dotnet_format_text<F>.view());
    v.text(", 'en-US')");
  }
};

/// Today and now in UTC, as SQLite's CURRENT_DATE / CURRENT_TIMESTAMP.
template <>
struct spelling<dialect::mssql_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(SYSUTCDATETIME() AS DATE)");
  }
};
template <>
struct spelling<dialect::mssql_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(SYSUTCDATETIME() AS DATETIME2(0))");
  }
};

}  // namespace egret
