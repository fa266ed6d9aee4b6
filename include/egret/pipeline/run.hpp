// Defines egret::pipeline::pipeline<Nodes...>: runs a pipeline's nodes in their topological order on any egret
// backend connection (`build`: seeds, then each model, each followed by its data tests), and reports each step in
// dbt's shape:
//
//   1 of 8 OK loaded seed raw_customers .............................. [OK 100 rows in 0.01s]
//   4 of 8 OK created view model stg_customers ....................... [OK in 0.00s]
//   5 of 8 PASS unique_stg_customers_customer_id ..................... [PASS in 0.00s]
//   Done. PASS=20 WARN=0 ERROR=0 SKIP=0
//
// Each step is atomic: a seed is emptied and loaded, a view replaced, a table dropped, created and filled, each in
// one transaction, so a step that fails leaves the database as it was before it. A model downstream of a failed
// step (a seed or model that failed, or an error-severity test that found rows) is skipped, never built on stale
// or broken inputs.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <unistd.h>

#include <egret/egret.hpp>
#include <egret/pipeline/data_test.hpp>
#include <egret/pipeline/graph.hpp>
#include <egret/pipeline/incremental.hpp>
#include <egret/pipeline/node.hpp>
#include <egret/pipeline/parquet.hpp>
#include <egret/pipeline/selector.hpp>
#include <egret/pipeline/snapshot.hpp>
#include <egret/pipeline/source_check.hpp>
#include <egret/pipeline/state.hpp>
#include <egret/pipeline/vars.hpp>

namespace egret::pipeline {

enum class status : unsigned char { ok, pass, warn, fail, error, skipped };

constexpr std::string_view to_string(status s) {
  switch (s) {
    case status::ok: return "OK";
    case status::pass: return "PASS";
    case status::warn: return "WARN";
    case status::fail: return "FAIL";
    case status::error: return "ERROR";
    default: return "SKIP";
  }
}

/// One step of a run: a node built (seed, model) or a data test run.
struct step_result {
  std::string name;
  std::string what;  // "seed", "view model", "table model", "ephemeral model", "source", "test"
  status result = status::ok;
  std::size_t rows = 0;  // rows loaded or inserted; a test's failing rows
  double seconds = 0;
  std::string message;  // the error, for ERROR and FAIL
  std::string note{};   // what else the report says: "also proved by its type" for a not_null test of a NOT NULL column
};

/// What a run did, step by step.
struct run_report {
  std::vector<step_result> steps;
  std::size_t count(status s) const {
    std::size_t n = 0;
    for (auto const& r : steps) n += r.result == s;
    return n;
  }
  /// No step errored or failed (warnings allowed).
  bool ok() const { return count(status::error) == 0 && count(status::fail) == 0; }
  step_result const* find(std::string_view name) const {
    for (auto const& r : steps)
      if (r.name == name) return &r;
    return nullptr;
  }
};

struct run_options {
  std::filesystem::path seeds = ".";  // where seed files are
  std::FILE* out = stdout;            // progress lines; nullptr for none
  bool run_seeds = true;              // load the seeds (and check the sources)
  bool run_models = true;             // materialize the models
  bool run_tests = true;              // run the data tests of the models selected
  /// The nodes to run, by name: `name`, `+name` (it and everything upstream), `name+` (it and everything
  /// downstream), `+name+`; empty: every node. `exclude` removes nodes the same way. A name no node has is an
  /// error (std::invalid_argument), so that a typo does not silently run nothing.
  std::vector<std::string> select{};
  std::vector<std::string> exclude{};
  /// Keep each data test's failing rows in a table named after the test (`unique_orders_order_id`), replaced
  /// on each run (emptied when the test passes), as dbt's --store-failures does.
  bool store_failures = false;
  /// Values of the models' param<>s, `NAME=VALUE` (a later one replaces an earlier one), parsed into each
  /// parameter's type (vars.hpp). A name no model declares, or a text that does not parse, is an error
  /// (std::invalid_argument) before anything runs; a model run without the value of one of its parameters fails.
  std::vector<std::string> vars{};
  /// Colors in the progress lines (OK and PASS green, WARN yellow, ERROR, FAIL red, SKIP dim): `automatic`
  /// when `out` is a terminal and NO_COLOR is not set (no-color.org).
  enum class colors : unsigned char { automatic, always, never } color = colors::automatic;
  /// Record each node built in the target's state table (egret_state, state.hpp), in the transaction that builds
  /// it, so that a later `state:modified` selection can compare with it.
  bool keep_state = true;
  /// Rebuild incremental models in full (from their build() query), as dbt's --full-refresh.
  bool full_refresh = false;
  /// How many nodes and tests run at once, each on its own connection (build(db, opts, connect)); 1: in order.
  std::size_t threads = 1;
  std::filesystem::path external_dir = ".";  // where external models write their Parquet files (DuckDB)
};

namespace detail {

template <class Db>
std::string quoted(std::string_view name) {
  using D = typename Db::dialect_type;
  std::string out;
  render::string_writer w{out};
  D::template quote_identifier<D>(w, name);
  return out;
}

/// The state rows of a run's successful builds, written together at its end (one transaction: the statements
/// on egret_state are prepared once, not again after each build's DDL). A run that stops before its end leaves
/// them unwritten, which can only make the next state:modified run build more.
struct state_log {
  struct entry {
    std::string_view node;
    std::string fingerprint;
    std::string_view kind;
    std::size_t rows;
    std::string columns;
  };
  std::mutex m;
  std::vector<entry> entries;
  void add(entry e) {
    std::lock_guard lk(m);
    entries.push_back(std::move(e));
  }
};

/// A transaction that writes: the backend's write_transaction() when it has one (SQLite: BEGIN IMMEDIATE, which
/// waits for another connection's write lock rather than failing on it), else its transaction().
template <class Db>
auto write_transaction(Db& db) {
  if constexpr (requires { db.write_transaction(); })
    return db.write_transaction();
  else
    return db.transaction();
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline bool use_colors(std::FILE* out, run_options::colors c) {
  if (out == nullptr || c == run_options::colors::never) return false;
  if (c == run_options::colors::always) return true;
  return ::isatty(::fileno(out)) == 1 && std::getenv("NO_COLOR") == nullptr;
}

inline void print_step(std::FILE* out, std::size_t i, std::size_t n, step_result const& r, std::string_view verb,
                       bool colors) {
  if (out == nullptr) return;
  std::string_view const word = to_string(r.result);
  std::string_view const on = !colors                           ? ""
                              : r.result == status::ok || r.result == status::pass ? "\033[32m"
                              : r.result == status::warn                            ? "\033[33m"
                              : r.result == status::skipped                         ? "\033[2m"
                                                                                    : "\033[31m";
  std::string_view const off = colors ? "\033[0m" : "";
  std::string line = std::to_string(i) + " of " + std::to_string(n) + " ";
  line.append(on).append(word).append(off);
  line += " " + (verb.empty() ? std::string() : std::string(verb) + " ") + r.name + " ";
  std::size_t const dots_to = 68 + on.size() + off.size();
  while (line.size() < dots_to) line += '.';
  char tail[96];
  if (r.rows != 0 || r.what == "seed" || r.what == "table model" || r.what == "incremental model" || r.what == "snapshot")
    std::snprintf(tail, sizeof tail, " %zu rows in %.2fs", r.rows, r.seconds);
  else
    std::snprintf(tail, sizeof tail, " in %.2fs", r.seconds);
  line.append(" [").append(on).append(word).append(off).append(tail);
  if (!r.note.empty()) line += ", " + r.note;
  line += "]\n";
  if (!r.message.empty()) line += "  " + r.message + "\n";
  std::fwrite(line.data(), 1, line.size(), out);
}

}  // namespace detail

/// A pipeline of nodes (seeds, sources, models), checked as a graph at compile time (graph.hpp).
template <class... Ns>
struct pipeline {
  using graph_type = graph<Ns...>;
  using nodes = type_list<Ns...>;

