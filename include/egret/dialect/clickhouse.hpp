// Defines egret::dialect::clickhouse: ClickHouse's SQL (25.x), as a difference from ansi. Rendered only
// (egret has no ClickHouse backend): `to_sql<egret::dialect::clickhouse>(q)` gives text with positional `?`
// parameters, the form the JDBC and ODBC drivers bind (ClickHouse's own `{name:Type}` is not used).
//
// Decisions (docs/dialects.md, "ClickHouse"): names in backticks; Int32/Int64/Float64/Bool/String/Date/
// DateTime64(6), Nullable(T) for an optional column, CREATE TABLE ... ENGINE = MergeTree ORDER BY the
// primary key (or tuple()); aggregate filters are -If combinators (`sumIf(x, p)`, `countIf(p)`); `/` on
// two integers is intDiv(a, b); set operations spelled with DISTINCT; no RETURNING, no upsert, no UPDATE
// (ALTER TABLE ... UPDATE is an asynchronous mutation: update() is a compile error); DELETE is the
// lightweight DELETE; no GROUPS frames or EXCLUDE.
#pragma once

#include <egret/dialect/ansi.hpp>
#include <egret/dialect/format_pattern.hpp>
#include <egret/expr/datetime.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/regex.hpp>
#include <egret/expr/text.hpp>
#include <egret/expr/window_spec.hpp>

namespace egret::dialect {

struct clickhouse_family {};

namespace detail {
/// The canonical ClickHouse name of aggregate Fn (the -If combinator is appended to it).
template <class Fn>
inline constexpr std::string_view clickhouse_aggregate =
    std::is_same_v<Fn, agg::count>         ? "count"
    : std::is_same_v<Fn, agg::sum>         ? "sum"
    : std::is_same_v<Fn, agg::mean>        ? "avg"
    : std::is_same_v<Fn, agg::min>         ? "min"
    : std::is_same_v<Fn, agg::all>         ? "min"  // booleans: false < true
    : std::is_same_v<Fn, agg::max>         ? "max"
    : std::is_same_v<Fn, agg::any>         ? "max"
    : std::is_same_v<Fn, agg::var_samp>    ? "varSamp"
    : std::is_same_v<Fn, agg::var_pop>     ? "varPop"
    : std::is_same_v<Fn, agg::stddev_samp> ? "stddevSamp"
                                           : "stddevPop";
}  // namespace detail

struct clickhouse : ansi {
  static constexpr std::string_view name = "ClickHouse";
  using family = clickhouse_family;
  /// `` `order` ``: a backtick or backslash in a name is escaped with a backslash.
  static constexpr char quote_open = '`';
  static constexpr char quote_close = '`';
  /// No FILTER (WHERE ...) clause: filters are the -If combinators (render_aggregate below).
  static constexpr bool has_filter_clause = false;
  static constexpr bool has_upsert = false;
  static constexpr bool has_returning = false;
  static constexpr bool has_update_from = false;
  /// A CTE takes no column list; the anchor query names the columns.
  static constexpr bool has_cte_column_list = false;
  /// INTERSECT and EXCEPT alone mean ALL in ClickHouse, UNION alone is an error: DISTINCT is spelled.
  static constexpr std::string_view except_keyword = " EXCEPT DISTINCT ";

  template <class D, class V>
  static constexpr void quote_identifier(V& v, std::string_view s) {
    v.ch('`');
    for (char c : s) {
      if (c == '`' || c == '\\') v.ch('\\');
      v.ch(c);
    }
    v.ch('`');
  }

  /// `'it''s'`; a backslash, an escape character in ClickHouse literals, is doubled.
  template <class D, class V>
  static constexpr void string_literal(V& v, std::string_view s) {
    v.ch('\'');
    for (char c : s) {
      if (c == '\'' || c == '\\') v.ch(c);
      v.ch(c);
    }
    v.ch('\'');
  }

