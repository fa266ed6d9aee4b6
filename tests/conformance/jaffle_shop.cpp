// The jaffle shop on every executing backend: the same build (examples/jaffle_shop/build.hpp: seeds loaded from
// CSV, staging views, the customers and orders models materialized as tables) on SQLite, PostgreSQL and MariaDB,
// and the same rows in every model.
#include <catch2/catch.hpp>

#include <egret/sqlite/load_csv.hpp>
#ifdef EGRET_CONFORMANCE_POSTGRES
#include <egret/postgres/load_csv.hpp>
#endif
#ifdef EGRET_CONFORMANCE_MYSQL
#include <egret/mysql/load_csv.hpp>
#endif

#include "../../examples/jaffle_shop/build.hpp"
#include "backends.hpp"
#include "expect.hpp"

namespace {

using namespace conformance;

/// The pipeline's report of building the shop on backend B (once per backend).
template <class B>
egret::pipeline::run_report const& jaffle_report() {
  static egret::pipeline::run_report const report = jaffle::build(B::raw_db(), EGRET_TEST_DATA_DIR);
  return report;
}

template <class B>
auto& jaffle_db() {
  (void)jaffle_report<B>();
  return B::raw_db();
}

constexpr jaffle::customers cu{};
constexpr jaffle::orders od{};

auto customers_q() { return cu.order_by(cu.customer_id.asc()); }
auto orders_q() { return od.order_by(od.order_id.asc()); }

}  // namespace

TEMPLATE_TEST_CASE("jaffle shop on every backend: same models", "[jaffle]", CONFORMANCE_BACKENDS) {
  run<TestType>({}, [](auto&, context& c) {
    auto& db = jaffle_db<TestType>();
    rows const customers = fetch(db, customers_q());
    rows const orders = fetch(db, orders_q());
    c.check(customers.size() == 100, fmt::format("100 customers, got {}", customers.size()));
    c.check(orders.size() == 99, fmt::format("99 orders, got {}", orders.size()));
    // the pipeline's own account: every step OK or PASS, the rows each table model inserted
    auto const& report = jaffle_report<TestType>();
    c.check(report.ok() && report.count(egret::pipeline::status::pass) == 20,
            fmt::format("20 passing data tests, got {}", report.count(egret::pipeline::status::pass)));
    c.check(report.find("customers") && report.find("customers")->rows == 100,
            fmt::format("customers: 100 rows inserted, reported {}", report.find("customers") ? report.find("customers")->rows : 0));
    c.check(report.find("orders") && report.find("orders")->rows == 99, "orders: 99 rows inserted");
    c.check(report.find("raw_payments") && report.find("raw_payments")->rows == 113, "raw_payments: 113 rows loaded");
    auto& ref = jaffle_db<sqlite_backend>();
    expect(c, customers, fetch(ref, customers_q()));
    expect(c, orders, fetch(ref, orders_q()));
    // a model read through its staging view, with a bound parameter
    jaffle::stg_payments p{};
    auto const by_method = p.group_by(p.payment_method).aggregate(egret::count().as<"n">(), p.amount.sum().as<"total">());
    expect_unordered(c, fetch(db, by_method), fetch(ref, by_method));
  });
}
