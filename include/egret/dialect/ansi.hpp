// Defines egret::dialect::ansi, the base every dialect derives from: standard SQL spelling, and one hook
// per construct that engines spell differently. A dialect redefines only the constants and hooks that differ.
//
// Hooks are static member templates whose first template argument is the most derived dialect D, so that
// ansi's code reads D's constants: the renderer calls `D::template render_limit<D>(...)`.
#pragma once

#include <cstdint>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>


#include <egret/core/type_list.hpp>
#include <egret/dialect/capability.hpp>
#include <egret/expr/aggregate.hpp>
#include <egret/expr/expression.hpp>
#include <egret/types/sql_type.hpp>

namespace egret {
template <class Q>
struct exists_t;
namespace detail {
template <bool Anti, class RF, class P>
struct exists_join;
}  // namespace detail
}  // namespace egret

namespace egret::dialect {

/// How runtime values are marked in SQL text.
enum class placeholder_style {
  question,       ///< `?` (SQLite, MySQL, ODBC)
  dollar_number,  ///< `$1, $2, ...` (PostgreSQL)
  colon_number,   ///< `:1, :2, ...` (Oracle)
};

struct ansi_family {};

namespace detail {
/// Whether E is `EXISTS (...)` (relation/subquery.hpp): a condition although it is an atom.
template <class E>
struct is_exists : std::false_type {};
template <class Q>
struct is_exists<egret::exists_t<Q>> : std::true_type {};
template <bool Anti, class RF, class P>
struct is_exists<egret::detail::exists_join<Anti, RF, P>> : std::true_type {};
template <class E>
  requires requires { E::is_aliased; }
struct is_exists<E> : is_exists<typename E::inner> {};
}  // namespace detail

struct ansi {
  /// Name used in messages.
  static constexpr std::string_view name = "ANSI SQL";
  /// The family whose function spellings (`spelling<family, Fn>`, expr/call.hpp) this dialect uses.
  using family = ansi_family;
  /// Whether CREATE / DROP / ALTER take part in transactions (rolled back with them): true for SQLite and
  /// PostgreSQL; MySQL and MariaDB commit before and after each such statement. The pipeline's atomic rebuild of a
  /// table uses a transaction where this holds and a build under another name plus RENAME TABLE where not.
  static constexpr bool has_transactional_ddl = true;
  /// Identifier quote characters: `"order"`; a quote inside a name is doubled.
  static constexpr char quote_open = '"';
  static constexpr char quote_close = '"';
  /// Placeholder style for bound values.
  static constexpr placeholder_style placeholders = placeholder_style::question;
  // Capabilities (dialect/capability.hpp): one flag per `feature`. A construct whose flag is false is a
  // compile error naming the feature, or is emulated (FILTER, NULLS FIRST / LAST).

  /// Aggregates accept `FILTER (WHERE ...)`; otherwise egret renders `SUM(CASE WHEN p THEN x END)`.
  static constexpr bool has_filter_clause = true;
  /// `ORDER BY x NULLS FIRST / NULLS LAST`; otherwise egret sorts on `x IS NULL` first.
  static constexpr bool has_nulls_order = true;
  /// `INSERT ... ON CONFLICT (...) DO UPDATE / DO NOTHING`.
  static constexpr bool has_upsert = true;
  /// The upsert is spelled `ON DUPLICATE KEY UPDATE c = x` with `VALUES(c)` for excluded(c) (MySQL, MariaDB;
  /// statement/conflict.hpp), instead of `ON CONFLICT (...) DO ...`.
  static constexpr bool upsert_on_duplicate_key = false;
  /// `INSERT / UPDATE / DELETE ... RETURNING`.
  static constexpr bool has_returning = true;
  /// `UPDATE t SET ... FROM u`.
  static constexpr bool has_update_from = true;
  /// RIGHT JOIN.
  static constexpr bool has_right_full_join = true;
  /// FULL OUTER JOIN.
  static constexpr bool has_full_join = true;
  /// Window functions: `f OVER (...)`.
  static constexpr bool has_window_functions = true;
  /// The math functions SQRT, LN, LOG, POW, CEIL, FLOOR... and SIGN.
  static constexpr bool has_math_functions = true;
  /// Boolean literals spelled TRUE/FALSE; otherwise 1/0.
  static constexpr bool has_boolean_literals = true;
  /// A declared CTE lists its column names: `WITH RECURSIVE "cnt"("n") AS (...)` (relation/cte.hpp).
  static constexpr bool has_cte_column_list = true;
  /// A BOOLEAN value may stand where SQL expects a condition (`WHERE "vip"`) and a condition where it expects
  /// a value (`SELECT a = b`). Without (SQL Server, Oracle): egret writes `x = 1` in conditions
  /// (render_condition) and `CASE WHEN p THEN 1 WHEN NOT (p) THEN 0 END` in select lists (render_select_value).
  static constexpr bool has_boolean_expressions = true;
  /// What separates a FROM item from its alias: `"orders" AS "o2"` (Oracle takes no AS there).
  static constexpr std::string_view table_alias_keyword = " AS ";
  /// What follows a SELECT that reads no table (`SELECT ? AS "n"` in VALUES): nothing, or ` FROM DUAL`.
  static constexpr std::string_view select_without_from = "";
  /// The keyword of a set difference (Oracle before 21c: ` MINUS `).
  static constexpr std::string_view except_keyword = " EXCEPT ";
  /// What starts a recursive WITH (SQL Server and Oracle take no RECURSIVE).
  static constexpr std::string_view with_recursive_keyword = "WITH RECURSIVE ";