  /// `toDate('2018-01-02')`, `toDateTime64('2018-01-02 03:04:05', 6)`.
  template <class D, class V, class T>
  static void temporal_literal(V& v, T const& x) {
    v.text(std::is_same_v<T, date> ? "toDate(" : "toDateTime64(");
    D::template string_literal<D>(v, to_string(x));
    v.text(std::is_same_v<T, date> ? ")" : ", 6)");
  }

  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, std::int32_t>)
      return "Int32";
    else if constexpr (is_integer_v<T>)
      return "Int64";
    else if constexpr (std::is_same_v<T, double>)
      return "Float64";
    else if constexpr (std::is_same_v<T, bool>)
      return "Bool";
    else if constexpr (std::is_same_v<T, date>)
      return "Date";
    else if constexpr (std::is_same_v<T, timestamp>)
      return "DateTime64(6)";
    else
      return "String";
  }

  /// `intDiv(a, b)` for `/` on two integers (truncating toward zero; ClickHouse's `/` always gives Float64).
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    if constexpr (std::is_same_v<Op, op::div> && is_integer_v<value_type_t<L>> && is_integer_v<value_type_t<R>>) {
      v.text("intDiv(");
      L::template render<D, S>(v, l);
      v.text(", ");
      R::template render<D, S>(v, r);
      v.ch(')');
    } else {
      ansi::render_binary<D, Op, S>(v, l, r);
    }
  }

  /// `sum(x)`, `sumIf(x, p)`, `countIf(p)` for a filtered COUNT(*), `count(DISTINCT x)`, `uniqExactIf(x, p)`
  /// for a filtered one; group_concat() is `arrayStringConcat(groupArray(x), sep)` (`groupArrayIf(x, p)`),
  /// which gives '' (not NULL) for an empty group.
  template <class D, class A, class S, class V, bool NativeFilter = true>
  static constexpr void render_aggregate(V& v, A const* a) {
    using Fn = typename A::fn;
    using E = typename A::argument;
    using F = typename A::filter_type;
    constexpr bool filtered = requires { &F::pred; };
    E const* x = a ? &a->arg : nullptr;
    if constexpr (std::is_same_v<Fn, agg::group_concat>) {
      v.text("arrayStringConcat(");
      v.text(A::distinct ? "groupUniqArray" : "groupArray");
      v.text(filtered ? "If(" : "(");
      E::template render_value<D, S>(v, x);
      if constexpr (filtered) {
        v.text(", ");
        ansi::render_pred<D, S>(v, a);
      }
      v.ch(')');
      E::template render_separator<D, S>(v, x);
      v.ch(')');
    } else if constexpr (A::distinct && filtered) {
      v.text("uniqExactIf(");
      E::template render<D, S>(v, x);
      v.text(", ");
      ansi::render_pred<D, S>(v, a);
      v.ch(')');
    } else {
      v.text(detail::clickhouse_aggregate<Fn>);
      v.text(filtered ? "If(" : "(");
      if constexpr (A::distinct) v.text("DISTINCT ");
      constexpr bool star = requires { E::is_star; };
      if constexpr (!(star && filtered)) E::template render<D, S>(v, x);
      if constexpr (filtered) {
        if constexpr (!star) v.text(", ");
        ansi::render_pred<D, S>(v, a);
      }
      v.ch(')');
    }
  }

  /// UNION alone is an error in ClickHouse (union_default_mode): `UNION DISTINCT`, `INTERSECT DISTINCT`.
  template <class D, class V>
  static constexpr void render_set_operator(V& v, std::string_view op, bool all) {
    v.ch(' ');
    v.text(op);
    v.text(all ? " ALL " : " DISTINCT ");
  }

  template <class D, class Frame>
  static constexpr void require_frame() {
    static_assert(Frame::unit != frame_unit::groups,
                  "egret: ClickHouse has no GROUPS window frames; use rows() or range()");
    static_assert(Frame::exclude == frame_exclude::none,
                  "egret: ClickHouse window frames have no EXCLUDE clause; drop .exclude_...()");
  }

  template <class D>
  static constexpr void require_update_statement() {
    static_assert(dependent_false<D>,
                  "egret: ClickHouse has no UPDATE statement (ALTER TABLE ... UPDATE is an asynchronous "
                  "mutation); write the mutation as raw SQL, or insert the changed rows into a ReplacingMergeTree");
  }

  /// The lightweight DELETE needs a WHERE: `.all()` is `WHERE TRUE`.
  template <class D, class V>
  static constexpr void render_where_all(V& v) {
    v.text(" WHERE TRUE");
  }

  /// `Nullable(T)` for an optional column, T otherwise (ClickHouse columns are NOT NULL by default).
  template <class D, class T, bool Nullable, class V>
  static constexpr void render_column_type(V& v) {
    if constexpr (Nullable) v.text("Nullable(");
    v.text(D::template type_name<D, T>());
    if constexpr (Nullable) v.ch(')');
  }

  /// The key is the MergeTree's ORDER BY (its primary key by default), written after the columns.
  template <class D, class V, class Keys>
  static constexpr void render_primary_key(V&, Keys const&) {}

  /// ` ENGINE = MergeTree ORDER BY (key...)`, or `ORDER BY tuple()` without a key.
  template <class D, bool Keyed, class V, class Keys>
  static constexpr void render_table_options(V& v, Keys const& keys) {
    v.text(" ENGINE = MergeTree ORDER BY ");
    if constexpr (Keyed) {
      v.ch('(');
      keys();
      v.ch(')');
    } else {
      v.text("tuple()");
    }
  }
};

}  // namespace egret::dialect

