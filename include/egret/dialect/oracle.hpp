// Defines egret::dialect::oracle: Oracle Database 19c, as a difference from ansi. Render-only (egret has no
// Oracle backend): `egret::to_sql<egret::dialect::oracle>(q)`. Oracle 19c has no BOOLEAN in SQL (egret
// writes 1/0, `x = 1` where a condition is expected, CASE where a condition is a value), no AS before a
// table alias, `FROM DUAL` for a SELECT of no table, MINUS for EXCEPT, `:1` placeholders, no FILTER
// (emulated), no RETURNING in egret's sense (RETURNING INTO binds variables), no ON CONFLICT (MERGE), no
// UPDATE ... FROM. Not included by <egret/egret.hpp>.
#pragma once

#include <egret/dialect/ansi.hpp>
#include <egret/expr/operators.hpp>
#include <egret/expr/window_spec.hpp>

namespace egret::dialect {

struct oracle_family {};

struct oracle : ansi {
  static constexpr std::string_view name = "Oracle";
  using family = oracle_family;
  /// `:1, :2, ...`, numbered in text order.
  static constexpr placeholder_style placeholders = placeholder_style::colon_number;
  static constexpr bool has_filter_clause = false;     // emulated with CASE
  static constexpr bool has_upsert = false;            // MERGE is another statement
  static constexpr bool has_returning = false;         // RETURNING ... INTO binds variables, it returns no rows
  static constexpr bool has_update_from = false;
  static constexpr bool has_boolean_literals = false;  // 1 / 0 (BOOLEAN arrived in 23ai)
  static constexpr bool has_boolean_expressions = false;
  static constexpr std::string_view table_alias_keyword = " ";
  static constexpr std::string_view select_without_from = " FROM DUAL";
  static constexpr std::string_view except_keyword = " MINUS ";
  static constexpr std::string_view with_recursive_keyword = "WITH ";

