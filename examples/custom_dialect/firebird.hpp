// Defines firebird_example::firebird, a dialect for Firebird 5.0 written OUTSIDE egret, in one header of
// the user's project, as docs/adding-a-dialect.md describes: a traits struct deriving from
// egret::dialect::ansi, plus spellings for the functions Firebird writes its own way.
//
// What differs from standard SQL, and where it is said below:
//   - no ON CONFLICT (Firebird has UPDATE OR INSERT ... MATCHING and MERGE) and no UPDATE ... FROM:
//     capability flags, so egret rejects those statements at compile time;
//   - no FILTER (WHERE ...) on aggregates is assumed: egret writes CASE inside the aggregate instead;
//   - LIMIT / OFFSET is `OFFSET m ROWS FETCH NEXT n ROWS ONLY` (render_limit);
//   - a SELECT needs a table: `FROM RDB$DATABASE` (select_without_from);
//   - no TEXT type: VARCHAR(8191), the longest VARCHAR in UTF8 (type_name);
//   - CHAR_LENGTH, SUBSTRING(s FROM a FOR n), TRIM(LEADING / TRAILING FROM s), POSITION(t IN s),
//     s STARTING WITH t, MAXVALUE / MINVALUE, LIST(x, sep), EXTRACT(WEEKDAY / YEARDAY ...): spellings;
//   - no BOOL_OR / BOOL_AND: any() and all() are compile-time errors (a rejecting spelling).
// Functions not spelled here keep egret's default spelling (see docs/support-matrix.md, column ANSI SQL):
// among them the regex functions, truncate<>(), date arithmetic and strftime(), which have no default and
// are compile-time errors; and INTERSECT / EXCEPT, which Firebird lacks and egret cannot reject yet.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include <egret/egret.hpp>

namespace firebird_example {

/// The family the function spellings below are specialized on.
struct firebird_family {};

/// Firebird 5.0, SQL dialect 3.
struct firebird : egret::dialect::ansi {
  static constexpr std::string_view name = "Firebird";
  using family = firebird_family;
  // Identifiers in double quotes and `?` placeholders: ansi's.

  // Capabilities (egret/dialect/capability.hpp). RIGHT / FULL JOIN, RETURNING (several rows since 5.0),
  // window functions (3.0), NULLS FIRST / LAST and the math functions are there: ansi's `true`.
  static constexpr bool has_upsert = false;         ///< UPDATE OR INSERT / MERGE, no ON CONFLICT
  static constexpr bool has_update_from = false;    ///< MERGE, no UPDATE ... FROM
  static constexpr bool has_filter_clause = false;  ///< emulated: SUM(CASE WHEN p THEN x END)

  /// Firebird has no SELECT without FROM: its one-row table.
  static constexpr std::string_view select_without_from = " FROM RDB$DATABASE";

  /// Type names for CREATE TABLE and CAST.
  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (std::is_same_v<T, std::string>)
      return "VARCHAR(8191)";  // 32765 bytes, 4 per UTF8 character
    else
      return egret::dialect::ansi::type_name<D, T>();  // INTEGER, BIGINT, DOUBLE PRECISION, BOOLEAN, DATE...
  }

  /// `OFFSET m ROWS FETCH NEXT n ROWS ONLY` (Firebird 3.0 and later). The offset is written, and so bound,
  /// first: the binder follows the text.
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

namespace detail {
/// `NAME(a, b, ...)`, each argument through its own render.
template <class D, class S, class V, class... A>
constexpr void call(V& v, std::string_view name, A const*... a) {
  v.text(name);
  v.ch('(');
  bool first = true;
  ((first ? void(first = false) : v.text(", "), A::template render<D, S>(v, a)), ...);
  v.ch(')');
}
}  // namespace detail

}  // namespace firebird_example

