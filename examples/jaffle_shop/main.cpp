// The jaffle shop on SQLite: loads the seeds, builds the models, prints customer 42 and a summary.
//
//   jaffle_shop [database-file] [--seeds DIR]      (defaults: jaffle_shop.db, the seeds shipped with egret)
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include <fmt/core.h>

#include <egret/sqlite.hpp>
#include <egret/types/format.hpp>  // fmt prints egret::date

#include "build.hpp"
#include "models.hpp"

#ifndef EGRET_JAFFLE_SEEDS_DIR
#define EGRET_JAFFLE_SEEDS_DIR "seeds"
#endif

int main(int argc, char** argv) try {
  std::string db_path = "jaffle_shop.db";
  std::filesystem::path seeds = EGRET_JAFFLE_SEEDS_DIR;
  for (int i = 1; i < argc; ++i) {
    std::string const a = argv[i];
    if (a == "--seeds" && i + 1 < argc)
      seeds = argv[++i];
    else if (a == "--help" || a == "-h") {
      fmt::print("usage: {} [database-file] [--seeds DIR]\n", argv[0]);
      return 0;
    } else
      db_path = a;
  }

  egret::sqlite::connection db(db_path);
  jaffle::build(db, seeds);

  using namespace egret::literals;
  jaffle::customers c;
  auto const one = c.filter(c.customer_id == egret::param<"id", std::int64_t>);
  for (auto const& r : db.execute(one, std::int64_t{42}))
    fmt::print("customer {}: {} {}, first order {}, most recent order {}, {} orders, lifetime value {:.1f}\n",
               r.get<"customer_id">(), r.get<"first_name">(), r.get<"last_name">(), *r.get<"first_order">(),
               *r.get<"most_recent_order">(), *r.get<"number_of_orders">(), *r.get<"customer_lifetime_value">());

  jaffle::orders o;
  auto const summary = o.aggregate(egret::count().as<"orders">(), o.amount.sum().as<"revenue">(),
                                   o.customer_id.count_distinct().as<"buyers">());
  auto const n_customers = c.aggregate(egret::count().as<"n">());
  for (auto const& [n] : db.execute(n_customers)) fmt::print("customers: {} rows\n", n);
  for (auto const& [n, revenue, buyers] : db.execute(summary))
    fmt::print("orders: {} rows, {} customers with orders, revenue {:.2f}\n", n, buyers, revenue.value_or(0.0));
  fmt::print("database: {}\n", db_path);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "jaffle_shop: %s\n", e.what());
  return 1;
}
