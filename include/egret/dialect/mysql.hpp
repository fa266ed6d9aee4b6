// Defines egret::dialect::mysql (MySQL 8) and egret::dialect::mariadb (MariaDB 10.6 and newer): their spelling,
// as a difference from ansi, and the spellings of egret's functions on them (`spelling<mysql_family, Fn>`).
//
// Both: identifiers in backticks, `?` placeholders, string literals with quotes and backslashes doubled (the
// server reads a backslash as an escape unless sql_mode has NO_BACKSLASH_ESCAPES), `||` written CONCAT() (it
// is OR in MySQL), integer `/` written DIV (truncating, egret's rule), `a IS NOT DISTINCT FROM b` written
// `a <=> b`. They lack FILTER and NULLS FIRST / LAST (egret emulates both), FULL OUTER JOIN (RIGHT JOIN they
// have) and UPDATE ... FROM. An upsert is `ON DUPLICATE KEY UPDATE` (statement/conflict.hpp), which fires on a
// conflict with any unique key, not only the on_conflict() target (docs/mysql.md). MariaDB has RETURNING on
// INSERT and DELETE; MySQL has none.
//
// Type names: CAST targets differ from column types on these engines (no CAST AS BIGINT): `type_name` gives the
// CREATE TABLE types (INT, BIGINT, DOUBLE, BOOLEAN, LONGTEXT, DATE, DATETIME(6); a text key column is VARCHAR(255),
// render_key_column_type), `cast_type_name` the CAST targets (SIGNED, DOUBLE, CHAR, DATE, DATETIME(6)). See
// docs/mysql.md.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <egret/dialect/ansi.hpp>
#include <egret/expr/operators.hpp>

namespace egret::dialect {

/// The function spellings both engines share (one family: where they differ, a spelling reads D::is_mariadb).
struct mysql_family {};

/// The traits of MySQL (IsMariaDB = false) and MariaDB. Use the aliases `mysql` and `mariadb`.
template <bool IsMariaDB>
struct mysql_v : ansi {
  static constexpr std::string_view name = IsMariaDB ? "MariaDB" : "MySQL";
  using family = mysql_family;
  static constexpr bool is_mariadb = IsMariaDB;
  /// DDL commits implicitly (before and after the statement).
  static constexpr bool has_transactional_ddl = false;
  static constexpr char quote_open = '`';
  static constexpr char quote_close = '`';
  static constexpr placeholder_style placeholders = placeholder_style::question;

  /// Emulated: `SUM(CASE WHEN p THEN x END)`.
  static constexpr bool has_filter_clause = false;
  /// Emulated: ORDER BY `x IS NULL`, x.
  static constexpr bool has_nulls_order = false;
  /// on_conflict(...).do_update(set(c, x)...) is `ON DUPLICATE KEY UPDATE `c` = x`, excluded(c) is `VALUES(`c`)`
  /// (deprecated on MySQL 8.0.20+, still accepted; MariaDB has no other spelling), do_nothing() is
  /// `ON DUPLICATE KEY UPDATE `c` = `c`` on the first target column. The engine checks every unique key, not the
  /// target's only; it has no WHERE there, and assigns left to right (both rejected, statement/conflict.hpp).
  static constexpr bool has_upsert = true;
  static constexpr bool upsert_on_duplicate_key = true;
  /// MariaDB: INSERT ... RETURNING and DELETE ... RETURNING (10.5); UPDATE ... RETURNING is a server error.
  static constexpr bool has_returning = IsMariaDB;
  static constexpr bool has_update_from = false;
  static constexpr bool has_pipeline_statements = true;
  static constexpr std::string_view drop_temporary_table_keyword = "DROP TEMPORARY TABLE ";
  static constexpr std::string_view distinct_from_open = "NOT (";
  static constexpr std::string_view distinct_from_infix = " <=> ";
  static constexpr std::string_view distinct_from_close = ")";
  static constexpr bool has_update_join = true;
  /// RIGHT JOIN exists, FULL OUTER JOIN does not.
  static constexpr bool has_right_full_join = true;
  static constexpr bool has_full_join = false;
  static constexpr bool has_window_functions = true;
  static constexpr bool has_math_functions = true;
  static constexpr bool has_boolean_literals = true;