namespace egret {

// ---- text -------------------------------------------------------------------------------------------------

/// The engine's function under another name: a sql_template that is one call.
template <>
struct spelling<firebird_example::firebird_family, fn::length> : sql_template<"CHAR_LENGTH($1)"> {};

/// Firebird has no LTRIM / RTRIM functions, but standard TRIM with LEADING / TRAILING. A sql_template is
/// read as an emulation by the support matrix unless it says otherwise.
template <>
struct spelling<firebird_example::firebird_family, fn::ltrim> : sql_template<"TRIM(LEADING FROM $1)"> {
  static constexpr bool emulated = false;
};
template <>
struct spelling<firebird_example::firebird_family, fn::rtrim> : sql_template<"TRIM(TRAILING FROM $1)"> {
  static constexpr bool emulated = false;
};

/// `SUBSTRING(s FROM start [FOR len])`: substr() takes two or three arguments.
template <>
struct spelling<firebird_example::firebird_family, fn::substr> {
  template <class D, class S, class V, class A, class P, class... N>
  static constexpr void render(V& v, A const* s, P const* start, N const*... len) {
    v.text("SUBSTRING(");
    A::template render<D, S>(v, s);
    v.text(" FROM ");
    P::template render<D, S>(v, start);
    ((v.text(" FOR "), N::template render<D, S>(v, len)), ...);
    v.ch(')');
  }
};

/// `POSITION(t IN s) > 0`. The second argument is written first; each is written once, in the order of the
/// text, so bound values stay in step with their placeholders.
template <>
struct spelling<firebird_example::firebird_family, fn::contains> {
  template <class D, class S, class V, class A, class T>
  static constexpr void render(V& v, A const* s, T const* t) {
    v.text("POSITION(");
    T::template render<D, S>(v, t);
    v.text(" IN ");
    A::template render<D, S>(v, s);
    v.text(") > 0");
  }
};

/// `s STARTING WITH t`: case-sensitive, no wildcards. (An operator: the arguments are parenthesized
/// unless they are atoms.)
template <>
struct spelling<firebird_example::firebird_family, fn::startswith> : sql_template<"$1 STARTING WITH $2"> {};

// ---- numeric ----------------------------------------------------------------------------------------------

/// GREATEST and LEAST are MAXVALUE and MINVALUE (NULL when an argument is NULL, as GREATEST).
template <>
struct spelling<firebird_example::firebird_family, fn::greatest> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    firebird_example::detail::call<D, S>(v, "MAXVALUE", a...);
  }
};
template <>
struct spelling<firebird_example::firebird_family, fn::least> {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    firebird_example::detail::call<D, S>(v, "MINVALUE", a...);
  }
};

// ---- date and time ----------------------------------------------------------------------------------------

/// Standard EXTRACT for year ... second (the default spelling); QUARTER from the month; WEEKDAY counts
/// from Sunday = 0 (egret: Monday = 0); YEARDAY from 0 (egret: 1). Each a sql_template over one argument,
/// in parentheses when it is an expression, so that it stays one operand.
template <date_part P>
struct spelling<firebird_example::firebird_family, fn::extract<P>> {
  /// Read by the support matrix: quarter, day_of_week and day_of_year are computed from other fields.
  static constexpr bool emulated =
      P == date_part::quarter || P == date_part::day_of_week || P == date_part::day_of_year;
  template <class D, class S, class V, class A>
  static constexpr void render(V& v, A const* a) {
    if constexpr (P == date_part::quarter)
      sql_template<"((CAST(EXTRACT(MONTH FROM $1) AS BIGINT) + 2) / 3)">::template render<D, S>(v, a);
    else if constexpr (P == date_part::day_of_week)
      sql_template<"CAST(MOD(EXTRACT(WEEKDAY FROM $1) + 6, 7) AS BIGINT)">::template render<D, S>(v, a);
    else if constexpr (P == date_part::day_of_year)
      sql_template<"(CAST(EXTRACT(YEARDAY FROM $1) AS BIGINT) + 1)">::template render<D, S>(v, a);
    else
      fn::extract<P>::template render<D, S>(v, a);
  }
};

// ---- aggregates -------------------------------------------------------------------------------------------

/// `LIST(x, sep)`.
template <>
struct aggregate_spelling<firebird_example::firebird_family, agg::group_concat> {
  static constexpr std::string_view sql = "LIST";
};

/// Firebird has no BOOL_OR / BOOL_AND: using any() or all() is a compile-time error naming a way out.
/// (A spelling that writes the whole call declares `emulated`; this one writes nothing.)
template <class Fn>
  requires(std::is_same_v<Fn, agg::any> || std::is_same_v<Fn, agg::all>)
struct aggregate_spelling<firebird_example::firebird_family, Fn> {
  static constexpr bool emulated = true;
  template <class D, class S, class V, class A>
  static constexpr void render(V&, A const*) {
    static_assert(dependent_false<D>,
                  "egret: Firebird has no BOOL_OR / BOOL_AND; count the rows instead: "
                  "count(where(p)) > 0 for any(p), count(where(!p)) == 0 for all(p)");
  }
};

}  // namespace egret
