// Defines egret::pipeline::main<Pipeline, Connections...>(argc, argv): the command line of a pipeline program,
// dbt's verbs over egret::pipeline::pipeline<...>.
//
//   int main(int argc, char** argv) {
//     return egret::pipeline::main<my::project, egret::sqlite::connection, egret::postgres::connection>(argc, argv);
//   }
//
//   prog [build]                    seed + run + test, in the graph's order (the default)
//   prog seed | run | test          one phase: load the seeds / materialize the models / run the data tests
//   prog ls                         the nodes, in the order they run, with their kinds
//   prog show MODEL [--limit N] [--format table|csv]   the first rows of a node's table
//   prog sql MODEL [--dialect sqlite|postgres|mysql|mariadb|duckdb]   the SQL that materializes a model
//   prog dag [--format text|dot|mermaid|json|svg|png] [--out FILE]   the graph (svg/png through Graphviz)
//   prog lineage MODEL[.COLUMN] [--format text|dot|json|svg|png] [--out FILE]   the columns that feed a column
//   prog docs --out DIR             the docs site (when the program gives cli_options::docs)
//
//   --target sqlite:PATH | postgres:CONNINFO | mysql:CONNINFO | duckdb:PATH   (else $EGRET_TARGET, else the program's default)
//   --select / --exclude NAME, +NAME, NAME+, @NAME, tag:T, state:modified, A,B (selector.hpp; several after one
//   option)   --seeds DIR
//   --var NAME=VALUE (a model's parameter, typed)   --store-failures   --external-dir DIR   --help (on every subcommand)
//
// Exit status: 0; 1 when a step fails (run_report::ok() is false) or the database reports an error; 2 for a
// usage error (an unknown subcommand, option, node or scheme; a scheme whose connection type the program did
// not list).
//
// The arguments are parsed by glibc's getopt_long, in one ordinary (non-template) function. Why not a C++
// argument-parsing library: CLI11 (Debian's libcli11-dev, header-only) was this file's first parser, and it cost
// 6.8 s and 331 MiB of compilation in every program that included it, twice the whole jaffle shop program's
// budget (docs/performance.md); getopt_long is the C library's own, well kept, and costs nothing to compile.
// What it does not do (subcommands, help texts, typed values, per-subcommand option sets) is the table below.
#pragma once

#include <getopt.h>

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/connection_base.hpp>
#include <egret/dialect/duckdb.hpp>
#include <egret/dialect/mysql.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/dialect/sqlite.hpp>
#include <egret/output.hpp>
#include <egret/pipeline.hpp>
#include <egret/pipeline/dag.hpp>
#include <egret/pipeline/lineage.hpp>
#include <egret/pipeline/run_results.hpp>

