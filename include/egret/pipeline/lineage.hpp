// Defines the column lineage of a pipeline: for each column of each model, the columns of the nodes it reads
// that feed it, computed at compile time from the models' query types (egret::column_lineage_v,
// relation/lineage.hpp), never parsed back out of SQL. `lineage MODEL.COLUMN` of the command line follows them
// through every model down to seeds and sources; the DAG's JSON export and the docs site carry them too.
//
//   constexpr auto const& l = egret::pipeline::lineage_v<jaffle::project>;   // a constexpr table
//   egret::pipeline::lineage_text(l.view(), "customers.customer_lifetime_value");
//     customers.customer_lifetime_value (table model)
//       <- stg_payments.amount (view model)
//         <- raw_payments.amount (seed)
//     source columns: raw_payments.amount
//
// A seed's or source's columns are where lineage starts; a model's column reads the columns its query's select
// item reads (conditions select rows and feed no column; see relation/lineage.hpp). A snapshot's valid_from /
// valid_to and other columns its query does not give have no origin.
//
// The renderings (text, DOT, JSON) are ordinary functions over the view: a pipeline program pays one constexpr
// table per pipeline for them, and no template per node.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <egret/pipeline/dag.hpp>
#include <egret/pipeline/json.hpp>
#include <egret/pipeline/node.hpp>
#include <egret/relation/columns.hpp>
#include <egret/relation/lineage.hpp>

namespace egret::pipeline {

/// A pipeline's column lineage, by node index: node i's columns are columns[first_column[i], first_column[i + 1]),
/// and column k's origins (one step upstream) are origins[columns[k].first, columns[k].last).
struct lineage_view {
  struct column {
    std::size_t node;
    std::string_view name;
    std::size_t first, last;
  };
  struct origin {
    std::size_t node;  // the node whose column feeds (names.size() for a table that is no node of the pipeline)
    std::string_view table;
    std::string_view column;
  };
  std::span<std::string_view const> names;  // node names
  std::span<std::string_view const> kinds;  // "seed", "view model", ...
  std::span<std::size_t const> first_column;
  std::span<column const> columns;
  std::span<origin const> origins;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// The index in `columns` of node's column `name`, or npos.
  std::size_t find(std::size_t node, std::string_view name) const {
    for (std::size_t k = first_column[node]; k != first_column[node + 1]; ++k)
      if (columns[k].name == name) return k;
    return npos;
  }
  std::span<origin const> origins_of(std::size_t k) const {
    return origins.subspan(columns[k].first, columns[k].last - columns[k].first);
  }
};

/// The constexpr table behind a lineage_view (lineage_of<Pipeline>()).
template <std::size_t Nodes, std::size_t Columns, std::size_t Origins>
struct lineage_data {
  std::array<std::string_view, Nodes> names{};
  std::array<std::string_view, Nodes> kinds{};
  std::array<std::size_t, Nodes + 1> first_column{};
  std::array<lineage_view::column, Columns == 0 ? 1 : Columns> columns{};
  std::array<lineage_view::origin, Origins == 0 ? 1 : Origins> origins{};
  std::size_t origin_count = 0;