  template <std::size_t I>
  using node_at = at_t<I, nodes>;

  /// The SQL that materializes model M for dialect D: M's query, preceded by `WITH` and the ephemeral models it
  /// reads (transitively). Fixed at compile time (a string in the binary) when the queries capture no run-time
  /// value; else rendered at run time with the values, and the param<>s' values from `vars`, written as
  /// literals (views and CREATE TABLE AS cannot take parameters). A param<> without a value in `vars` is an
  /// error (std::invalid_argument) naming it.
  template <class D, class M, bool Inc = false>
  static std::string model_sql(var_values const& vars = {}) {
    if constexpr (model_has_values<D, M, Inc>()) {
      return model_sql_rendered<D, M, Inc>(vars);
    } else if constexpr (dialect::require_features<D, egret::detail::text_measure<D, model_text<M, Inc>>.features>()) {
      return std::string(egret::detail::static_text<D, model_text<M, Inc>>.view());
    } else {
      return {};
    }
  }

  /// The SQL of the new rows of incremental model M (its incremental() query, or build()'s without one).
  template <class D, class M>
  static std::string incremental_sql(var_values const& vars = {}) {
    if constexpr (detail::has_incremental_query<M>)
      return model_sql<D, M, true>(vars);
    else
      return model_sql<D, M>(vars);
  }

  /// Incremental model M's query of new rows, built from default-constructed tables (its own contract first).
  template <class M>
  static constexpr auto incremental_query_of() {
    return []<class... Ts>(type_list<Ts...>) { return M::incremental(Ts{}...); }(
        typename detail::build_inputs<decltype(&M::incremental)>::type{});
  }

  /// Every param<> the models' queries name (each once), with its type: what --var can set.
  static constexpr auto parameters() {
    constexpr std::size_t n = (std::size_t{0} + ... + param_count<Ns>());
    std::array<detail::var_info, n + 1> all{};
    std::size_t size = 0;
    auto add = [&]<class N>(std::type_identity<N>) {
      if constexpr (param_count<N>() != 0) {
        using D = dialect::sqlite;
        detail::var_collector<param_count<N>()> c;
        egret::detail::render_query<D>(c, static_cast<decltype(query_of<N>()) const*>(nullptr));
        for (std::size_t i = 0; i != c.size; ++i) {
          bool seen = false;
          for (std::size_t j = 0; j != size; ++j)
            if (all[j].name == c.vars[i].name) {
              seen = true;
              if (all[j].type != c.vars[i].type) throw "egret: a param<> has two types in the pipeline's models";
            }
          if (!seen) all[size++] = c.vars[i];
        }
      }
    };
    (add(std::type_identity<Ns>{}), ...);
    return std::pair{all, size};
  }

  /// Checks run_options::vars against parameters: each name declared by a model, each value of its type.
  /// Throws std::invalid_argument naming the first that is not.
  static var_values check_vars(run_options const& opts) {
    var_values const vars(opts.vars);
    static constexpr auto table = parameters();
    auto const& [params, count] = table;
    for (auto const& [name, value] : vars.all()) {
      detail::var_info const* p = nullptr;
      for (std::size_t i = 0; i != count; ++i)
        if (params[i].name == name) p = &params[i];
      if (p == nullptr) {
        std::string known;
        for (std::size_t i = 0; i != count; ++i)
          known += (known.empty() ? "" : ", ") + std::string(params[i].name) + " (" + std::string(params[i].type) + ")";
        throw std::invalid_argument("egret: --var " + name + ": no model of the pipeline has a param<\"" + name +
                                    "\">; " + (known.empty() ? std::string("it has no parameters") : "its parameters: " + known));
      }
      p->check(name, value);
    }
    return vars;
  }

  /// Model M's query, built from default-constructed input tables.
  template <class M>
  static constexpr auto query_of() {
    return []<class... Ts>(type_list<Ts...>) { return M::build(Ts{}...); }(inputs_t<M>{});
  }

  /// Builds everything: each seed loaded, each source checked, each model materialized and tested, in the
  /// graph's order; what is downstream of a failure is skipped. Prints a line per step to opts.out.
  /// The names of the nodes, in the order they run.
  static std::vector<std::string_view> names_in_order() {
    constexpr std::array<std::string_view, sizeof...(Ns)> names{Ns::name...};
    std::vector<std::string_view> out;
    for (std::size_t i : graph_type::order) out.push_back(names[i]);
    return out;
  }

  /// The names of the nodes, by node index.
  static constexpr std::array<std::string_view, sizeof...(Ns)> names() { return {Ns::name...}; }

  /// The index of the node named `name`, or sizeof...(Ns).
  static std::size_t index_of_name(std::string_view name) {
    constexpr std::array<std::string_view, sizeof...(Ns)> names{Ns::name...};
    for (std::size_t i = 0; i != names.size(); ++i)
      if (names[i] == name) return i;
    return sizeof...(Ns);
  }

  /// Which nodes opts.select / opts.exclude pick (selector.hpp's grammar); `modified`: the nodes that differ
  /// from the target's state, for state:modified (nullptr: a state: selector is an error).
  static std::array<bool, sizeof...(Ns)> selection(run_options const& opts, std::vector<bool> const* modified = nullptr) {
    constexpr std::size_t n = sizeof...(Ns);
    static constexpr std::array<std::string_view, n> names{Ns::name...};
    static constexpr std::array<std::span<std::string_view const>, n> tags{tags_of<Ns>()...};
    static constexpr auto upstream = [] {
      std::array<bool, n * n> flat{};
      bool* out = flat.data();
      for (std::size_t i = 0; i != n; ++i) {
        bool const* row = graph_type::upstream[i].data();
        for (std::size_t j = 0; j != n; ++j) out[i * n + j] = row[j];
      }
      return flat;
    }();
    selection_graph const g{names, tags, upstream, modified};
    std::vector<bool> const chosen = select_nodes(g, opts.select, opts.exclude);
    std::array<bool, n> out{};
    for (std::size_t i = 0; i != n; ++i) out[i] = chosen[i];
    return out;
  }

  /// The nodes whose fingerprint differs from the target's state (or that it lacks, or whose relation is
  /// missing): what state:modified selects. Seeds and models only; sources and ephemeral models never.
  template <class Db>
  static std::vector<bool> modified_nodes(Db& db, run_options const& opts, var_values const& vars) {
    using plan = steps<Db>;
    auto const recorded = state_store<Db>(db).read();
    std::vector<bool> out(sizeof...(Ns), false);
    for (std::size_t i = 0; i != sizeof...(Ns); ++i) {
      auto const& n = plan::nodes[i];
      if (n.fingerprint == nullptr) continue;
      std::string fp;
      try {
        fp = n.fingerprint(opts, vars);
      } catch (std::exception const&) {  // a model that cannot render (a missing --var) counts as modified
      }
      std::string const* was = nullptr;
      for (auto const& [name, f] : recorded)
        if (name == n.name) was = &f;
      out[i] = fp.empty() || was == nullptr || *was != fp || !n.exists(db);
    }
    return out;
  }

  template <class Db>
  static run_report build(Db& db, run_options const& opts = {}) {
    return build(db, opts, [] { return std::unique_ptr<Db>(); });
  }