  /// `'text'`: a quote doubled, and a backslash doubled (an escape character in the default sql_mode).
  template <class D, class V>
  static constexpr void string_literal(V& v, std::string_view s) {
    v.ch('\'');
    for (char c : s) {
      if (c == '\'' || c == '\\') v.ch(c);
      v.ch(c);
    }
    v.ch('\'');
  }

  /// The CAST target for T: SIGNED for integers and BOOLEAN (no CAST AS BOOLEAN), DOUBLE, CHAR, DATE,
  /// DATETIME(6) (microseconds, like egret::timestamp).
  template <class D, class T>
  static constexpr std::string_view cast_type_name() {
    if constexpr (is_integer_v<T> || std::is_same_v<T, bool>)
      return "SIGNED";
    else if constexpr (std::is_same_v<T, double>)
      return "DOUBLE";
    else if constexpr (std::is_same_v<T, date>)
      return "DATE";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "DATETIME(6)";
    else
      return "CHAR";
  }

  /// The column type of T in CREATE TABLE: INT, BIGINT, DOUBLE, BOOLEAN, DATE, DATETIME(6), LONGTEXT (CAST writes
  /// cast_type_name instead). Text is LONGTEXT (up to 4 GB), not TEXT (64 KB): a std::string that SQLite and
  /// PostgreSQL keep (a 10 MB document) must fit here too.
  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, std::int32_t>)
      return "INT";
    else if constexpr (is_integer_v<T>)
      return "BIGINT";
    else if constexpr (std::is_same_v<T, double>)
      return "DOUBLE";
    else if constexpr (std::is_same_v<T, bool>)
      return "BOOLEAN";
    else if constexpr (std::is_same_v<T, date>)
      return "DATE";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "DATETIME(6)";
    else
      return "LONGTEXT";
  }

  /// A text column of the PRIMARY KEY is `VARCHAR(255) NOT NULL` (a TEXT / LONGTEXT column cannot be a key).
  template <class D, class T, class V>
  static constexpr void render_key_column_type(V& v) {
    if constexpr (is_text_v<T>)
      v.text("VARCHAR(255) NOT NULL");
    else
      D::template render_column_type<D, T, false>(v);
  }

  /// `a DIV b` for two integers (truncating, as egret's `/`), `CONCAT(a, b)` for text (`||` is OR), else ansi.
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    if constexpr (std::is_same_v<Op, op::concat>) {
      v.text("CONCAT(");
      L::template render<D, S>(v, l);
      v.text(", ");
      R::template render<D, S>(v, r);
      v.ch(')');
    } else if constexpr (std::is_same_v<Op, op::div> && is_integer_v<value_type_t<L>> && is_integer_v<value_type_t<R>>) {
      egret::detail::render_operand<D, S>(v, l, Op::precedence);
      v.text(" DIV ");
      egret::detail::render_operand<D, S>(v, r, Op::precedence, true);
    } else {
      ansi::render_binary<D, Op, S>(v, l, r);
    }
  }

  /// `LIMIT n [OFFSET m]`; an OFFSET alone needs a LIMIT: the largest one, 18446744073709551615.
  template <class D, class S, class V, class Limit>
  static constexpr void render_limit(V& v, Limit const* l) {
    if constexpr (Limit::has_limit) {
      v.text(" LIMIT ");
      Limit::template render_count<D, S>(v, l);
    } else if constexpr (Limit::has_offset) {
      v.text(" LIMIT 18446744073709551615");
    }
    if constexpr (Limit::has_offset) {
      v.text(" OFFSET ");
      Limit::template render_offset<D, S>(v, l);
    }
  }
};

/// MySQL 8.0 (8.0.17 or newer: CAST AS DOUBLE).
using mysql = mysql_v<false>;
/// MariaDB 10.6 or newer.
using mariadb = mysql_v<true>;

}  // namespace egret::dialect

// ---- date and time functions (expr/datetime.hpp) ----
#include <egret/expr/datetime.hpp>
#include <egret/expr/text.hpp>