namespace egret::pipeline {

/// Where a command runs: `scheme:location` (`sqlite:shop.db`, `postgres:host=... dbname=...`).
struct target {
  std::string scheme;    // "sqlite", "postgres", "mysql"
  std::string location;  // the database file, or the connection string
  std::string text() const { return scheme + ":" + location; }
};

/// What a program tells main() about itself.
struct cli_options {
  std::string name{};                      // in the help and the error messages; empty: argv[0]'s file name
  std::string description{};               // the first line of --help
  std::string default_target{};            // without --target and EGRET_TARGET; empty: one of them is required
  std::filesystem::path seeds = ".";       // the seed files' directory without --seeds
  std::vector<std::string> vars{};         // default values of the models' parameters, NAME=VALUE (--var overrides)
  /// The `docs` subcommand's writer, opted into because the docs site costs compile time (a few seconds) in the
  /// program that has it: `[](auto const& dir, auto const& vars) { egret::pipeline::write_docs_site<P>(dir, {.vars =
  /// vars}); }` with <egret/pipeline/docs_site.hpp>. Without it `docs` says how to add it.
  void (*docs)(std::filesystem::path const& dir, std::vector<std::string> const& vars) = nullptr;
};

/// The default after-build hook: nothing.
struct no_after_build {
  template <class Db>
  void operator()(Db&, target const&) const {}
};

namespace cli_detail {

/// A command line that cannot run: exit status 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// How `--target` names connection type C: its `target` (scheme "sqlite", location "PATH", ...).
template <class C>
constexpr backend::target_syntax target_of() {
  static_assert(requires { C::target.scheme; },
                "egret: egret::pipeline::main takes connections that name their --target scheme "
                "(static constexpr egret::backend::target_syntax target{\"scheme\", \"PATH\"}; in the connection class)");
  if constexpr (requires { C::target.scheme; })
    return C::target;
  else
    return {};
}
/// The --target scheme that chooses connection type C.
template <class C>
constexpr std::string_view scheme_of() {
  return target_of<C>().scheme;
}

inline constexpr std::string_view known_schemes[] = {"sqlite", "postgres", "mysql", "duckdb"};

inline target parse_target(std::string const& text) {
  std::size_t const colon = text.find(':');
  if (colon == std::string::npos || colon == 0)
    throw usage_error("--target \"" + text + "\" names no scheme: write sqlite:PATH, postgres:CONNINFO, mysql:CONNINFO or duckdb:PATH");
  target t{text.substr(0, colon), text.substr(colon + 1)};
  if (t.scheme == "postgresql") t.scheme = "postgres";
  if (t.scheme == "mariadb") t.scheme = "mysql";
  if (t.location.empty()) throw usage_error("--target \"" + text + "\" names no database after \"" + t.scheme + ":\"");
  return t;
}

/// Opens the connection type the target's scheme chooses among Cs and calls f(db) with it.
template <class... Cs, class F>
int with_connection(target const& t, F&& f) {
  bool matched = false;
  int rc = 0;
  (
      [&] {
        if (matched || t.scheme != scheme_of<Cs>()) return;
        matched = true;
        Cs db(t.location);
        rc = f(db);
      }(),
      ...);
  if (matched) return rc;
  std::string have;
  ((have += (have.empty() ? "" : ", ") + std::string(scheme_of<Cs>())), ...);
  bool known = false;
  for (std::string_view s : known_schemes) known = known || s == t.scheme;
  if (known)
    throw usage_error("this program was built without the " + t.scheme + " backend, so it cannot use --target " +
                      t.scheme + ":...; its targets: " + have);
  throw usage_error("unknown --target scheme \"" + t.scheme + "\"; this program's targets: " + have);
}

/// Calls f(std::type_identity<node_at<i>>{}) for the node at run-time index i of pipeline P.
template <class P, class F>
void with_node(std::size_t i, F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((i == I ? f(std::type_identity<typename P::template node_at<I>>{}) : void()), ...);
  }(std::make_index_sequence<P::graph_type::size>{});
}

/// reads[i * n + j]: node i reads node j itself.
template <class P>
constexpr auto direct_reads() {
  constexpr std::size_t n = P::graph_type::size;
  std::array<bool, n * n> out{};
  bool* flat = out.data();
  for (std::size_t i = 0; i != n; ++i) {
    bool const* row = P::graph_type::direct[i].data();
    for (std::size_t j = 0; j != n; ++j) flat[i * n + j] = row[j];
  }
  return out;
}

/// Every node's kind ("seed", "view model", ...), by node index.
template <class P>
constexpr auto kinds_of() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{kind_name<typename P::template node_at<I>>()...};
  }(std::make_index_sequence<P::graph_type::size>{});
}

template <class P>
std::size_t node_index(std::string const& name) {
  std::size_t const i = P::index_of_name(name);
  if (i == P::graph_type::size)
    throw usage_error("the pipeline has no node named \"" + name + "\" (`ls` lists them)");
  return i;
}

template <class P>
std::string model_sql_for(std::size_t i, std::string const& dialect_name, var_values const& vars) {
  std::string out;
  with_node<P>(i, [&]<class N>(std::type_identity<N>) {
    if constexpr (N::kind != node_kind::model) {
      throw usage_error("\"" + std::string(N::name) + "\" is a " + std::string(kind_name<N>()) + ", not a model: it has no query");
    } else {
      if (dialect_name == "postgres")
        out = P::template model_sql<dialect::postgres, N>(vars);
      else if (dialect_name == "mysql")
        out = P::template model_sql<dialect::mysql, N>(vars);
      else if (dialect_name == "mariadb")
        out = P::template model_sql<dialect::mariadb, N>(vars);
      else if (dialect_name == "sqlite")
        out = P::template model_sql<dialect::sqlite, N>(vars);
      else if (dialect_name == "duckdb")
        out = P::template model_sql<dialect::duckdb, N>(vars);
      else
        throw usage_error("no SQL dialect for --target scheme \"" + dialect_name + "\"; give --dialect");
    }
  });
  return out;
}