  /// The same run on up to opts.threads connections at once: `connect()` opens another connection to the same
  /// database (a std::unique_ptr<Db>), one per extra worker. A node starts when every node it reads is built and
  /// tested; its tests when the nodes they read are built; what is downstream of a failure is skipped, as in a
  /// run on one connection, and the tables are the same. SQLite connections are switched to WAL mode (readers
  /// and one writer at a time) and wait for each other's locks (busy timeout).
  template <class Db, class Connect>
  static run_report build(Db& db, run_options const& opts, Connect&& connect) {
    static_assert(graph_type::valid, "egret: the pipeline's graph is not valid (see the errors above)");
    using plan = steps<Db>;
    state st{opts};
    st.vars = check_vars(opts);
    st.colors = detail::use_colors(opts.out, opts.color);
    bool const by_state = uses_state(opts.select) || uses_state(opts.exclude);
    if (by_state) {
      std::vector<bool> const modified = modified_nodes(db, opts, st.vars);
      st.selected = selection(opts, &modified);
      bool any = false;
      for (bool b : st.selected) any = any || b;
      if (!any) {
        if (opts.out != nullptr) std::fprintf(opts.out, "Nothing to do: no node differs from the target's state\n");
        return std::move(st.report);
      }
    } else {
      st.selected = selection(opts);
    }
    if (opts.keep_state && (opts.run_seeds || opts.run_models)) state_store<Db>(db).ensure();
    for (std::size_t i = 0; i != sizeof...(Ns); ++i) {
      st.total += runs(plan::nodes[i], i, st) ? 1 : 0;
      if (st.selected[i] && opts.run_tests) st.total += plan::nodes[i].tests;
    }
    if (opts.threads <= 1) {
      for (std::size_t k = 0; k != sizeof...(Ns); ++k) {
        run_node(db, plan::nodes[graph_type::order[k]], graph_type::order[k], st, nullptr);
        if (opts.run_tests)
          for (auto const& t : plan::tests)
            if (t.after == k) run_test(db, t, st, nullptr);
      }
    } else {
      run_parallel(db, st, std::forward<Connect>(connect));
    }
    write_state(db, st.log);
    if (opts.out != nullptr)
      std::fprintf(opts.out, "Done. PASS=%zu WARN=%zu ERROR=%zu SKIP=%zu\n",
                   st.report.count(status::pass) + st.report.count(status::ok), st.report.count(status::warn),
                   st.report.count(status::error) + st.report.count(status::fail), st.report.count(status::skipped));
    return std::move(st.report);
  }

 private:
  /// What a run keeps as it goes: the report, which nodes were built, which failed (a node's own build or one of
  /// its error-severity tests), the step counter.
  struct state {
    run_options const& opts;
    run_report report{};
    std::array<bool, sizeof...(Ns)> selected{};
    std::array<bool, sizeof...(Ns)> built{};  // in this run, or before it when it does not run the node
    std::array<bool, sizeof...(Ns)> failed{};
    var_values vars{};
    detail::state_log log{};
    bool colors = false;
    std::size_t step = 0;
    std::size_t total = 0;
  };

  /// Model M's SQL text as the render layer writes it: `WITH "e" AS (...), ... <query>`. From the queries' types
  /// alone (the compile-time text), or from the query objects (ByValue: the values they captured written).
  template <class D, class M, bool ByValue, class V, bool Inc = false>
  static constexpr void write_model(V& v) {
    bool any = false;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (write_ephemeral<D, ephemeral_order[K], index_of<M>(), ByValue>(v, any), ...);
    }(std::make_index_sequence<ephemeral_order.size()>{});
    if (any) v.ch(' ');
    write_query<D, M, ByValue, Inc>(v);
  }
  template <class D, class N, bool ByValue, bool Inc = false, class V>
  static constexpr void write_query(V& v) {
    if constexpr (Inc) {
      if constexpr (ByValue) {
        auto const q = incremental_query_of<N>();
        egret::detail::render_query<D>(v, &q);
      } else {
        egret::detail::render_query<D>(v, static_cast<decltype(incremental_query_of<N>()) const*>(nullptr));
      }
    } else if constexpr (ByValue) {
      auto const q = query_of<N>();
      egret::detail::render_query<D>(v, &q);
    } else {
      egret::detail::render_query<D>(v, static_cast<decltype(query_of<N>()) const*>(nullptr));
    }
  }
  template <class M, bool Inc = false>
  struct model_text {
    template <class D, class V>
    static constexpr void write(V& v) {
      write_model<D, M, false, V, Inc>(v);
    }
  };
  template <class D, std::size_t I, std::size_t Self, bool ByValue, class V>
  static constexpr void write_ephemeral(V& v, bool& any) {
    using N = node_at<I>;
    if constexpr (N::kind == node_kind::model) {
      if constexpr (N::how == materialization::ephemeral && graph_type::upstream[Self][I]) {
        v.text(any ? ", " : "WITH ");
        any = true;
        D::template quote_identifier<D>(v, N::name);
        v.text(" AS (");
        write_query<D, N, ByValue>(v);
        v.ch(')');
      }
    }
  }
  /// Whether M's query, or an ephemeral model it reads, captures a run-time value (a placeholder in D's text).
  template <class D, class M, bool Inc = false>
  static constexpr bool model_has_values() {
    constexpr auto which = [] {
      if constexpr (Inc)
        return std::type_identity<decltype(incremental_query_of<M>())>{};
      else
        return std::type_identity<decltype(query_of<M>())>{};
    }();
    using Q = typename decltype(which)::type;
    return []<std::size_t... K>(std::index_sequence<K...>) {
      return ((ephemeral_placeholders<D, node_at<ephemeral_order[K]>>(graph_type::upstream[index_of<M>()][ephemeral_order[K]]) +
               ... + egret::detail::sql_measure<D, Q>.params)) != 0;
    }(std::make_index_sequence<ephemeral_order.size()>{});
  }
  template <class D, class N>
  static constexpr int ephemeral_placeholders(bool read) {
    if constexpr (N::kind == node_kind::model) {
      if constexpr (N::how == materialization::ephemeral)
        return read ? egret::detail::sql_measure<D, decltype(query_of<N>())>.params : 0;
      else
        return 0;
    } else {
      return 0;
    }
  }
  template <class D, class M, bool Inc = false>
  static std::string model_sql_rendered(var_values const& vars) {
    std::string out;
    detail::var_inline_writer<D> w{{out}, &vars, M::name};
    write_model<D, M, true, detail::var_inline_writer<D>, Inc>(w);
    return out;
  }
  template <class N>
  static constexpr std::size_t param_count() {
    if constexpr (N::kind == node_kind::model)
      return static_cast<std::size_t>(egret::detail::sql_measure<dialect::sqlite, decltype(query_of<N>())>.named);
    else
      return 0;
  }

  template <class M>
  static constexpr std::size_t index_of() {
    constexpr bool same[] = {std::is_same_v<M, Ns>..., false};
    for (std::size_t i = 0; i != sizeof...(Ns); ++i)
      if (same[i]) return i;
    return detail::none;
  }

  template <class N>
  static constexpr std::size_t test_count() {
    if constexpr (N::kind == node_kind::model && requires { N::tests(typename N::relation_type{}); })
      return std::tuple_size_v<decltype(N::tests(typename N::relation_type{}))>;
    else
      return 0;
  }

