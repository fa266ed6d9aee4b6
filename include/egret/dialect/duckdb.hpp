// Defines egret::dialect::duckdb: DuckDB's spelling, as a difference from ansi, rendered with
// `egret::to_sql<egret::dialect::duckdb>(q)` and executed by the DuckDB backend (egret::duckdb, include/egret/duckdb/;
// the conformance suite runs every case on it, docs/conformance.md). DuckDB is close to PostgreSQL, so
// `duckdb_family` takes every PostgreSQL spelling (`spelling<postgres_family, Fn>`) except those below.
// Not included by <egret/egret.hpp>: include <egret/dialect/duckdb.hpp>.
#pragma once

#include <egret/dialect/ansi.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/expr/operators.hpp>

namespace egret::dialect {

struct duckdb_family {};

struct duckdb : ansi {
  static constexpr std::string_view name = "DuckDB";
  using family = duckdb_family;
  /// `?`: DuckDB takes `?` and `$1`; `?` is what its C API, ODBC and JDBC drivers prepare.
  static constexpr placeholder_style placeholders = placeholder_style::question;
  /// Temporary tables live in the `temp` schema, as on SQLite.
  static constexpr bool has_pipeline_statements = true;
  static constexpr std::string_view temporary_schema = "temp.";
  /// read_parquet and COPY ... (FORMAT PARQUET).
  static constexpr bool has_parquet = true;

  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, double>)
      return "DOUBLE";
    else if constexpr (std::is_same_v<T, std::string>)
      return "VARCHAR";
    else
      return sql_type<T>::name;
  }

  /// As ansi, but `/` on two integers is DuckDB's integer division `//` (its `/` gives a DOUBLE).
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    if constexpr (std::is_same_v<Op, op::div> && is_integer_v<value_type_t<L>> && is_integer_v<value_type_t<R>>) {
      egret::detail::render_operand<D, S>(v, l, Op::precedence);
      v.text(" // ");
      egret::detail::render_operand<D, S>(v, r, Op::precedence, true);
    } else {
      ansi::render_binary<D, Op, S>(v, l, r);
    }
  }
};

}  // namespace egret::dialect

#include <egret/expr/datetime.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/regex.hpp>
#include <egret/expr/text.hpp>

namespace egret {

/// Every function DuckDB spells as PostgreSQL does (the specializations below are the exceptions).
template <class Fn>
struct spelling<dialect::duckdb_family, Fn> : spelling<dialect::postgres_family, Fn> {};
/// Aggregates: as PostgreSQL (BOOL_OR, STRING_AGG, VAR_SAMP... are DuckDB's names too).
template <class Fn>
struct aggregate_spelling<dialect::duckdb_family, Fn> : aggregate_spelling<dialect::postgres_family, Fn> {};

namespace detail {
/// The DuckDB strftime field of a checked SQLite specifier: the same letters, but %f (seconds with their
/// fraction, SQLite's SS.SSS) is `%S.%g` (milliseconds).
constexpr std::string_view duckdb_strftime_field(char s) { return s == 'f' ? "%S.%g" : ""; }

constexpr std::size_t duckdb_strftime_pattern(std::string_view f, char* out) {
  std::size_t n = 0;
  auto const put = [&](char c) {
    if (out != nullptr) out[n] = c;
    ++n;
  };
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == '%' && i + 1 < f.size() && f[i + 1] == 'f') {
      for (char c : duckdb_strftime_field('f')) put(c);
      ++i;
    } else if (f[i] == '%' && i + 1 < f.size()) {
      put('%');
      put(f[++i]);  // %Y %m %d %H %M %S %j and %% mean the same in DuckDB
    } else {
      put(f[i]);
    }
  }
  return n;
}

template <fixed_string F>
inline constexpr auto duckdb_strftime_text = [] {
  fixed_string<duckdb_strftime_pattern(F.view(), nullptr)> s;
  duckdb_strftime_pattern(F.view(), s.data);
  return s;
}();
}  // namespace detail

