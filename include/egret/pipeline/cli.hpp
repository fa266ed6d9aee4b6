// Defines egret::pipeline::main<Pipeline, Connections...>(argc, argv): the command line of a pipeline program,
// dbt's verbs over egret::pipeline::pipeline<...>, built on CLI11 (CMake target egret::pipeline).
//
//   int main(int argc, char** argv) {
//     return egret::pipeline::main<my::project, egret::sqlite::connection, egret::postgres::connection>(argc, argv);
//   }
//
//   prog [build]                    seed + run + test, in the graph's order (the default)
//   prog seed | run | test          one phase: load the seeds / materialize the models / run the data tests
//   prog ls                         the nodes, in the order they run, with their kinds
//   prog show MODEL [--limit N] [--format table|csv]   the first rows of a node's table
//   prog sql MODEL [--dialect sqlite|postgres|mysql|mariadb]   the SQL that materializes a model
//
//   --target sqlite:PATH | postgres:CONNINFO | mysql:CONNINFO   (else $EGRET_TARGET, else the program's default)
//   --select / --exclude NAME, +NAME, NAME+ (repeatable)    --seeds DIR    --help (on every subcommand)
//
// Exit status: 0; 1 when a step fails (run_report::ok() is false) or the database reports an error; 2 for a
// usage error (an unknown subcommand, option, node or scheme; a scheme whose connection type the program did
// not list).
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/dialect/mysql.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/dialect/sqlite.hpp>
#include <egret/output.hpp>
#include <egret/pipeline.hpp>

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

/// The --target scheme that chooses connection type C, from its dialect.
template <class C>
constexpr std::string_view scheme_of() {
  using D = typename C::dialect_type;
  if constexpr (std::is_same_v<typename D::family, dialect::sqlite_family>)
    return "sqlite";
  else if constexpr (std::is_same_v<typename D::family, dialect::postgres_family>)
    return "postgres";
  else if constexpr (std::is_same_v<typename D::family, dialect::mysql_family>)
    return "mysql";
  else
    static_assert(dependent_false<C>, "egret: egret::pipeline::main takes sqlite, postgres or mysql connections");
}

inline constexpr std::string_view known_schemes[] = {"sqlite", "postgres", "mysql"};