  /// A run's plan for connection type Db, built once: a constant entry per node and per data test, each with
  /// the one function its typed part needs (a node's build, a test's count). The run loop below is written once
  /// over these entries, not once per node and per (node, test) pair.
  template <class Db>
  struct node_step {
    node_kind kind;
    std::string_view what;  // "seed", "view model", ...
    std::string_view verb;  // "loaded seed", "created view model", ...
    std::size_t tests;      // how many data tests the node has
    std::size_t (*build)(Db&, run_options const&, var_values const&, detail::state_log&);
    std::string_view name;
    /// What built the node's relation (state.hpp), or nullptr for a node the state does not track.
    std::string (*fingerprint)(run_options const&, var_values const&);
    bool (*exists)(Db&);  // whether its relation is in the database
  };
  template <class Db>
  struct test_step {
    std::string_view name;
    std::size_t node;   // the model it tests
    std::size_t after;  // the run position after which it runs: its model's and every other table it reads
    severity level;
    bool proved;                                // what it checks the types already prove (not_null of NOT NULL)
    std::array<bool, sizeof...(Ns)> needs;      // the nodes that must be built for it to run
    std::size_t (*count)(Db&, bool store);      // its failing rows (kept in a table first when store)
  };

  template <class N, class Db>
  static constexpr node_step<Db> node_step_of() {
    constexpr std::size_t n_tests = test_count<N>();
    constexpr bool tracked = N::kind == node_kind::seed || (N::kind == node_kind::model && !detail::is_ephemeral_node<N>());
    auto const fp = tracked ? &fingerprint_of<N, typename Db::dialect_type> : nullptr;
    auto const ex = tracked ? &relation_exists<N, Db> : nullptr;
    if constexpr (N::kind == node_kind::seed)
      return {N::kind, "seed", "loaded seed", n_tests, &materialize<N, Db>, N::name, fp, ex};
    else if constexpr (N::kind == node_kind::source)
      return {N::kind, "source", "checked source", n_tests, &materialize<N, Db>, N::name, fp, ex};
    else if constexpr (N::how == materialization::view)
      return {N::kind, "view model", "created view model", n_tests, &materialize<N, Db>, N::name, fp, ex};
    else if constexpr (N::how == materialization::table)
      return {N::kind, "table model", "created table model", n_tests, &materialize<N, Db>, N::name, fp, ex};
    else if constexpr (N::how == materialization::incremental)
      return {N::kind, "incremental model", "built incremental model", n_tests, &materialize<N, Db>, N::name, fp, ex};
    else if constexpr (N::how == materialization::snapshot)
      return {N::kind, "snapshot", "snapshotted", n_tests, &materialize<N, Db>, N::name, fp, ex};
    else if constexpr (N::how == materialization::external)
      return {N::kind, "external model", "wrote external model", n_tests, &materialize<N, Db>, N::name, fp, ex};
    else
      return {N::kind, "ephemeral model", "inlined ephemeral model", n_tests, &materialize<N, Db>, N::name, fp, ex};
  }

  /// The fingerprint of node N for dialect D (state.hpp): its SQL, materialization and CREATE TABLE; a seed's
  /// CREATE TABLE and file bytes.
  /// The fingerprint of a (view or table) model N whose SQL the caller has.
  template <class N, class D>
  static std::string fingerprint_of_sql(std::string const& sql) {
    std::uint64_t const h = fnv1a(create_table_sql<D, typename N::relation_type>());
    return detail::hex64(fnv1a(sql, fnv1a(to_string(N::how), h)));
  }
  template <class N, class D>
  static std::string fingerprint_of(run_options const& opts, var_values const& vars) {
    using T = typename N::relation_type;
    std::uint64_t h = fnv1a(create_table_sql<D, T>());
    if constexpr (N::kind == node_kind::seed) {
      h = detail::hash_file(opts.seeds / std::string(N::file), fnv1a("seed", h));
    } else if constexpr (N::kind == node_kind::model) {
      h = fnv1a(model_sql<D, N>(vars), fnv1a(to_string(N::how), h));
      if constexpr (N::how == materialization::incremental) h = fnv1a(incremental_sql<D, N>(vars), h);
    }
    return detail::hex64(h);
  }
  template <class N, class Db>
  static bool relation_exists(Db& db) {
    try {
      for ([[maybe_unused]] auto const& row : db.execute(typename N::relation_type{}.limit(std::int64_t{0}))) {
      }
      return true;
    } catch (std::exception const&) {
      return false;
    }
  }

  /// The K-th test of node J (its tests() tuple, evaluated at compile time).
  template <std::size_t J>
  static constexpr auto tests_of = node_at<J>::tests(typename node_at<J>::relation_type{});
  template <std::size_t J, std::size_t K>
  static constexpr auto const& test_at() {
    return std::get<K>(tests_of<J>);
  }
  template <std::size_t J, std::size_t K, class Db>
  static std::size_t count_test(Db& db, bool store) {
    auto const& t = test_at<J, K>();
    if (store) store_failures<std::remove_cvref_t<decltype(t)>>(db, t);
    return count_failing(db, t);
  }
  template <std::size_t J, std::size_t K, class Db>
  static constexpr test_step<Db> test_step_of() {
    using T = std::remove_cvref_t<decltype(test_at<J, K>())>;
    static_assert(reads_provided<J, T>(), "egret: a data test reads a table that no node of the pipeline provides");
    std::array<bool, sizeof...(Ns)> needs{};
    needs[J] = true;
    [&]<class... Rs>(type_list<Rs...>) { ((needs[graph_type::template provider_of<Rs>] = true), ...); }(
        typename T::reads{});
    return {T::name, J, ready_at<J, T>(), test_at<J, K>().level, T::proved_by_types, needs, &count_test<J, K, Db>};
  }

  template <class Db>
  struct steps {
    static_assert(detail::require_pipeline_dialect<typename Db::dialect_type>());
    static constexpr std::array<node_step<Db>, sizeof...(Ns)> nodes{node_step_of<Ns, Db>()...};
    static constexpr std::size_t test_total = (std::size_t{0} + ... + test_count<Ns>());
    static constexpr auto tests = [] {
      std::array<test_step<Db>, test_total> all{};
      std::size_t at = 0;
      [&]<std::size_t... J>(std::index_sequence<J...>) {
        (
            [&]<std::size_t Jn>(std::integral_constant<std::size_t, Jn>) {
              [&]<std::size_t... K>(std::index_sequence<K...>) {
                ((all[at++] = test_step_of<Jn, K, Db>()), ...);
              }(std::make_index_sequence<test_count<node_at<Jn>>()>{});
            }(std::integral_constant<std::size_t, J>{}),
            ...);
      }(std::make_index_sequence<sizeof...(Ns)>{});
      return all;
    }();
  };

  /// Whether this run builds node i (selected, and its phase runs).
  template <class Db>
  static bool runs(node_step<Db> const& n, std::size_t i, state const& st) {
    if (!st.selected[i]) return false;
    return n.kind == node_kind::model ? st.opts.run_models : st.opts.run_seeds;
  }

  /// The ephemeral models, in run order: what a model's SQL may inline (each model's text walks only these, not
  /// every node: a pipeline of n nodes instantiates n x (ephemeral models) writers, not n x n).
  static constexpr auto ephemeral_order = [] {
    constexpr std::array<bool, sizeof...(Ns) + 1> eph{detail::is_ephemeral_node<Ns>()..., false};
    constexpr std::size_t count = [&] {
      std::size_t c = 0;
      for (bool b : eph) c += b;
      return c;
    }();
    std::array<std::size_t, count> out{};
    std::size_t k = 0;
    for (std::size_t i : graph_type::order)
      if (i < sizeof...(Ns) && eph[i]) out[k++] = i;
    return out;
  }();

  /// The position in the run order of node I.
  static constexpr auto position = [] {
    std::array<std::size_t, sizeof...(Ns)> pos{};
    for (std::size_t k = 0; k != sizeof...(Ns); ++k)
      if (graph_type::order[k] < sizeof...(Ns)) pos[graph_type::order[k]] = k;
    return pos;
  }();