template <class P, class Db>
int show(Db& db, std::size_t i, std::int64_t limit, std::string const& format) {
  int rc = 0;
  with_node<P>(i, [&]<class N>(std::type_identity<N>) {
    if constexpr (detail::is_ephemeral_node<N>()) {
      throw usage_error("\"" + std::string(N::name) + "\" is an ephemeral model: it has no table (`sql " +
                        std::string(N::name) + "` prints its query)");
    } else {
      auto const q = typename N::relation_type{}.limit(limit);
      if (format == "csv") {
        egret::write_csv(std::cout, db.execute(q));
        std::cout.flush();
      } else {
        egret::table_options to;
        if (static_cast<std::size_t>(limit) > to.max_rows) to.max_rows = static_cast<std::size_t>(limit);
        egret::print_table(db.execute(q), to);
      }
    }
  });
  return rc;
}

inline void print_failures(std::string const& prog, run_report const& report) {
  for (auto const& s : report.steps)
    if (s.result == status::error || s.result == status::fail)
      std::fprintf(stderr, "%s: %s %s: %s\n", prog.c_str(), std::string(to_string(s.result)).c_str(), s.name.c_str(),
                   s.message.c_str());
}

/// A command line, parsed (parse_command_line): the subcommand and every option's value.
struct command_line {
  std::string subcommand = "build";  // build (also with none given), seed, run, test, ls, show, sql
  bool subcommand_given = false;
  bool help = false;
  std::string target{}, seeds{}, model{}, format = "table", dialect{};
  bool seeds_given = false;
  std::vector<std::string> select{}, exclude{}, vars{};
  std::int64_t limit = 10;
  bool store_failures = false;
  bool format_given = false;
  std::string out{};
  bool full_refresh = false;
  std::size_t threads = 1;
  std::string external_dir = ".";
};

/// The options, and which subcommands take each.
enum option_set : unsigned {
  opt_target = 1u << 0,
  opt_seeds = 1u << 1,
  opt_select = 1u << 2,
  opt_exclude = 1u << 3,
  opt_var = 1u << 4,
  opt_store_failures = 1u << 5,
  opt_limit = 1u << 6,
  opt_format = 1u << 7,
  opt_dialect = 1u << 8,
  opt_out = 1u << 9,
  opt_full_refresh = 1u << 10,
  opt_threads = 1u << 11,
  opt_external_dir = 1u << 12,
};

struct option_info {
  char const* name;
  char short_name;  // 0: none
  bool takes_value;
  unsigned bit;
  char const* value_name;
  char const* help;
};

inline constexpr option_info option_table[] = {
    {"target", 't', true, opt_target, "TARGET", nullptr},  // its help names the program's targets
    {"seeds", 0, true, opt_seeds, "DIR", "the directory of the seed files"},
    {"select", 's', true, opt_select, "SELECTOR...",
     "only these nodes: NAME, +NAME (and upstream), NAME+ (and downstream), @NAME, tag:T, state:modified; A,B both"},
    {"exclude", 0, true, opt_exclude, "SELECTOR...", "not these nodes (the same selectors)"},
    {"var", 0, true, opt_var, "NAME=VALUE", "a value for the models' parameter NAME (repeatable), checked against its type"},
    {"store-failures", 0, false, opt_store_failures, nullptr,
     "keep each failing test's rows in a table named after the test"},
    {"limit", 'n', true, opt_limit, "N", "at most this many rows (default 10)"},
    {"format", 'f', true, opt_format, "FORMAT",
     "show: table or csv (default table); dag: text, dot, mermaid, json, svg or png (default text); lineage: text, "
     "dot, json, svg or png (default text)"},
    {"dialect", 'd', true, opt_dialect, "DIALECT", "sqlite, postgres, mysql, mariadb or duckdb (default: the target's)"},
    {"threads", 'j', true, opt_threads, "N", "run up to N nodes and tests at once, each on its own connection (default 1)"},
    {"full-refresh", 0, false, opt_full_refresh, nullptr, "rebuild incremental models in full, from their build() query"},
    {"external-dir", 0, true, opt_external_dir, "DIR", "where external models write their Parquet files (default .)"},
    {"out", 'o', true, opt_out, "FILE",
     "dag / lineage --format svg|png: the image file (through Graphviz's dot); docs: the directory"},
};

