// Defines the pictures of a pipeline's graph: `dag --format dot|mermaid|json|text` of the command line, and
// `--format svg|png` through Graphviz's `dot` when it is installed (Debian's graphviz). Written once, as ordinary
// functions over the graph the compiler computed (names, kinds, who reads whom): a pipeline program pays no
// template for them.
//
//   seeds are cylinders, sources notes, views ellipses, tables boxes, external models (Parquet files) folders,
//   ephemeral models dashed ellipses; an arrow
//   goes from a node to each node that reads it.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <egret/pipeline/json.hpp>

namespace egret::pipeline {

/// What the pictures are drawn from: each node's name and kind ("seed", "view model", ...), the run order, and
/// `reads[i * n + j]`: node i reads node j itself.
struct dag_view {
  std::span<std::string_view const> names;
  std::span<std::string_view const> kinds;
  std::span<std::size_t const> order;
  std::span<bool const> reads;
  std::vector<bool> shown{};  // the nodes drawn (empty: all)
};

namespace detail {

inline bool dag_shows(dag_view const& g, std::size_t i) { return g.shown.empty() || g.shown[i]; }

inline std::string dot_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

inline std::string_view dot_shape(std::string_view kind) {
  if (kind == "seed") return "shape=cylinder";
  if (kind == "source") return "shape=note";
  if (kind == "table model") return "shape=box";
  if (kind == "external model") return "shape=folder";
  if (kind == "ephemeral model") return "shape=ellipse, style=dashed";
  return "shape=ellipse";
}

}  // namespace detail

/// The graph in Graphviz's DOT language (`dot -Tsvg`).
inline std::string dag_dot(dag_view const& g) {
  std::size_t const n = g.names.size();
  std::string out = "digraph pipeline {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  for (std::size_t i : g.order)
    if (detail::dag_shows(g, i))
      out += "  " + detail::dot_quoted(g.names[i]) + " [" + std::string(detail::dot_shape(g.kinds[i])) +
             ", tooltip=" + detail::dot_quoted(g.kinds[i]) + "];\n";
  for (std::size_t i : g.order)
    for (std::size_t j = 0; j != n; ++j)
      if (g.reads[i * n + j] && detail::dag_shows(g, i) && detail::dag_shows(g, j))
        out += "  " + detail::dot_quoted(g.names[j]) + " -> " + detail::dot_quoted(g.names[i]) + ";\n";
  return out + "}\n";
}

/// The graph as a Mermaid flowchart (renders in Markdown on GitHub and GitLab).
inline std::string dag_mermaid(dag_view const& g) {
  std::size_t const n = g.names.size();
  std::string out = "flowchart LR\n";
  for (std::size_t i : g.order) {
    if (!detail::dag_shows(g, i)) continue;
    std::string const name(g.names[i]);
    std::string_view const k = g.kinds[i];
    out += "  " + name + (k == "seed" ? "[(" + name + ")]" : k == "table model" ? "[" + name + "]" : "(" + name + ")") + "\n";
  }
  for (std::size_t i : g.order)
    for (std::size_t j = 0; j != n; ++j)
      if (g.reads[i * n + j] && detail::dag_shows(g, i) && detail::dag_shows(g, j))
        out += "  " + std::string(g.names[j]) + " --> " + std::string(g.names[i]) + "\n";
  return out;
}

/// The graph as JSON: `{"nodes": [{"name": ..., "kind": ..., "depends_on": [...]}, ...]}`, in run order.
/// `node_fields[i]`, when given and not empty, is written into node i's object after depends_on (the column
/// lineage's "columns", lineage.hpp).
inline std::string dag_json(dag_view const& g, std::vector<std::string> const* node_fields = nullptr) {
  std::size_t const n = g.names.size();
  std::string out = "{\"nodes\": [";
  bool first = true;
  for (std::size_t i : g.order) {
    if (!detail::dag_shows(g, i)) continue;
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += "{\"name\": " + json_string(g.names[i]) + ", \"kind\": " + json_string(g.kinds[i]) +
           ", \"depends_on\": [";
    bool first_dep = true;
    for (std::size_t j = 0; j != n; ++j)
      if (g.reads[i * n + j] && detail::dag_shows(g, j)) {
        out += (first_dep ? "" : ", ") + json_string(g.names[j]);
        first_dep = false;
      }
    out += "]";
    if (node_fields != nullptr && !(*node_fields)[i].empty()) out += ", " + (*node_fields)[i];
    out += "}";
  }
  return out + "\n]}\n";
}

/// The graph as text: each node in run order, with its kind and what it reads.
inline std::string dag_text(dag_view const& g) {
  std::size_t const n = g.names.size();
  std::string out;
  for (std::size_t i : g.order) {
    if (!detail::dag_shows(g, i)) continue;
    std::string line = std::string(g.names[i]) + " (" + std::string(g.kinds[i]) + ")";
    std::string from;
    for (std::size_t j = 0; j != n; ++j)
      if (g.reads[i * n + j] && detail::dag_shows(g, j)) from += (from.empty() ? "" : ", ") + std::string(g.names[j]);
    if (!from.empty()) line += " <- " + from;
    out += line + "\n";
  }
  return out;
}

namespace detail {

/// Renders DOT text to an image with Graphviz's `dot` (format "svg" or "png") into `file`. Throws
/// std::runtime_error saying what to install when `dot` is not on the PATH, or what dot reported.
inline void render_dot(std::string const& text, std::string const& format, std::string const& file) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0)
    throw std::runtime_error("egret: drawing " + format + " needs Graphviz's `dot`, which is not installed (apt-get install "
                             "graphviz); `--format dot` prints the graph for it");
  std::string quoted_file = "'";
  for (char c : file) quoted_file += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted_file += "'";
  std::string const cmd = "dot -T" + format + " -o " + quoted_file;
  std::FILE* p = ::popen(cmd.c_str(), "w");
  if (p == nullptr) throw std::runtime_error("egret: cannot run " + cmd);
  std::fwrite(text.data(), 1, text.size(), p);
  int const rc = ::pclose(p);
  if (rc != 0) throw std::runtime_error("egret: `" + cmd + "` failed (exit status " + std::to_string(rc) + ")");
}

}  // namespace detail

/// Renders the graph to an image with Graphviz's `dot` (format "svg" or "png") into `file` (detail::render_dot).
inline void dag_render(dag_view const& g, std::string const& format, std::string const& file) {
  detail::render_dot(dag_dot(g), format, file);
}

}  // namespace egret::pipeline