  /// The run position after which a test T of node J runs: after J and after every node providing a table T reads.
  template <std::size_t J, class T>
  static constexpr std::size_t ready_at() {
    return []<class... Rs>(type_list<Rs...>) {
      std::size_t at = position[J];
      ((at = position[graph_type::template provider_of<Rs>] > at ? position[graph_type::template provider_of<Rs>] : at), ...);
      return at;
    }(typename T::reads{});
  }

  template <std::size_t J, class T>
  static constexpr bool reads_provided() {
    return []<class... Rs>(type_list<Rs...>) {
      return ((graph_type::template provider_of<Rs> < sizeof...(Ns)) && ... && true);
    }(typename T::reads{});
  }

  /// Runs the plan on opts.threads workers, each on its own connection (the first on db).
  template <class Db, class Connect>
  static void run_parallel(Db& db, state& st, Connect&& connect) {
    using plan = steps<Db>;
    constexpr std::size_t n = sizeof...(Ns);
    constexpr std::size_t n_tests = plan::tests.size();
    auto prepare = [](Db& c) {  // SQLite: waits for the other writers' locks, readers beside a writer (WAL)
      if constexpr (requires { c.prepare_for_concurrent_writers(); })
        c.prepare_for_concurrent_writers();
      else
        (void)c;
    };
    prepare(db);
    std::vector<std::unique_ptr<Db>> extra;
    // DuckDB: one process opens a database file once (a second duckdb_open of it fails on the file's lock), and
    // each query already runs on every core: the nodes run one at a time on the one connection
    std::size_t workers = st.opts.threads;
    if constexpr (requires { Db::opens_database_once; })
      if (Db::opens_database_once) workers = 1;
    for (std::size_t w = 1; w < workers; ++w) {
      std::unique_ptr<Db> c = connect();
      if (!c) break;  // no way to open more: fewer workers
      prepare(*c);
      extra.push_back(std::move(c));
    }
    std::mutex m;
    std::condition_variable cv;
    std::array<bool, n> node_started{}, node_done{};
    std::array<bool, n_tests + 1> test_started{}, test_done{};
    std::size_t remaining = n + n_tests;
    // the next task ready to run (nodes in run order first), or none; called with m held
    auto next = [&](bool& is_node, std::size_t& which) {
      for (std::size_t k = 0; k != n; ++k) {
        std::size_t const i = graph_type::order[k];
        if (node_started[i]) continue;
        // as in a run in order: after the nodes it reads, and after the tests of what is upstream of it that
        // run before it there (whose failure skips it)
        bool ready = true;
        for (std::size_t j = 0; j != n; ++j)
          if (graph_type::direct[i][j] && !node_done[j]) ready = false;
        for (std::size_t t = 0; ready && t != n_tests; ++t)
          if (!test_done[t] && graph_type::upstream[i][plan::tests[t].node] && plan::tests[t].after < position[i])
            ready = false;
        if (ready) {
          is_node = true;
          which = i;
          return true;
        }
      }
      for (std::size_t t = 0; t != n_tests; ++t) {
        if (test_started[t]) continue;
        bool ready = true;
        for (std::size_t j = 0; j != n; ++j)
          if (plan::tests[t].needs[j] && !node_done[j]) ready = false;
        if (ready) {
          is_node = false;
          which = t;
          return true;
        }
      }
      return false;
    };
    auto worker = [&](Db& c) {
      std::unique_lock lk(m);
      for (;;) {
        bool is_node = false;
        std::size_t which = 0;
        cv.wait(lk, [&] { return remaining == 0 || next(is_node, which); });
        if (remaining == 0) return;
        if (is_node) {
          node_started[which] = true;
          lk.unlock();
          run_node(c, plan::nodes[which], which, st, &m);
          lk.lock();
          node_done[which] = true;
        } else {
          test_started[which] = true;
          auto const& t = plan::tests[which];
          lk.unlock();
          if (st.opts.run_tests) run_test(c, t, st, &m);
          lk.lock();
          test_done[which] = true;
        }
        --remaining;
        cv.notify_all();
      }
    };
    std::vector<std::thread> threads;
    for (auto& c : extra) threads.emplace_back(worker, std::ref(*c));
    worker(db);
    for (auto& t : threads) t.join();
  }

  /// Calls f with `m` locked (when there is one: a parallel run).
  template <class F>
  static decltype(auto) locked(std::mutex* m, F&& f) {
    if (m == nullptr) return f();
    std::lock_guard lk(*m);
    return f();
  }

  template <class Db>
  static void run_node(Db& db, node_step<Db> const& n, std::size_t i, state& st, std::mutex* m) {
    static constexpr std::array<std::string_view, sizeof...(Ns)> names{Ns::name...};
    bool upstream_failed = false;
    bool const run = locked(m, [&] {
      if (!runs(n, i, st)) {  // not part of this run: taken as it is in the database
        st.built[i] = true;
        return false;
      }
      for (std::size_t j = 0; j != sizeof...(Ns); ++j) upstream_failed = upstream_failed || (graph_type::upstream[i][j] && st.failed[j]);
      return true;
    });
    if (!run) return;
    step_result r;
    r.name = std::string(names[i]);
    r.what = std::string(n.what);
    bool built = false;
    auto const t0 = std::chrono::steady_clock::now();
    if (upstream_failed) {
      r.result = status::skipped;
      r.message = "skipped: an upstream step failed";
    } else {
      try {
        r.rows = n.build(db, st.opts, st.vars, st.log);
        r.result = status::ok;
        built = true;
      } catch (std::exception const& e) {
        r.result = status::error;
        r.message = e.what();
      }
    }
    r.seconds = detail::seconds_since(t0);
    locked(m, [&] {
      if (built)
        st.built[i] = true;
      else
        st.failed[i] = true;  // and so is everything downstream of it
      detail::print_step(st.opts.out, ++st.step, st.total, r, n.verb, st.colors);
      st.report.steps.push_back(std::move(r));
    });
  }

  /// Runs data test t of a model: skipped when a table it reads was not built; a failure of an error-severity
  /// test marks the model failed, so that what is downstream of it is skipped.
  template <class Db>
  static void run_test(Db& db, test_step<Db> const& t, state& st, std::mutex* m) {
    bool inputs_built = true;
    bool const run = locked(m, [&] {
      if (!st.selected[t.node]) return false;
      for (std::size_t j = 0; j != sizeof...(Ns); ++j) inputs_built = inputs_built && (!t.needs[j] || st.built[j]);
      return true;
    });
    if (!run) return;
    step_result r;
    r.name = std::string(t.name);
    r.what = "test";
    bool fails_model = false;
    auto const t0 = std::chrono::steady_clock::now();
    if (!inputs_built) {
      r.result = status::skipped;
      r.message = "skipped: a table it reads was not built";
    } else {
      try {
        std::size_t const n = t.count(db, st.opts.store_failures);
        r.rows = n;
        auto got = [n] { return "Got " + std::to_string(n) + (n == 1 ? " result" : " results"); };
        if (n == 0) {
          r.result = status::pass;
        } else if (t.level == severity::warn) {
          r.result = status::warn;
          r.message = got() + ", configured to warn";
        } else {
          r.result = status::fail;
          r.message = got() + ", configured to fail";
          fails_model = true;
        }
      } catch (std::exception const& e) {
        r.result = status::error;
        r.message = e.what();
        fails_model = true;
      }
    }
    if (t.proved) {
      if (r.result == status::pass) r.note = "also proved by its type";
      if (r.result == status::fail || r.result == status::warn)
        r.message += " (its type says NOT NULL: the data in the database breaks it)";
    }
    r.seconds = detail::seconds_since(t0);
    locked(m, [&] {
      if (fails_model) st.failed[t.node] = true;
      detail::print_step(st.opts.out, ++st.step, st.total, r, "", st.colors);
      st.report.steps.push_back(std::move(r));
    });
  }

