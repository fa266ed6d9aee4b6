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

template <class B>
auto& jaffle_db() {
  static bool const built = [] {
    jaffle::build(B::raw_db(), EGRET_TEST_DATA_DIR);
    return true;
  }();
  (void)built;
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
    auto& ref = jaffle_db<sqlite_backend>();
    expect(c, customers, fetch(ref, customers_q()));
    expect(c, orders, fetch(ref, orders_q()));
    // a model read through its staging view, with a bound parameter
    jaffle::stg_payments p{};
    auto const by_method = p.group_by(p.payment_method).aggregate(egret::count().as<"n">(), p.amount.sum().as<"total">());
    expect_unordered(c, fetch(db, by_method), fetch(ref, by_method));
  });
}