namespace egret {

namespace detail {
/// The MySQL function that reads date part P (every one has its own; WEEKDAY is Monday = 0).
constexpr std::string_view mysql_part_function(date_part p) {
  switch (p) {
    case date_part::year: return "YEAR(";
    case date_part::quarter: return "QUARTER(";
    case date_part::month: return "MONTH(";
    case date_part::day: return "DAYOFMONTH(";
    case date_part::day_of_week: return "WEEKDAY(";
    case date_part::day_of_year: return "DAYOFYEAR(";
    case date_part::hour: return "HOUR(";
    case date_part::minute: return "MINUTE(";
    case date_part::second: return "SECOND(";
  }
  return "";
}

/// The INTERVAL unit keyword of U.
constexpr std::string_view mysql_unit(time_unit u) {
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

/// The DATE_FORMAT pattern that truncates a TIMESTAMP to unit U (year ... second, not quarter or week).
constexpr std::string_view mysql_truncate_format(time_unit u) {
  switch (u) {
    case time_unit::year: return "'%Y-01-01 00:00:00'";
    case time_unit::month: return "'%Y-%m-01 00:00:00'";
    case time_unit::day: return "'%Y-%m-%d 00:00:00'";
    case time_unit::hour: return "'%Y-%m-%d %H:00:00'";
    case time_unit::minute: return "'%Y-%m-%d %H:%i:00'";
    default: return "'%Y-%m-%d %H:%i:%s'";
  }
}

/// A strftime pattern (checked by strftime()) as a SQL template over $1: `DATE_FORMAT($1, '<pattern>')`
/// with %M -> %i, %S -> %s; %f (seconds with milliseconds, SS.SSS) becomes
/// `DATE_FORMAT($1, '%s.'), SUBSTR(DATE_FORMAT($1, '%f'), 1, 3)` inside a CONCAT. Writes to out when not null; returns the
/// length either way.
constexpr std::size_t mysql_strftime_template(std::string_view f, char* out) {
  std::size_t n = 0;
  auto const put = [&](std::string_view s) {
    for (char c : s) {
      if (out != nullptr) out[n] = c;
      ++n;
    }
  };
  bool const millis = f.find("%f") != std::string_view::npos;
  put(millis ? "CONCAT(" : "");
  bool open = false;  // inside a DATE_FORMAT's pattern
  bool first = true;  // no CONCAT argument written yet
  auto const begin_format = [&] {
    if (open) return;
    put(first ? "DATE_FORMAT($1, '" : ", DATE_FORMAT($1, '");
    open = true;
    first = false;
  };
  for (std::size_t i = 0; i < f.size(); ++i) {
    char const c = f[i];
    if (c == '%' && i + 1 < f.size() && f[i + 1] == 'f') {
      ++i;
      begin_format();
      put("%s.')");
      put(", SUBSTR(DATE_FORMAT($1, '%f'), 1, 3)");
      open = false;
      continue;
    }
    begin_format();
    if (c == '\'') {
      put("''");
    } else if (c == '%' && i + 1 < f.size()) {
      char const s = f[++i];
      if (s == 'M')
        put("%i");
      else if (s == 'S')
        put("%s");
      else {
        char const pair[2] = {'%', s};
        put(std::string_view(pair, 2));
      }
    } else {
      put(std::string_view(&f[i], 1));
    }
  }
  if (first) put("DATE_FORMAT($1, '");
  if (open || first) put("')");
  if (millis) put(")");
  return n;
}

template <fixed_string F>
inline constexpr auto mysql_strftime_text = [] {
  fixed_string<mysql_strftime_template(F.view(), nullptr)> s;
  mysql_strftime_template(F.view(), s.data);
  return s;
}();
}  // namespace detail

/// `YEAR(x)`, `QUARTER(x)`, `MONTH(x)`, `DAYOFMONTH(x)`, `WEEKDAY(x)` (Monday = 0), `DAYOFYEAR(x)`, `HOUR(x)`...
template <date_part P>
struct spelling<dialect::mysql_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text(egret::detail::mysql_part_function(P));
    A::template render<D, S>(v, a);
    v.ch(')');
  }
};