  constexpr lineage_view view() const {
    return {names, kinds, first_column, std::span(columns.data(), first_column[Nodes]),
            std::span(origins.data(), origin_count)};
  }
};

namespace detail {

/// Node N's query's lineage table, or nullptr for a seed or source.
template <class P, class N>
constexpr auto const* query_lineage() {
  if constexpr (N::kind == node_kind::model)
    return &egret::column_lineage_v<decltype(P::template query_of<N>())>;
  else
    return static_cast<egret::lineage_table<0, 0> const*>(nullptr);
}

template <class P, class N>
constexpr std::size_t lineage_origin_capacity() {
  if constexpr (N::kind == node_kind::model)
    return query_lineage<P, N>()->first[query_lineage<P, N>()->size()];
  else
    return 0;
}

template <class P, class N, std::size_t Nodes, std::size_t Columns, std::size_t Origins>
constexpr void add_node_lineage(lineage_data<Nodes, Columns, Origins>& d, std::size_t i, std::size_t& col) {
  using Cols = columns_of_t<typename N::relation_type>;
  d.first_column[i] = col;
  [&]<std::size_t... C>(std::index_sequence<C...>) {
    ((d.columns[col] = {i, at_t<C, Cols>::name.view(), d.origin_count, d.origin_count}, ++col), ...);
  }(std::make_index_sequence<Cols::size>{});
  if constexpr (N::kind == node_kind::model) {
    // the nodes model i reads, from the graph: an origin's table is one of them (so each origin is matched
    // against a few names, not every node's: clang's constexpr step limit, at 200 models)
    std::array<std::size_t, Nodes> reads{};
    std::size_t nreads = 0;
    bool const* row = P::graph_type::direct[i].data();
    for (std::size_t j = 0; j != Nodes; ++j)
      if (row[j]) reads[nreads++] = j;
    auto const* l = query_lineage<P, N>();
    for (std::size_t k = d.first_column[i]; k != col; ++k) {
      d.columns[k].first = d.origin_count;
      for (egret::column_origin const o : l->of(d.columns[k].name)) {
        std::size_t node = Nodes;
        for (std::size_t r = 0; r != nreads; ++r)
          if (d.names[reads[r]] == o.table) node = reads[r];
        d.origins[d.origin_count++] = {node, o.table, o.column};
      }
      d.columns[k].last = d.origin_count;
    }
  }
}

}  // namespace detail

/// Pipeline P's column lineage, computed at compile time.
template <class P>
constexpr auto lineage_of() {
  constexpr std::size_t n = P::graph_type::size;
  constexpr std::size_t columns = []<std::size_t... I>(std::index_sequence<I...>) {
    return (std::size_t{0} + ... + columns_of_t<typename P::template node_at<I>::relation_type>::size);
  }(std::make_index_sequence<n>{});
  constexpr std::size_t origins = []<std::size_t... I>(std::index_sequence<I...>) {
    return (std::size_t{0} + ... + detail::lineage_origin_capacity<P, typename P::template node_at<I>>());
  }(std::make_index_sequence<n>{});
  lineage_data<n, columns, origins> d{};
  d.names = P::names();
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((d.kinds[I] = kind_name<typename P::template node_at<I>>()), ...);
    std::size_t col = 0;
    (detail::add_node_lineage<P, typename P::template node_at<I>>(d, I, col), ...);
    d.first_column[n] = col;
  }(std::make_index_sequence<n>{});
  return d;
}

/// Pipeline P's column lineage, evaluated once per program (lineage_of<P>()): `lineage_v<P>.view()`.
template <class P>
inline constexpr auto lineage_v = lineage_of<P>();

