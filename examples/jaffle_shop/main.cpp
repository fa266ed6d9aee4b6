// The jaffle shop: the pipeline of pipeline.hpp behind egret's pipeline command line (egret/pipeline/cli.hpp).
// On SQLite by default; on a PostgreSQL or MariaDB server, or a DuckDB file, when built with their backends and
// given --target.
//
//   jaffle_shop [build]                              seeds, models, tests; then prints customer 42 and a summary
//   jaffle_shop seed | run | test | ls               one phase; the nodes in run order
//   jaffle_shop show customers [--limit 5] [--format table|csv]
//   jaffle_shop sql orders [--dialect sqlite|postgres|mysql]
//   options: --target sqlite:PATH | postgres:CONNINFO | mysql:CONNINFO | duckdb:PATH  (else $EGRET_TARGET, else
//            sqlite:jaffle_shop.db), --select / --exclude NAME | +NAME | NAME+, --seeds DIR, --help
//
// The earlier command line still works: `jaffle_shop DATABASE-FILE` is `build --target sqlite:DATABASE-FILE`,
// `--postgres CONNINFO` is `--target postgres:CONNINFO` and `--mysql CONNINFO` is `--target mysql:CONNINFO`.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include <egret/pipeline/cli.hpp>
#include <egret/pipeline/docs_site.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include <egret/types/format.hpp>  // fmt prints egret::date

#include "models.hpp"
#include "pipeline.hpp"

#ifdef EGRET_JAFFLE_POSTGRES
#include <egret/postgres.hpp>
#include <egret/postgres/load_csv.hpp>
#endif
#ifdef EGRET_JAFFLE_MYSQL
#include <egret/mysql.hpp>
#include <egret/mysql/load_csv.hpp>
#endif
#ifdef EGRET_JAFFLE_DUCKDB
#include <egret/duckdb.hpp>
#include <egret/duckdb/load_csv.hpp>
#endif

#ifndef EGRET_JAFFLE_SEEDS_DIR
#define EGRET_JAFFLE_SEEDS_DIR "seeds"
#endif

namespace {

/// After a whole build: customer 42 and a summary, the same code for every backend.
struct print_summary {
  template <class Db>
  void operator()(Db& db, egret::pipeline::target const& t) const {
    jaffle::customers c;
    auto const one = c.filter(c.customer_id == egret::param<"id", std::int64_t>);
    for (auto const& r : db.execute(one, std::int64_t{42}))
      fmt::print("customer {}: {} {}, first order {}, most recent order {}, {} orders, lifetime value {:.1f}\n",
                 r.template get<"customer_id">(), r.template get<"first_name">(), r.template get<"last_name">(),
                 *r.template get<"first_order">(), *r.template get<"most_recent_order">(),
                 *r.template get<"number_of_orders">(), *r.template get<"customer_lifetime_value">());

    jaffle::orders o;
    auto const summary = o.aggregate(egret::count().as<"orders">(), o.amount.sum().as<"revenue">(),
                                     o.customer_id.count_distinct().as<"buyers">());
    auto const n_customers = c.aggregate(egret::count().as<"n">());
    for (auto const& [n] : db.execute(n_customers)) fmt::print("customers: {} rows\n", n);
    for (auto const& [n, revenue, buyers] : db.execute(summary))
      fmt::print("orders: {} rows, {} customers with orders, revenue {:.2f}\n", n, buyers, revenue.value_or(0.0));
    fmt::print("database: {}\n", t.scheme == "sqlite" ? t.location : t.text());
  }
};

/// The earlier command line in the new one's terms: an argument that is a path (it has a '/' or a '.', which no
/// subcommand or node name has), not the value of --seeds, --target or --out nor lineage's MODEL.COLUMN, is `--target sqlite:PATH` (and with no
/// subcommand, build is the default); --postgres X and --mysql X are --target postgres:X and --target mysql:X.
std::vector<std::string> modern_args(int argc, char** argv) {
  std::vector<std::string> out;
  for (int i = 0; i < argc; ++i) {
    std::string_view const a = argv[i];
    std::string_view const before = i > 1 ? std::string_view(argv[i - 1]) : std::string_view();
    bool const path_like = i >= 1 && !a.starts_with('-') && a.find_first_of("/.") != std::string_view::npos &&
                           before != "--seeds" && before != "--target" && before != "-t" &&
                           before != "--out" && before != "-o" && before != "lineage";
    if (path_like) {
      out.insert(out.end(), {"--target", "sqlite:" + std::string(a)});
    } else if ((a == "--postgres" || a == "--mysql") && i + 1 < argc) {
      out.insert(out.end(), {"--target", std::string(a.substr(2)) + ":" + argv[++i]});
    } else {
      out.emplace_back(a);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> const args = modern_args(argc, argv);
  std::vector<char const*> cargs;
  for (auto const& a : args) cargs.push_back(a.c_str());
  return egret::pipeline::main<jaffle::project, egret::sqlite::connection
#ifdef EGRET_JAFFLE_POSTGRES
                               , egret::postgres::connection
#endif
#ifdef EGRET_JAFFLE_MYSQL
                               , egret::mysql::connection
#endif
#ifdef EGRET_JAFFLE_DUCKDB
                               , egret::duckdb::connection
#endif
                               >(static_cast<int>(cargs.size()), cargs.data(),
                                 {.name = "jaffle_shop",
                                  .description = "The jaffle shop: dbt's example project as an egret pipeline",
                                  .default_target = "sqlite:jaffle_shop.db",
                                  .seeds = EGRET_JAFFLE_SEEDS_DIR,
                                  .docs = [](std::filesystem::path const& dir, std::vector<std::string> const& vars) {
                                    egret::pipeline::write_docs_site<jaffle::project>(
                                        dir, {.title = "The jaffle shop", .vars = vars});
                                  }},
                                 print_summary{});
}
