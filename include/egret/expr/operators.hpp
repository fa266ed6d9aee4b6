// Defines the operators on expressions: arithmetic (+ - * / %), text concatenation, comparisons, AND/OR/NOT.
// Each operator is constrained only on "an egret expression is involved"; its type rule is a static_assert
// with a message in SQL terms, and the result stays well-formed after it (one error line, not a wall).
#pragma once

#include <string_view>
#include <type_traits>

#include <egret/expr/value.hpp>

namespace egret {

namespace op {
// Each operator kind: its SQL spelling and binding strength.
struct add { static constexpr std::string_view sql = " + "; static constexpr int precedence = prec::additive; };
struct sub { static constexpr std::string_view sql = " - "; static constexpr int precedence = prec::additive; };
struct mul { static constexpr std::string_view sql = " * "; static constexpr int precedence = prec::multiplicative; };
struct div { static constexpr std::string_view sql = " / "; static constexpr int precedence = prec::multiplicative; };
struct mod { static constexpr std::string_view sql = " % "; static constexpr int precedence = prec::multiplicative; };
struct concat { static constexpr std::string_view sql = " || "; static constexpr int precedence = prec::concat; };
struct eq { static constexpr std::string_view sql = " = "; static constexpr int precedence = prec::compare; };
struct ne { static constexpr std::string_view sql = " <> "; static constexpr int precedence = prec::compare; };
struct lt { static constexpr std::string_view sql = " < "; static constexpr int precedence = prec::compare; };
struct le { static constexpr std::string_view sql = " <= "; static constexpr int precedence = prec::compare; };
struct gt { static constexpr std::string_view sql = " > "; static constexpr int precedence = prec::compare; };
struct ge { static constexpr std::string_view sql = " >= "; static constexpr int precedence = prec::compare; };
struct land { static constexpr std::string_view sql = " AND "; static constexpr int precedence = prec::land; };
struct lor { static constexpr std::string_view sql = " OR "; static constexpr int precedence = prec::lor; };
}  // namespace op

/// `lhs <op> rhs`. Arithmetic promotes INTEGER < BIGINT < DOUBLE; `/` on two integers is integer division
/// (truncating, as in SQLite and PostgreSQL); comparisons and AND/OR give BOOLEAN.
/// Nullable when either side is.
template <class Op, class T, class L, class R>
struct binary : expr_methods<binary<Op, T, L, R>> {
  L lhs;
  R rhs;

  using value_type = T;
  using op_type = Op;
  using operands = type_list<L, R>;
  static constexpr bool is_aggregate = detail::any_aggregate<L, R>;
  static constexpr int precedence = Op::precedence;
  template <class Ctx>
  static constexpr bool nullable_in = detail::any_nullable<Ctx, L, R>;

  template <class D, class S, class V>
  static constexpr void render(V& v, binary const* n) {
    D::template render_binary<D, Op, S>(v, detail::member(n, &binary::lhs), detail::member(n, &binary::rhs));
  }
};

/// `NOT e` and unary minus.
template <bool Not, class E>
struct unary : expr_methods<unary<Not, E>> {
  E arg;

  using value_type = std::conditional_t<Not, bool, value_type_t<E>>;
  using operands = type_list<E>;
  static constexpr bool is_aggregate = is_aggregate_v<E>;
  static constexpr int precedence = Not ? prec::lnot : prec::unary;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_in_v<E, Ctx>;

