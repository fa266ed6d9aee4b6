// The jaffle shop: loads the seeds, builds the models, prints customer 42 and a summary. On SQLite by default; the
// same build (build.hpp) on a PostgreSQL or MariaDB server when given its connection string.
//
//   jaffle_shop [database-file] [--seeds DIR]      (defaults: jaffle_shop.db, the seeds shipped with egret)
//   jaffle_shop --postgres "host=... dbname=..."   (when built with egret::postgres)
//   jaffle_shop --mysql "host=... database=..."    (when built with egret::mysql)
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include <fmt/core.h>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include <egret/types/format.hpp>  // fmt prints egret::date

#include "build.hpp"
#include "models.hpp"

#ifdef EGRET_JAFFLE_POSTGRES
#include <egret/postgres.hpp>
#include <egret/postgres/load_csv.hpp>
#endif
#ifdef EGRET_JAFFLE_MYSQL
#include <egret/mysql.hpp>
#include <egret/mysql/load_csv.hpp>
#endif

#ifndef EGRET_JAFFLE_SEEDS_DIR
#define EGRET_JAFFLE_SEEDS_DIR "seeds"
#endif

namespace {

/// Builds the shop in db and prints customer 42 and a summary: the same code for every backend.
template <class Db>
void run(Db& db, std::filesystem::path const& seeds, std::string const& where) {
  jaffle::build(db, seeds, stdout);  // progress lines in dbt's shape

  using namespace egret::literals;
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
  fmt::print("database: {}\n", where);
}

}  // namespace

int main(int argc, char** argv) try {
  std::string db_path = "jaffle_shop.db";
  std::string server, conninfo;
  std::filesystem::path seeds = EGRET_JAFFLE_SEEDS_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string const a = argv[i];
    if (a == "--seeds" && i + 1 < argc) {
      seeds = argv[++i];
    } else if ((a == "--postgres" || a == "--mysql") && i + 1 < argc) {
      server = a.substr(2);
      conninfo = argv[++i];
    } else if (a == "--help" || a == "-h") {
      fmt::print("usage: {} [database-file | --postgres CONNINFO | --mysql CONNINFO] [--seeds DIR]\n", argv[0]);
      return 0;
    } else {
      db_path = a;
    }
  }

  if (server == "postgres") {
#ifdef EGRET_JAFFLE_POSTGRES
    egret::postgres::connection db(conninfo);
    run(db, seeds, "PostgreSQL " + conninfo);
    return 0;
#else
    std::fprintf(stderr, "jaffle_shop: built without egret::postgres (apt-get install libpq-dev, reconfigure)\n");
    return 1;
#endif
  }
  if (server == "mysql") {
#ifdef EGRET_JAFFLE_MYSQL
    egret::mysql::connection db(conninfo);
    run(db, seeds, "MariaDB " + conninfo);
    return 0;
#else
    std::fprintf(stderr, "jaffle_shop: built without egret::mysql (apt-get install libmariadb-dev, reconfigure)\n");
    return 1;
#endif
  }
  egret::sqlite::connection db(db_path);
  run(db, seeds, db_path);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "jaffle_shop: %s\n", e.what());
  return 1;
}
