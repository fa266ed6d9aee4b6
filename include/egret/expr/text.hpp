// Defines the text functions: length, lower, upper, trim/ltrim/rtrim, lpad/rpad, substr, left/right,
// replace, contains, startswith, endswith, find, ilike, concat, repeat (reverse() is in expr/regex.hpp); and
// sql_template, the spelling of a function as a SQL template over its arguments, with which the dialects
// emulate what an engine lacks (SQLite has no LPAD, REPEAT, LEFT...).
//
// Positions are 1-based, as in SQL (`substr(s, 1, 3)` is the first three characters), except find(), which
// follows Ibis: 0-based, -1 when absent. Lengths and positions are integers. NULL in, NULL out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <egret/dialect/capability.hpp>
#include <egret/expr/aggregate.hpp>
#include <egret/expr/call.hpp>
#include <egret/expr/conditional.hpp>
#include <egret/expr/numeric.hpp>
#include <egret/expr/operators.hpp>
#include <egret/expr/predicate.hpp>

namespace egret {

// ---- sql_template -----------------------------------------------------------------------------------------

namespace detail {

/// Where the `$1`..`$9` markers of a SQL template are.
struct template_shape {
  int args = 0;         ///< the highest marker
  bool linear = true;   ///< each argument exactly once, in order: `SUBSTR($1, 1, $2)`
  bool nested = false;  ///< the arguments sit inside a subquery (the template has a SELECT)
};

constexpr template_shape shape_of(std::string_view body) {
  template_shape s;
  int next = 1;
  for (std::size_t i = 0; i + 1 < body.size(); ++i) {
    if (body[i] != '$') continue;
    int const k = body[i + 1] - '0';
    if (k != next) s.linear = false;
    next = k + 1;
    if (k > s.args) s.args = k;
  }
  s.nested = body.find("SELECT") != std::string_view::npos;
  return s;
}

template <class E>
struct renders_without_values;
template <class L>
struct all_render_without_values;
template <class... Es>
struct all_render_without_values<type_list<Es...>>
    : std::bool_constant<(renders_without_values<Es>::value && ...)> {};

/// Nodes that hold nothing but their operands (so they render without values when those do).
template <class E>
inline constexpr bool is_plain_composite = false;
template <class Op, class T, class L, class R>
inline constexpr bool is_plain_composite<binary<Op, T, L, R>> = true;
template <bool Not, class E>
inline constexpr bool is_plain_composite<unary<Not, E>> = true;
template <class Fn, class T, class... As>
inline constexpr bool is_plain_composite<call_t<Fn, T, As...>> = true;
template <class T, class E>
inline constexpr bool is_plain_composite<cast_t<T, E>> = true;
template <class T, class... Es>
inline constexpr bool is_plain_composite<coalesce_t<T, Es...>> = true;
template <bool Not, class E>
inline constexpr bool is_plain_composite<is_null_t<Not, E>> = true;
template <class T, class Else, class... Ws>
inline constexpr bool is_plain_composite<case_t<T, Else, Ws...>> = true;
template <class T, class X, class Else, class... Ws>
inline constexpr bool is_plain_composite<simple_case_t<T, X, Else, Ws...>> = true;
template <class A, class B>
inline constexpr bool is_plain_composite<identical_t<A, B>> = true;
template <class Fn, class T, class E, class F, bool Distinct>
inline constexpr bool is_plain_composite<aggregate_t<Fn, T, E, F, Distinct>> = true;
template <class X, class Sep>
inline constexpr bool is_plain_composite<separated<X, Sep>> = true;

template <class E>
inline constexpr bool is_value_free_leaf = requires { E::is_column; } || requires { E::is_star; };
template <auto V>
inline constexpr bool is_value_free_leaf<lit_t<V>> = true;
template <class T>
inline constexpr bool is_value_free_leaf<null_t<T>> = true;

/// Whether E renders without any value bound at run time (no C++ value, no param<>, no subquery): only such
/// an expression may be written more than once in a statement. Unknown nodes count as holding values.
template <class E>
struct renders_without_values
    : std::bool_constant<is_value_free_leaf<E> ||
                         (is_plain_composite<E> && all_render_without_values<typename E::operands>::value)> {};

template <class D, class S, class V, class A>
constexpr void render_template_arg(V& v, A const* a, bool bare) {
  if (bare)
    A::template render<D, S>(v, a);
  else
    render_operand<D, S>(v, a, prec::atom);
}

/// Renders argument k (1-based) of a...: bare where the template gives it a place of its own (a function
/// argument), else in parentheses unless it is an atom.
template <class D, class S, class V, class... A>
constexpr void render_template_nth(V& v, int k, bool bare, A const*... a) {
  int i = 0;
  ((++i == k ? render_template_arg<D, S>(v, a, bare) : void()), ...);
}

}  // namespace detail

/// A spelling written as SQL over the arguments `$1`..`$9`: `sql_template<"SUBSTR($1, 1, $2)">`. Use it as
/// a function's spelling (`struct spelling<sqlite_family, fn::left> : sql_template<"...">`).
/// Bound values are never written twice: when the template uses an argument more than once or out of order
/// and an argument holds a run-time value, the arguments are bound once in a subquery,
/// `(SELECT <template over egret_1, egret_2...> FROM (SELECT $1 AS egret_1, ...) AS egret_let)`.
/// Neither that subquery nor a template that is itself a subquery can take an aggregate argument (SQLite
/// refuses it): that is a compile-time error naming the way out.
template <fixed_string Body>
struct sql_template {
  static constexpr detail::template_shape shape = detail::shape_of(Body.view());

  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    static_assert(sizeof...(A) == static_cast<std::size_t>(shape.args),
                  "egret: a sql_template spelling has as many $k markers as the call has arguments");
    constexpr bool direct = shape.linear || (detail::renders_without_values<A>::value && ...);
    if constexpr (direct && !shape.nested) {
      write<D, S, false>(v, a...);
    } else if constexpr (direct) {
      if constexpr ((is_aggregate_v<A> || ...))  // reported once, at to_sql (dialect/capability.hpp)
        dialect::reject<D, dialect::rejection::emulated_function_of_aggregate>(v);
      write<D, S, false>(v, a...);
    } else {
      if constexpr ((is_aggregate_v<A> || ...))
        dialect::reject<D, dialect::rejection::bound_emulation_of_aggregate>(v);
      v.text("(SELECT ");
      write<D, S, true>(v, a...);
      v.text(" FROM (SELECT ");
      int k = 0;
      ((v.text(k++ ? ", " : ""), A::template render<D, S>(v, a), v.text(" AS egret_"), v.ch(char('0' + k))), ...);
      v.text(D::select_without_from);
      v.ch(')');
      v.text(D::table_alias_keyword);
      v.text("egret_let)");
    }
  }