struct subcommand_info {
  std::string_view name;
  char const* summary;
  unsigned options;
  char const* positional;  // the MODEL argument it takes, or nullptr
};

inline constexpr unsigned run_options_set = opt_target | opt_seeds | opt_select | opt_exclude | opt_var | opt_threads;
inline constexpr subcommand_info subcommand_table[] = {
    {"build", "load the seeds, build the models, run their tests, in DAG order (the default)",
     run_options_set | opt_store_failures | opt_full_refresh | opt_external_dir, nullptr},
    {"seed", "load the seeds (and check the sources)", run_options_set, nullptr},
    {"run", "build the models (views, tables, incremental tables, external files)",
     run_options_set | opt_full_refresh | opt_external_dir, nullptr},
    {"test", "run the data tests", run_options_set | opt_store_failures, nullptr},
    {"ls", "list the nodes in the order they run, with their kinds", opt_select | opt_exclude | opt_target | opt_seeds | opt_var,
     nullptr},
    {"show", "print the first rows of a node's table", opt_target | opt_limit | opt_format, "MODEL"},
    {"sql", "print the SQL that materializes a model", opt_target | opt_dialect | opt_var, "MODEL"},
    {"dag", "draw the graph: text, Graphviz DOT, Mermaid, JSON, or an SVG / PNG image",
     opt_select | opt_exclude | opt_target | opt_seeds | opt_var | opt_format | opt_out, nullptr},
    {"lineage", "the columns, through every model, that feed a column (or each column of a model)", opt_format | opt_out,
     "MODEL[.COLUMN]"},
    {"docs", "write the docs site (one self-contained index.html) into --out DIR", opt_out | opt_var, nullptr},
};

inline subcommand_info const* find_subcommand(std::string_view name) {
  for (auto const& s : subcommand_table)
    if (s.name == name) return &s;
  return nullptr;
}

inline std::string subcommand_names() {
  std::string out;
  for (auto const& s : subcommand_table) out += (out.empty() ? "" : ", ") + std::string(s.name);
  return out;
}

/// The --help text of a subcommand (or of the program, with no subcommand given).
inline std::string help_text(command_line const& cmd, std::string const& prog, std::string const& description,
                             std::string const& target_help) {
  subcommand_info const& sub = *find_subcommand(cmd.subcommand);
  std::string out;
  auto add_options = [&](unsigned set) {
    out += "\nOptions:\n";
    for (auto const& o : option_table) {
      if ((set & o.bit) == 0) continue;
      std::string left = "  ";
      left += o.short_name != 0 ? std::string("-") + o.short_name + ", " : std::string("    ");
      left += std::string("--") + o.name;
      if (o.takes_value) left += std::string(" ") + o.value_name;
      while (left.size() < 30) left += ' ';
      out += left + " " + (o.help != nullptr ? std::string(o.help) : target_help) + "\n";
    }
    out += "  -h, --help                   this text\n";
  };
  if (!cmd.subcommand_given) {
    out = description + "\nUsage: " + prog + " [SUBCOMMAND] [OPTIONS]\n\nSubcommands:\n";
    for (auto const& s : subcommand_table) {
      std::string left = "  " + std::string(s.name);
      while (left.size() < 10) left += ' ';
      out += left + s.summary + "\n";
    }
    add_options(sub.options);
    out += "\nWith no subcommand: build. `" + prog + " SUBCOMMAND --help` shows a subcommand's options.\n";
  } else {
    out = "Usage: " + prog + " " + std::string(sub.name) + (sub.positional ? std::string(" ") + sub.positional : "") +
          " [OPTIONS]\n" + sub.summary + "\n";
    add_options(sub.options);
  }
  return out;
}