namespace egret {

// ---- functions with a standard name: ClickHouse's lower-case spelling (ABS -> abs, LOG10 -> log10) ----

template <class Fn>
  requires requires { Fn::sql; }
struct spelling<dialect::clickhouse_family, Fn> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    for (char c : std::string_view(Fn::sql)) v.ch(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    v.ch('(');
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};

// ---- numeric ----

/// ClickHouse rounds a Float64 half to even: through Decimal128, which rounds halves away from zero, as on
/// SQLite; integers as they are.
template <>
struct spelling<dialect::clickhouse_family, fn::round> {
  template <class D, class S, class V, class A, class... N>
  static constexpr void render(V& v, A const* a, N const*... n) {
    constexpr bool dbl = std::is_same_v<value_type_t<A>, double>;
    v.text(dbl ? "toFloat64(round(toDecimal128(" : "round(");
    A::template render<D, S>(v, a);
    if constexpr (dbl) v.text(", 18)");
    ((v.text(", "), N::template render<D, S>(v, n)), ...);
    v.text(dbl ? "))" : ")");
  }
};
/// `(log(x) / log(base))`: ClickHouse's log is the natural one.
template <>
struct spelling<dialect::clickhouse_family, fn::log> {
  template <class D, class S, class V, class B, class X>
  static constexpr void render(V& v, B const* base, X const* x) {
    v.text("(log(");
    X::template render<D, S>(v, x);
    v.text(") / log(");
    B::template render<D, S>(v, base);
    v.text("))");
  }
};

// ---- text: the UTF-8 variants (the plain ones count bytes) ----

template <>
struct spelling<dialect::clickhouse_family, fn::length> : sql_template<"lengthUTF8($1)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::ltrim> : sql_template<"trimLeft($1)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::rtrim> : sql_template<"trimRight($1)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::lpad> : sql_template<"leftPadUTF8($1, $2, $3)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::rpad> : sql_template<"rightPadUTF8($1, $2, $3)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::left> : sql_template<"leftUTF8($1, $2)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::right> : sql_template<"rightUTF8($1, $2)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::replace> : sql_template<"replaceAll($1, $2, $3)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::contains> : sql_template<"positionUTF8($1, $2) > 0"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::find> : sql_template<"positionUTF8($1, $2) - 1"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::startswith> : sql_template<"startsWith($1, $2)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::endswith> : sql_template<"endsWith($1, $2)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::ilike> : sql_template<"$1 ILIKE $2"> {};
/// substr(s, start [, n]) by characters.
template <>
struct spelling<dialect::clickhouse_family, fn::substr> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    v.text("substringUTF8(");
    detail::render_args<D, S>(v, a...);
    v.ch(')');
  }
};

// ---- dates and times ----

namespace detail {
template <class A>
inline constexpr bool clickhouse_is_date = std::is_same_v<value_type_t<A>, date>;

/// strftime in formatDateTime: %Y %m %d %H %S %j as they are, %M (minutes) as %i. No %f: ClickHouse's prints
/// microseconds without the seconds.
struct clickhouse_format {
  static constexpr std::string_view field(char c) {
    switch (c) {
      case 'Y': return "%Y";
      case 'm': return "%m";
      case 'd': return "%d";
      case 'H': return "%H";
      case 'M': return "%i";
      case 'S': return "%S";
      case 'j': return "%j";
      default: return "";
    }
  }
  static constexpr std::string_view percent = "%%";
  static constexpr char quote = 0;
};

template <fixed_string F>
constexpr void clickhouse_check_format() {
  static_assert(!uses_specifier(F.view(), 'f'),
                "egret: ClickHouse's formatDateTime has no seconds-with-milliseconds field (%f); format %S and "
                "add the fraction yourself");
}
}  // namespace detail

/// `toYear(x)`, `toQuarter(x)`, ...; day_of_week from toDayOfWeek (Monday = 1) to Monday = 0.
template <date_part P>
struct spelling<dialect::clickhouse_family, fn::extract<P>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr std::string_view f = P == date_part::year          ? "toYear("
                                   : P == date_part::quarter     ? "toQuarter("
                                   : P == date_part::month       ? "toMonth("
                                   : P == date_part::day         ? "toDayOfMonth("
                                   : P == date_part::day_of_week ? "(toDayOfWeek("
                                   : P == date_part::day_of_year ? "toDayOfYear("
                                   : P == date_part::hour        ? "toHour("
                                   : P == date_part::minute      ? "toMinute("
                                                                 : "toSecond(";
    v.text(f);
    A::template render<D, S>(v, a);
    v.text(P == date_part::day_of_week ? ") - 1)" : ")");
  }
};

