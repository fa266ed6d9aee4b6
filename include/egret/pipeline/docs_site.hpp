// Defines the docs site of a pipeline (dbt's `docs generate`): `write_docs_site<Pipeline>(dir)` writes
// dir/index.html, one self-contained page (inline CSS, inline JavaScript, the data as an inline JSON object; no
// network, no CDN, no fetch), so that it works opened from `file://`:
//
//   * the graph drawn as SVG, laid out here (columns by depth in the graph, arrows from a node to what reads it;
//     no Graphviz needed);
//   * every node: its kind (seed, source, view / table / incremental / external / ephemeral model, snapshot), tags, seed
//     file, what it reads and what reads it, its contract's columns (C++ type, nullability, the SQL type of each
//     dialect, and the columns upstream that feed each one: its column lineage) and CREATE TABLE, its data
//     tests, and its SQL in each dialect (sqlite, postgres, mysql, mariadb);
//     a model whose SQL needs a --var it was not given shows the message instead;
//   * a search box filtering the list by name, kind, column or tag; a node chosen in the list or the graph shows
//     its panel, and the page's address says which (`index.html#orders`, also `index.html?select=orders`);
//     `index.html?search=WORDS` opens it with the search box filled.
//
// The template part only gathers the facts the compiler has (names, kinds, columns, tests, SQL texts) into a
// plain docs_site_data; the page is written by ordinary functions over it.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/dialect/mysql.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/dialect/sqlite.hpp>
#include <egret/pipeline/data_test.hpp>
#include <egret/pipeline/node.hpp>
#include <egret/pipeline/json.hpp>
#include <egret/pipeline/lineage.hpp>
#include <egret/pipeline/run.hpp>
#include <egret/pipeline/source_check.hpp>
#include <egret/pipeline/vars.hpp>
#include <egret/render/ddl.hpp>

namespace egret::pipeline {

/// What write_docs_site is told.
struct docs_options {
  std::string title{};              // the page's title; empty: "Pipeline documentation"
  std::vector<std::string> vars{};  // NAME=VALUE values of the models' param<>s, so that their SQL shows them
};

/// The facts a docs site shows, gathered from a pipeline's types (docs_site_of<Pipeline>()).
struct docs_site_data {
  static constexpr std::size_t dialect_count = 4;
  static constexpr std::array<std::string_view, dialect_count> dialects{"sqlite", "postgres", "mysql", "mariadb"};

  struct column {
    std::string name;
    std::string cpp_type;  // "std::int64_t"
    bool nullable = false;
    std::array<std::string, dialect_count> sql_type{};  // as CREATE TABLE declares it, without NOT NULL
    std::vector<std::string> from{};  // its column lineage, one step: "stg_payments.amount" (lineage.hpp)
  };
  struct test {
    std::string name;
    std::string severity;  // "error" or "warn"
  };
  /// A text of one dialect, or why it could not be rendered.
  struct sql_text {
    std::string text;
    std::string error{};
  };
  struct node {
    std::string name;
    std::string kind;             // "seed", "source", "view model", ..., "snapshot"
    std::string materialization;  // "view", "table", ...; empty for a seed or source
    std::string file{};           // a seed's file
    std::vector<std::string> tags{};
    std::vector<column> columns{};
    std::vector<test> tests{};
    std::array<std::string, dialect_count> create_table{};
    bool has_sql = false;  // a model: `sql` is its query
    std::array<sql_text, dialect_count> sql{};
    bool has_incremental_sql = false;  // an incremental model: its new rows' query
    std::array<sql_text, dialect_count> incremental_sql{};
  };