/// Parses argv (the program's name first) into a command_line; throws usage_error, naming the argument, for an
/// unknown subcommand or option, an option the subcommand does not take, a missing or malformed value.
inline command_line parse_command_line(int argc, char const* const* argv) {
  command_line cmd;
  // getopt_long permutes and needs mutable strings: it works on a copy.
  std::vector<std::string> args(argv, argv + argc);
  if (args.empty()) args.emplace_back("pipeline");
  std::vector<char*> ptrs;
  for (auto& a : args) ptrs.push_back(a.data());
  ptrs.push_back(nullptr);
  int first = 1;
  if (args.size() > 1 && find_subcommand(args[1]) != nullptr) {
    cmd.subcommand = args[1];
    cmd.subcommand_given = true;
    first = 2;
  }
  std::vector<char*> rest{ptrs[0]};
  rest.insert(rest.end(), ptrs.begin() + first, ptrs.end());

  std::vector<option> longs;
  std::string shorts = "-:h";  // "-": arguments that are not options come in order, as code 1; ":": ':' for a missing value
  for (auto const& o : option_table) {
    longs.push_back({o.name, o.takes_value ? required_argument : no_argument, nullptr, 0});
    if (o.short_name != 0) (shorts += o.short_name) += o.takes_value ? ":" : "";
  }
  longs.push_back({"help", no_argument, nullptr, 'h'});
  longs.push_back({nullptr, 0, nullptr, 0});

  std::vector<std::string>* list = nullptr;  // --select / --exclude take the names that follow them
  unsigned used = 0;
  std::string last_used;
  int const n = static_cast<int>(rest.size()) - 1;
  optind = 0;  // glibc: start afresh (main may be called more than once)
  opterr = 0;  // the messages are ours
  for (;;) {
    int index = -1;
    int const c = getopt_long(n, rest.data(), shorts.c_str(), longs.data(), &index);
    if (c == -1) break;
    std::string const here = optind >= 1 && optind <= n ? rest[static_cast<std::size_t>(optind) - 1] : std::string();
    if (c == '?')
      throw usage_error(optopt != 0 ? "unknown option -" + std::string(1, static_cast<char>(optopt))
                                    : "unknown option " + here.substr(0, here.find('=')));
    if (c == ':') throw usage_error("option " + here + " needs a value");
    if (c == 'h') {
      cmd.help = true;
      continue;
    }
    if (c == 1) {  // an argument that is not an option
      std::string const a = optarg;
      subcommand_info const* s = find_subcommand(cmd.subcommand);
      if (list != nullptr) {
        list->push_back(a);
      } else if (s->positional != nullptr && cmd.model.empty()) {
        cmd.model = a;
      } else if (!cmd.subcommand_given && find_subcommand(a) != nullptr && used == 0) {
        cmd.subcommand = a;
        cmd.subcommand_given = true;
      } else if (!cmd.subcommand_given) {
        throw usage_error("unknown subcommand \"" + a + "\" (" + subcommand_names() + ")");
      } else {
        throw usage_error(std::string(s->name) + " takes no argument \"" + a + "\"");
      }
      continue;
    }
    option_info const* o = nullptr;
    if (index >= 0) {
      o = &option_table[index];
    } else {
      for (auto const& x : option_table)
        if (x.short_name == c) o = &x;
    }
    if (o == nullptr) throw usage_error("unknown option " + here);
    used |= o->bit;
    last_used = o->name;
    list = nullptr;
    std::string const value = o->takes_value ? std::string(optarg) : std::string();
    switch (o->bit) {
      case opt_target: cmd.target = value; break;
      case opt_seeds: cmd.seeds = value; cmd.seeds_given = true; break;
      case opt_select: cmd.select.push_back(value); list = &cmd.select; break;
      case opt_exclude: cmd.exclude.push_back(value); list = &cmd.exclude; break;
      case opt_var:
        if (value.find('=') == std::string::npos || value.front() == '=')
          throw usage_error("--var \"" + value + "\": write --var NAME=VALUE");
        cmd.vars.push_back(value);
        break;
      case opt_store_failures: cmd.store_failures = true; break;
      case opt_full_refresh: cmd.full_refresh = true; break;
      case opt_threads: {
        auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), cmd.threads);
        if (ec != std::errc() || end != value.data() + value.size() || cmd.threads == 0 || cmd.threads > 256)
          throw usage_error("--threads " + value + ": a number of connections from 1 to 256");
        break;
      }
      case opt_limit: {
        auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), cmd.limit);
        if (ec != std::errc() || end != value.data() + value.size())
          throw usage_error("--limit " + value + ": not a whole number of rows");
        if (cmd.limit < 0) throw usage_error("--limit " + value + ": a number of rows is 0 or more");
        break;
      }
      case opt_format:
        cmd.format = value;
        cmd.format_given = true;
        break;
      case opt_out: cmd.out = value; break;
      case opt_external_dir: cmd.external_dir = value; break;
      case opt_dialect:
        if (value != "sqlite" && value != "postgres" && value != "mysql" && value != "mariadb" && value != "duckdb")
          throw usage_error("--dialect " + value + ": sqlite, postgres, mysql, mariadb or duckdb");
        cmd.dialect = value;
        break;
      default: break;
    }
  }
  if (cmd.help) return cmd;
  subcommand_info const& s = *find_subcommand(cmd.subcommand);
  for (auto const& o : option_table)
    if ((used & o.bit) != 0 && (s.options & o.bit) == 0)
      throw usage_error(std::string(s.name) + " takes no --" + o.name + " (`" + std::string(s.name) +
                        " --help` lists its options)");
  if (s.name == "show" && cmd.format != "table" && cmd.format != "csv")
    throw usage_error("--format " + cmd.format + ": show prints table or csv");
  if (s.name == "dag") {
    if (!cmd.format_given) cmd.format = "text";
    std::string_view const f = cmd.format;
    if (f != "text" && f != "dot" && f != "mermaid" && f != "json" && f != "svg" && f != "png")
      throw usage_error("--format " + cmd.format + ": dag draws text, dot, mermaid, json, svg or png");
    if ((f == "svg" || f == "png") && cmd.out.empty())
      throw usage_error("dag --format " + cmd.format + " needs --out FILE");
    if (f != "svg" && f != "png" && !cmd.out.empty())
      throw usage_error("--out is for dag --format svg or png (the other formats print)");
  }
  if (s.name == "lineage") {
    if (!cmd.format_given) cmd.format = "text";
    std::string_view const f = cmd.format;
    if (f != "text" && f != "dot" && f != "json" && f != "svg" && f != "png")
      throw usage_error("--format " + cmd.format + ": lineage prints text, dot or json, or draws svg or png");
    if ((f == "svg" || f == "png") && cmd.out.empty())
      throw usage_error("lineage --format " + cmd.format + " needs --out FILE");
    if (f != "svg" && f != "png" && !cmd.out.empty())
      throw usage_error("--out is for lineage --format svg or png (the other formats print)");
  }
  if (s.name == "docs" && cmd.out.empty()) throw usage_error("docs needs --out DIR");
  if (s.positional != nullptr && cmd.model.empty())
    throw usage_error(std::string(s.name) + " needs a " + s.positional + " (`ls` lists the nodes)");
  return cmd;
}

}  // namespace cli_detail