namespace detail {

/// Appends the pieces to out. The renderers below build their text with it rather than with std::string's
/// operator+, whose temporaries the optimizer expands at every use (in every pipeline program's build).
inline void append(std::string& out, std::initializer_list<std::string_view> pieces) {
  for (std::string_view p : pieces) out.append(p.data(), p.size());
}

/// The columns `spec` names: "MODEL.COLUMN" (one), or "MODEL" (all of its columns). Throws
/// std::invalid_argument naming what does not exist.
inline std::vector<std::size_t> lineage_start(lineage_view const& l, std::string_view spec) {
  std::size_t const dot = spec.find('.');
  std::string_view const node_name = spec.substr(0, dot);
  std::size_t node = l.names.size();
  for (std::size_t i = 0; i != l.names.size(); ++i)
    if (l.names[i] == node_name) node = i;
  std::string message;
  if (node == l.names.size()) {
    append(message, {"egret: lineage ", spec, ": the pipeline has no node named \"", node_name, "\" (`ls` lists them)"});
    throw std::invalid_argument(message);
  }
  std::vector<std::size_t> out;
  if (dot == std::string_view::npos) {
    for (std::size_t k = l.first_column[node]; k != l.first_column[node + 1]; ++k) out.push_back(k);
    return out;
  }
  std::string_view const column = spec.substr(dot + 1);
  std::size_t const k = l.find(node, column);
  if (k == lineage_view::npos) {
    append(message, {"egret: lineage ", spec, ": ", node_name, " has no column \"", column, "\"; its columns: "});
    for (std::size_t j = l.first_column[node]; j != l.first_column[node + 1]; ++j)
      append(message, {j != l.first_column[node] ? ", " : "", l.columns[j].name});
    throw std::invalid_argument(message);
  }
  out.push_back(k);
  return out;
}

/// "node.column" of column k.
inline void append_label(std::string& out, lineage_view const& l, std::size_t k) {
  append(out, {l.names[l.columns[k].node], ".", l.columns[k].name});
}
inline std::string lineage_label(lineage_view const& l, std::size_t k) {
  std::string out;
  append_label(out, l, k);
  return out;
}

/// The columns upstream of `start` (start included), each once, in the order a depth-first walk meets them;
/// `edges` gets (from, to) pairs of column indices. Origins that are no node's column are skipped.
inline std::vector<std::size_t> lineage_upstream(lineage_view const& l, std::vector<std::size_t> const& start,
                                                 std::vector<std::pair<std::size_t, std::size_t>>* edges = nullptr) {
  std::vector<bool> seen(l.columns.size(), false);
  std::vector<std::size_t> out, stack(start.rbegin(), start.rend());
  for (std::size_t k : start) seen[k] = true;
  while (!stack.empty()) {
    std::size_t const k = stack.back();
    stack.pop_back();
    out.push_back(k);
    auto const os = l.origins_of(k);
    for (std::size_t i = os.size(); i-- != 0;) {
      if (os[i].node >= l.names.size()) continue;
      std::size_t const from = l.find(os[i].node, os[i].column);
      if (from == lineage_view::npos) continue;
      if (edges != nullptr) edges->emplace_back(from, k);
      if (!seen[from]) {
        seen[from] = true;
        stack.push_back(from);
      }
    }
  }
  return out;
}

inline void lineage_tree(lineage_view const& l, std::size_t k, std::size_t depth, std::string& out) {
  out.append(2 * depth, ' ');
  if (depth != 0) out += "<- ";
  append_label(out, l, k);
  append(out, {" (", l.kinds[l.columns[k].node], ")\n"});
  if (depth > l.names.size()) return;  // a graph of nodes has no cycle; a guard all the same
  for (auto const& o : l.origins_of(k)) {
    std::size_t const from = o.node < l.names.size() ? l.find(o.node, o.column) : lineage_view::npos;
    if (from != lineage_view::npos) {
      lineage_tree(l, from, depth + 1, out);
    } else {
      out.append(2 * depth + 2, ' ');
      append(out, {"<- ", o.table, ".", o.column, " (not a node)\n"});
    }
  }
}

}  // namespace detail

/// `lineage MODEL.COLUMN` as text: the tree of columns that feed it, through every model, then the seed and
/// source columns at its leaves ("source columns: ..."; "no source column" for one computed from literals).
inline std::string lineage_text(lineage_view const& l, std::string_view spec) {
  std::string out;
  for (std::size_t k : detail::lineage_start(l, spec)) {
    detail::lineage_tree(l, k, 0, out);
    bool any = false;
    for (std::size_t u : detail::lineage_upstream(l, {k}))
      if (u != k && l.origins_of(u).empty()) {
        out += any ? ", " : "source columns: ";
        detail::append_label(out, l, u);
        any = true;
      }
    out += any ? "\n" : "no source column\n";
  }
  return out;
}

