// Defines the Ibis-like text repr of expressions and queries: `fmt::format("{}", e)` prints
// `Sum(payments.amount, where=Equals(payments.payment_method, 'coupon'))`; a query prints as an
// indented tree of relational operations.
#pragma once

#include <string>

#include <fmt/format.h>

#include <egret/types/format.hpp>
#include <egret/viz/tree.hpp>

namespace egret::viz {

namespace detail {
inline void expr_text(std::string& out, tree const& t) {
  if (t.label.ends_with(':')) {  // an alias: `name: expr`
    out += t.label + " ";
    expr_text(out, t.children.front());
    return;
  }
  if (t.label == "where" || t.label == "n" || t.label == "offset") {
    out += t.label + "=";
    expr_text(out, t.children.front());
    return;
  }
  out += t.label;
  if (t.children.empty()) return;
  out += '(';
  for (std::size_t i = 0; i < t.children.size(); ++i) {
    if (i) out += ", ";
    expr_text(out, t.children[i]);
  }
  out += ')';
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
      for (std::size_t i = 0; i < c.children.size(); ++i) {
        out += i ? ", " : " ";
        expr_text(out, c.children[i]);
      }
      out += '\n';
    }
  }
}
}  // namespace detail

/// The Ibis-like repr of an expression or a query.
template <class E>
  requires(expression<E> || relation<E>)
std::string repr(E const& e) {
  tree const t = to_tree(e);  // found in namespace egret
  std::string out;
  if (t.relation) {
    detail::relation_text(out, t, 0);
    out.pop_back();
  } else {
    detail::expr_text(out, t);
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