 private:
  template <class D, class S, bool Named, class V, class... A>
  static constexpr void write(V& v, A const*... a) {
    std::string_view const b = Body.view();
    std::size_t start = 0;
    for (std::size_t i = 0; i + 1 < b.size(); ++i) {
      if (b[i] != '$') continue;
      v.text(b.substr(start, i - start));
      if constexpr (Named) {
        v.text("egret_");
        v.ch(b[i + 1]);
      } else {
        char const prev = i > 0 ? b[i - 1] : '\0';
        char const before = i > 1 ? b[i - 2] : '\0';
        char const next = i + 2 < b.size() ? b[i + 2] : '\0';
        bool const bare = (prev == '(' || (prev == ' ' && before == ',')) && (next == ')' || next == ',');
        detail::render_template_nth<D, S>(v, b[i + 1] - '0', bare, a...);
      }
      start = i + 2;
      ++i;
    }
    v.text(b.substr(start));
  }
};

// ---- the functions ----------------------------------------------------------------------------------------

namespace fn {
// Standard spellings; engines that spell one differently specialize spelling<> (dialect/<name>.hpp).
// `name` is the Ibis operation.
struct length { static constexpr std::string_view sql = "LENGTH", name = "StringLength"; };
struct lower { static constexpr std::string_view sql = "LOWER", name = "Lowercase"; };
struct upper { static constexpr std::string_view sql = "UPPER", name = "Uppercase"; };
struct trim { static constexpr std::string_view sql = "TRIM", name = "Strip"; };
struct ltrim { static constexpr std::string_view sql = "LTRIM", name = "LStrip"; };
struct rtrim { static constexpr std::string_view sql = "RTRIM", name = "RStrip"; };
struct lpad { static constexpr std::string_view sql = "LPAD", name = "LPad"; };
struct rpad { static constexpr std::string_view sql = "RPAD", name = "RPad"; };
struct substr { static constexpr std::string_view sql = "SUBSTR", name = "Substring"; };
struct left { static constexpr std::string_view sql = "LEFT", name = "StrLeft"; };
struct right { static constexpr std::string_view sql = "RIGHT", name = "StrRight"; };
struct replace { static constexpr std::string_view sql = "REPLACE", name = "StringReplace"; };
struct repeat { static constexpr std::string_view sql = "REPEAT", name = "Repeat"; };
struct contains : sql_template<"STRPOS($1, $2) > 0"> {
  static constexpr std::string_view name = "StringContains";
  static constexpr int precedence = prec::compare;
};
struct startswith : sql_template<"STARTS_WITH($1, $2)"> {
  static constexpr std::string_view name = "StartsWith";
  static constexpr int precedence = prec::compare;  // some engines spell it as a comparison
};
struct endswith : sql_template<"ENDS_WITH($1, $2)"> {
  static constexpr std::string_view name = "EndsWith";
  static constexpr int precedence = prec::compare;
};
struct find : sql_template<"STRPOS($1, $2) - 1"> {
  static constexpr std::string_view name = "StringFind";
  static constexpr int precedence = prec::additive;
};
struct ilike : sql_template<"LOWER($1) LIKE LOWER($2)"> {
  static constexpr std::string_view name = "StringILike";
  static constexpr int precedence = prec::compare;
};
/// `a || b || ...`
struct concat {
  static constexpr std::string_view name = "StringConcat";
  static constexpr int precedence = prec::concat;
  template <class D, class S, class V, class A, class... Bs>
  static constexpr void render(V& v, A const* a, Bs const*... bs) {
    detail::render_operand<D, S>(v, a, precedence);
    ((v.text(" || "), detail::render_operand<D, S>(v, bs, precedence, true)), ...);
  }
};
}  // namespace fn