  /// The number of rows test t's query returns. A query that captures no value is counted by SQL text fixed at
  /// compile time (`SELECT COUNT(*) FROM (<its SQL>) AS failing`, a raw_query: no binder or cursor of the
  /// test's own to instantiate); else through the typed query, its values bound.
  template <class Db, class T>
  static std::size_t count_failing(Db& db, T const& t) {
    using D = typename Db::dialect_type;
    using Q = decltype(t.failing);
    std::size_t n = 0;
    if constexpr (egret::detail::sql_measure<D, Q>.params == 0 &&
                  dialect::require_features<D, egret::detail::sql_measure<D, Q>.features>()) {
      using counted = egret::raw_query<"SELECT COUNT(*) FROM (" + egret::detail::sql_text<D, Q> + ") AS failing",
                                       egret::out<"failures", std::int64_t>>;
      for (auto const& [c] : db.execute(counted{})) n = static_cast<std::size_t>(c);
    } else {
      for (auto const& [c] : db.execute(t.failing.aggregate(egret::count().as<"failures">()))) n = static_cast<std::size_t>(c);
    }
    return n;
  }

  /// --store-failures: test T's failing rows kept in a table named after it (replaced; in one transaction where
  /// DDL is transactional).
  template <class T, class Db>
  static void store_failures(Db& db, T const& t) {
    using D = typename Db::dialect_type;
    using Q = decltype(t.failing);
    std::string select;
    if constexpr (egret::detail::sql_measure<D, Q>.params != 0)
      select = render_sql_inline<D>(t.failing);
    else
      select = std::string(egret::to_sql<D>(t.failing));
    if (T::name.size() > 63)
      throw std::invalid_argument("egret: --store-failures: the test name \"" + std::string(T::name) +
                                  "\" is longer than 63 characters, the longest table name PostgreSQL and MariaDB keep");
    std::string const table = detail::quoted<Db>(T::name);
    auto tx = detail::write_transaction(db);
    db.drop_table(T::name);
    db.exec("CREATE TABLE " + table + " AS " + select);
    tx.commit();
  }

  /// The rows of table T (a COUNT(*): not every backend's changes() counts what exec() inserted).
  template <class T, class Db>
  static std::size_t row_count(Db& db) {
    std::size_t n = 0;
    for (auto const& [c] : db.execute(T{}.aggregate(egret::count().as<"n">()))) n = static_cast<std::size_t>(c);
    return n;
  }
  /// A table model on an engine whose DDL is not transactional (MySQL, MariaDB): built as `<name>__egret_new`,
  /// then swapped in with one `RENAME TABLE name TO <name>__egret_old, <name>__egret_new TO name` (atomic on those
  /// engines), the old one dropped. A failure before the swap drops only the new table: the previous one and its
  /// rows stay as they were.
  template <class N, class Db>
  static std::size_t rebuild_by_rename(Db& db, std::string const& sql, std::string const& key_index = {}) {
    using D = typename Db::dialect_type;
    using T = typename N::relation_type;
    std::string const fresh_name = std::string(N::name) + "__egret_new";
    std::string const old_name = std::string(N::name) + "__egret_old";
    std::string const name = detail::quoted<Db>(N::name), fresh = detail::quoted<Db>(fresh_name),
                      old = detail::quoted<Db>(old_name);
    db.drop_table(fresh_name);
    db.drop_table(old_name);
    std::string create(create_table_sql<D, T>());
    std::string const head = "CREATE TABLE " + name;
    if (create.compare(0, head.size(), head) != 0)
      throw std::logic_error("egret: unexpected CREATE TABLE text for " + std::string(N::name) + ": " + create);
    create.replace(0, head.size(), "CREATE TABLE " + fresh);
    db.exec(create);
    try {
      db.exec("INSERT INTO " + fresh + " " + sql);
      if (!key_index.empty()) db.exec(key_index + fresh + " (" + detail::quoted<Db>(detail::unique_key_name<N>()) + ")");
    } catch (...) {
      db.drop_table(fresh_name);
      throw;
    }
    try {
      db.exec("RENAME TABLE " + name + " TO " + old + ", " + fresh + " TO " + name);
    } catch (std::exception const&) {  // no previous table: nothing to keep
      db.exec("RENAME TABLE " + fresh + " TO " + name);
    }
    db.drop_table(old_name);
    return row_count<T>(db);
  }

  /// Notes, for the state table, that node N was built (when opts.keep_state); `sql`: the SQL it was built from,
  /// when the caller has it (else rendered again for the fingerprint).
  template <class N, class Db>
  static void record_state(detail::state_log& log, run_options const& opts, var_values const& vars, std::size_t rows,
                           std::string const* sql = nullptr) {
    if (!opts.keep_state) return;
    using D = typename Db::dialect_type;
    std::string fp;
    if constexpr (N::kind == node_kind::model) {
      if constexpr (N::how != materialization::incremental) {
        if (sql != nullptr) fp = fingerprint_of_sql<N, D>(*sql);
      }
    }
    if (fp.empty()) fp = fingerprint_of<N, D>(opts, vars);
    log.add({N::name, std::move(fp), steps<Db>::nodes[index_of<N>()].what, rows, column_list<typename N::relation_type>()});
  }

  /// Writes the run's state rows (one transaction).
  template <class Db>
  static void write_state(Db& db, detail::state_log& log) {
    if (log.entries.empty()) return;
    state_store<Db> store(db);
    auto tx = detail::write_transaction(db);
    for (auto const& e : log.entries) store.record(e.node, e.fingerprint, e.kind, e.rows, e.columns);
    tx.commit();
    log.entries.clear();
  }

  /// Table T's column names, comma-separated (as the state table keeps them).
  template <class T>
  static std::string column_list() {
    return []<class... Cs>(type_list<Cs...>) {
      std::string out;
      ((out += (out.empty() ? "" : ",") + std::string(Cs::name.view())), ...);
      return out;
    }(typename T::egret_columns{});
  }

  /// `SELECT COUNT(*) AS n FROM "<T>__egret_stage"`: the staged rows of an incremental run.
  template <class T>
  struct stage_count_text {
    static constexpr auto stage = T::egret_name + "__egret_stage";
    template <class D, class V>
    static constexpr void write(V& v) {
      v.text("SELECT COUNT(*) AS n FROM ");
      D::template quote_identifier<D>(v, stage.view());
    }
  };

  /// `SELECT COUNT(*) AS n FROM (SELECT "key" FROM "<T>__egret_stage" GROUP BY "key" HAVING COUNT(*) > 1) AS d`:
  /// the unique-key values an incremental run's new rows repeat.
  template <class N>
  struct stage_repeats_text {
    template <class D, class V>
    static constexpr void write(V& v) {
      v.text("SELECT COUNT(*) AS n FROM (SELECT ");
      D::template quote_identifier<D>(v, detail::unique_key_name<N>());
      v.text(" FROM ");
      D::template quote_identifier<D>(v, stage_count_text<typename N::relation_type>::stage.view());
      v.text(" GROUP BY ");
      D::template quote_identifier<D>(v, detail::unique_key_name<N>());
      v.text(" HAVING COUNT(*) > 1) AS d");
    }
  };