/// A DATE: `CAST(DATE_FORMAT(x, '%Y-%m-01') AS DATE)`; a TIMESTAMP: `CAST(DATE_FORMAT(x, '%Y-%m-01 00:00:00')
/// AS DATETIME(6))`. A quarter from MAKEDATE and QUARTER, a week (Monday) by subtracting WEEKDAY days: these
/// name x twice (sql_template binds a run-time value once).
template <time_unit U>
struct spelling<dialect::mysql_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr bool ts = std::is_same_v<value_type_t<A>, timestamp>;
    if constexpr (U == time_unit::quarter) {
      if constexpr (ts)
        sql_template<"CAST(MAKEDATE(YEAR($1), 1) + INTERVAL (QUARTER($1) - 1) QUARTER AS DATETIME(6))">::template render<D, S>(v, a);
      else
        sql_template<"MAKEDATE(YEAR($1), 1) + INTERVAL (QUARTER($1) - 1) QUARTER">::template render<D, S>(v, a);
    } else if constexpr (U == time_unit::week) {
      if constexpr (ts)
        sql_template<"CAST(DATE($1) - INTERVAL WEEKDAY($1) DAY AS DATETIME(6))">::template render<D, S>(v, a);
      else
        sql_template<"$1 - INTERVAL WEEKDAY($1) DAY">::template render<D, S>(v, a);
    } else if constexpr (!ts && U == time_unit::day) {
      v.text("CAST(");
      A::template render<D, S>(v, a);
      v.text(" AS DATE)");
    } else {
      v.text("CAST(DATE_FORMAT(");
      A::template render<D, S>(v, a);
      v.text(", ");
      if constexpr (ts)
        v.text(egret::detail::mysql_truncate_format(U));
      else
        v.text(U == time_unit::year ? "'%Y-01-01'" : "'%Y-%m-01'");
      v.text(ts ? ") AS DATETIME(6))" : ") AS DATE)");
    }
  }
};

/// `DATE_ADD(x, INTERVAL n DAY)`, `DATE_SUB(x, INTERVAL n MONTH)` (a month past its end is clamped to the
/// last day, as on PostgreSQL).
template <time_unit U, bool Subtract>
struct spelling<dialect::mysql_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    v.text(Subtract ? "DATE_SUB(" : "DATE_ADD(");
    X::template render<D, S>(v, x);
    v.text(", INTERVAL ");
    egret::detail::render_operand<D, S>(v, n, prec::atom);
    v.ch(' ');
    v.text(egret::detail::mysql_unit(U));
    v.ch(')');
  }
};

/// `TIMESTAMPDIFF(DAY, a, b)`: whole days from a to b, truncated toward zero (for DATEs and TIMESTAMPs).
template <>
struct spelling<dialect::mysql_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    v.text("TIMESTAMPDIFF(DAY, ");
    A::template render<D, S>(v, a);
    v.text(", ");
    B::template render<D, S>(v, b);
    v.ch(')');
  }
};

/// `DATE_FORMAT(x, '<pattern>')`, the strftime pattern translated (%M -> %i, %S -> %s; %f through SUBSTR).
template <fixed_string F>
struct spelling<dialect::mysql_family, fn::strftime<F>> : sql_template<egret::detail::mysql_strftime_text<F>> {};

/// Today in UTC, as SQLite's CURRENT_DATE.
template <>
struct spelling<dialect::mysql_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("UTC_DATE()");
  }
};

/// Now in UTC to the second, as SQLite's CURRENT_TIMESTAMP.
template <>
struct spelling<dialect::mysql_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("UTC_TIMESTAMP()");
  }
};

}  // namespace egret

// ---- regular expressions and reverse() (expr/regex.hpp) ----
#include <egret/expr/regex.hpp>

namespace egret {

/// `s REGEXP p` (case-sensitive under the binary collation egret::mysql::connection sets).
template <>
struct spelling<dialect::mysql_family, fn::re_search> {
  template <class D, class S, class V, class A, class P>
  static constexpr void render(V& v, A const* s, P const* p) {
    egret::detail::render_operand<D, S>(v, s, prec::compare, true);
    v.text(" REGEXP ");
    egret::detail::render_operand<D, S>(v, p, prec::compare, true);
  }
};

/// `REGEXP_REPLACE(s, p, r)`: every match. Replacements: \1 ... \9 on MariaDB; MySQL 8 reads $1 instead.
template <>
struct spelling<dialect::mysql_family, fn::re_replace> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text("REGEXP_REPLACE(");
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};

template <>
struct spelling<dialect::mysql_family, fn::reverse> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("REVERSE(");
    A::template render<D, S>(v, a);
    v.ch(')');
  }
};

}  // namespace egret