  /// `DATE '2018-01-02'`, `TIMESTAMP '2018-01-02 10:00:00'` (ANSI literals, as ansi).
  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, std::int64_t>)
      return "NUMBER(19)";
    else if constexpr (std::is_same_v<T, std::int32_t>)
      return "NUMBER(10)";
    else if constexpr (std::is_same_v<T, double>)
      return "BINARY_DOUBLE";
    else if constexpr (std::is_same_v<T, bool>)
      return "NUMBER(1)";
    else if constexpr (std::is_same_v<T, date>)
      return "DATE";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "TIMESTAMP";
    else
      return "VARCHAR2(4000)";
  }

  /// AND / OR take conditions (a NUMBER(1) value is compared with 1); `%` is MOD(a, b); `/` on two integers
  /// truncates, `TRUNC(a / b)` (Oracle's NUMBER division keeps the fraction).
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    if constexpr (std::is_same_v<Op, op::land> || std::is_same_v<Op, op::lor>) {
      D::template render_condition<D, S>(v, l, Op::precedence);
      v.text(Op::sql);
      D::template render_condition<D, S>(v, r, Op::precedence + 1);
    } else if constexpr (std::is_same_v<Op, op::mod>) {
      v.text("MOD(");
      L::template render<D, S>(v, l);
      v.text(", ");
      R::template render<D, S>(v, r);
      v.ch(')');
    } else if constexpr (std::is_same_v<Op, op::div> && is_integer_v<value_type_t<L>> && is_integer_v<value_type_t<R>>) {
      v.text("TRUNC(");
      ansi::render_binary<D, Op, S>(v, l, r);
      v.ch(')');
    } else {
      ansi::render_binary<D, Op, S>(v, l, r);
    }
  }

  /// Oracle 19c frames: ROWS and RANGE; GROUPS and EXCLUDE arrived in 21c.
  template <class D, class Frame>
  static constexpr void require_frame() {
    static_assert(Frame::unit != frame_unit::groups,
                  "egret: Oracle 19c has no GROUPS window frames (21c has); use rows() or range()");
    static_assert(Frame::exclude == frame_exclude::none,
                  "egret: Oracle 19c window frames have no EXCLUDE clause (21c has); drop .exclude_...()");
  }

  /// Several INSERT rows (`VALUES (...), (...)` is 23ai): ` SELECT a, b FROM DUAL UNION ALL SELECT c, d FROM
  /// DUAL`; a single row keeps ` VALUES (a, b)`.
  template <class D, class V>
  static constexpr void render_insert_row_open(V& v, std::size_t i, std::size_t count) {
    if (count == 1)
      ansi::render_insert_row_open<D>(v, i, count);
    else
      v.text(i == 0 ? " SELECT " : " UNION ALL SELECT ");
  }
  template <class D, class V>
  static constexpr void render_insert_row_close(V& v, std::size_t i, std::size_t count) {
    if (count == 1)
      ansi::render_insert_row_close<D>(v, i, count);
    else
      v.text(" FROM DUAL");
  }

  /// ` OFFSET m ROWS FETCH NEXT n ROWS ONLY` (12c and later; the offset comes first in the text).
  template <class D, class S, class V, class Limit>
  static constexpr void render_limit(V& v, Limit const* l) {
    if constexpr (Limit::has_offset) {
      v.text(" OFFSET ");
      Limit::template render_offset<D, S>(v, l);
      v.text(" ROWS");
    }
    if constexpr (Limit::has_limit) {
      v.text(" FETCH NEXT ");
      Limit::template render_count<D, S>(v, l);
      v.text(" ROWS ONLY");
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
/// `TO_CHAR` pattern of a checked SQLite specifier: as PostgreSQL's, but %f is `SS.FF3`.
constexpr std::string_view oracle_to_char_field(char s) { return s == 'f' ? "SS.FF3" : to_char_field(s); }

/// Translates a checked strftime pattern to a TO_CHAR pattern (text runs with letters or digits quoted).
constexpr std::size_t oracle_to_char_pattern(std::string_view f, char* out) {
  std::size_t n = 0;
  auto const put = [&](char c) {
    if (out != nullptr) out[n] = c;
    ++n;
  };
  std::size_t i = 0;
  while (i < f.size()) {
    if (f[i] == '%' && f[i + 1] != '%') {
      for (char c : oracle_to_char_field(f[i + 1])) put(c);
      i += 2;
      continue;
    }
    std::size_t j = i;
    bool quote = false;
    while (j < f.size() && !(f[j] == '%' && f[j + 1] != '%')) {
      quote = quote || is_alnum(f[j]) || f[j] == '%';
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
inline constexpr auto oracle_to_char_text = [] {
  fixed_string<oracle_to_char_pattern(F.view(), nullptr)> s;
  oracle_to_char_pattern(F.view(), s.data);
  return s;
}();

/// A function Oracle cannot render: a compile error naming it.
template <class D>
constexpr void oracle_has_no_reverse() {
  static_assert(dependent_false<D>,
                "egret: Oracle has no documented REVERSE for text (its REVERSE reverses bytes); reverse the "
                "value in C++ after reading the rows");
}
}  // namespace detail

// ---- numeric ----
template <>
struct spelling<dialect::oracle_family, fn::log10> : sql_template<"LOG(10, $1)"> {};
/// `TRUNC(a / b)` is egret's integer `/`; MOD keeps a's sign, as SQLite's `%`.
/// greatest() / least(): Oracle's GREATEST is NULL when an argument is (as SQLite's MAX).

// ---- text ----
template <>
struct spelling<dialect::oracle_family, fn::left> : sql_template<"SUBSTR($1, 1, $2)"> {};
/// The last n characters: from position LENGTH(s) - n + 1 (at least 1).
template <>
struct spelling<dialect::oracle_family, fn::right> : sql_template<"SUBSTR($1, GREATEST(LENGTH($1) - $2 + 1, 1))"> {};
template <>
struct spelling<dialect::oracle_family, fn::repeat> : sql_template<"RPAD($1, LENGTH($1) * $2, $1)"> {};
template <>
struct spelling<dialect::oracle_family, fn::contains> : sql_template<"INSTR($1, $2) > 0"> {};
template <>
struct spelling<dialect::oracle_family, fn::find> : sql_template<"INSTR($1, $2) - 1"> {};
template <>
struct spelling<dialect::oracle_family, fn::startswith> : sql_template<"INSTR($1, $2) = 1"> {};
template <>
struct spelling<dialect::oracle_family, fn::endswith> : sql_template<"SUBSTR($1, -LENGTH($2)) = $2"> {};
template <>
struct spelling<dialect::oracle_family, fn::reverse> {
  template <class D, class S, class V, class A>
  static constexpr void render(V&, A const*) {
    detail::oracle_has_no_reverse<D>();
  }
};

// ---- regular expressions ----
/// `REGEXP_LIKE(s, p)`, a condition.
template <>
struct spelling<dialect::oracle_family, fn::re_search> : sql_template<"REGEXP_LIKE($1, $2)"> {};
/// `REGEXP_SUBSTR(s, p, 1, 1, NULL, g)`: group g (0 is the whole match), NULL without a match.
template <>
struct spelling<dialect::oracle_family, fn::re_extract> : sql_template<"REGEXP_SUBSTR($1, $2, 1, 1, NULL, $3)"> {};
/// `REGEXP_REPLACE(s, p, r)` replaces every match.
template <>
struct spelling<dialect::oracle_family, fn::re_replace> : sql_template<"REGEXP_REPLACE($1, $2, $3)"> {};

// ---- NULL ----
/// `DECODE(a, b, 1, 0) = 1`: DECODE compares NULLs as equal.
template <>
struct spelling<dialect::oracle_family, fn::identical_to> : sql_template<"DECODE($1, $2, 1, 0) = 1"> {};

// ---- aggregates ----
/// ANY / ALL over NUMBER(1): `MAX(CASE WHEN p THEN 1 ELSE 0 END)`, the filter inside the CASE.
template <bool Max>
struct oracle_bool_aggregate {
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
struct aggregate_spelling<dialect::oracle_family, agg::any> : oracle_bool_aggregate<true> {};
template <>
struct aggregate_spelling<dialect::oracle_family, agg::all> : oracle_bool_aggregate<false> {};
/// `LISTAGG(x, sep)` (ordered by nothing: WITHIN GROUP is optional from 19c).
template <>
struct aggregate_spelling<dialect::oracle_family, agg::group_concat> {
  static constexpr std::string_view sql = "LISTAGG";
};

// ---- date and time ----
/// `EXTRACT(YEAR FROM x)` (a NUMBER); quarter and day of the year from TO_CHAR; day_of_week as the days
/// since the ISO week's Monday, `(TRUNC(x) - TRUNC(x, 'IW'))`; SECOND floored.
template <date_part P>
struct spelling<dialect::oracle_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    if constexpr (P == date_part::day_of_week) {
      sql_template<"(TRUNC($1) - TRUNC($1, 'IW'))">::template render<D, S>(v, a);
    } else if constexpr (P == date_part::quarter || P == date_part::day_of_year) {
      v.text("TO_NUMBER(TO_CHAR(");
      A::template render<D, S>(v, a);
      v.text(P == date_part::quarter ? ", 'Q'))" : ", 'DDD'))");
    } else {
      v.text(P == date_part::second ? "FLOOR(EXTRACT(" : "EXTRACT(");
      v.text(egret::detail::standard_field(P));
      v.text(" FROM ");
      A::template render<D, S>(v, a);
      v.text(P == date_part::second ? "))" : ")");
    }
  }
};

/// `TRUNC(x, 'MM')` ('YYYY', 'Q', 'IW' for the ISO week's Monday, 'DD', 'HH24', 'MI'); TRUNC gives a DATE,
/// cast back for a TIMESTAMP; a TIMESTAMP to the second is `CAST(CAST(x AS DATE) AS TIMESTAMP)`.
template <time_unit U>
struct spelling<dialect::oracle_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr bool ts = std::is_same_v<value_type_t<A>, timestamp>;
    constexpr std::string_view fmt = U == time_unit::year      ? "YYYY"
                                     : U == time_unit::quarter ? "Q"
                                     : U == time_unit::month   ? "MM"
                                     : U == time_unit::week    ? "IW"
                                     : U == time_unit::day     ? "DD"
                                     : U == time_unit::hour    ? "HH24"
                                                               : "MI";
    if constexpr (ts) v.text("CAST(");
    if constexpr (U == time_unit::second) {
      v.text("CAST(");
      A::template render<D, S>(v, a);
      v.text(" AS DATE)");
    } else {
      v.text("TRUNC(");
      A::template render<D, S>(v, a);
      v.text(", '");
      v.text(fmt);
      v.text("')");
    }
    if constexpr (ts) v.text(" AS TIMESTAMP)");
  }
};

/// DATE + days: `(x + n)`, weeks `(x + 7 * n)`; months and years `ADD_MONTHS(x, n)` / `ADD_MONTHS(x, 12 * n)`
/// (which keeps a month's last day last); a TIMESTAMP by days, hours, minutes, seconds
/// `(x + NUMTODSINTERVAL(n, 'HOUR'))`.
template <time_unit U, bool Subtract>
struct spelling<dialect::oracle_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    constexpr bool ts = std::is_same_v<value_type_t<X>, timestamp>;
    if constexpr (U == time_unit::month || U == time_unit::year) {
      v.text("ADD_MONTHS(");
      X::template render<D, S>(v, x);
      v.text(Subtract ? ", -" : ", ");
      if constexpr (U == time_unit::year) {
        v.text("12 * ");
        egret::detail::render_operand<D, S>(v, n, prec::multiplicative, true);
      } else {
        egret::detail::render_operand<D, S>(v, n, Subtract ? prec::unary : 0);
      }
      v.ch(')');
    } else {
      v.ch('(');
      egret::detail::render_operand<D, S>(v, x, prec::additive);
      v.text(Subtract ? " - " : " + ");
      if constexpr (ts || U == time_unit::hour || U == time_unit::minute || U == time_unit::second) {
        v.text("NUMTODSINTERVAL(");
        if constexpr (U == time_unit::week) v.text("7 * ");
        egret::detail::render_operand<D, S>(v, n, U == time_unit::week ? prec::multiplicative : 0, true);
        v.text(", '");
        v.text(U == time_unit::week ? "DAY" : U == time_unit::day ? "DAY" : U == time_unit::hour ? "HOUR"
               : U == time_unit::minute ? "MINUTE" : "SECOND");
        v.text("')");
      } else {
        if constexpr (U == time_unit::week) v.text("7 * ");
        egret::detail::render_operand<D, S>(v, n, U == time_unit::week ? prec::multiplicative : prec::additive, true);
      }
      v.ch(')');
    }
  }
};

