// Defines the numeric functions: abs, ceil, floor, round, sign, sqrt, exp, ln, log, log10, power, mod,
// greatest, least, clip, and the explicit divisions floordiv (floor) and truediv (always DOUBLE).
//
// Type rules: abs, sign, ceil, floor and round keep their argument's type (ceil/floor/round of a DOUBLE stay
// DOUBLE: SQL returns a whole-valued DOUBLE, as Ibis does for floats); sqrt, exp, ln, log, log10 and power
// give DOUBLE; mod, greatest, least, clip and floordiv give the promoted type of their arguments. `/` on two
// integers stays integer division truncating toward zero (SQLite and PostgreSQL); floordiv rounds toward
// minus infinity; truediv always divides as DOUBLE.
// Nullability: NULL in, NULL out; sqrt, ln, log, log10 and power are nullable in any case, because SQLite
// answers NULL outside their domain (sqrt(-1), ln(0)). Division by zero gives NULL on SQLite, as `/` does.
#pragma once

#include <string_view>
#include <type_traits>

#include <egret/expr/call.hpp>
#include <egret/expr/null.hpp>
#include <egret/expr/operators.hpp>
#include <egret/expr/predicate.hpp>

namespace egret {

namespace fn {
// The SQLite versions that have a function: the math functions (SQRT, LN, ...) came in 3.35, built in by
// default (SQLITE_ENABLE_MATH_FUNCTIONS); SIGN is a core function since 3.35. `name` is the Ibis operation.
inline constexpr int sqlite_math_functions = 3'035'000;

struct abs { static constexpr std::string_view sql = "ABS", name = "Abs"; };
struct ceil {
  static constexpr std::string_view sql = "CEIL", name = "Ceil";
  static constexpr int sqlite_since = sqlite_math_functions;
};
struct floor {
  static constexpr std::string_view sql = "FLOOR", name = "Floor";
  static constexpr int sqlite_since = sqlite_math_functions;
};
struct round { static constexpr std::string_view sql = "ROUND", name = "Round"; };
struct sign {
  static constexpr std::string_view sql = "SIGN", name = "Sign";
  static constexpr int sqlite_since = sqlite_math_functions;
};
struct sqrt {
  static constexpr std::string_view sql = "SQRT", name = "Sqrt";
  static constexpr int sqlite_since = sqlite_math_functions;
  static constexpr bool nullable = true;
};
struct exp {
  static constexpr std::string_view sql = "EXP", name = "Exp";
  static constexpr int sqlite_since = sqlite_math_functions;
};
struct ln {
  static constexpr std::string_view sql = "LN", name = "Ln";
  static constexpr int sqlite_since = sqlite_math_functions;
  static constexpr bool nullable = true;
};
struct log10 {
  static constexpr std::string_view sql = "LOG10", name = "Log10";
  static constexpr int sqlite_since = sqlite_math_functions;
  static constexpr bool nullable = true;
};
/// LOG(base, x): the SQL argument order (SQLite, PostgreSQL).
struct log {
  static constexpr std::string_view sql = "LOG", name = "Log";
  static constexpr int sqlite_since = sqlite_math_functions;
  static constexpr bool nullable = true;
};
struct power {
  static constexpr std::string_view sql = "POWER", name = "Power";
  static constexpr int sqlite_since = sqlite_math_functions;
  static constexpr bool nullable = true;
};
struct mod {
  static constexpr std::string_view sql = "MOD", name = "Modulus";
  static constexpr int sqlite_since = sqlite_math_functions;
};
struct greatest { static constexpr std::string_view sql = "GREATEST", name = "Greatest"; };
struct least { static constexpr std::string_view sql = "LEAST", name = "Least"; };
}  // namespace fn

// One message per function, naming what it got. Undefined at the end of this header.
#define EGRET_DETAIL_REQUIRE_NUMERIC(FN, T)                                                               \
  if constexpr (is_text_v<T>)                                                                             \
    static_assert(dependent_false<T>, "egret: " FN " needs a numeric argument, got TEXT; cast<>() it");   \
  else if constexpr (std::is_same_v<T, bool>)                                                             \
    static_assert(dependent_false<T>, "egret: " FN " needs a numeric argument, got BOOLEAN; use if_else()"); \
  else                                                                                                    \
    static_assert(is_numeric_v<T>, "egret: " FN " needs a numeric argument, got a DATE or TIMESTAMP")

namespace detail {
/// A free function taking C++ values too is an egret function only when an expression is involved.
template <class... As>
concept some_expression = (expression<As> || ...) && (is_operand_v<As> && ...);

/// The SQL type of an argument, expression or C++ value.
template <class A>
using operand_type_t = value_type_t<as_expr_t<A>>;
}  // namespace detail

/// `ABS(x)`: same type as x.
template <expression E>
constexpr auto abs(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("abs()", value_type_t<E>);
  return make_call<fn::abs, value_type_t<E>>(x);
}
/// `CEIL(x)`: same type as x (a DOUBLE stays DOUBLE, whole-valued).
template <expression E>
constexpr auto ceil(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("ceil()", value_type_t<E>);
  return make_call<fn::ceil, value_type_t<E>>(x);
}
/// `FLOOR(x)`: same type as x (a DOUBLE stays DOUBLE, whole-valued).
template <expression E>
constexpr auto floor(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("floor()", value_type_t<E>);
  return make_call<fn::floor, value_type_t<E>>(x);
}
/// `ROUND(x)`: to the nearest whole value, halves away from zero (2.5 -> 3, -2.5 -> -3); same type as x.
/// PostgreSQL rounds a DOUBLE half to even, so egret rounds it as NUMERIC there.
template <expression E>
constexpr auto round(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("round()", value_type_t<E>);
  return make_call<fn::round, value_type_t<E>>(x);
}
/// `ROUND(x, digits)`: to `digits` decimal places (digits >= 0; SQLite reads a negative count as 0).
template <expression E, class N>
  requires is_operand_v<N>
constexpr auto round(E const& x, N const& digits) {
  EGRET_DETAIL_REQUIRE_NUMERIC("round()", value_type_t<E>);
  static_assert(is_integer_v<detail::operand_type_t<N>>, "egret: round(x, digits) needs an integer number of digits");
  return make_call<fn::round, value_type_t<E>>(x, digits);
}
/// `SIGN(x)`: -1, 0 or 1, in x's type.
template <expression E>
constexpr auto sign(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("sign()", value_type_t<E>);
  return make_call<fn::sign, value_type_t<E>>(x);
}
/// `SQRT(x)`: DOUBLE; NULL for a negative x on SQLite (an error on PostgreSQL).
template <expression E>
constexpr auto sqrt(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("sqrt()", value_type_t<E>);
  return make_call<fn::sqrt, double>(x);
}
/// `EXP(x)`: e to the x, DOUBLE.
template <expression E>
constexpr auto exp(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("exp()", value_type_t<E>);
  return make_call<fn::exp, double>(x);
}
/// `LN(x)`: natural logarithm, DOUBLE; NULL for x <= 0 on SQLite.
template <expression E>
constexpr auto ln(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("ln()", value_type_t<E>);
  return make_call<fn::ln, double>(x);
}
/// `LOG10(x)`: base-10 logarithm, DOUBLE; NULL for x <= 0 on SQLite.
template <expression E>
constexpr auto log10(E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("log10()", value_type_t<E>);
  return make_call<fn::log10, double>(x);
}
/// `LOG(base, x)`: the logarithm of x in `base` (SQL argument order), DOUBLE.
template <class B, class E>
  requires detail::some_expression<B, E>
constexpr auto log(B const& base, E const& x) {
  EGRET_DETAIL_REQUIRE_NUMERIC("log()", detail::operand_type_t<B>);
  EGRET_DETAIL_REQUIRE_NUMERIC("log()", detail::operand_type_t<E>);
  return make_call<fn::log, double>(base, x);
}
/// `POWER(x, y)`: DOUBLE; NULL where SQLite has no real result (a negative x to a fractional y).
template <class X, class Y>
  requires detail::some_expression<X, Y>
constexpr auto power(X const& x, Y const& y) {
  EGRET_DETAIL_REQUIRE_NUMERIC("power()", detail::operand_type_t<X>);
  EGRET_DETAIL_REQUIRE_NUMERIC("power()", detail::operand_type_t<Y>);
  return make_call<fn::power, double>(x, y);
}
/// `MOD(a, b)`: the remainder with the sign of a (-7 mod 2 = -1), on integers and DOUBLE (`%` takes
/// integers only). Type: promoted from a and b.
template <class A, class B>
  requires detail::some_expression<A, B>
constexpr auto mod(A const& a, B const& b) {
  EGRET_DETAIL_REQUIRE_NUMERIC("mod()", detail::operand_type_t<A>);
  EGRET_DETAIL_REQUIRE_NUMERIC("mod()", detail::operand_type_t<B>);
  return make_call<fn::mod, promote_t<detail::operand_type_t<A>, detail::operand_type_t<B>>>(a, b);
}

/// `GREATEST(a, b, ...)` (SQLite: the scalar `MAX(a, b, ...)`): the largest argument, of their common type.
/// Any comparable values (numbers, TEXT, dates). NULLs differ by engine: SQLite answers NULL when an argument
/// is NULL, PostgreSQL ignores NULL arguments; either way the result is nullable when an argument is.
template <class A, class... Bs>
  requires detail::some_expression<A, Bs...>
constexpr auto greatest(A const& a, Bs const&... bs) {
  static_assert(sizeof...(Bs) >= 1, "egret: greatest() needs at least two arguments");
  static_assert((comparable_v<detail::operand_type_t<A>, detail::operand_type_t<Bs>> && ...),
                "egret: greatest() arguments have incompatible SQL types; cast<>() them to one type");
  return make_call<fn::greatest, typename detail::common_of<detail::operand_type_t<A>, detail::operand_type_t<Bs>...>::type>(a, bs...);
}
/// `LEAST(a, b, ...)` (SQLite: the scalar `MIN(a, b, ...)`): the smallest argument; see greatest().
template <class A, class... Bs>
  requires detail::some_expression<A, Bs...>
constexpr auto least(A const& a, Bs const&... bs) {
  static_assert(sizeof...(Bs) >= 1, "egret: least() needs at least two arguments");
  static_assert((comparable_v<detail::operand_type_t<A>, detail::operand_type_t<Bs>> && ...),
                "egret: least() arguments have incompatible SQL types; cast<>() them to one type");
  return make_call<fn::least, typename detail::common_of<detail::operand_type_t<A>, detail::operand_type_t<Bs>...>::type>(a, bs...);
}

/// x bounded to [lo, hi]: `LEAST(GREATEST(x, lo), hi)` (SQLite: `MIN(MAX(x, lo), hi)`). Numeric; type promoted.
/// A NULL x gives NULL on SQLite; PostgreSQL's GREATEST ignores it and gives lo (see greatest()).
template <expression E, class Lo, class Hi>
  requires(is_operand_v<Lo> && is_operand_v<Hi>)
constexpr auto clip(E const& x, Lo const& lo, Hi const& hi) {
  EGRET_DETAIL_REQUIRE_NUMERIC("clip()", value_type_t<E>);
  EGRET_DETAIL_REQUIRE_NUMERIC("clip()", detail::operand_type_t<Lo>);
  EGRET_DETAIL_REQUIRE_NUMERIC("clip()", detail::operand_type_t<Hi>);
  return least(greatest(x, lo), hi);
}

/// `a / b` as DOUBLE whatever the operand types: `CAST(a AS REAL) / b` when a is an integer.
template <class A, class B>
  requires detail::some_expression<A, B>
constexpr auto truediv(A const& a, B const& b) {
  EGRET_DETAIL_REQUIRE_NUMERIC("truediv()", detail::operand_type_t<A>);
  EGRET_DETAIL_REQUIRE_NUMERIC("truediv()", detail::operand_type_t<B>);
  if constexpr (std::is_same_v<detail::operand_type_t<A>, double>)
    return detail::make_binary<op::div>(a, b);
  else
    return detail::make_binary<op::div>(cast<double>(a), b);
}

/// Floor division: the largest whole value <= a / b, correct for negatives (-7 floordiv 2 = -4, where SQL's
/// integer `/` truncates to -3). Type promoted from a and b: on integers it is
/// `CAST(FLOOR(CAST(a AS REAL) / b) AS INTEGER)`, exact while |a| < 2^53; on DOUBLE it is `FLOOR(a / b)`.
template <class A, class B>
  requires detail::some_expression<A, B>
constexpr auto floordiv(A const& a, B const& b) {
  EGRET_DETAIL_REQUIRE_NUMERIC("floordiv()", detail::operand_type_t<A>);
  EGRET_DETAIL_REQUIRE_NUMERIC("floordiv()", detail::operand_type_t<B>);
  using T = promote_t<detail::operand_type_t<A>, detail::operand_type_t<B>>;
  if constexpr (std::is_same_v<T, double>)
    return floor(detail::make_binary<op::div>(a, b));
  else
    return cast<T>(floor(truediv(a, b)));
}

#undef EGRET_DETAIL_REQUIRE_NUMERIC

}  // namespace egret
