// Defines the leaves that carry values: value (a C++ value captured at run time, always bound),
// lit (a compile-time constant, inlined and escaped) and param (a named placeholder bound at execute).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <egret/expr/expression.hpp>

namespace egret {

namespace detail {
/// How a captured C++ value is stored in the tree: string literals as views (static storage),
/// everything else by value, so a query built from literals stays a literal type.
template <class T>
struct stored {
  using type = T;
};
template <class T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
struct stored<T> {
  using type = identity_of_t<T>;
};
template <>
struct stored<float> {
  using type = double;
};
template <>
struct stored<char const*> {
  using type = std::string_view;
};
template <std::size_t N>
struct stored<char[N]> {
  using type = std::string_view;
};
template <class T>
struct stored<std::optional<T>> {
  using type = std::optional<typename stored<T>::type>;
};
}  // namespace detail

/// A C++ value used in a query (`o.amount > 10.0`, `coalesce(x, 0.0)`): rendered as a placeholder
/// (`?` or `$n`) and bound when the statement runs. Nullable only when it is a std::optional.
template <class T>
struct value : expr_methods<value<T>> {
  T v;

  using value_type = identity_of_t<T>;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = !std::is_same_v<T, typename declared<T>::type>;

  template <class D, class S, class V>
  static constexpr void render(V& w, value const* n) {
    D::template render_value<D>(w, detail::member(n, &value::v));
  }
};

template <class T>
constexpr auto make_value(T const& x) {
  using S = typename detail::stored<std::remove_cvref_t<T>>::type;
  return value<S>{{}, S(x)};
}

/// Turns an operand into an expression: expressions pass through, C++ values become bound values.
template <class T>
constexpr auto as_expr(T const& x) {
  if constexpr (expression<T>)
    return x;
  else
    return make_value(x);
}
template <class T>
using as_expr_t = decltype(as_expr(std::declval<T const&>()));

/// Whether T can appear in a query: an egret expression or a C++ value of a SQL type.
template <class T>
inline constexpr bool is_operand_v = expression<T> || !std::is_void_v<identity_of_t<T>>;

/// A constant inlined into the SQL text: `lit<42>`, `lit<true>`, and for text `str<"completed">`.
/// Text is escaped for the dialect. Use it where the value is part of the query's meaning
/// (a status code), and plain C++ values (bound) for everything else.
template <auto V>
struct lit_t : expr_methods<lit_t<V>> {
  using value_type = identity_of_t<decltype(V)>;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = false;

  template <class D, class S, class W>
  static constexpr void render(W& w, lit_t const*) {
    if constexpr (std::is_same_v<value_type, bool>)
      D::template bool_literal<D>(w, V);
    else if constexpr (std::is_same_v<value_type, std::string>)
      D::template string_literal<D>(w, V.view());
    else if constexpr (is_integer_v<value_type>)
      w.number(static_cast<long long>(V));
    else
      static_assert(dependent_false<W>, "egret: lit<> takes an integer, a bool or a string; bind other values");
  }
};
template <auto V>
inline constexpr lit_t<V> lit{};
template <fixed_string S>
inline constexpr lit_t<S> str{};

/// A named, typed placeholder whose value is given at execute time: `param<"min", double>`.
/// Values are passed to `execute(q, args...)` in the order the parameters first appear in the query.
template <fixed_string Name, class T>
struct param_t : expr_methods<param_t<Name, T>> {
  using value_type = typename declared<T>::type;
  using cpp_type = T;
  using operands = type_list<>;
  static constexpr auto name = Name;
  static constexpr bool is_aggregate = false;
  static constexpr bool is_param = true;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = declared<T>::nullable;
  static_assert(is_sql_type_v<value_type>, "egret: param<> needs a SQL value type (integer, double, bool, "
                                           "std::string, egret::date, egret::timestamp, or std::optional of one)");

  template <class D, class S, class W>
  static constexpr void render(W& w, param_t const*) {
    if constexpr (requires { W::inline_values; })
      w.template named_param<param_t>();  // writes the argument's literal (to_sql_inline) or refuses (views)
    else
      D::template placeholder<D>(w, w.template named_param<param_t>());
  }
};
template <fixed_string Name, class T>
inline constexpr param_t<Name, T> param{};

}  // namespace egret