/// b - a written with a first: `TRUNC(-(a - b))` for dates (a NUMBER of days); for timestamps the day field
/// of the interval, `-EXTRACT(DAY FROM (a - b))`.
template <>
struct spelling<dialect::oracle_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    constexpr bool is_date = std::is_same_v<value_type_t<A>, date>;
    v.text(is_date ? "TRUNC(-(" : "-EXTRACT(DAY FROM (");
    egret::detail::render_operand<D, S>(v, a, prec::additive);
    v.text(" - ");
    egret::detail::render_operand<D, S>(v, b, prec::additive, true);
    v.text("))");
  }
};

/// `TO_CHAR(x, '<pattern>')` (%f is SS.FF3, which needs a TIMESTAMP).
template <fixed_string F>
struct spelling<dialect::oracle_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    v.text("TO_CHAR(");
    A::template render<D, S>(v, a);
    v.text(", ");
    D::template string_literal<D>(v, egret::detail::oracle_to_char_text<F>.view());
    v.ch(')');
  }
};

/// Today and now in UTC, as SQLite's CURRENT_DATE / CURRENT_TIMESTAMP.
template <>
struct spelling<dialect::oracle_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("TRUNC(SYS_EXTRACT_UTC(SYSTIMESTAMP))");
  }
};
template <>
struct spelling<dialect::oracle_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS TIMESTAMP(0))");
  }
};

}  // namespace egret