inline target parse_target(std::string const& text) {
  std::size_t const colon = text.find(':');
  if (colon == std::string::npos || colon == 0)
    throw usage_error("--target \"" + text + "\" names no scheme: write sqlite:PATH, postgres:CONNINFO or mysql:CONNINFO");
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

template <class N>
constexpr bool is_ephemeral() {
  if constexpr (N::kind == node_kind::model)
    return N::how == materialization::ephemeral;
  else
    return false;
}

template <class N>
std::string kind_of() {
  if constexpr (N::kind == node_kind::seed)
    return "seed";
  else if constexpr (N::kind == node_kind::source)
    return "source";
  else
    return std::string(to_string(N::how)) + " model";
}

template <class P>
std::size_t node_index(std::string const& name) {
  std::size_t const i = P::index_of_name(name);
  if (i == P::graph_type::size)
    throw usage_error("the pipeline has no node named \"" + name + "\" (`ls` lists them)");
  return i;
}

template <class P>
std::string model_sql_for(std::size_t i, std::string const& dialect_name) {
  std::string out;
  with_node<P>(i, [&]<class N>(std::type_identity<N>) {
    if constexpr (N::kind != node_kind::model) {
      throw usage_error("\"" + std::string(N::name) + "\" is a " + kind_of<N>() + ", not a model: it has no query");
    } else {
      if (dialect_name == "postgres")
        out = P::template model_sql<dialect::postgres, N>();
      else if (dialect_name == "mysql")
        out = P::template model_sql<dialect::mysql, N>();
      else if (dialect_name == "mariadb")
        out = P::template model_sql<dialect::mariadb, N>();
      else if (dialect_name == "sqlite")
        out = P::template model_sql<dialect::sqlite, N>();
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
    if constexpr (is_ephemeral<N>()) {
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

  std::string target_text;
  std::vector<std::string> select, exclude;
  std::string seeds = opts.seeds.string();
  std::string model, format = "table", dialect_name;
  std::int64_t limit = 10;

  std::string targets;
  ((targets += (targets.empty() ? "" : " | ") + std::string(cd::scheme_of<Connections>()) +
               (cd::scheme_of<Connections>() == "sqlite" ? ":PATH" : ":CONNINFO")),
   ...);
  std::string const target_help =
      "where to run: " + targets + " (default: $EGRET_TARGET" +
      (opts.default_target.empty() ? std::string(")") : ", else " + opts.default_target + ")");

  CLI::App app{opts.description.empty() ? prog + ": a pipeline of seeds, models and data tests" : opts.description,
               prog};
  app.require_subcommand(0, 1);
  app.footer("With no subcommand: build. `" + prog + " SUBCOMMAND --help` shows a subcommand's options.");

  auto add_target = [&](CLI::App* a) { a->add_option("--target,-t", target_text, target_help); };
  auto add_seeds = [&](CLI::App* a) { a->add_option("--seeds", seeds, "the directory of the seed files")->capture_default_str(); };
  auto add_selection = [&](CLI::App* a) {
    a->add_option("--select,-s", select, "only these nodes: NAME, +NAME (and upstream), NAME+ (and downstream)")
        ->take_all();
    a->add_option("--exclude", exclude, "not these nodes (NAME, +NAME, NAME+)")->take_all();
  };
  auto add_run = [&](CLI::App* a) {
    add_target(a);
    add_seeds(a);
    add_selection(a);
  };
  add_run(&app);

  CLI::App* build = app.add_subcommand("build", "load the seeds, build the models, run their tests, in DAG order");
  CLI::App* seed = app.add_subcommand("seed", "load the seeds (and check the sources)");
  CLI::App* run = app.add_subcommand("run", "build the models (views and tables)");
  CLI::App* test = app.add_subcommand("test", "run the data tests");
  for (CLI::App* a : {build, seed, run, test}) add_run(a);

  CLI::App* ls = app.add_subcommand("ls", "list the nodes in the order they run, with their kinds");
  add_selection(ls);

  CLI::App* show = app.add_subcommand("show", "print the first rows of a node's table");
  show->add_option("model", model, "the node (seed, source or model)")->required();
  show->add_option("--limit,-n", limit, "at most this many rows")->capture_default_str();
  show->add_option("--format,-f", format, "table or csv")->check(CLI::IsMember({"table", "csv"}))->capture_default_str();
  add_target(show);

  CLI::App* sql = app.add_subcommand("sql", "print the SQL that materializes a model");
  sql->add_option("model", model, "the model")->required();
  sql->add_option("--dialect,-d", dialect_name, "sqlite, postgres, mysql or mariadb (default: the target's)")
      ->check(CLI::IsMember({"sqlite", "postgres", "mysql", "mariadb"}));
  add_target(sql);

  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    int const rc = app.exit(e);  // prints the help (status 0) or the error
    return rc == 0 ? 0 : 2;
  }

  auto resolve_target = [&]() -> target {
    std::string text = target_text;
    if (text.empty())
      if (char const* env = std::getenv("EGRET_TARGET"); env != nullptr) text = env;
    if (text.empty()) text = opts.default_target;
    if (text.empty()) throw cd::usage_error("no --target (nor EGRET_TARGET): " + targets);
    return cd::parse_target(text);
  };

  try {
    if (ls->parsed()) {
      run_options ro{.out = nullptr, .select = select, .exclude = exclude};
      auto const chosen = Pipeline::selection(ro);
      for (std::size_t i : Pipeline::graph_type::order)
        if (chosen[i])
          cd::with_node<Pipeline>(i, [&]<class N>(std::type_identity<N>) {
            std::printf("%-24s %s\n", std::string(N::name).c_str(), cd::kind_of<N>().c_str());
          });
      return 0;
    }
    if (sql->parsed()) {
      std::size_t const i = cd::node_index<Pipeline>(model);
      std::string d = dialect_name;
      if (d.empty()) d = !target_text.empty() || std::getenv("EGRET_TARGET") != nullptr ? resolve_target().scheme : "sqlite";
      std::printf("%s\n", cd::model_sql_for<Pipeline>(i, d).c_str());
      return 0;
    }
    if (show->parsed()) {
      if (limit < 0) throw cd::usage_error("--limit " + std::to_string(limit) + ": a number of rows is 0 or more");
      std::size_t const i = cd::node_index<Pipeline>(model);
      target const t = resolve_target();
      return cd::with_connection<Connections...>(t, [&](auto& db) { return cd::show<Pipeline>(db, i, limit, format); });
    }

    // build (the default), seed, run, test
    bool const whole = !seed->parsed() && !run->parsed() && !test->parsed();
    run_options ro{.seeds = seeds,
                   .out = stdout,
                   .run_seeds = whole || seed->parsed(),
                   .run_models = whole || run->parsed(),
                   .run_tests = whole || test->parsed(),
                   .select = select,
                   .exclude = exclude};
    try {
      (void)Pipeline::selection(ro);  // an unknown name is a usage error, before connecting
    } catch (std::invalid_argument const& e) {
      std::string what = e.what();
      if (what.starts_with("egret: ")) what.erase(0, 7);
      throw cd::usage_error(what + " (`ls` lists them)");
    }
    target const t = resolve_target();
    return cd::with_connection<Connections...>(t, [&](auto& db) {
      run_report const report = Pipeline::build(db, ro);
      std::fflush(stdout);
      if (!report.ok()) {
        cd::print_failures(prog, report);
        return 1;
      }
      if (whole && select.empty() && exclude.empty()) after_build(db, t);
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