  std::string title;
  std::vector<node> nodes;            // by node index
  std::vector<std::size_t> order;     // the run order
  std::vector<bool> reads;            // reads[i * n + j]: node i reads node j
  bool reads_node(std::size_t i, std::size_t j) const { return reads[i * nodes.size() + j]; }
};

namespace docs_detail {

/// Text for HTML: `&`, `<`, `>`, `"` and `'` as character references (in text and in quoted attributes).
inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

inline std::string json_bool(bool b) { return b ? "true" : "false"; }

inline std::string json_sql(docs_site_data::sql_text const& t) {
  return "{\"text\": " + json_string(t.text) + ", \"error\": " + json_string(t.error) + "}";
}

/// The site's data as one JSON object (what the page's script reads).
inline std::string site_json(docs_site_data const& s) {
  std::size_t const n = s.nodes.size();
  std::string out = "{\"title\": " + json_string(s.title) + ", \"dialects\": [";
  for (std::size_t d = 0; d != s.dialects.size(); ++d) out += (d ? ", " : "") + json_string(s.dialects[d]);
  out += "], \"order\": [";
  for (std::size_t k = 0; k != s.order.size(); ++k) out += (k ? ", " : "") + std::to_string(s.order[k]);
  out += "], \"nodes\": [";
  for (std::size_t i = 0; i != n; ++i) {
    auto const& x = s.nodes[i];
    out += i ? ",\n" : "\n";
    out += "{\"name\": " + json_string(x.name) + ", \"kind\": " + json_string(x.kind) +
           ", \"materialization\": " + json_string(x.materialization) + ", \"file\": " + json_string(x.file) + ", \"tags\": [";
    for (std::size_t t = 0; t != x.tags.size(); ++t) out += (t ? ", " : "") + json_string(x.tags[t]);
    out += "], \"reads\": [";
    bool first = true;
    for (std::size_t j = 0; j != n; ++j)
      if (s.reads_node(i, j)) {
        out += (first ? "" : ", ") + std::to_string(j);
        first = false;
      }
    out += "], \"read_by\": [";
    first = true;
    for (std::size_t j = 0; j != n; ++j)
      if (s.reads_node(j, i)) {
        out += (first ? "" : ", ") + std::to_string(j);
        first = false;
      }
    out += "], \"columns\": [";
    for (std::size_t c = 0; c != x.columns.size(); ++c) {
      auto const& col = x.columns[c];
      out += (c ? ", " : "") + std::string("{\"name\": ") + json_string(col.name) + ", \"cpp_type\": " +
             json_string(col.cpp_type) + ", \"nullable\": " + json_bool(col.nullable) + ", \"sql_type\": {";
      for (std::size_t d = 0; d != s.dialects.size(); ++d)
        out += (d ? ", " : "") + json_string(s.dialects[d]) + ": " + json_string(col.sql_type[d]);
      out += "}, \"from\": [";
      for (std::size_t f = 0; f != col.from.size(); ++f) out += (f ? ", " : "") + json_string(col.from[f]);
      out += "]}";
    }
    out += "], \"tests\": [";
    for (std::size_t t = 0; t != x.tests.size(); ++t)
      out += (t ? ", " : "") + std::string("{\"name\": ") + json_string(x.tests[t].name) +
             ", \"severity\": " + json_string(x.tests[t].severity) + "}";
    out += "], \"create_table\": {";
    for (std::size_t d = 0; d != s.dialects.size(); ++d)
      out += (d ? ", " : "") + json_string(s.dialects[d]) + ": " + json_string(x.create_table[d]);
    out += "}, \"sql\": ";
    if (x.has_sql) {
      out += "{";
      for (std::size_t d = 0; d != s.dialects.size(); ++d)
        out += (d ? ", " : "") + json_string(s.dialects[d]) + ": " + json_sql(x.sql[d]);
      out += "}";
    } else {
      out += "null";
    }
    out += ", \"incremental_sql\": ";
    if (x.has_incremental_sql) {
      out += "{";
      for (std::size_t d = 0; d != s.dialects.size(); ++d)
        out += (d ? ", " : "") + json_string(s.dialects[d]) + ": " + json_sql(x.incremental_sql[d]);
      out += "}";
    } else {
      out += "null";
    }
    out += "}";
  }
  return out + "\n]}";
}

inline std::string fmt_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

inline std::string_view kind_class(std::string_view kind) {
  if (kind == "seed") return "seed";
  if (kind == "source") return "source";
  if (kind == "view model") return "view";
  if (kind == "table model") return "table";
  if (kind == "incremental model") return "incremental";
  if (kind == "snapshot") return "snapshot";
  if (kind == "external model") return "external";
  return "ephemeral";
}

}  // namespace docs_detail

/// The graph as an SVG image: a column per depth (a node with no input at depth 0, any other one column right of
/// the deepest node it reads), the nodes of a column ordered by the mean row of what they read; a box per node
/// (its name; the kind as its tooltip and its class) and an arrow from each node to each node that reads it.
inline std::string docs_dag_svg(docs_site_data const& s) {
  namespace dd = docs_detail;
  std::size_t const n = s.nodes.size();
  std::vector<std::size_t> depth(n, 0);
  for (std::size_t i : s.order)
    for (std::size_t j = 0; j != n; ++j)
      if (s.reads_node(i, j)) depth[i] = std::max(depth[i], depth[j] + 1);
  std::size_t columns = 0;
  for (std::size_t i = 0; i != n; ++i) columns = std::max(columns, depth[i] + 1);
  // rows: within a column, by the mean row of the nodes read (their column is already placed), then run order
  std::vector<double> row(n, 0);
  std::vector<std::vector<std::size_t>> in_column(columns);
  for (std::size_t c = 0; c != columns; ++c) {
    std::vector<std::pair<double, std::size_t>> keyed;
    for (std::size_t k = 0; k != s.order.size(); ++k) {
      std::size_t const i = s.order[k];
      if (depth[i] != c) continue;
      double sum = 0;
      std::size_t count = 0;
      for (std::size_t j = 0; j != n; ++j)
        if (s.reads_node(i, j)) {
          sum += row[j];
          ++count;
        }
      keyed.emplace_back(count ? sum / static_cast<double>(count) : static_cast<double>(keyed.size()), i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
    for (std::size_t r = 0; r != keyed.size(); ++r) {
      row[keyed[r].second] = static_cast<double>(r);
      in_column[c].push_back(keyed[r].second);
    }
  }
  std::size_t longest = 4;
  for (auto const& x : s.nodes) longest = std::max(longest, x.name.size());
  double const box_w = 24.0 + 7.3 * static_cast<double>(longest), box_h = 30, gap_x = 70, gap_y = 18, margin = 12;
  std::size_t rows = 1;
  for (auto const& c : in_column) rows = std::max(rows, c.size());
  double const width = 2 * margin + static_cast<double>(columns) * box_w + static_cast<double>(columns ? columns - 1 : 0) * gap_x;
  double const height = 2 * margin + static_cast<double>(rows) * box_h + static_cast<double>(rows - 1) * gap_y;
  std::vector<double> x(n), y(n);
  for (std::size_t c = 0; c != columns; ++c) {
    double const column_h = static_cast<double>(in_column[c].size()) * (box_h + gap_y) - gap_y;
    double const top = margin + (height - 2 * margin - column_h) / 2;
    for (std::size_t r = 0; r != in_column[c].size(); ++r) {
      std::size_t const i = in_column[c][r];
      x[i] = margin + static_cast<double>(c) * (box_w + gap_x);
      y[i] = top + static_cast<double>(r) * (box_h + gap_y);
    }
  }
  std::string out = "<svg id=\"dag\" role=\"img\" aria-label=\"The pipeline's graph\" "
                    "width=\"" + dd::fmt_number(width) + "\" height=\"" + dd::fmt_number(height) + "\" viewBox=\"0 0 " +
                    dd::fmt_number(width) + " " + dd::fmt_number(height) + "\">\n"
                    "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                    "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>\n";
  for (std::size_t i = 0; i != n; ++i)
    for (std::size_t j = 0; j != n; ++j)
      if (s.reads_node(i, j)) {
        double const x1 = x[j] + box_w, y1 = y[j] + box_h / 2, x2 = x[i] - 1, y2 = y[i] + box_h / 2, dx = gap_x / 2;
        out += "<path class=\"edge\" data-from=\"" + dd::html_escape(s.nodes[j].name) + "\" data-to=\"" +
               dd::html_escape(s.nodes[i].name) + "\" d=\"M " + dd::fmt_number(x1) + " " + dd::fmt_number(y1) + " C " +
               dd::fmt_number(x1 + dx) + " " + dd::fmt_number(y1) + ", " + dd::fmt_number(x2 - dx) + " " +
               dd::fmt_number(y2) + ", " + dd::fmt_number(x2) + " " + dd::fmt_number(y2) + "\" marker-end=\"url(#arrow)\"/>\n";
      }
  for (std::size_t k = 0; k != s.order.size(); ++k) {
    std::size_t const i = s.order[k];
    auto const& node = s.nodes[i];
    std::string const name = dd::html_escape(node.name);
    out += "<g class=\"dag-node kind-" + std::string(dd::kind_class(node.kind)) + "\" data-name=\"" + name +
           "\" tabindex=\"0\"><title>" + name + " (" + dd::html_escape(node.kind) + ")</title><rect x=\"" +
           dd::fmt_number(x[i]) + "\" y=\"" + dd::fmt_number(y[i]) + "\" width=\"" + dd::fmt_number(box_w) +
           "\" height=\"" + dd::fmt_number(box_h) + "\" rx=\"" + (node.kind == "table model" ? "2" : "12") +
           "\"/><text x=\"" + dd::fmt_number(x[i] + box_w / 2) + "\" y=\"" + dd::fmt_number(y[i] + box_h / 2 + 4) +
           "\" text-anchor=\"middle\">" + name + "</text></g>\n";
  }
  return out + "</svg>";
}

namespace docs_detail {

inline constexpr std::string_view page_css = R"CSS(
:root { --fg: #1d2330; --muted: #5d6678; --line: #d5dae3; --accent: #2f6fd0; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header { display: flex; align-items: center; gap: 16px; padding: 10px 18px; border-bottom: 1px solid var(--line); background: var(--bg); }
header h1 { font-size: 17px; margin: 0; font-weight: 600; }
header .count { color: var(--muted); }
#search { margin-left: auto; width: 320px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.layout { display: flex; height: calc(100vh - 52px); }
nav { width: 250px; flex: none; overflow-y: auto; border-right: 1px solid var(--line); padding: 8px 0; }
#node-list { list-style: none; margin: 0; padding: 0; }
#node-list li a { display: flex; justify-content: space-between; gap: 8px; padding: 4px 14px; color: var(--fg); text-decoration: none; }
#node-list li a:hover { background: var(--bg); }
#node-list li.selected a { background: #e4edfb; font-weight: 600; }
#node-list li[hidden] { display: none; }
#node-list .kind { color: var(--muted); font-size: 12px; white-space: nowrap; }
#no-match { padding: 4px 14px; color: var(--muted); }
main { flex: 1; overflow: auto; padding: 14px 20px; }
.graph { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 6px; background: #fcfcfd; }
#dag .edge { fill: none; stroke: #8a93a6; stroke-width: 1.3; }
#dag marker path { fill: #8a93a6; }
#dag .dag-node { cursor: pointer; }
#dag .dag-node rect { stroke: #6b7487; stroke-width: 1; fill: #fff; }
#dag .dag-node text { font: 12px ui-monospace, "DejaVu Sans Mono", Menlo, monospace; fill: var(--fg); pointer-events: none; }
#dag .kind-seed rect { fill: #e5f2d9; }
#dag .kind-source rect { fill: #f6e8cf; }
#dag .kind-view rect { fill: #e1ecfa; }
#dag .kind-table rect { fill: #c8dbf6; }
#dag .kind-incremental rect { fill: #e4daf5; }
#dag .kind-snapshot rect { fill: #f7dde6; }
#dag .kind-external rect { fill: #dff3ef; }
#dag .kind-ephemeral rect { fill: #fff; stroke-dasharray: 4 3; }
#dag .dag-node.selected rect { stroke: var(--accent); stroke-width: 2.5; }
#dag .dag-node.dimmed { opacity: 0.3; }
#dag .edge.near { stroke: var(--accent); stroke-width: 2; }
#detail { margin-top: 16px; }
#detail h2 { margin: 0 0 4px; font-size: 20px; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
#detail h3 { font-size: 14px; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #e8ecf3; font-size: 12px; margin-right: 6px; }
.links a { margin-right: 10px; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; color: var(--accent); }
table.columns { border-collapse: collapse; font-size: 13px; }
table.columns th, table.columns td { border-bottom: 1px solid var(--line); padding: 4px 12px 4px 0; text-align: left; vertical-align: top; }
table.columns td.mono, ul.tests { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
ul.tests { margin: 0; padding-left: 18px; font-size: 13px; }
.tabs button { font: inherit; font-size: 13px; padding: 3px 12px; border: 1px solid var(--line); background: #fff; border-radius: 6px 6px 0 0; cursor: pointer; }
.tabs button.active { background: #1d2330; color: #fff; border-color: #1d2330; }
pre.sql { margin: 0 0 10px; padding: 10px 12px; background: #1d2330; color: #e6e9ef; border-radius: 0 6px 6px 6px; white-space: pre-wrap; word-break: break-word; font: 12.5px/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
.error { color: #a11; }
.muted { color: var(--muted); }
)CSS";

inline constexpr std::string_view page_js = R"JS(
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("egret-docs-data").textContent);
  var nodes = data.nodes, dialect = data.dialects[0], current = null;
  var byName = {};
  nodes.forEach(function (n, i) { byName[n.name] = i; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function link(i) {
    return el("a", { href: "#" + encodeURIComponent(nodes[i].name) }, nodes[i].name);
  }

  var list = document.getElementById("node-list");
  data.order.forEach(function (i) {
    var n = nodes[i];
    var li = el("li", { "class": "node-item", "data-name": n.name });
    var a = el("a", { href: "#" + encodeURIComponent(n.name) });
    a.appendChild(el("span", { "class": "name" }, n.name));
    a.appendChild(el("span", { "class": "kind" }, n.kind));
    li.appendChild(a);
    list.appendChild(li);
  });

  function matches(n, q) {
    if (!q) return true;
    var words = [n.name, n.kind, n.file].concat(n.tags);
    n.columns.forEach(function (c) { words.push(c.name); });
    return words.some(function (w) { return w && w.toLowerCase().indexOf(q) !== -1; });
  }
  var search = document.getElementById("search");
  function filter() {
    var q = search.value.trim().toLowerCase(), shown = 0;
    Array.prototype.forEach.call(list.children, function (li) {
      var ok = matches(nodes[byName[li.getAttribute("data-name")]], q);
      li.hidden = !ok;
      shown += ok ? 1 : 0;
    });
    document.getElementById("no-match").hidden = shown !== 0;
    Array.prototype.forEach.call(document.querySelectorAll("#dag .dag-node"), function (g) {
      g.classList.toggle("dimmed", !matches(nodes[byName[g.getAttribute("data-name")]], q));
    });
  }
  search.addEventListener("input", filter);

  function sqlBlock(parent, title, texts, id) {
    if (title) parent.appendChild(el("h3", null, title));
    var t = texts[dialect];
    if (t.error) {
      parent.appendChild(el("p", { "class": "error", id: id + "-error" }, t.error));
    } else if (!t.text) {
      parent.appendChild(el("p", { "class": "muted" }, "(not expressible in " + dialect + ")"));
    } else {
      parent.appendChild(el("pre", { "class": "sql", id: id, "data-dialect": dialect }, t.text));
    }
  }

  function render() {
    var panel = document.getElementById("detail");
    panel.textContent = "";
    if (current === null) {
      panel.removeAttribute("data-selected");
      panel.appendChild(el("p", { "class": "muted" }, "Choose a node in the list or the graph."));
      return;
    }
    var n = nodes[current];
    panel.setAttribute("data-selected", n.name);
    panel.appendChild(el("h2", null, n.name));
    var meta = el("p");
    meta.appendChild(el("span", { "class": "badge" }, n.kind));
    n.tags.forEach(function (t) { meta.appendChild(el("span", { "class": "badge" }, "tag:" + t)); });
    if (n.file) meta.appendChild(el("span", { "class": "muted" }, "file " + n.file));
    panel.appendChild(meta);
    [["Reads", n.reads], ["Read by", n.read_by]].forEach(function (p) {
      var row = el("p", { "class": "links" });
      row.appendChild(el("span", { "class": "muted" }, p[0] + ": "));
      if (p[1].length === 0) row.appendChild(el("span", { "class": "muted" }, "nothing"));
      p[1].forEach(function (j) { row.appendChild(link(j)); });
      panel.appendChild(row);
    });

    var tabs = el("div", { "class": "tabs", role: "tablist" });
    data.dialects.forEach(function (d) {
      var b = el("button", { type: "button", "data-dialect": d, "class": d === dialect ? "active" : "" }, d);
      b.addEventListener("click", function () { dialect = d; render(); });
      tabs.appendChild(b);
    });
    panel.appendChild(el("h3", null, n.sql ? "SQL" : "CREATE TABLE"));
    panel.appendChild(tabs);
    if (n.sql) sqlBlock(panel, null, n.sql, "detail-sql");
    else panel.appendChild(el("pre", { "class": "sql", id: "detail-ddl" }, n.create_table[dialect]));
    if (n.incremental_sql) sqlBlock(panel, "SQL of the new rows (incremental runs)", n.incremental_sql, "detail-incremental-sql");
    panel.appendChild(el("h3", null, "Columns"));
    var table = el("table", { "class": "columns" });
    var head = el("tr");
    ["column", "C++ type", "null"].concat(data.dialects, ["from (lineage)"]).forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    n.columns.forEach(function (c) {
      var tr = el("tr");
      tr.appendChild(el("td", { "class": "mono" }, c.name));
      tr.appendChild(el("td", { "class": "mono" }, c.nullable ? "std::optional<" + c.cpp_type + ">" : c.cpp_type));
      tr.appendChild(el("td", null, c.nullable ? "NULL" : "NOT NULL"));
      data.dialects.forEach(function (d) { tr.appendChild(el("td", { "class": "mono" }, c.sql_type[d])); });
      tr.appendChild(el("td", { "class": "mono lineage" }, c.from.length ? c.from.join(", ") : "\u2014"));
      table.appendChild(tr);
    });
    panel.appendChild(table);

    panel.appendChild(el("h3", null, "Tests"));
    if (n.tests.length === 0) panel.appendChild(el("p", { "class": "muted" }, "none"));
    else {
      var ul = el("ul", { "class": "tests" });
      n.tests.forEach(function (t) { ul.appendChild(el("li", null, t.name + (t.severity === "warn" ? " (warn)" : ""))); });
      panel.appendChild(ul);
    }

    if (n.sql) {
      panel.appendChild(el("h3", null, "Its contract as a table (" + dialect + ")"));
      panel.appendChild(el("pre", { "class": "sql", id: "detail-ddl" }, n.create_table[dialect]));
    }
  }

  function select(i) {
    current = i === undefined ? null : i;
    Array.prototype.forEach.call(list.children, function (li) {
      li.classList.toggle("selected", current !== null && li.getAttribute("data-name") === nodes[current].name);
    });
    Array.prototype.forEach.call(document.querySelectorAll("#dag .dag-node"), function (g) {
      g.classList.toggle("selected", current !== null && g.getAttribute("data-name") === nodes[current].name);
    });
    Array.prototype.forEach.call(document.querySelectorAll("#dag .edge"), function (p) {
      var near = current !== null && (p.getAttribute("data-from") === nodes[current].name || p.getAttribute("data-to") === nodes[current].name);
      p.classList.toggle("near", near);
    });
    render();
  }

  function fromLocation() {
    var name = "";
    try { name = decodeURIComponent(location.hash.slice(1)); } catch (e) { name = ""; }
    if (!name) {
      var m = /[?&]select=([^&#]*)/.exec(location.search);
      if (m) { try { name = decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { name = ""; } }
    }
    select(Object.prototype.hasOwnProperty.call(byName, name) ? byName[name] : undefined);
  }
  window.addEventListener("hashchange", fromLocation);

  Array.prototype.forEach.call(document.querySelectorAll("#dag .dag-node"), function (g) {
    function go() { location.hash = encodeURIComponent(g.getAttribute("data-name")); }
    g.addEventListener("click", go);
    g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
  });
  var q = /[?&]search=([^&#]*)/.exec(location.search);
  if (q) { try { search.value = decodeURIComponent(q[1].replace(/\+/g, " ")); } catch (e) { search.value = ""; } filter(); }
  fromLocation();
})();
)JS";

}  // namespace docs_detail

/// The page itself: one HTML document, everything inline.
inline std::string docs_site_html(docs_site_data const& s) {
  namespace dd = docs_detail;
  std::string const title = dd::html_escape(s.title);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"egret::pipeline::write_docs_site\">\n<title>" + title +
                    "</title>\n<style>" + std::string(dd::page_css) + "</style>\n</head>\n<body>\n<header><h1>" + title +
                    "</h1><span class=\"count\">" + std::to_string(s.nodes.size()) +
                    " nodes</span><input id=\"search\" type=\"search\" placeholder=\"Search: name, column, tag, kind\" "
                    "aria-label=\"Search the nodes\" autocomplete=\"off\"></header>\n<div class=\"layout\">\n"
                    "<nav><ul id=\"node-list\"></ul><p id=\"no-match\" hidden>No node matches.</p></nav>\n"
                    "<main>\n<div class=\"graph\">\n" + docs_dag_svg(s) +
                    "\n</div>\n<section id=\"detail\"></section>\n</main>\n</div>\n"
                    "<script type=\"application/json\" id=\"egret-docs-data\">" + dd::site_json(s) + "</script>\n<script>" +
                    std::string(dd::page_js) + "</script>\n</body>\n</html>\n";
  return out;
}

namespace docs_detail {


/// Each column's SQL type in a CREATE TABLE text that create_table_sql wrote, in order, without NOT NULL: the text
/// of create_table_text<T>::column (the same as source_check.hpp's declared_sql_type), read back from the
/// statement rather than rendered once more per column and dialect (what keeps this header cheap to compile).
inline std::vector<std::string> column_types_of_ddl(std::string_view ddl, std::span<std::string const> names) {
  std::vector<std::string> out;
  std::size_t at = ddl.find('(');
  if (at == std::string_view::npos || ddl.size() < 14) return out;
  char const q = ddl[13];  // "CREATE TABLE " then the table's quoted name
  ++at;
  for (std::string const& name : names) {
    std::string quoted(1, q);
    for (char c : name) (quoted += c) += c == q ? std::string(1, q) : std::string();
    quoted += q;
    quoted += ' ';
    std::size_t const begin = ddl.find(quoted, at);
    if (begin == std::string_view::npos) {
      out.emplace_back();
      continue;
    }
    std::size_t end = begin + quoted.size();
    int depth = 0;
    for (; end < ddl.size(); ++end) {
      char const c = ddl[end];
      if (c == '(') ++depth;
      else if (c == ')' && depth == 0) break;
      else if (c == ')') --depth;
      else if (c == ',' && depth == 0) break;
    }
    std::string type(ddl.substr(begin + quoted.size(), end - begin - quoted.size()));
    constexpr std::string_view not_null = " NOT NULL";
    if (type.size() >= not_null.size() && type.compare(type.size() - not_null.size(), not_null.size(), not_null) == 0)
      type.erase(type.size() - not_null.size());
    out.push_back(std::move(type));
    at = end;
  }
  return out;
}

/// The columns of table T (their names, C++ types, nullability), and each one's SQL type from T's CREATE TABLE in
/// each dialect.
template <class T, class... Cs>
std::vector<docs_site_data::column> columns_of(type_list<Cs...>, std::array<std::string, docs_site_data::dialect_count> const& ddl) {
  std::vector<docs_site_data::column> cols;
  (cols.push_back({std::string(Cs::name.view()),
                   std::string(egret::pipeline::detail::cpp_type_name<typename Cs::value_type>()), nullable_v<Cs>}),
   ...);
  std::vector<std::string> names;
  for (auto const& c : cols) names.push_back(c.name);
  for (std::size_t d = 0; d != ddl.size(); ++d) {
    std::vector<std::string> const types = column_types_of_ddl(ddl[d], names);
    for (std::size_t k = 0; k != cols.size() && k != types.size(); ++k) cols[k].sql_type[d] = types[k];
  }
  return cols;
}

/// Calls f() for the text, or keeps the message of what it threw (a --var not given).
template <class F>
docs_site_data::sql_text sql_or_error(F&& f) {
  try {
    return {f()};
  } catch (std::exception const& e) {
    return {std::string(), e.what()};
  }
}

template <class P, class N>
void add_sql(docs_site_data::node& out, var_values const& vars) {
  if constexpr (N::kind == node_kind::model) {
    out.has_sql = true;
    out.sql[0] = sql_or_error([&] { return P::template model_sql<dialect::sqlite, N>(vars); });
    out.sql[1] = sql_or_error([&] { return P::template model_sql<dialect::postgres, N>(vars); });
    out.sql[2] = sql_or_error([&] { return P::template model_sql<dialect::mysql, N>(vars); });
    out.sql[3] = sql_or_error([&] { return P::template model_sql<dialect::mariadb, N>(vars); });
    if constexpr (N::how == materialization::incremental && requires { &N::incremental; }) {
      out.has_incremental_sql = true;
      out.incremental_sql[0] = sql_or_error([&] { return P::template incremental_sql<dialect::sqlite, N>(vars); });
      out.incremental_sql[1] = sql_or_error([&] { return P::template incremental_sql<dialect::postgres, N>(vars); });
      out.incremental_sql[2] = sql_or_error([&] { return P::template incremental_sql<dialect::mysql, N>(vars); });
      out.incremental_sql[3] = sql_or_error([&] { return P::template incremental_sql<dialect::mariadb, N>(vars); });
    }
  }
}

template <class N>
void add_tests(docs_site_data::node& out) {
  if constexpr (N::kind == node_kind::model && requires { N::tests(typename N::relation_type{}); }) {
    static constexpr auto all = N::tests(typename N::relation_type{});
    std::apply(
        [&](auto const&... t) {
          (out.tests.push_back({std::string(std::remove_cvref_t<decltype(t)>::name),
                                t.level == severity::warn ? std::string("warn") : std::string("error")}),
           ...);
        },
        all);
  }
}

template <class P, class N>
docs_site_data::node node_of(var_values const& vars) {
  using T = typename N::relation_type;
  docs_site_data::node out;
  out.name = std::string(N::name);
  out.kind = std::string(kind_name<N>());
  if constexpr (N::kind == node_kind::model) out.materialization = std::string(to_string(N::how));
  if constexpr (N::kind == node_kind::seed) out.file = std::string(N::file);
  for (std::string_view t : tags_of<N>()) out.tags.emplace_back(t);
  out.create_table = {std::string(create_table_sql<dialect::sqlite, T>()), std::string(create_table_sql<dialect::postgres, T>()),
                      std::string(create_table_sql<dialect::mysql, T>()), std::string(create_table_sql<dialect::mariadb, T>())};
  out.columns = columns_of<T>(typename T::egret_columns{}, out.create_table);
  add_tests<N>(out);
  add_sql<P, N>(out, vars);
  return out;
}

}  // namespace docs_detail

/// The facts of Pipeline's docs site: every node's kind, columns, tests, SQL per dialect, and the graph.
template <class Pipeline>
docs_site_data docs_site_of(docs_options const& opts = {}) {
  using G = typename Pipeline::graph_type;
  static_assert(G::valid, "egret: the pipeline's graph is not valid (see the errors above)");
  constexpr std::size_t n = G::size;
  var_values const vars(opts.vars);
  docs_site_data s;
  s.title = opts.title.empty() ? std::string("Pipeline documentation") : opts.title;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (s.nodes.push_back(docs_detail::node_of<Pipeline, typename Pipeline::template node_at<I>>(vars)), ...);
  }(std::make_index_sequence<n>{});
  constexpr auto const& lineage = lineage_v<Pipeline>;
  lineage_view const l = lineage.view();
  for (std::size_t i = 0; i != n; ++i)
    for (auto& col : s.nodes[i].columns)
      if (std::size_t const k = l.find(i, col.name); k != lineage_view::npos)
        for (auto const& o : l.origins_of(k)) col.from.push_back(std::string(o.table) + "." + std::string(o.column));
  s.order.assign(G::order.begin(), G::order.end());
  s.reads.assign(n * n, false);
  for (std::size_t i = 0; i != n; ++i)
    for (std::size_t j = 0; j != n; ++j) s.reads[i * n + j] = G::direct[i][j];
  return s;
}

/// Writes Pipeline's docs site: dir/index.html (dir is created if need be). Throws std::runtime_error when the
/// file cannot be written, std::invalid_argument for a malformed opts.vars entry.
template <class Pipeline>
void write_docs_site(std::filesystem::path const& dir, docs_options const& opts = {}) {
  std::string const page = docs_site_html(docs_site_of<Pipeline>(opts));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("egret: docs: cannot create " + dir.string() + ": " + ec.message());
  std::filesystem::path const file = dir / "index.html";
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  if (!f) throw std::runtime_error("egret: docs: cannot write " + file.string());
  f.write(page.data(), static_cast<std::streamsize>(page.size()));
  f.close();
  if (!f) throw std::runtime_error("egret: docs: cannot write " + file.string());
}

}  // namespace egret::pipeline