/// `toStartOfMonth(x)`, `toMonday(x)` for a Date; for a DateTime64 the same under toDateTime64(..., 6)
/// (the year ... week functions give a Date).
template <time_unit U>
struct spelling<dialect::clickhouse_family, fn::truncate<U>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    constexpr bool is_date = detail::clickhouse_is_date<A>;
    constexpr std::string_view f = U == time_unit::year      ? "toStartOfYear("
                                   : U == time_unit::quarter ? "toStartOfQuarter("
                                   : U == time_unit::month   ? "toStartOfMonth("
                                   : U == time_unit::week    ? "toMonday("
                                   : U == time_unit::day     ? "toStartOfDay("
                                   : U == time_unit::hour    ? "toStartOfHour("
                                   : U == time_unit::minute  ? "toStartOfMinute("
                                                             : "toStartOfSecond(";
    if constexpr (is_date && U == time_unit::day) {
      A::template render<D, S>(v, a);
    } else {
      if constexpr (!is_date) v.text("toDateTime64(");
      v.text(f);
      A::template render<D, S>(v, a);
      v.ch(')');
      if constexpr (!is_date) v.text(", 6)");
    }
  }
};

/// `addDays(x, n)`, `subtractMonths(x, n)`. A month past the end of the shorter month lands on its last day.
template <time_unit U, bool Subtract>
struct spelling<dialect::clickhouse_family, fn::shift<U, Subtract>> {
  template <class D, class S, class V, class X, class N>
  static constexpr void render(V& v, X const* x, N const* n) {
    constexpr std::string_view unit = U == time_unit::year     ? "Years("
                                      : U == time_unit::month  ? "Months("
                                      : U == time_unit::week   ? "Weeks("
                                      : U == time_unit::day    ? "Days("
                                      : U == time_unit::hour   ? "Hours("
                                      : U == time_unit::minute ? "Minutes("
                                                               : "Seconds(";
    v.text(Subtract ? "subtract" : "add");
    v.text(unit);
    X::template render<D, S>(v, x);
    v.text(", ");
    N::template render<D, S>(v, n);
    v.ch(')');
  }
};

/// `dateDiff('day', a, b)` for dates; for timestamps whole days of 24 hours, truncated toward zero:
/// `intDiv(dateDiff('second', a, b), 86400)` (dateDiff in days would count midnights).
template <>
struct spelling<dialect::clickhouse_family, fn::days_between> {
  template <class D, class S, class V, class A, class B>
  static constexpr void render(V& v, A const* a, B const* b) {
    constexpr bool is_date = detail::clickhouse_is_date<A>;
    v.text(is_date ? "dateDiff('day', " : "intDiv(dateDiff('second', ");
    A::template render<D, S>(v, a);
    v.text(", ");
    B::template render<D, S>(v, b);
    v.text(is_date ? ")" : "), 86400)");
  }
};

/// `formatDateTime(x, '%Y-%m')`.
template <fixed_string F>
struct spelling<dialect::clickhouse_family, fn::strftime<F>> {
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    detail::clickhouse_check_format<F>();
    v.text("formatDateTime(");
    A::template render<D, S>(v, a);
    v.text(", ");
    D::template string_literal<D>(v, detail::format_text<F, detail::clickhouse_format>.view());
    v.ch(')');
  }
};

/// Today in UTC.
template <>
struct spelling<dialect::clickhouse_family, fn::current_date> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("toDate(now('UTC'))");
  }
};

/// Now in UTC, to the second.
template <>
struct spelling<dialect::clickhouse_family, fn::current_timestamp> {
  template <class D, class S, class V>
  static constexpr void render(V& v) {
    v.text("toDateTime64(now('UTC'), 6)");
  }
};

// ---- regular expressions (RE2) and reverse() ----

template <>
struct spelling<dialect::clickhouse_family, fn::re_search> : sql_template<"match($1, $2)"> {};
/// `nullIf(regexpExtract(s, p, g), '')`: group g (0: the whole match); regexpExtract gives '' without a
/// match, made NULL (so is a group that matched the empty string).
template <>
struct spelling<dialect::clickhouse_family, fn::re_extract> : sql_template<"nullIf(regexpExtract($1, $2, $3), '')"> {};
/// `replaceRegexpAll(s, p, r)`: every match. ClickHouse reads \1 ... \9 in r, and \0 (not \&) for the match.
template <>
struct spelling<dialect::clickhouse_family, fn::re_replace> : sql_template<"replaceRegexpAll($1, $2, $3)"> {};
template <>
struct spelling<dialect::clickhouse_family, fn::reverse> : sql_template<"reverseUTF8($1)"> {};

}  // namespace egret
