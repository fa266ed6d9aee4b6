// Defines dyn::isin(e, values): `e IN (?, ?, ...)` with a list whose length is known at run time, each
// element bound; typed by e's SQL type. An empty list is a false predicate (`1 = 0`).
#pragma once

#include <initializer_list>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/dynamic/expr.hpp>

namespace egret::dyn {

namespace detail {

/// `lhs IN (?, ...)`; `1 = 0` when the list is empty (SQL has no empty IN list).
class in_list final : public node {
 public:
  in_list(node_ptr lhs, std::vector<datum> values)
      : node(prec::compare, lhs->aggregate(), lhs->nullable() || has_null(values)), lhs_(std::move(lhs)),
        values_(std::move(values)) {}

  void render(writer& w) const override {
    if (values_.empty()) {
      w.text("1 = 0");
      return;
    }
    render_node(w, *lhs_, prec::compare + 1);  // as in_list_t: a comparison on the left is parenthesized
    w.text(" IN (");
    bool first = true;
    for (auto const& v : values_) {
      if (!first) w.text(", ");
      first = false;
      w.placeholder(v);
    }
    w.ch(')');
  }

 private:
  static bool has_null(std::vector<datum> const& vs) {
    for (auto const& v : vs)
      if (v.index() == 0) return true;
    return false;
  }
  node_ptr lhs_;
  std::vector<datum> values_;
};

template <class E, class V>
inline constexpr bool in_list_ok = [] {
  if constexpr (expression<E>) {
    using TV = identity_of_t<V>;
    if constexpr (!std::is_void_v<TV>) return comparable_v<value_type_t<E>, TV>;
  }
  return false;
}();

template <class E, class V>
constexpr void check_in_list() {
  static_assert(expression<E>, "egret: dyn::isin() needs an expression (a column) before the list");
  if constexpr (expression<E>) {
    using TE = value_type_t<E>;
    using TV = identity_of_t<V>;
    static_assert(!std::is_void_v<TV> && comparable_v<TE, TV>,
                  "egret: dyn::isin(): the list's elements must have the SQL type of the expression (a number "
                  "for a number, a string for TEXT); convert the values first");
  }
}

template <class E, class It>
expr<bool> make_in_list(E const& e, It first, It last) {
  std::vector<datum> ds;
  for (; first != last; ++first) ds.push_back(to_datum(*first));
  return expr<bool>(std::make_shared<in_list const>(expr<value_type_t<E>>(e).ptr(), std::move(ds)));
}

}  // namespace detail

/// `e IN (?, ?, ?)`, one bound placeholder per element: `dyn::isin(o.status, statuses)`. The elements'
/// type must fit e's SQL type (a compile error otherwise); an empty list gives `1 = 0`.
template <class E, class V>
expr<bool> isin(E const& e, std::vector<V> const& values) {
  detail::check_in_list<E, V>();
  if constexpr (detail::in_list_ok<E, V>)
    return detail::make_in_list(e, values.begin(), values.end());
  else
    return {};
}
template <class E, class V>
expr<bool> isin(E const& e, std::initializer_list<V> values) {
  detail::check_in_list<E, V>();
  if constexpr (detail::in_list_ok<E, V>)
    return detail::make_in_list(e, values.begin(), values.end());
  else
    return {};
}

}  // namespace egret::dyn
