// The jaffle shop end to end on a real SQLite file: the facts the dbt project is known for.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../../examples/jaffle_shop/build.hpp"

TEST_CASE("jaffle shop: customers and orders models", "[sqlite][jaffle]") {
  auto path = std::filesystem::path(EGRET_TEST_TMP_DIR) / "jaffle_test.db";
  std::filesystem::remove(path);
  egret::sqlite::connection db(path.string());
  jaffle::build(db, EGRET_TEST_DATA_DIR);
  jaffle::build(db, EGRET_TEST_DATA_DIR);  // rebuilds from scratch

  jaffle::customers c;
  jaffle::orders o;
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 100);
  CHECK(db.execute(o.aggregate(egret::count().as<"n">())).first()->get<"n">() == 99);

  auto diana = db.execute(c.filter(c.customer_id == 42)).first();
  REQUIRE(diana);
  CHECK(diana->get<"first_name">() == "Diana");
  CHECK(diana->get<"last_name">() == "S.");
  CHECK(diana->get<"first_order">() == egret::date{2018, 2, 4});
  CHECK(diana->get<"most_recent_order">() == egret::date{2018, 3, 12});
  CHECK(diana->get<"number_of_orders">() == 2);
  CHECK(diana->get<"customer_lifetime_value">() == 27.0);

  // every order's payment-method columns add up to its amount
  auto mismatches = o.filter(egret::coalesce(o.amount, 0.0) !=
                             egret::coalesce(o.credit_card_amount, 0.0) + egret::coalesce(o.coupon_amount, 0.0) +
                                 egret::coalesce(o.bank_transfer_amount, 0.0) + egret::coalesce(o.gift_card_amount, 0.0));
  CHECK(db.execute(mismatches.aggregate(egret::count().as<"n">())).first()->get<"n">() == 0);
}