  // Statements the pipeline layer writes as text (include/egret/pipeline/): how an engine spells them, so that
  // the pipeline names no engine. A dialect whose engine's spellings these traits were checked against (SQLite,
  // PostgreSQL, MariaDB / MySQL, DuckDB: the conformance suite runs pipelines on each) says so; a pipeline on a
  // connection of another dialect does not compile.
  static constexpr bool has_pipeline_statements = false;

  /// `CREATE OR REPLACE VIEW`, which keeps the previous view when the new one fails and keeps the views that read
  /// it. Without (SQLite): the view is dropped and created in a transaction, and read once before it commits.
  static constexpr bool has_create_or_replace_view = true;
  /// DROP TABLE fails while a view reads the table (PostgreSQL): a rebuilt table keeps its name and gets its rows
  /// replaced (DELETE, INSERT) when its columns are unchanged.
  static constexpr bool drop_table_refused_by_views = false;
  /// What drops a temporary table, and the schema that names only a temporary one: `DROP TABLE temp."t"`
  /// (SQLite, DuckDB), `DROP TABLE pg_temp."t"` (PostgreSQL), `DROP TEMPORARY TABLE "t"` (MySQL, MariaDB).
  static constexpr std::string_view drop_temporary_table_keyword = "DROP TABLE ";
  static constexpr std::string_view temporary_schema = "";
  /// `a` and `b` differ, NULLs compared as values, as the text around the operands: `a IS DISTINCT FROM b`
  /// (SQLite: `a IS NOT b`; MySQL, MariaDB: `NOT (a <=> b)`).
  static constexpr std::string_view distinct_from_open = "";
  static constexpr std::string_view distinct_from_infix = " IS DISTINCT FROM ";
  static constexpr std::string_view distinct_from_close = "";
  /// `UPDATE t JOIN u ON ... SET ...` (MySQL, MariaDB), where others write `UPDATE t SET ... FROM u WHERE ...`
  /// (has_update_from).
  static constexpr bool has_update_join = false;
  /// Parquet files are read with `read_parquet('f')` and written with `COPY (...) TO 'f' (FORMAT PARQUET)` (DuckDB):
  /// the pipeline's Parquet seeds, sources and external models need it.
  static constexpr bool has_parquet = false;

  template <class D, class V>
  static constexpr void quote_identifier(V& v, std::string_view s) {
    v.ch(D::quote_open);
    for (char c : s) {
      if (c == D::quote_close) v.ch(c);
      v.ch(c);
    }
    v.ch(D::quote_close);
  }

  /// `'text'`, a quote inside doubled. Compile-time constants only; run-time text is always bound.
  template <class D, class V>
  static constexpr void string_literal(V& v, std::string_view s) {
    v.ch('\'');
    for (char c : s) {
      if (c == '\'') v.ch(c);
      v.ch(c);
    }
    v.ch('\'');
  }

