// The jaffle shop as a pipeline (examples/jaffle_shop/pipeline.hpp): twenty data tests pass on the shipped seeds,
// the known answer for customer 42; a duplicated customer fails the unique tests and skips what reads the model.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "../../examples/jaffle_shop/pipeline.hpp"

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
namespace pl = egret::pipeline;

std::filesystem::path fresh(std::string const& name) {
  auto const d = std::filesystem::path(EGRET_TEST_TMP_DIR) / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

std::size_t tests_with(pl::run_report const& r, pl::status s) {
  std::size_t n = 0;
  for (auto const& step : r.steps) n += step.what == "test" && step.result == s;
  return n;
}
}  // namespace

TEST_CASE("jaffle pipeline: 3 seeds, 5 models and the dbt project's 20 tests, all passing", "[pipeline][jaffle]") {
  auto const dir = fresh("jaffle_pipeline");
  egret::sqlite::connection db((dir / "shop.db").string());
  auto const r = jaffle::project::build(db, {.seeds = EGRET_TEST_DATA_DIR, .out = nullptr});
  CHECK(r.ok());
  CHECK(r.steps.size() == 28);
  CHECK(tests_with(r, pl::status::pass) == 20);
  CHECK(r.find("customers")->rows == 100);
  CHECK(r.find("orders")->rows == 99);
  jaffle::customers c;
  auto const one = db.execute(c.filter(c.customer_id == 42)).first();
  REQUIRE(one);
  CHECK(one->get<"first_name">() == "Diana");
  CHECK(*one->get<"number_of_orders">() == 2);
  CHECK(*one->get<"customer_lifetime_value">() == Approx(27.0));
  // the run order is the graph's: seeds before the views that read them, the views before the tables
  auto const order = jaffle::project::names_in_order();
  auto pos = [&](std::string_view n) { return std::find(order.begin(), order.end(), n) - order.begin(); };
  CHECK(pos("raw_customers") < pos("stg_customers"));
  CHECK(pos("stg_payments") < pos("orders"));
  CHECK(pos("stg_orders") < pos("customers"));
}

TEST_CASE("jaffle pipeline: a duplicated customer fails unique, skips what reads it, and the run is not ok", "[pipeline][jaffle]") {
  auto const dir = fresh("jaffle_pipeline_dup");
  for (auto f : {"raw_customers.csv", "raw_orders.csv", "raw_payments.csv"})
    std::filesystem::copy_file(std::filesystem::path(EGRET_TEST_DATA_DIR) / f, dir / f);
  std::ofstream(dir / "raw_customers.csv", std::ios::app) << "42,Diana,Again\n";
  egret::sqlite::connection db((dir / "shop.db").string());
  auto const r = jaffle::project::build(db, {.seeds = dir, .out = nullptr});
  CHECK_FALSE(r.ok());
  auto const* unique = r.find("unique_stg_customers_customer_id");
  REQUIRE(unique != nullptr);
  CHECK(unique->result == pl::status::fail);
  CHECK(unique->message == "Got 1 result, configured to fail");
  CHECK(r.find("customers")->result == pl::status::skipped);     // reads stg_customers
  CHECK(r.find("orders")->result == pl::status::ok);             // does not
  CHECK(r.find("relationships_orders_customer_id__customer_id__customers")->result == pl::status::skipped);
}

TEST_CASE("jaffle pipeline: --threads 4 builds the same customers and orders as one connection", "[pipeline][parallel]") {
  auto const dir = fresh("jaffle_threads");
  auto build = [&](std::string const& file, std::size_t threads) {
    egret::sqlite::connection db((dir / file).string());
    pl::run_options o{.seeds = EGRET_TEST_DATA_DIR, .out = nullptr};
    o.threads = threads;
    auto const r = jaffle::project::build(db, o, [&] { return std::make_unique<egret::sqlite::connection>((dir / file).string()); });
    REQUIRE(r.ok());
    CHECK(tests_with(r, pl::status::pass) == 20);
    jaffle::customers c;
    jaffle::orders o2;
    std::string rows;
    for (auto const& row : db.execute(c.order_by(c.customer_id)))
      rows += std::to_string(row.get<"customer_id">()) + ":" + std::to_string(row.get<"number_of_orders">().value_or(0)) + ":" +
              std::to_string(row.get<"customer_lifetime_value">().value_or(0)) + " ";
    for (auto const& row : db.execute(o2.order_by(o2.order_id)))
      rows += std::to_string(row.get<"order_id">()) + ":" + std::to_string(row.get<"amount">().value_or(0)) + " ";
    return rows;
  };
  std::string const one = build("one.db", 1);
  CHECK(build("four.db", 4) == one);
  CHECK(one.size() > 1000);
}
