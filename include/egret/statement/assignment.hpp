// Defines assignment, one `"column" = value` of an UPDATE's SET or an upsert's DO UPDATE SET, made with
// egret::set(column, value), and the rule every value written to a column follows (INSERT values too):
// the value's SQL type must fit the column's, and a NOT NULL column takes no value that can be NULL.
#pragma once

#include <optional>
#include <type_traits>

#include <egret/expr/methods.hpp>
#include <egret/statement/target.hpp>

namespace egret {

namespace detail {

/// Whether a value of SQL type V may be written to a column of SQL type C: the same type, an integer
/// into an integer column at least as wide, or an integer into a DOUBLE column.
template <class C, class V>
inline constexpr bool assignable_v = std::is_same_v<C, V> || (is_integer_v<C> && is_integer_v<V> && sizeof(V) <= sizeof(C)) ||
                                     (std::is_same_v<C, double> && is_integer_v<V>);

/// What a value written to column C becomes: `std::nullopt` is a typed NULL, a C++ value is bound, an
/// expression stays as is (a C++ type egret cannot bind becomes NULL after its static_assert).
template <class C, class V>
struct written {
  using type = as_expr_t<V>;
  static constexpr type make(V const& v) { return as_expr(v); }
};
template <class C>
struct written<C, std::nullopt_t> {
  using type = null_t<typename C::value_type>;
  static constexpr type make(std::nullopt_t) { return {}; }
};
template <class C, class V>
  requires(!is_operand_v<V> && !std::is_same_v<V, std::nullopt_t>)
struct written<C, V> {
  using type = null_t<typename C::value_type>;
  static constexpr type make(V const&) { return {}; }
};
template <class C, class V>
using written_t = typename written<C, std::remove_cvref_t<V>>::type;

/// The rules on writing V (the C++ argument) as expression E into column C; templated on the column, so
/// the compiler prints it beside the message. Only the first broken rule fires.
template <class C, class V, class E>
constexpr void check_written() {
  if constexpr (!is_operand_v<V> && !std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>) {
    static_assert(dependent_false<C>,
                  "egret: this C++ type is not a SQL value (integer, double, bool, text, egret::date, "
                  "egret::timestamp, std::optional of one, or an egret expression)");
  } else if constexpr (!assignable_v<typename C::value_type, value_type_t<E>>) {
    static_assert(dependent_false<C>,
                  "egret: a value's SQL type does not fit its column (e.g. TEXT into an INTEGER column, or "
                  "BIGINT into INTEGER); pass a value of the column's type, or cast<>() it");
  } else if constexpr (nullable_v<E> && !nullable_v<C>) {
    static_assert(dependent_false<C>,
                  "egret: NULL, or a value that can be NULL, for a NOT NULL column; coalesce() it, or declare "
                  "the column std::optional");
  }
}

template <class C>
constexpr void require_target_column() {
  static_assert(is_column_v<C> && is_table_v<typename C::source>,
                "egret: set() assigns to a column of a table (t.price), not to an expression");
}

}  // namespace detail

/// `"column" = value` in a SET list. Render with the statement's scope (the value may read columns).
template <class C, class E>
struct assignment {
  E rhs;

  using column = C;
  using expr = E;
  static constexpr bool is_assignment = true;

  template <class D, class S, class V>
  static constexpr void render(V& v, assignment const* a) {
    // SET targets are never qualified (PostgreSQL and SQLite both reject `"t"."c" = ...`).
    D::template quote_identifier<D>(v, C::name.view());
    v.text(" = ");
    E::template render<D, S>(v, detail::member(a, &assignment::rhs));
  }
};

template <class A>
inline constexpr bool is_assignment_v = requires { std::remove_cvref_t<A>::is_assignment; };

/// `column = value`, for update(t).set(...) and on_conflict(...).do_update(...):
/// `egret::set(t.price, t.price * 1.1)`, `set(t.tag, std::nullopt)`, `set(t.qty, excluded(t.qty) + t.qty)`.
/// The value may be an expression over the statement's tables, a C++ value (bound), a param<> or
/// std::nullopt (NULL). Its SQL type must fit the column's; a NOT NULL column takes no nullable value.
template <class C, class V>
constexpr auto set(C const& /*column*/, V const& value) {
  detail::require_target_column<C>();
  using E = detail::written_t<C, V>;
  detail::check_written<C, V, E>();
  return assignment<C, E>{detail::written<C, std::remove_cvref_t<V>>::make(value)};
}

namespace detail {

/// The assignments of one SET list, in order.
template <class... As>
struct assignments {
  pack<As...> list;

  static constexpr std::size_t size = sizeof...(As);
  template <class S>
  static constexpr bool in_scope_of = (in_scope<S, typename As::expr>() && ...);

  /// Every column the values read is in scope S; the compiler names the first that is not.
  template <class S>
  static constexpr void require_in_scope() {
    (require_statement_scope<S, typename As::expr>(), ...);
  }

  template <class A>
  constexpr assignments<As..., A> add(A const& a) const {
    return add_impl(a, std::index_sequence_for<As...>{});
  }

  template <class D, class S, class V>
  static constexpr void render(V& v, assignments const* n) {
    render_each<D, S>(v, member(n, &assignments::list), std::index_sequence_for<As...>{});
  }

 private:
  template <class A, std::size_t... Is>
  constexpr assignments<As..., A> add_impl(A const& a, std::index_sequence<Is...>) const {
    return {make_pack(static_cast<slot<Is, As> const&>(list).v..., a)};
  }
  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_each(V& v, pack<As...> const* p, std::index_sequence<Is...>) {
    using P = pack<As...>;  // named once: spelled in the expansion, it is formed again per column (clang)
    bool first = true;
    ((first ? void(first = false) : v.text(", "),
      As::template render<D, S>(v, P::at(static_cast<slot<Is, As> const*>(p)))),
     ...);
  }
};

template <class Column>
constexpr void column_set_twice() {
  static_assert(dependent_false<Column>, "egret: this column is set twice in one SET list");
}
template <class Column>
constexpr void column_of_other_table() {
  static_assert(dependent_false<Column>,
                "egret: set() assigns a column of another table; a statement changes only its own table");
}

/// The assignment A joins a SET list of table T that already holds As: its column is T's, and not set yet.
template <class T, class A, class... As>
constexpr void check_new_assignment() {
  using C = typename A::column;
  if constexpr (!std::is_same_v<typename C::source, T>)
    column_of_other_table<C>();
  else if constexpr (((As::column::name == C::name) || ...))
    column_set_twice<C>();
}

}  // namespace detail
}  // namespace egret