// One message per function. Undefined at the end of this header.
#define EGRET_DETAIL_REQUIRE_TEXT(FN, T) \
  static_assert(is_text_v<T>, "egret: " FN " needs a TEXT argument; cast<std::string>() it")
#define EGRET_DETAIL_REQUIRE_COUNT(FN, T) \
  static_assert(is_integer_v<T>, "egret: " FN " needs an integer count or position; cast<std::int64_t>() it")

/// `LENGTH(s)`: the number of characters, INTEGER.
template <expression E>
constexpr auto length(E const& s) {
  EGRET_DETAIL_REQUIRE_TEXT("length()", value_type_t<E>);
  return make_call<fn::length, std::int32_t>(s);
}
/// `LOWER(s)` (ASCII letters on SQLite).
template <expression E>
constexpr auto lower(E const& s) {
  EGRET_DETAIL_REQUIRE_TEXT("lower()", value_type_t<E>);
  return make_call<fn::lower, std::string>(s);
}
/// `UPPER(s)` (ASCII letters on SQLite).
template <expression E>
constexpr auto upper(E const& s) {
  EGRET_DETAIL_REQUIRE_TEXT("upper()", value_type_t<E>);
  return make_call<fn::upper, std::string>(s);
}
/// `TRIM(s)`: without leading and trailing spaces.
template <expression E>
constexpr auto trim(E const& s) {
  EGRET_DETAIL_REQUIRE_TEXT("trim()", value_type_t<E>);
  return make_call<fn::trim, std::string>(s);
}
/// `LTRIM(s)`: without leading spaces.
template <expression E>
constexpr auto ltrim(E const& s) {
  EGRET_DETAIL_REQUIRE_TEXT("ltrim()", value_type_t<E>);
  return make_call<fn::ltrim, std::string>(s);
}
/// `RTRIM(s)`: without trailing spaces.
template <expression E>
constexpr auto rtrim(E const& s) {
  EGRET_DETAIL_REQUIRE_TEXT("rtrim()", value_type_t<E>);
  return make_call<fn::rtrim, std::string>(s);
}