/// `CAST(x + to_months(n) AS DATE)` for a DATE, `(x + to_hours(n))` for a TIMESTAMP (to_days, to_weeks...:
/// DuckDB's interval constructors; subtracting writes `-`). DuckDB clamps to the month's end.
template <time_unit U, bool Subtract>
struct spelling<dialect::duckdb_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    constexpr bool is_date = std::is_same_v<value_type_t<X>, date>;
    v.text(is_date ? "CAST(" : "(");
    egret::detail::render_operand<D, S>(v, x, prec::additive);
    v.text(Subtract ? " - to_" : " + to_");
    v.text(egret::detail::unit_name(U));
    v.text("s(");
    N::template render<D, S>(v, n);
    v.text(is_date ? ") AS DATE)" : "))");
  }
};

/// Whole days from a to b: `date_diff('day', a, b)` for dates; for timestamps the elapsed seconds over
/// 86400, truncated toward zero, `CAST(TRUNC((-epoch(a) + epoch(b)) / 86400) AS BIGINT)`.
template <>
struct spelling<dialect::duckdb_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    if constexpr (std::is_same_v<value_type_t<A>, date>) {
      v.text("date_diff('day', ");
      A::template render<D, S>(v, a);
      v.text(", ");
      B::template render<D, S>(v, b);
      v.ch(')');
    } else {
      v.text("CAST(TRUNC((-epoch(");
      A::template render<D, S>(v, a);
      v.text(") + epoch(");
      B::template render<D, S>(v, b);
      v.text(")) / 86400) AS BIGINT)");
    }
  }
};

/// `strftime(x, '<pattern>')`: DuckDB's argument order (SQLite's is pattern first).
template <fixed_string F>
struct spelling<dialect::duckdb_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("strftime(");
    A::template render<D, S>(v, a);
    v.text(", ");
    D::template string_literal<D>(v, egret::detail::duckdb_strftime_text<F>.view());
    v.ch(')');
  }
};

/// Now in UTC to the second (DuckDB's TIMESTAMP takes no precision): `date_trunc('second', CURRENT_TIMESTAMP AT
/// TIME ZONE 'UTC')`.
template <>
struct spelling<dialect::duckdb_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("date_trunc('second', CURRENT_TIMESTAMP AT TIME ZONE 'UTC')");
  }
};

/// `regexp_matches(s, p)`: a match anywhere.
template <>
struct spelling<dialect::duckdb_family, fn::re_search> {
  template <class D, class S, class V, class A, class P>
  static constexpr void render(V& v, A const* s, P const* p) {
    v.text("regexp_matches(");
    A::template render<D, S>(v, s);
    v.text(", ");
    P::template render<D, S>(v, p);
    v.ch(')');
  }
};

/// `NULLIF(regexp_extract(s, p, g), '')`: DuckDB gives '' without a match, egret NULL (so an empty match
/// reads as NULL too).
template <>
struct spelling<dialect::duckdb_family, fn::re_extract> : sql_template<"NULLIF(regexp_extract($1, $2, $3), '')"> {};

/// DuckDB rounds a DOUBLE half away from zero, as SQLite does: plain ROUND. Its digits are an INTEGER (there is
/// no ROUND(DOUBLE, BIGINT)): BIGINT digits, a bound C++ integer among them, are cast AS INTEGER (found by the
/// differential test).
template <>
struct spelling<dialect::duckdb_family, fn::round> : detail::pg_integer_args<fn::round> {};
/// `LOG(b, x)`, the standard spelling (DuckDB 1.1 and later).
template <>
struct spelling<dialect::duckdb_family, fn::log> : spelling<dialect::ansi_family, fn::log> {};
/// `(a % b)`, for integers and DOUBLE alike (the remainder has a's sign).
template <>
struct spelling<dialect::duckdb_family, fn::mod> : sql_template<"($1 % $2)"> {};
/// ENDS_WITH, as in standard spelling.
template <>
struct spelling<dialect::duckdb_family, fn::endswith> : spelling<dialect::ansi_family, fn::endswith> {};

}  // namespace egret