  template <class D, class S, class V>
  static constexpr void render(V& v, unary const* n) {
    v.text(Not ? "NOT " : "-");
    if constexpr (Not)  // a condition: a BOOLEAN value is `x = 1` where the engine has no BOOLEAN
      D::template render_condition<D, S>(v, detail::member(n, &unary::arg), precedence);
    else
      detail::render_operand<D, S>(v, detail::member(n, &unary::arg), precedence);
  }
};

namespace detail {

template <class Op, class L, class R>
constexpr auto make_binary(L const& l, R const& r) {
  using A = as_expr_t<L>;
  using B = as_expr_t<R>;
  using TA = value_type_t<A>;
  using TB = value_type_t<B>;
  if constexpr (std::is_same_v<Op, op::land> || std::is_same_v<Op, op::lor>) {
    return binary<Op, bool, A, B>{{}, as_expr(l), as_expr(r)};
  } else if constexpr (Op::precedence == prec::compare) {
    return binary<Op, bool, A, B>{{}, as_expr(l), as_expr(r)};
  } else if constexpr (std::is_same_v<Op, op::add> && is_text_v<TA> && is_text_v<TB>) {
    return binary<op::concat, std::string, A, B>{{}, as_expr(l), as_expr(r)};
  } else {
    return binary<Op, promote_t<TA, TB>, A, B>{{}, as_expr(l), as_expr(r)};
  }
}

template <class T>
inline constexpr std::string_view family_word = [] {
  if constexpr (is_numeric_v<T>) return "a number";
  else if constexpr (is_text_v<T>) return "TEXT";
  else if constexpr (std::is_same_v<T, bool>) return "BOOLEAN";
  else return "a date";
}();

}  // namespace detail

// The type rules, one static_assert each, written in the function the operator calls (one frame less
// in the compiler's instantiation trace than a separate check function); only the first broken rule is
// instantiated.
template <class Op, class L, class R>
constexpr auto arith(L const& l, R const& r) {
  using TA = value_type_t<as_expr_t<L>>;
  using TB = value_type_t<as_expr_t<R>>;
  if constexpr (is_numeric_v<TA> && is_numeric_v<TB>) {
    if constexpr (std::is_same_v<Op, op::mod>)
      static_assert(is_integer_v<TA> && is_integer_v<TB>, "egret: % needs integer operands; use mod() on DOUBLE");
  } else if constexpr (std::is_same_v<Op, op::add> && is_text_v<TA> && is_text_v<TB>) {
  } else if constexpr (is_text_v<TA> || is_text_v<TB>) {
    static_assert(dependent_false<TA>, "egret: arithmetic on TEXT; use + on two TEXT values to concatenate, or cast<>() to a number");
  } else if constexpr (std::is_same_v<TA, bool> || std::is_same_v<TB, bool>) {
    static_assert(dependent_false<TA>, "egret: arithmetic on BOOLEAN; use if_else() or cast<>() to a number");
  } else {
    static_assert(dependent_false<TA>, "egret: arithmetic on DATE or TIMESTAMP values; use the date functions");
  }
  return detail::make_binary<Op>(l, r);
}
template <class Op, class L, class R>
constexpr auto compare(L const& l, R const& r) {
  using TA = value_type_t<as_expr_t<L>>;
  using TB = value_type_t<as_expr_t<R>>;
  if constexpr (!comparable_v<TA, TB>) {
    if constexpr ((is_text_v<TA> && is_numeric_v<TB>) || (is_numeric_v<TA> && is_text_v<TB>))
      static_assert(dependent_false<TA>, "egret: cannot compare TEXT with a number; compare with a string or cast<>() it");
    else
      static_assert(dependent_false<TA>, "egret: cannot compare values of different SQL types; cast<>() one side");
  }
  return detail::make_binary<Op>(l, r);
}
template <class Op, class L, class R>
constexpr auto logical(L const& l, R const& r) {
  static_assert(std::is_same_v<value_type_t<as_expr_t<L>>, bool> && std::is_same_v<value_type_t<as_expr_t<R>>, bool>,
                "egret: AND / OR need BOOLEAN operands; compare the value first (x > 0)");
  return detail::make_binary<Op>(l, r);
}

template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator+(L const& l, R const& r) { return arith<op::add>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator-(L const& l, R const& r) { return arith<op::sub>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator*(L const& l, R const& r) { return arith<op::mul>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator/(L const& l, R const& r) { return arith<op::div>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator%(L const& l, R const& r) { return arith<op::mod>(l, r); }

template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator==(L const& l, R const& r) { return compare<op::eq>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator!=(L const& l, R const& r) { return compare<op::ne>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator<(L const& l, R const& r) { return compare<op::lt>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator<=(L const& l, R const& r) { return compare<op::le>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator>(L const& l, R const& r) { return compare<op::gt>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator>=(L const& l, R const& r) { return compare<op::ge>(l, r); }

template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator&&(L const& l, R const& r) { return logical<op::land>(l, r); }
template <class L, class R>
  requires((expression<L> || expression<R>) && is_operand_v<L> && is_operand_v<R>)
constexpr auto operator||(L const& l, R const& r) { return logical<op::lor>(l, r); }

template <expression E>
constexpr auto operator!(E const& e) {
  static_assert(std::is_same_v<value_type_t<E>, bool>, "egret: NOT needs a BOOLEAN operand");
  return unary<true, E>{{}, e};
}
template <expression E>
constexpr auto operator-(E const& e) {
  static_assert(is_numeric_v<value_type_t<E>>, "egret: unary minus needs a numeric operand");
  return unary<false, E>{{}, e};
}

}  // namespace egret