/// `LPAD(s, n, fill)`: s cut or left-filled with `fill` (repeated) to n characters; `fill` defaults to
/// one space. An empty fill leaves a short s as it is.
template <expression E, class N, class F = lit_t<fixed_string<1>{" "}>>
  requires(is_operand_v<N> && is_operand_v<F>)
constexpr auto lpad(E const& s, N const& n, F const& fill = {}) {
  EGRET_DETAIL_REQUIRE_TEXT("lpad()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_COUNT("lpad()", detail::operand_type_t<N>);
  EGRET_DETAIL_REQUIRE_TEXT("lpad()", detail::operand_type_t<F>);
  return make_call<fn::lpad, std::string>(s, n, fill);
}
/// `RPAD(s, n, fill)`: s cut or right-filled with `fill` to n characters; see lpad().
template <expression E, class N, class F = lit_t<fixed_string<1>{" "}>>
  requires(is_operand_v<N> && is_operand_v<F>)
constexpr auto rpad(E const& s, N const& n, F const& fill = {}) {
  EGRET_DETAIL_REQUIRE_TEXT("rpad()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_COUNT("rpad()", detail::operand_type_t<N>);
  EGRET_DETAIL_REQUIRE_TEXT("rpad()", detail::operand_type_t<F>);
  return make_call<fn::rpad, std::string>(s, n, fill);
}

/// `SUBSTR(s, start)`: from the 1-based position `start` to the end (start >= 1; engines differ below).
template <expression E, class P>
  requires is_operand_v<P>
constexpr auto substr(E const& s, P const& start) {
  EGRET_DETAIL_REQUIRE_TEXT("substr()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_COUNT("substr()", detail::operand_type_t<P>);
  return make_call<fn::substr, std::string>(s, start);
}
/// `SUBSTR(s, start, len)`: `len` characters from the 1-based position `start`.
template <expression E, class P, class N>
  requires(is_operand_v<P> && is_operand_v<N>)
constexpr auto substr(E const& s, P const& start, N const& len) {
  EGRET_DETAIL_REQUIRE_TEXT("substr()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_COUNT("substr()", detail::operand_type_t<P>);
  EGRET_DETAIL_REQUIRE_COUNT("substr()", detail::operand_type_t<N>);
  return make_call<fn::substr, std::string>(s, start, len);
}
/// `LEFT(s, n)`: the first n characters (n >= 0).
template <expression E, class N>
  requires is_operand_v<N>
constexpr auto left(E const& s, N const& n) {
  EGRET_DETAIL_REQUIRE_TEXT("left()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_COUNT("left()", detail::operand_type_t<N>);
  return make_call<fn::left, std::string>(s, n);
}
/// `RIGHT(s, n)`: the last n characters (n >= 0).
template <expression E, class N>
  requires is_operand_v<N>
constexpr auto right(E const& s, N const& n) {
  EGRET_DETAIL_REQUIRE_TEXT("right()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_COUNT("right()", detail::operand_type_t<N>);
  return make_call<fn::right, std::string>(s, n);
}
/// `REPLACE(s, from, to)`: every occurrence of `from` replaced (case-sensitive).
template <expression E, class F, class T>
  requires(is_operand_v<F> && is_operand_v<T>)
constexpr auto replace(E const& s, F const& from, T const& to) {
  EGRET_DETAIL_REQUIRE_TEXT("replace()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_TEXT("replace()", detail::operand_type_t<F>);
  EGRET_DETAIL_REQUIRE_TEXT("replace()", detail::operand_type_t<T>);
  return make_call<fn::replace, std::string>(s, from, to);
}
/// `REPEAT(s, n)`: s n times ('' when n <= 0).
template <expression E, class N>
  requires is_operand_v<N>
constexpr auto repeat(E const& s, N const& n) {
  EGRET_DETAIL_REQUIRE_TEXT("repeat()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_COUNT("repeat()", detail::operand_type_t<N>);
  return make_call<fn::repeat, std::string>(s, n);
}
/// Whether t occurs in s (case-sensitive): BOOLEAN.
template <class E, class T>
  requires detail::some_expression<E, T>
constexpr auto contains(E const& s, T const& t) {
  EGRET_DETAIL_REQUIRE_TEXT("contains()", detail::operand_type_t<E>);
  EGRET_DETAIL_REQUIRE_TEXT("contains()", detail::operand_type_t<T>);
  return make_call<fn::contains, bool>(s, t);
}
/// Whether s starts with t (case-sensitive; every s starts with ''): BOOLEAN.
template <class E, class T>
  requires detail::some_expression<E, T>
constexpr auto startswith(E const& s, T const& t) {
  EGRET_DETAIL_REQUIRE_TEXT("startswith()", detail::operand_type_t<E>);
  EGRET_DETAIL_REQUIRE_TEXT("startswith()", detail::operand_type_t<T>);
  return make_call<fn::startswith, bool>(s, t);
}
/// Whether s ends with t (case-sensitive): BOOLEAN.
template <class E, class T>
  requires detail::some_expression<E, T>
constexpr auto endswith(E const& s, T const& t) {
  EGRET_DETAIL_REQUIRE_TEXT("endswith()", detail::operand_type_t<E>);
  EGRET_DETAIL_REQUIRE_TEXT("endswith()", detail::operand_type_t<T>);
  return make_call<fn::endswith, bool>(s, t);
}
/// The 0-based position of the first t in s, -1 when absent (Ibis; SQL's INSTR/STRPOS are 1-based): BIGINT.
template <class E, class T>
  requires detail::some_expression<E, T>
constexpr auto find(E const& s, T const& t) {
  EGRET_DETAIL_REQUIRE_TEXT("find()", detail::operand_type_t<E>);
  EGRET_DETAIL_REQUIRE_TEXT("find()", detail::operand_type_t<T>);
  return make_call<fn::find, std::int64_t>(s, t);
}
/// Case-insensitive LIKE: `LOWER(s) LIKE LOWER(pattern)`, PostgreSQL's `s ILIKE pattern`.
template <class E, class P>
  requires detail::some_expression<E, P>
constexpr auto ilike(E const& s, P const& pattern) {
  EGRET_DETAIL_REQUIRE_TEXT("ilike()", detail::operand_type_t<E>);
  EGRET_DETAIL_REQUIRE_TEXT("ilike()", detail::operand_type_t<P>);
  return make_call<fn::ilike, bool>(s, pattern);
}
/// `a || b || ...`: TEXT; NULL when any part is (as `a + b` on TEXT).
template <class A, class... Bs>
  requires detail::some_expression<A, Bs...>
constexpr auto concat(A const& a, Bs const&... bs) {
  static_assert(sizeof...(Bs) >= 1, "egret: concat() needs at least two arguments");
  static_assert(is_text_v<detail::operand_type_t<A>> && (is_text_v<detail::operand_type_t<Bs>> && ...),
                "egret: concat() needs TEXT arguments; cast<std::string>() the others");
  return make_call<fn::concat, std::string>(a, bs...);
}

#undef EGRET_DETAIL_REQUIRE_TEXT
#undef EGRET_DETAIL_REQUIRE_COUNT

}  // namespace egret
