// Defines dyn::sort_key, an ORDER BY key chosen at run time: from a static key (`egret::desc(o.amount)`,
// with NULLS FIRST/LAST), an expression, a dyn::column, and dyn::asc / dyn::desc / dyn::order(e, descending).
// Each renders through the static sort-key rules (detail::render_sort_key), never its own.
#pragma once

#include <memory>
#include <type_traits>

#include <egret/dynamic/column.hpp>

namespace egret::dyn {

namespace detail {

/// A static node around an erased node of unknown type (a dyn::column's expression).
struct opaque {
  node_ptr n;
  static constexpr int precedence = prec::atom;
  template <class D, class S, class V>
  static void render(V& v, opaque const* o) {
    render_node(v, *o->n);
  }
};

/// A static sort key K (egret::sort_key<E, Desc, Nulls>) as a renderable node.
template <class K>
struct sort_item {
  K k;
  static constexpr int precedence = prec::atom;
  static constexpr bool is_aggregate = false;
  template <class Ctx>
  static constexpr bool nullable_in = false;
  template <class D, class S, class V>
  static void render(V& v, sort_item const* n) {
    egret::detail::render_sort_key<D, S>(v, &n->k);
  }
};

}  // namespace detail

/// A sort key of a dynamic query's ORDER BY.
class sort_key {
 public:
  /// A static key: `egret::desc(o.amount)`, `egret::asc(x).nulls_last()`.
  template <class E, bool Desc, nulls_order N>
  sort_key(egret::sort_key<E, Desc, N> const& k)  // NOLINT: implicit, like static order_by() keys
      : node_(std::make_shared<erased<detail::sort_item<egret::sort_key<E, Desc, N>>> const>(
            detail::sort_item<egret::sort_key<E, Desc, N>>{k}, false)) {}
  /// An expression, ascending.
  template <class E>
    requires expression<E>
  sort_key(E const& e)  // NOLINT
      : sort_key(egret::asc(e)) {}
  /// A select item's expression, ascending.
  sort_key(column const& c)  // NOLINT
      : sort_key(egret::sort_key<detail::opaque, false>{{c.ptr()}}) {}

  node const& get() const { return *node_; }

 private:
  node_ptr node_;
};

/// Ascending on x (an expression or a dyn::column).
template <class X>
sort_key asc(X const& x) {
  return sort_key(x);
}
/// Descending on x (an expression or a dyn::column).
template <class X>
sort_key desc(X const& x) {
  if constexpr (std::is_same_v<X, column>)
    return sort_key(egret::sort_key<detail::opaque, true>{{x.ptr()}});
  else
    return sort_key(egret::desc(x));
}
/// On x, descending when `descending` (chosen at run time).
template <class X>
sort_key order(X const& x, bool descending) {
  return descending ? dyn::desc(x) : dyn::asc(x);
}

}  // namespace egret::dyn
