// Defines to_dot(q): Graphviz DOT of an expression or query tree (`dot -Tpng` draws it).
#pragma once

#include <string>

#include <fmt/format.h>

#include <egret/viz/tree.hpp>

namespace egret {

namespace viz::detail {
inline std::string dot_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}
inline int dot_nodes(std::string& out, tree const& t, int& next) {
  int const id = next++;
  // an expression's type, a relation's columns: on lines of their own, under the label
  std::string label = dot_escape(t.label);
  if (!t.type.empty()) label += "\\n" + dot_escape(t.type);
  // a relation's columns, unless they are its input's (a filter, a sort, a limit)
  bool const same = !t.children.empty() && t.children.front().relation && t.children.front().columns == t.columns;
  if (!same)
    for (auto const& c : t.columns) label += "\\n" + dot_escape(c);
  out += fmt::format("  n{} [label=\"{}\"{}];\n", id, label, t.relation ? ", shape=box, style=rounded" : "");
  for (auto const& c : t.children) {
    int const child = dot_nodes(out, c, next);
    out += fmt::format("  n{} -> n{};\n", id, child);
  }
  return id;
}
}  // namespace viz::detail

/// The tree of q (an expression or a query) as a Graphviz digraph: relational operations are boxes, under
/// their label the output columns (`name: TYPE`); expressions are ellipses, under their label their SQL type
/// (`?`: nullable); edges go from a node to its inputs.
template <class Q>
  requires(expression<Q> || relation<Q>)
std::string to_dot(Q const& q) {
  std::string out = "digraph egret {\n  node [fontname=\"Helvetica\"];\n";
  int next = 0;
  viz::detail::dot_nodes(out, viz::make_tree(q), next);
  out += "}\n";
  return out;
}

}  // namespace egret
