// Defines the type-erased expression node of the dynamic layer: dyn::node, what every run-time piece of a
// dynamic query is, and erased<E>, which wraps a static expression node E and renders it through E's own
// render code for the dialect the writer carries (one instantiation per dialect in dyn::dialects).
#pragma once

#include <memory>
#include <string_view>

#include <egret/dynamic/writer.hpp>
#include <egret/expr/expression.hpp>

namespace egret::dyn {

/// A piece of SQL built at run time: renders into a writer, collecting its bound values.
class node {
 public:
  node(int precedence, bool aggregate, bool nullable) : precedence_(precedence), aggregate_(aggregate), nullable_(nullable) {}
  virtual ~node() = default;
  node(node const&) = delete;
  node& operator=(node const&) = delete;

  virtual void render(writer& w) const = 0;

  /// Binding strength of the node's top operator (egret::prec), for parentheses.
  int precedence() const { return precedence_; }
  /// Whether an aggregate call is inside.
  bool aggregate() const { return aggregate_; }
  /// May it be NULL by its own rules (outside any outer join)?
  bool nullable() const { return nullable_; }

 private:
  int precedence_;
  bool aggregate_;
  bool nullable_;
};

using node_ptr = std::shared_ptr<node const>;

/// Renders n, in parentheses when it binds looser than `min`.
inline void render_node(writer& w, node const& n, int min = 0) {
  bool const paren = n.precedence() < min;
  if (paren) w.ch('(');
  n.render(w);
  if (paren) w.ch(')');
}

/// A static node E, erased: rendered by `E::render<D, runtime_scope>` for the writer's dialect D.
template <class E>
class erased final : public node {
 public:
  explicit erased(E const& e, bool nullable = nullable_v<E>) : node(E::precedence, is_aggregate_v<E>, nullable), e_(e) {}
  void render(writer& w) const override {
    visit_dialect(w.dialect(), [&]<class D>() { E::template render<D, runtime_scope>(w, &e_); });
  }

 private:
  E e_;
};

/// Erases a static node.
template <class E>
node_ptr erase(E const& e) {
  return std::make_shared<erased<E> const>(e);
}

}  // namespace egret::dyn