  template <class D, class V>
  static constexpr void bool_literal(V& v, bool b) {
    if constexpr (D::has_boolean_literals)
      v.text(b ? "TRUE" : "FALSE");
    else
      v.text(b ? "1" : "0");
  }

  /// The placeholder of the i-th bound value (1-based).
  template <class D, class V>
  static constexpr void placeholder(V& v, int i) {
    if constexpr (D::placeholders == placeholder_style::question) {
      v.ch('?');
    } else {
      v.ch(D::placeholders == placeholder_style::colon_number ? ':' : '$');
      v.number(i);
    }
  }

  /// A value captured at run time: a placeholder, bound later. Writers that set `inline_values` (the DDL
  /// of views, which cannot take parameters) write it as an escaped literal instead.
  template <class D, class V, class T>
  static constexpr void render_value(V& v, T const* x) {
    if constexpr (requires { V::inline_values; })
      D::template inline_literal<D>(v, *x);
    else
      D::template placeholder<D>(v, v.param(x));
  }

  /// A run-time value spelled as a literal (for views): numbers shortest round-trip, text escaped.
  template <class D, class V, class T>
  static void inline_literal(V& v, T const& x) {
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
      v.text("NULL");
    } else if constexpr (requires { x.has_value(); }) {
      if (x)
        D::template inline_literal<D>(v, *x);
      else
        v.text("NULL");
    } else if constexpr (std::is_same_v<T, bool>) {
      D::template bool_literal<D>(v, x);
    } else if constexpr (std::is_integral_v<T>) {
      v.number(static_cast<long long>(x));
    } else if constexpr (std::is_floating_point_v<T>) {
      char buf[32];  // shortest round-trip form, as fmt prints it
      auto const t = std::string_view(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, x).ptr - buf));
      v.text(t);
      if (t.find_first_of(".eEn") == std::string_view::npos) v.text(".0");  // stays a DOUBLE, not an INTEGER
    } else if constexpr (std::is_same_v<T, date> || std::is_same_v<T, timestamp>) {
      D::template temporal_literal<D>(v, x);
    } else {
      D::template string_literal<D>(v, std::string_view(x));
    }
  }

  /// `DATE '2018-01-01'`, `TIMESTAMP '...'`.
  template <class D, class V, class T>
  static void temporal_literal(V& v, T const& x) {
    v.text(std::is_same_v<T, date> ? "DATE " : "TIMESTAMP ");
    D::template string_literal<D>(v, to_string(x));
  }

  /// Type names for CREATE TABLE, and for CAST unless cast_type_name differs.
  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, double>)
      return "DOUBLE PRECISION";
    else
      return sql_type<T>::name;
  }

  /// The target of `CAST(x AS ...)` for T: the column type, type_name (MySQL's CAST takes other names).
  template <class D, class T>
  static constexpr std::string_view cast_type_name() {
    return D::template type_name<D, T>();
  }

  /// `lhs <op> rhs`, operands parenthesized when they bind looser.
  template <class D, class Op, class S, class V, class L, class R>
  static constexpr void render_binary(V& v, L const* l, R const* r) {
    egret::detail::render_operand<D, S>(v, l, Op::precedence);
    v.text(Op::sql);
    egret::detail::render_operand<D, S>(v, r, Op::precedence, true);
  }

  /// `FN([DISTINCT] x) [FILTER (WHERE p)]`, or `FN([DISTINCT] CASE WHEN p THEN x END)` without FILTER.
  /// The name comes from `aggregate_spelling<D::family, Fn>` (expr/aggregate.hpp), which may instead emulate
  /// the whole call; an argument with a separator (`x, sep`) has the CASE around x alone.
  template <class D, class A, class S, class V, bool NativeFilter = D::has_filter_clause>
  static constexpr void render_aggregate(V& v, A const* a) {
    using E = typename A::argument;
    using F = typename A::filter_type;
    using spelled = aggregate_spelling<typename D::family, typename A::fn>;
    constexpr bool filtered = requires { &F::pred; };
    if constexpr (requires { spelled::emulated; }) {
      spelled::template render<D, S>(v, a);
      return;
    } else {
      v.text(spelled::sql);
    }
    v.ch('(');
    if constexpr (A::distinct) v.text("DISTINCT ");
    if constexpr (filtered && !NativeFilter) {
      v.text("CASE WHEN ");
      render_pred<D, S>(v, a);
      v.text(" THEN ");
      if constexpr (requires { E::is_star; })
        v.ch('1');
      else if constexpr (requires { E::is_separated; })
        E::template render_value<D, S>(v, a ? &a->arg : nullptr);
      else
        E::template render<D, S>(v, a ? &a->arg : nullptr);
      v.text(" END");
      if constexpr (requires { E::is_separated; }) E::template render_separator<D, S>(v, a ? &a->arg : nullptr);
      v.ch(')');
    } else {
      E::template render<D, S>(v, a ? &a->arg : nullptr);
      v.ch(')');
      if constexpr (filtered) {
        v.text(" FILTER (WHERE ");
        render_pred<D, S>(v, a);
        v.ch(')');
      }
    }
  }

  /// Whether E is a condition (a comparison, AND / OR / NOT, IS NULL, LIKE, IN, EXISTS...) rather than a
  /// BOOLEAN value (a column, a literal, a bound value, CASE, an aggregate).
  template <class E>
  static constexpr bool is_condition =
      std::is_same_v<value_type_t<E>, bool> && (E::precedence < prec::atom || detail::is_exists<E>::value);

  /// A BOOLEAN expression where SQL expects a condition (WHERE, HAVING, ON, FILTER, AND / OR operands), in
  /// parentheses when it binds looser than `min`. Without has_boolean_expressions a value becomes `x = 1`.
  template <class D, class S, class V, class E>
  static constexpr void render_condition(V& v, E const* e, int min) {
    if constexpr (!D::has_boolean_expressions && !is_condition<E>) {
      bool const paren = prec::compare < min;
      if (paren) v.ch('(');
      egret::detail::render_operand<D, S>(v, e, prec::compare, true);
      v.text(" = ");
      D::template bool_literal<D>(v, true);
      if (paren) v.ch(')');
    } else {
      egret::detail::render_operand<D, S>(v, e, min);
    }
  }

  /// A select item's value. Without has_boolean_expressions a condition becomes
  /// `CASE WHEN p THEN 1 WHEN NOT (p) THEN 0 END` (NULL stays NULL; p is written, and bound, twice).
  template <class D, class S, class V, class E>
  static constexpr void render_select_value(V& v, E const* e) {
    if constexpr (!D::has_boolean_expressions && is_condition<E>) {
      v.text("CASE WHEN ");
      E::template render<D, S>(v, e);
      v.text(" THEN 1 WHEN NOT (");
      E::template render<D, S>(v, e);
      v.text(") THEN 0 END");
    } else {
      E::template render<D, S>(v, e);
    }
  }

  /// The extra sort key that emulates NULLS FIRST (First) or NULLS LAST without has_nulls_order, and its
  /// comma: `e IS NULL DESC, ` or `e IS NULL, ` (0 sorts before 1).
  template <class D, class S, bool First, class V, class E>
  static constexpr void render_null_sort_key(V& v, E const* e) {
    egret::detail::render_operand<D, S>(v, e, prec::compare, true);  // `(NOT x) IS NULL`, not `NOT (x IS NULL)`
    v.text(First ? " IS NULL DESC, " : " IS NULL, ");
  }

  /// Written after `SELECT [DISTINCT] ` of a level that has LIMIT / OFFSET (SQL Server's `TOP (n) `).
  template <class D, class S, class V, class Limit>
  static constexpr void render_select_prefix(V&, Limit const*) {}

  /// Written where ORDER BY would be, for a level with LIMIT / OFFSET and no ORDER BY (SQL Server's OFFSET
  /// needs one: ` ORDER BY (SELECT NULL)`).
  template <class D, class Limit, class V>
  static constexpr void render_unordered_limit(V&) {}

  /// Written after the ORDER BY of a nested SELECT (a derived table, a subquery, a CTE, an ordered operand of
  /// a set operation) that has no LIMIT / OFFSET: nothing (SQL Server's ` OFFSET 0 ROWS`, which T-SQL needs
  /// there).
  template <class D, class V>
  static constexpr void render_nested_order(V&) {}

  /// The keyword between the operands of a set operation (relation/set_op.hpp): ` UNION ALL `, ` UNION `,
  /// ` INTERSECT `, ` EXCEPT `; `op` is UNION, INTERSECT or EXCEPT, `all` whether it keeps duplicates.
  template <class D, class V>
  static constexpr void render_set_operator(V& v, std::string_view op, bool all) {
    v.ch(' ');
    v.text(op);
    v.text(all ? " ALL " : " ");
  }

  /// Checks that D can render window frame Frame (expr/window_spec.hpp: its `unit`, GROUPS or not, and its
  /// `exclude`); a dialect lacking one static_asserts here, once per frame type. Standard SQL has them all.
  template <class D, class Frame>
  static constexpr void require_frame() {}

  /// Checks that D has window function Fn (a tag of namespace egret::win, expr/window.hpp); a dialect lacking
  /// one static_asserts here. Standard SQL has them all.
  template <class D, class Fn>
  static constexpr void require_window_function() {}

  /// Checks that D has an UPDATE statement (statement/update.hpp); standard SQL has.
  template <class D>
  static constexpr void require_update_statement() {}

  /// The WHERE of an UPDATE or DELETE given `.all()` (statement/where.hpp): none in standard SQL.
  template <class D, class V>
  static constexpr void render_where_all(V&) {}

  /// What starts row i (0-based) of the `count` rows of an INSERT's VALUES (statement/values.hpp), before its
  /// values: ` VALUES (`, then `, (`.
  template <class D, class V>
  static constexpr void render_insert_row_open(V& v, std::size_t i, std::size_t) {
    v.text(i == 0 ? " VALUES (" : ", (");
  }

  /// What ends row i of the `count` rows of an INSERT's VALUES: `)`.
  template <class D, class V>
  static constexpr void render_insert_row_close(V& v, std::size_t, std::size_t) {
    v.ch(')');
  }

  /// A column's type in CREATE TABLE (render/ddl.hpp): `TYPE NOT NULL`, or `TYPE` for a nullable column.
  template <class D, class T, bool Nullable, class V>
  static constexpr void render_column_type(V& v) {
    v.text(D::template type_name<D, T>());
    if constexpr (!Nullable) v.text(" NOT NULL");
  }

  /// The type of a column of the PRIMARY KEY in CREATE TABLE (never nullable): as any other column's.
  template <class D, class T, class V>
  static constexpr void render_key_column_type(V& v) {
    D::template render_column_type<D, T, false>(v);
  }

  /// The primary key in CREATE TABLE: `, PRIMARY KEY (` keys `)`; `keys()` writes the quoted key columns.
  template <class D, class V, class Keys>
  static constexpr void render_primary_key(V& v, Keys const& keys) {
    v.text(", PRIMARY KEY (");
    keys();
    v.ch(')');
  }

  /// What follows CREATE TABLE's column list (an engine clause); `keys()` writes the quoted key columns
  /// when Keyed. Nothing in standard SQL.
  template <class D, bool Keyed, class V, class Keys>
  static constexpr void render_table_options(V&, Keys const&) {}

  /// An aggregate call under OVER (expr/window.hpp): as anywhere else in standard SQL. (A dialect may use
  /// `render_aggregate<D, A, S, V, false>`, the CASE form of FILTER, where its engine takes no FILTER there.)
  template <class D, class A, class S, class V>
  static constexpr void render_window_aggregate(V& v, A const* a) {
    A::template render<D, S>(v, a);
  }

  /// `LIMIT n [OFFSET m]`; each of n and m is a bound value or absent.
  template <class D, class S, class V, class Limit>
  static constexpr void render_limit(V& v, Limit const* l) {
    if constexpr (Limit::has_limit) {
      v.text(" LIMIT ");
      Limit::template render_count<D, S>(v, l);
    }
    if constexpr (Limit::has_offset) {
      v.text(" OFFSET ");
      Limit::template render_offset<D, S>(v, l);
    }
  }

 protected:
  template <class D, class S, class V, class A>
  static constexpr void render_pred(V& v, A const* a) {
    using P = decltype(A::filter_type::pred);
    D::template render_condition<D, S>(v, a ? &a->filter.pred : static_cast<P const*>(nullptr), 0);
  }
};

}  // namespace egret::dialect