  /// A table model's full build: atomic (a transaction where DDL is transactional; else under another name and
  /// renamed); an incremental model's also gets the unique index its strategy needs.
  template <class N, class Db>
  static std::size_t build_table(Db& db, run_options const& opts, var_values const& vars, detail::state_log& log) {
    using D = typename Db::dialect_type;
    using T = typename N::relation_type;
    std::string const name = detail::quoted<Db>(N::name);
    std::string const sql = model_sql<D, N>(vars);
    std::string key_index;
    if constexpr (N::how == materialization::incremental) {
      if constexpr (detail::has_unique_key<N>)
        key_index = "CREATE UNIQUE INDEX " + detail::quoted<Db>(std::string(N::name) + "__egret_key") + " ON ";
    }
    // PostgreSQL refuses to drop a table a view reads (D::drop_table_refused_by_views): when the live table
    // already has the contract's columns, its rows are replaced instead (DELETE, INSERT, in the same transaction)
    bool refill = false;
    if constexpr (D::drop_table_refused_by_views) {
      try {
        verify_source<T>(db);
        refill = true;
      } catch (std::exception const&) {
      }
    }
    auto tx = detail::write_transaction(db);
    if constexpr (D::has_transactional_ddl) {
      if (refill) {
        db.exec("DELETE FROM " + name);
      } else {
        db.drop_table(N::name);
        db.template create_table<T>();
      }
      db.exec("INSERT INTO " + name + " " + sql);
      if (!key_index.empty()) db.exec(key_index + name + " (" + detail::quoted<Db>(detail::unique_key_name<N>()) + ")");
      std::size_t const n = row_count<T>(db);
      record_state<N, Db>(log, opts, vars, n, &sql);
      tx.commit();
      return n;
    } else {
      tx.commit();  // nothing done in it: DDL here commits on its own
      std::size_t const n = rebuild_by_rename<N>(db, sql, key_index);
      record_state<N, Db>(log, opts, vars, n, &sql);
      return n;
    }
  }

  /// An incremental run of model N on its existing table (incremental.hpp): the new rows staged, then appended,
  /// deleted and inserted, or merged on the unique key, in one transaction.
  template <class N, class Db>
  static std::size_t run_incremental(Db& db, run_options const& opts, var_values const& vars, detail::state_log& log) {
    using D = typename Db::dialect_type;
    using T = typename N::relation_type;
    std::string const model(N::name);
    std::string const table = detail::quoted<Db>(N::name);
    std::string const stage = detail::quoted<Db>(stage_count_text<T>::stage.view());

    // the table's columns, as the state recorded them, against the contract's
    std::optional<std::string> const was = state_store<Db>(db).columns_of(N::name);
    if (!was)
      throw std::runtime_error("egret: incremental model \"" + model + "\": its table exists, but the state table (egret_state) "
                               "has no record of the columns it was built with; run with --full-refresh to rebuild it");
    auto split = [](std::string const& list) {
      std::vector<std::string> out;
      for (std::size_t at = 0; at <= list.size();) {
        std::size_t const end = std::min(list.find(',', at), list.size());
        if (end > at) out.push_back(list.substr(at, end - at));
        at = end + 1;
      }
      return out;
    };
    std::vector<std::string> const before = split(*was), after = split(column_list<T>());
    auto missing_from = [](std::vector<std::string> const& a, std::vector<std::string> const& b) {
      std::string out;
      for (auto const& x : a)
        if (std::find(b.begin(), b.end(), x) == b.end()) out += (out.empty() ? "" : ", ") + x;
      return out;
    };
    std::string const added = missing_from(after, before), removed = missing_from(before, after);
    if (!added.empty() || !removed.empty()) {
      std::string const what = (added.empty() ? std::string() : "added: " + added) +
                               (added.empty() || removed.empty() ? "" : "; ") +
                               (removed.empty() ? std::string() : "removed: " + removed);
      if (detail::schema_change_of<N>() == on_schema_change::fail)
        throw std::runtime_error("egret: incremental model \"" + model + "\": its contract's columns changed since the table was built (" +
                                 what + "); on_schema_change is fail: run with --full-refresh, or declare on_schema_change = "
                                 "append_new_columns");
      if (!removed.empty())
        throw std::runtime_error("egret: incremental model \"" + model + "\": columns were removed from its contract (" + what +
                                 "); append_new_columns only adds columns: run with --full-refresh");
    }
    std::string const sql = incremental_sql<D, N>(vars);
    std::string columns, key;
    std::vector<std::string> others;
    [&]<class... Cs>(type_list<Cs...>) {
      ((columns += (columns.empty() ? "" : ", ") + detail::quoted<Db>(Cs::name.view())), ...);
      ((Cs::name.view() == detail::unique_key_name<N>() ? void(key = detail::quoted<Db>(Cs::name.view()))
                                                         : others.push_back(detail::quoted<Db>(Cs::name.view()))),
       ...);
    }(typename T::egret_columns{});

    // on_schema_change = append_new_columns: ALTER TABLE ... ADD COLUMN (DDL: on MariaDB it commits on its own)
    auto add_columns = [&] {
      [&]<class... Cs>(type_list<Cs...>) {
        (
            [&] {
              if (std::find(before.begin(), before.end(), std::string(Cs::name.view())) != before.end()) return;
              if constexpr (!nullable_v<Cs>)
                throw std::runtime_error("egret: incremental model \"" + model + "\": the new column \"" +
                                         std::string(Cs::name.view()) +
                                         "\" is NOT NULL in its contract, and the table's rows have no value for it; "
                                         "declare it std::optional, or run with --full-refresh");
              std::string def;
              render::string_writer w{def};
              egret::detail::create_table_text<T>::template column<D, Cs>(w);
              db.exec("ALTER TABLE " + table + " ADD COLUMN " + def);
            }(),
            ...);
      }(typename T::egret_columns{});
    };
    if (!added.empty() && !D::has_transactional_ddl) add_columns();
    auto tx = detail::write_transaction(db);
    if (!added.empty() && D::has_transactional_ddl) add_columns();
    db.exec(detail::drop_stage_sql<D>(stage));
    db.exec("CREATE TEMPORARY TABLE " + stage + " AS " + sql);
    std::size_t n = 0;
    using count = egret::raw_query<egret::detail::static_text<D, stage_count_text<T>>, egret::out<"n", std::int64_t>>;
    for (auto const& [c] : db.execute(count{})) n = static_cast<std::size_t>(c);
    constexpr strategy how = detail::strategy_of<N>();
    if constexpr (how == strategy::merge) {
      // new rows that repeat a key leave a merge nothing to choose by (PostgreSQL refuses them, SQLite and
      // MariaDB would keep one of them, silently): refused on every engine, naming the key
      using repeats = egret::raw_query<egret::detail::static_text<D, stage_repeats_text<N>>, egret::out<"n", std::int64_t>>;
      std::int64_t repeated = 0;
      for (auto const& [r] : db.execute(repeats{})) repeated = r;
      if (repeated != 0)
        throw std::runtime_error("egret: incremental model \"" + model + "\": its new rows repeat the unique key \"" +
                                 std::string(detail::unique_key_name<N>()) + "\" (" + std::to_string(repeated) +
                                 (repeated == 1 ? " value" : " values") + "), so a merge cannot choose between them");
      db.exec(detail::upsert_sql<D>(table, stage, columns, key, others));
    } else {
      if constexpr (how == strategy::delete_insert)
        db.exec("DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + stage + ")");
      db.exec("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + stage);
    }
    db.exec(detail::drop_stage_sql<D>(stage));
    record_state<N, Db>(log, opts, vars, row_count<T>(db));
    tx.commit();
    return n;
  }

  /// A snapshot run (snapshot.hpp): the rows now staged; first versions of new keys; the changed keys' current
  /// versions closed and new ones inserted; in one transaction. Returns the versions it inserted.
  template <class N, class Db>
  static std::size_t run_snapshot(Db& db, run_options const& opts, var_values const& vars, detail::state_log& log) {
    using D = typename Db::dialect_type;
    using T = typename N::relation_type;
    using cols = typename T::egret_columns;
    auto q = [](std::string_view n) { return detail::quoted<Db>(n); };
    std::string const table = q(N::name);
    std::string const stage = q(std::string(N::name) + "__egret_stage");
    std::string const changes = q(std::string(N::name) + "__egret_changes");
    std::string const key = q(detail::unique_key_name<N>());
    std::string const valid_from = q("valid_from"), valid_to = q("valid_to");
    std::string data, data_s, data_ch;  // the rows' columns: bare, of the stage (s.), of the changes (ch.)
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      ((data += (I ? ", " : "") + q(at_t<I, cols>::name.view()),
        data_s += std::string(I ? ", " : "") + "s." + q(at_t<I, cols>::name.view()),
        data_ch += std::string(I ? ", " : "") + "ch." + q(at_t<I, cols>::name.view())),
       ...);
    }(std::make_index_sequence<cols::size - 2>{});
    // the new version's valid_from, for a staged row s: its updated_at, or the run's time
    std::string from_s, changed;
    if constexpr (detail::snapshot_strategy_of<N>() == snapshot_strategy::timestamp) {
      std::string const u = q(detail::updated_at_name<N>());
      from_s = "s." + u;
      changed = "s." + u + " > c." + u;
    } else {
      std::time_t const t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
      std::tm tm{};
      gmtime_r(&t, &tm);
      egret::timestamp const now(egret::date(tm.tm_year + 1900, static_cast<std::uint32_t>(tm.tm_mon + 1),
                                             static_cast<std::uint32_t>(tm.tm_mday)),
                                 static_cast<std::uint32_t>(tm.tm_hour), static_cast<std::uint32_t>(tm.tm_min),
                                 static_cast<std::uint32_t>(tm.tm_sec));
      render::string_writer w{from_s};
      D::template inline_literal<D>(w, now);
      for (std::string_view c : detail::check_column_names<N>())
        changed += (changed.empty() ? "" : " OR ") + detail::distinct_sql<D>("s." + q(c), "c." + q(c));
    }
    std::string const sql = model_sql<D, N>(vars);
    bool const exists = relation_exists<N, Db>(db);  // before the transaction: on PostgreSQL a failed read aborts it
    auto tx = detail::write_transaction(db);
    std::size_t inserted = 0;
    if (!exists) {
      db.template create_table<T>();
      db.exec("INSERT INTO " + table + " (" + data + ", " + valid_from + ", " + valid_to + ") SELECT " + data_s + ", " +
              from_s + ", NULL FROM (" + sql + ") AS s");
      inserted = row_count<T>(db);
    } else {
      std::size_t const before = row_count<T>(db);
      db.exec(detail::drop_stage_sql<D>(stage));
      db.exec(detail::drop_stage_sql<D>(changes));
      db.exec("CREATE TEMPORARY TABLE " + stage + " AS " + sql);
      db.exec("CREATE TEMPORARY TABLE " + changes + " AS SELECT " + data_s + ", " + from_s + " AS egret_valid_from FROM " +
              stage + " AS s JOIN " + table + " AS c ON s." + key + " = c." + key + " WHERE c." + valid_to + " IS NULL AND (" +
              changed + ")");
      db.exec("INSERT INTO " + table + " (" + data + ", " + valid_from + ", " + valid_to + ") SELECT " + data_s + ", " +
              from_s + ", NULL FROM " + stage + " AS s WHERE NOT EXISTS (SELECT 1 FROM " + table + " AS c WHERE c." + key +
              " = s." + key + ")");
      db.exec(detail::close_versions_sql<D>(table, changes, key, valid_to));
      db.exec("INSERT INTO " + table + " (" + data + ", " + valid_from + ", " + valid_to + ") SELECT " + data_ch +
              ", ch.egret_valid_from, NULL FROM " + changes + " AS ch");
      db.exec(detail::drop_stage_sql<D>(changes));
      db.exec(detail::drop_stage_sql<D>(stage));
      inserted = row_count<T>(db) - before;
    }
    record_state<N, Db>(log, opts, vars, row_count<T>(db), &sql);
    tx.commit();
    return inserted;
  }

