// Defines dyn::expr<T>, a typed expression whose shape is chosen at run time: any static expression of SQL
// type T converts to it (the static node is erased, rendered later by its own code), and it is itself an
// egret expression, so static operators and functions take it. Predicates are dyn::expr<bool>; && and ||
// on them build flat AND / OR lists at run time.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/dialect/capability.hpp>
#include <egret/dynamic/node.hpp>
#include <egret/expr/methods.hpp>

namespace egret::dyn {

namespace detail {

/// AND / OR of terms, flattened: `a AND b AND c`; a term that binds looser gets parentheses.
class junction final : public node {
 public:
  junction(bool is_or, std::vector<node_ptr> terms)
      : node(is_or ? prec::lor : prec::land, any(terms, &node::aggregate), any(terms, &node::nullable)),
        is_or_(is_or), terms_(std::move(terms)) {}

  void render(writer& w) const override {
    bool first = true;
    for (auto const& t : terms_) {
      if (!first) w.text(is_or_ ? " OR " : " AND ");
      first = false;
      render_node(w, *t, precedence());
    }
  }
  bool is_or() const { return is_or_; }
  std::vector<node_ptr> const& terms() const { return terms_; }

 private:
  static bool any(std::vector<node_ptr> const& ts, bool (node::*f)() const) {
    for (auto const& t : ts)
      if (((*t).*f)()) return true;
    return false;
  }
  bool is_or_;
  std::vector<node_ptr> terms_;
};

template <class T>
constexpr int dyn_precedence = std::is_same_v<T, bool> ? prec::lnot : prec::multiplicative;

}  // namespace detail

/// An expression of SQL type T (std::int32_t, std::int64_t, double, bool, std::string, date, timestamp)
/// built at run time. Converts from any static expression of type T (`dyn::expr<bool> p = o.status == s;`)
/// or C++ value of type T (bound). A default-constructed expr is empty: `empty && p` is `p`, and an empty
/// filter adds no condition. Nullability is tracked at run time (`nullable()`); to static rules a dyn::expr
/// may be NULL.
template <class T>
class expr : public expr_methods<expr<T>> {
  static_assert(is_sql_type_v<T>, "egret: dyn::expr<T> needs a SQL type identity: std::int32_t, std::int64_t, "
                                  "double, bool, std::string, egret::date or egret::timestamp");

 public:
  // ---- the expression protocol (expr/expression.hpp) ----
  using value_type = T;
  using operands = type_list<>;
  static constexpr bool is_dyn_expr = true;
  static constexpr bool is_aggregate = false;
  /// Static parents see this binding strength; the node adds its own parentheses when it binds looser.
  static constexpr int precedence = detail::dyn_precedence<T>;
  template <class Ctx>
  static constexpr bool nullable_in = true;

  /// Rendered only by a dynamic query's writer. In a static query's compile-time SQL it is rejected once,
  /// at the call of to_sql (dialect::rejection::dyn_in_static_query); a static subquery holding one is
  /// rejected where it is built (exists(), isin(), scalar()).
  template <class D, class S, class V>
  static constexpr void render(V& v, expr const* n) {
    if constexpr (!std::is_same_v<V, writer>) {
      dialect::reject<D, dialect::rejection::dyn_in_static_query>(v);
    } else {
      static_assert(std::is_same_v<S, runtime_scope>,
                    "egret: a dyn:: expression cannot be used inside a static subquery; keep that subquery static, or "
                    "join a dynamic one (dyn::from(...).as(\"name\"))");
      render_node(v, n->get(), precedence);
    }
  }

  expr() = default;
  /// Erases a static expression (or binds a C++ value) of SQL type T.
  template <class E>
    requires(!std::is_same_v<std::remove_cvref_t<E>, expr> && is_operand_v<E>)
  expr(E const& e) : node_(make(e)) {}  // NOLINT: implicit, so static expressions pass where expr<T> is taken
  explicit expr(node_ptr n) : node_(std::move(n)) {}

  /// True when no expression was given (a default-constructed expr).
  bool empty() const { return node_ == nullptr; }
  /// The erased node (non-empty exprs).
  node const& get() const {
    if (!node_) throw egret::error("egret: an empty dyn::expr was rendered; give it an expression first");
    return *node_;
  }
  node_ptr const& ptr() const { return node_; }
  /// May it be NULL (by its own rules; an outer join adds to that in a query)?
  bool nullable() const { return get().nullable(); }

 private:
  template <class E>
  static node_ptr make(E const& e) {
    using X = as_expr_t<E>;
    static_assert(std::is_same_v<value_type_t<X>, T>,
                  "egret: dyn::expr<T> takes an expression of SQL type T; cast<>() it, or use dyn::expr of its type");
    if constexpr (std::is_same_v<value_type_t<X>, T>) {
      if constexpr (requires { X::is_dyn_expr; })
        return as_expr(e).ptr();
      else
        return erase(as_expr(e));
    } else {
      return nullptr;
    }
  }

  node_ptr node_;
};

namespace detail {
inline expr<bool> combine(bool is_or, expr<bool> const& a, expr<bool> const& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  std::vector<node_ptr> terms;
  for (auto const* side : {&a, &b}) {
    auto const* j = dynamic_cast<junction const*>(&side->get());
    if (j != nullptr && j->is_or() == is_or)
      terms.insert(terms.end(), j->terms().begin(), j->terms().end());
    else
      terms.push_back(side->ptr());
  }
  return expr<bool>(std::make_shared<junction const>(is_or, std::move(terms)));
}
}  // namespace detail

/// `a AND b`, flattened with the ANDs on either side; an empty side is left out.
inline expr<bool> operator&&(expr<bool> const& a, expr<bool> const& b) { return detail::combine(false, a, b); }
template <class R>
  requires expression<R>
expr<bool> operator&&(expr<bool> const& a, R const& b) {
  return detail::combine(false, a, expr<bool>(b));
}
template <class L>
  requires expression<L>
expr<bool> operator&&(L const& a, expr<bool> const& b) {
  return detail::combine(false, expr<bool>(a), b);
}
/// `a OR b`, flattened likewise.
inline expr<bool> operator||(expr<bool> const& a, expr<bool> const& b) { return detail::combine(true, a, b); }
template <class R>
  requires expression<R>
expr<bool> operator||(expr<bool> const& a, R const& b) {
  return detail::combine(true, a, expr<bool>(b));
}
template <class L>
  requires expression<L>
expr<bool> operator||(L const& a, expr<bool> const& b) {
  return detail::combine(true, expr<bool>(a), b);
}

/// The AND of all conditions (empty: an empty expr, no condition).
inline expr<bool> all_of(std::vector<expr<bool>> const& ps) {
  expr<bool> r;
  for (auto const& p : ps) r = r && p;
  return r;
}
}  // namespace egret::dyn