/// The command line of a pipeline program (see the top of this file). `after_build(db, target)` runs after a
/// `build` of the whole pipeline (no --select / --exclude) that succeeded, with the connection it used.
template <class Pipeline, class... Connections, class AfterBuild = no_after_build>
int main(int argc, char const* const* argv, cli_options const& opts = {}, AfterBuild&& after_build = {}) {
  static_assert(sizeof...(Connections) != 0, "egret: egret::pipeline::main<Pipeline, Connections...> needs a connection type");
  namespace cd = cli_detail;
  std::string const prog = !opts.name.empty() ? opts.name
                           : argc > 0        ? std::filesystem::path(argv[0]).filename().string()
                                             : std::string("pipeline");
  std::string targets;
  ((targets += (targets.empty() ? "" : " | ") + std::string(cd::scheme_of<Connections>()) + ":" +
               std::string(cd::target_of<Connections>().location)),
   ...);

  try {
    cd::command_line const cmd = cd::parse_command_line(argc, argv);
    if (cmd.help) {
      std::string const target_help =
          "where to run: " + targets + " (default: $EGRET_TARGET" +
          (opts.default_target.empty() ? std::string(")") : ", else " + opts.default_target + ")");
      std::string const description =
          opts.description.empty() ? prog + ": a pipeline of seeds, models and data tests" : opts.description;
      std::fputs(cd::help_text(cmd, prog, description, target_help).c_str(), stdout);
      return 0;
    }
    auto resolve_target = [&]() -> target {
      std::string text = cmd.target;
      if (text.empty())
        if (char const* env = std::getenv("EGRET_TARGET"); env != nullptr) text = env;
      if (text.empty()) text = opts.default_target;
      if (text.empty()) throw cd::usage_error("no --target (nor EGRET_TARGET): " + targets);
      return cd::parse_target(text);
    };
    std::vector<std::string> vars = opts.vars;
    vars.insert(vars.end(), cmd.vars.begin(), cmd.vars.end());
    auto checked_selection = [&](run_options const& ro) {  // usage errors, found before connecting
      auto usage = [](std::invalid_argument const& e, char const* tail) {
        std::string what = e.what();
        if (what.starts_with("egret: ")) what.erase(0, 7);
        return cd::usage_error(what + tail);
      };
      try {
        std::vector<bool> const unknown(Pipeline::graph_type::size, false);  // the state is read later
        (void)Pipeline::selection(ro, &unknown);
      } catch (std::invalid_argument const& e) {
        throw usage(e, " (`ls` lists them)");
      }
      try {
        (void)Pipeline::check_vars(ro);
      } catch (std::invalid_argument const& e) {
        throw usage(e, "");
      }
    };
    std::string const& sub = cmd.subcommand;

    if (sub == "ls" || sub == "dag") {
      run_options ro{.seeds = cmd.seeds_given ? std::filesystem::path(cmd.seeds) : opts.seeds,
                     .out = nullptr,
                     .select = cmd.select,
                     .exclude = cmd.exclude,
                     .vars = vars};
      checked_selection(ro);
      std::function<int(std::array<bool, Pipeline::graph_type::size> const&)> print =
          [&](std::array<bool, Pipeline::graph_type::size> const& chosen) {
        static constexpr auto kinds = cd::kinds_of<Pipeline>();
        for (std::size_t i : Pipeline::graph_type::order)
          if (chosen[i]) std::printf("%-24s %s\n", std::string(Pipeline::names()[i]).c_str(), std::string(kinds[i]).c_str());
        return 0;
      };
      if (sub == "dag")
        print = [&](std::array<bool, Pipeline::graph_type::size> const& chosen) {
          static constexpr auto kinds = cd::kinds_of<Pipeline>();
          static constexpr auto names = Pipeline::names();
          static constexpr auto reads = cd::direct_reads<Pipeline>();
          dag_view g{names, kinds, Pipeline::graph_type::order, reads};
          if (!cmd.select.empty() || !cmd.exclude.empty()) g.shown.assign(chosen.begin(), chosen.end());
          std::string_view const f = cmd.format;
          if (f == "svg" || f == "png") {
            dag_render(g, cmd.format, cmd.out);
            return 0;
          }
          std::string text;
          if (f == "json") {
            constexpr auto const& lineage = lineage_v<Pipeline>;
            std::vector<std::string> const columns = lineage_json_fields(lineage.view());
            text = dag_json(g, &columns);
          } else {
            text = f == "dot" ? dag_dot(g) : f == "mermaid" ? dag_mermaid(g) : dag_text(g);
          }
          std::fputs(text.c_str(), stdout);
          return 0;
        };
      if (!uses_state(cmd.select) && !uses_state(cmd.exclude)) return print(Pipeline::selection(ro));
      target const t = resolve_target();  // state:modified compares with the target's state table
      return cd::with_connection<Connections...>(t, [&](auto& db) {
        std::vector<bool> const modified = Pipeline::modified_nodes(db, ro, Pipeline::check_vars(ro));
        return print(Pipeline::selection(ro, &modified));
      });
    }
    if (sub == "lineage") {
      constexpr auto const& lineage = lineage_v<Pipeline>;
      lineage_view const l = lineage.view();
      std::string_view const f = cmd.format;
      try {
        if (f == "svg" || f == "png") {
          lineage_render(l, cmd.model, cmd.format, cmd.out);
          return 0;
        }
        std::string const text = f == "dot" ? lineage_dot(l, cmd.model) : f == "json" ? lineage_json(l, cmd.model)
                                                                                     : lineage_text(l, cmd.model);
        std::fputs(text.c_str(), stdout);
      } catch (std::invalid_argument const& e) {
        std::string what = e.what();
        if (what.starts_with("egret: ")) what.erase(0, 7);
        throw cd::usage_error(what);
      }
      return 0;
    }
    if (sub == "docs") {
      if (opts.docs == nullptr)
        throw cd::usage_error("this program was built without the docs site: give cli_options::docs a writer "
                              "(egret::pipeline::write_docs_site<Pipeline>, <egret/pipeline/docs_site.hpp>)");
      opts.docs(cmd.out, vars);
      std::printf("wrote %s\n", (std::filesystem::path(cmd.out) / "index.html").string().c_str());
      return 0;
    }
    if (sub == "sql") {
      std::size_t const i = cd::node_index<Pipeline>(cmd.model);
      std::string d = cmd.dialect;
      if (d.empty()) d = !cmd.target.empty() || std::getenv("EGRET_TARGET") != nullptr ? resolve_target().scheme : "sqlite";
      run_options ro{.out = nullptr, .vars = vars};
      checked_selection(ro);
      std::printf("%s\n", cd::model_sql_for<Pipeline>(i, d, var_values(vars)).c_str());
      return 0;
    }
    if (sub == "show") {
      std::size_t const i = cd::node_index<Pipeline>(cmd.model);
      target const t = resolve_target();
      return cd::with_connection<Connections...>(t, [&](auto& db) { return cd::show<Pipeline>(db, i, cmd.limit, cmd.format); });
    }

    // build (the default), seed, run, test
    bool const whole = sub == "build";
    run_options ro{.seeds = cmd.seeds_given ? std::filesystem::path(cmd.seeds) : opts.seeds,
                   .out = stdout,
                   .run_seeds = whole || sub == "seed",
                   .run_models = whole || sub == "run",
                   .run_tests = whole || sub == "test",
                   .select = cmd.select,
                   .exclude = cmd.exclude,
                   .store_failures = cmd.store_failures,
                   .vars = vars,
                   .full_refresh = cmd.full_refresh,
                   .threads = cmd.threads,
                   .external_dir = cmd.external_dir};
    checked_selection(ro);
    target const t = resolve_target();
    return cd::with_connection<Connections...>(t, [&](auto& db) {
      auto const t0 = std::chrono::steady_clock::now();
      using C = std::remove_reference_t<decltype(db)>;
      run_report const report = Pipeline::build(db, ro, [&] { return std::make_unique<C>(t.location); });
      std::fflush(stdout);
      // run_results.json beside the target: a SQLite file's directory, else the working directory
      std::filesystem::path results = "run_results.json";
      if ((t.scheme == "sqlite" || t.scheme == "duckdb") && t.location != ":memory:")
        results = std::filesystem::path(t.location).parent_path() / "run_results.json";
      try {
        write_run_results(results, report, detail::seconds_since(t0));
      } catch (std::exception const& e) {
        std::fprintf(stderr, "%s: warning: %s\n", prog.c_str(), e.what());
      }
      if (!report.ok()) {
        cd::print_failures(prog, report);
        return 1;
      }
      if (whole && cmd.select.empty() && cmd.exclude.empty()) after_build(db, t);
      return 0;
    });
  } catch (cd::usage_error const& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\nRun with --help for more information.\n", prog.c_str(), e.what());
    return 2;
  } catch (std::exception const& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", prog.c_str(), e.what());
    return 1;
  }
}

}  // namespace egret::pipeline