/// The columns that feed `spec`, as a Graphviz graph: a box per node (a cluster) holding its columns, an arrow
/// from each column to each column it feeds.
inline std::string lineage_dot(lineage_view const& l, std::string_view spec) {
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  std::vector<std::size_t> const start = detail::lineage_start(l, spec);
  std::vector<std::size_t> const cols = detail::lineage_upstream(l, start, &edges);
  std::string out = "digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", shape=box, style=rounded];\n"
                    "  graph [fontname=\"Helvetica\"];\n";
  std::string kind;
  for (std::size_t i = 0; i != l.names.size(); ++i) {
    std::string body;
    for (std::size_t k : cols)
      if (l.columns[k].node == i) {
        bool const is_start = std::find(start.begin(), start.end(), k) != start.end();
        detail::append(body, {"    ", detail::dot_quoted(detail::lineage_label(l, k)), " [label=",
                              detail::dot_quoted(l.columns[k].name), is_start ? ", penwidth=2" : "", "];\n"});
      }
    if (body.empty()) continue;
    kind.clear();
    detail::append(kind, {l.names[i], " (", l.kinds[i], ")"});
    detail::append(out, {"  subgraph ", detail::dot_quoted(std::string("cluster_").append(l.names[i])), " {\n    label=",
                         detail::dot_quoted(kind), ";\n", body, "  }\n"});
  }
  for (auto const& [from, to] : edges)
    detail::append(out, {"  ", detail::dot_quoted(detail::lineage_label(l, from)), " -> ",
                         detail::dot_quoted(detail::lineage_label(l, to)), ";\n"});
  return out + "}\n";
}

namespace detail {
/// `["stg_payments.amount", ...]`: column k's origins as a JSON array.
inline void append_origins_json(std::string& out, lineage_view const& l, std::size_t k) {
  out += '[';
  std::string name;
  bool first = true;
  for (auto const& o : l.origins_of(k)) {
    name.clear();
    append(name, {o.table, ".", o.column});
    append(out, {first ? "" : ", ", json_string(name)});
    first = false;
  }
  out += ']';
}
}  // namespace detail

/// The lineage of `spec` as JSON: `{"columns": [{"column": "customers.customer_lifetime_value", "kind": ...,
/// "from": ["stg_payments.amount"]}, ...], "sources": ["raw_payments.amount"]}`, upstream of it, each once.
inline std::string lineage_json(lineage_view const& l, std::string_view spec) {
  std::vector<std::size_t> const cols = detail::lineage_upstream(l, detail::lineage_start(l, spec));
  std::string out = "{\"columns\": [", sources;
  for (std::size_t c = 0; c != cols.size(); ++c) {
    std::size_t const k = cols[c];
    std::string const label = json_string(detail::lineage_label(l, k));
    detail::append(out, {c ? ",\n  " : "\n  ", "{\"column\": ", label, ", \"kind\": ", json_string(l.kinds[l.columns[k].node]),
                         ", \"from\": "});
    detail::append_origins_json(out, l, k);
    out += '}';
    if (l.origins_of(k).empty()) detail::append(sources, {sources.empty() ? "" : ", ", label});
  }
  detail::append(out, {"\n], \"sources\": [", sources, "]}\n"});
  return out;
}

/// Each node's columns and their origins as a JSON field, `"columns": [{"name": "amount", "from":
/// ["raw_payments.amount"]}, ...]`, by node index: what `dag --format json` adds to each node (dag_json).
inline std::vector<std::string> lineage_json_fields(lineage_view const& l) {
  std::vector<std::string> out(l.names.size());
  for (std::size_t i = 0; i != l.names.size(); ++i) {
    std::string& f = out[i];
    f = "\"columns\": [";
    for (std::size_t k = l.first_column[i]; k != l.first_column[i + 1]; ++k) {
      detail::append(f, {k != l.first_column[i] ? ", " : "", "{\"name\": ", json_string(l.columns[k].name), ", \"from\": "});
      detail::append_origins_json(f, l, k);
      f += '}';
    }
    f += ']';
  }
  return out;
}

/// Renders lineage_dot to an image with Graphviz's `dot` (format "svg" or "png") into `file` (dag_render's rules).
inline void lineage_render(lineage_view const& l, std::string_view spec, std::string const& format, std::string const& file) {
  detail::render_dot(lineage_dot(l, spec), format, file);
}

}  // namespace egret::pipeline
