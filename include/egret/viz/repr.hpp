// Defines the Ibis-like text repr of expressions and queries: `fmt::format("{}", e)` prints
// `Sum(payments.amount: DOUBLE, where=Equals(payments.payment_method: TEXT, 'coupon')) -> DOUBLE?`; a query
// prints as an indented tree of relational operations. Columns and param<>s say their SQL type (`?`: nullable),
// so do a standalone expression and each output column of a projection (`-> TYPE`); literals are written as
// they read (`100.0` is a DOUBLE, `'x'` TEXT, `DATE '2024-05-01'`); a subquery's columns are qualified by its
// name (`r0`, `r1`... for one without).
#pragma once

#include <string>

#include <fmt/format.h>

#include <egret/types/format.hpp>
#include <egret/viz/tree.hpp>

namespace egret::viz {

namespace detail {
inline bool is_alias(tree const& t) { return t.label.ends_with(':') && t.children.size() == 1; }

inline void expr_text(std::string& out, tree const& t) {
  if (is_alias(t)) {  // `name: expr`
    out += t.label + " ";
    expr_text(out, t.children.front());
    return;
  }
  if (t.keyword) {  // `where=expr`, `unit=day`
    out += t.label + "=";
    expr_text(out, t.children.front());
    return;
  }
  out += t.label;
  if (t.typed_leaf && !t.type.empty()) {  // `orders.amount: DOUBLE`, `$id: BIGINT`
    out += ": ";
    out += t.type;
  }
  if (t.children.empty()) return;
  out += '(';
  for (std::size_t i = 0; i < t.children.size(); ++i) {
    if (i) out += ", ";
    expr_text(out, t.children[i]);
  }
  out += ')';
}

/// An expression with its result type, `expr -> TYPE`, unless it is a column (or param<>) that says it.
inline void typed_expr_text(std::string& out, tree const& t) {
  expr_text(out, t);
  tree const& inner = is_alias(t) ? t.children.front() : t;
  if (!t.type.empty() && !(inner.typed_leaf && inner.type == t.type)) {
    out += " -> ";
    out += t.type;
  }
}

inline void relation_text(std::string& out, tree const& t, int depth) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += t.label;
  out += '\n';
  for (auto const& c : t.children) {
    if (c.relation) {
      relation_text(out, c, depth + 1);
    } else {
      out.append(static_cast<std::size_t>(depth + 1) * 2, ' ');
      out += c.label;
      out += ":";
      if (c.children.empty()) out += " -";
      // the output columns of a projection say their types
      bool const items = c.label == "selections" || c.label == "groups" || c.label == "metrics";
      for (std::size_t i = 0; i < c.children.size(); ++i) {
        out += i ? ", " : " ";
        if (items)
          typed_expr_text(out, c.children[i]);
        else
          expr_text(out, c.children[i]);
      }
      out += '\n';
    }
  }
}
}  // namespace detail

/// The Ibis-like repr of an expression (with its type, `expr -> TYPE`) or of a query (a tree of operations).
template <class E>
  requires(expression<E> || relation<E>)
std::string repr(E const& e) {
  tree const t = make_tree(e);
  std::string out;
  if (t.relation) {
    detail::relation_text(out, t, 0);
    out.pop_back();
  } else {
    detail::typed_expr_text(out, t);
  }
  return out;
}

}  // namespace egret::viz

/// `fmt::print("{}", expr)` prints the Ibis-like repr.
template <class E>
struct fmt::formatter<E, char, std::enable_if_t<egret::expression<E> || egret::relation<E>>>
    : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(E const& e, Ctx& ctx) const {
    std::string const s = egret::viz::repr(e);
    return fmt::formatter<std::string_view>::format(std::string_view(s), ctx);
  }
};