  /// Builds node N; returns the rows it loaded or inserted.
  template <class N, class Db>
  static std::size_t materialize(Db& db, run_options const& opts, var_values const& vars, detail::state_log& log) {
    using D = typename Db::dialect_type;
    using T = typename N::relation_type;
    std::string const name = detail::quoted<Db>(N::name);
    if constexpr (N::kind == node_kind::seed) {
      auto tx = detail::write_transaction(db);
      std::string create(create_table_sql<D, T>());
      constexpr std::string_view head = "CREATE TABLE ";
      if (create.compare(0, head.size(), head) == 0) create.insert(head.size(), "IF NOT EXISTS ");
      db.exec(create);
      db.exec("DELETE FROM " + name);
      std::size_t n = 0;
      if constexpr (detail::is_parquet_file(N::file))
        n = detail::load_parquet<T>(db, opts.seeds / std::string(N::file));
      else
        n = db.template load_csv<T>((opts.seeds / std::string(N::file)).string());
      record_state<N, Db>(log, opts, vars, n);
      tx.commit();
      return n;
    } else if constexpr (N::kind == node_kind::source) {
      if constexpr (detail::is_parquet_file(N::file)) {
        return detail::attach_parquet<T>(db, opts.seeds / std::string(N::file));  // a view over the checked file
      } else {
        static_assert(N::file.empty(), "egret: a source's file must be a Parquet file (*.parquet); a table source names none");
        verify_source<T>(db);  // the live table's columns, types and nullability against the declared ones
        return 0;
      }
    } else if constexpr (N::how == materialization::ephemeral) {
      return 0;
    } else {
      if constexpr (N::how == materialization::snapshot) {
        static_assert(detail::check_snapshot<N, decltype(query_of<N>())>());
        return run_snapshot<N>(db, opts, vars, log);
      } else {
        egret::detail::require_contract<decltype(query_of<N>()), T>();
      }
      if constexpr (N::how == materialization::snapshot) {
        return 0;  // (built above)
      } else if constexpr (N::how == materialization::view) {
        std::string const sql = model_sql<D, N>(vars);
        auto tx = detail::write_transaction(db);
        if constexpr (!D::has_create_or_replace_view) {
          // SQLite's CREATE VIEW resolves nothing: the new view is read once before it is committed, so that a
          // view whose SQL fails rolls back to the previous one
          db.drop_view(N::name);
          db.exec("CREATE VIEW " + name + " AS " + sql);
          for ([[maybe_unused]] auto const& row : db.execute(T{}.limit(std::int64_t{0}))) {
          }
        } else {
          // PostgreSQL, MariaDB: replaced in one statement, so that a failure keeps the previous view (MariaDB's DDL
          // commits on its own) and the views that read it are kept (PostgreSQL refuses to drop them)
          db.exec("CREATE OR REPLACE VIEW " + name + " AS " + sql);
        }
        record_state<N, Db>(log, opts, vars, 0, &sql);
        tx.commit();
        return 0;
      } else if constexpr (N::how == materialization::external) {
        std::string const sql = model_sql<D, N>(vars);
        std::size_t const n = detail::write_external<T>(db, sql, opts.external_dir / (std::string(N::name) + ".parquet"));
        record_state<N, Db>(log, opts, vars, n, &sql);
        return n;
      } else if constexpr (N::how == materialization::incremental) {
        static_assert(detail::check_incremental<N>());
        if constexpr (detail::has_incremental_query<N>)
          egret::detail::require_contract<decltype(incremental_query_of<N>()), T>();
        if (opts.full_refresh || !relation_exists<N, Db>(db)) return build_table<N>(db, opts, vars, log);
        return run_incremental<N>(db, opts, vars, log);
      } else {
        return build_table<N>(db, opts, vars, log);
      }
    }
  }
};

}  // namespace egret::pipeline