// ---- numeric, text, NULL and aggregate functions (expr/numeric.hpp, text.hpp, null.hpp, aggregate.hpp) ----
#include <egret/expr/aggregate.hpp>
#include <egret/expr/null.hpp>
#include <egret/expr/numeric.hpp>

namespace egret {

/// A DOUBLE is rounded as DECIMAL, halves away from zero as on SQLite (the server rounds a DOUBLE half to
/// even), then cast back.
template <>
struct spelling<dialect::mysql_family, fn::round> {
  template <class D, class S, class V, class A, class... N>
  static constexpr void render(V& v, A const* a, N const*... n) {
    constexpr bool dbl = std::is_same_v<value_type_t<A>, double>;
    v.text(dbl ? "CAST(ROUND(CAST(" : "ROUND(");
    A::template render<D, S>(v, a);
    if constexpr (dbl) v.text(" AS DECIMAL(65, 30))");
    ((v.text(", "), N::template render<D, S>(v, n)), ...);
    v.text(dbl ? ") AS DOUBLE)" : ")");
  }
};

/// LENGTH counts bytes: CHAR_LENGTH counts characters.
template <>
struct spelling<dialect::mysql_family, fn::length> : sql_template<"CHAR_LENGTH($1)"> {};
template <>
struct spelling<dialect::mysql_family, fn::contains> : sql_template<"INSTR($1, $2) > 0"> {};
template <>
struct spelling<dialect::mysql_family, fn::find> : sql_template<"INSTR($1, $2) - 1"> {};
/// The first occurrence of t is at 1 exactly when s starts with t ('' occurs at 1).
template <>
struct spelling<dialect::mysql_family, fn::startswith> : sql_template<"INSTR($1, $2) = 1"> {};
template <>
struct spelling<dialect::mysql_family, fn::endswith> : sql_template<"INSTR(REVERSE($1), REVERSE($2)) = 1"> {};
/// `CONCAT(a, b, ...)`: NULL when any part is (`||` is OR).
template <>
struct spelling<dialect::mysql_family, fn::concat> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text("CONCAT(");
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};
/// `a <=> b`: the NULL-safe equality.
template <>
struct spelling<dialect::mysql_family, fn::identical_to> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    detail::render_operand<D, S>(v, a, prec::compare, true);
    v.text(" <=> ");
    detail::render_operand<D, S>(v, b, prec::compare, true);
  }
};

/// Booleans are 0/1: ANY and ALL are MAX and MIN.
template <>
struct aggregate_spelling<dialect::mysql_family, agg::any> {
  static constexpr std::string_view sql = "MAX";
};
template <>
struct aggregate_spelling<dialect::mysql_family, agg::all> {
  static constexpr std::string_view sql = "MIN";
};

/// `GROUP_CONCAT([DISTINCT] x SEPARATOR sep)` (the filter as `CASE WHEN p THEN x END`). The separator must
/// be a constant (`str<", ">`, the default ','): the server takes no bound value there.
template <>
struct aggregate_spelling<dialect::mysql_family, agg::group_concat> {
  static constexpr bool emulated = true;

  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    using E = typename A::argument;
    using F = typename A::filter_type;
    using X = decltype(E::arg);
    using Sep = decltype(E::sep);
    static_assert(egret::detail::renders_without_values<Sep>::value,
                  "egret: MySQL's GROUP_CONCAT takes a constant SEPARATOR; write it as str<\"...\">");
    E const* e = a ? &a->arg : nullptr;
    v.text("GROUP_CONCAT(");
    if constexpr (A::distinct) v.text("DISTINCT ");
    if constexpr (requires { &F::pred; }) {
      using P = decltype(F::pred);
      v.text("CASE WHEN ");
      P::template render<D, S>(v, a ? &a->filter.pred : nullptr);
      v.text(" THEN ");
      X::template render<D, S>(v, e ? &e->arg : nullptr);
      v.text(" END");
    } else {
      X::template render<D, S>(v, e ? &e->arg : nullptr);
    }
    v.text(" SEPARATOR ");
    Sep::template render<D, S>(v, e ? &e->sep : nullptr);
    v.ch(')');
  }
};

}  // namespace egret
