// The jaffle shop's orders model with its payment methods given at run time: the dynamic query produces the
// same orders table as the static model (whose methods are compile-time strings), and a narrower table for
// another list.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <egret/sqlite/dynamic.hpp>

#include "../../examples/jaffle_shop/build.hpp"

namespace {

using std::int64_t;
using std::optional;
using std::string;

// The orders model, its payment methods chosen at run time. Each method gives
// `COALESCE(SUM(amount) FILTER (WHERE payment_method = ?), ?) AS "<method>_amount"`: the method is bound,
// the column name is quoted by the dialect.
auto orders_model_dyn(std::vector<string> const& payment_methods) {
  jaffle::stg_orders o;
  jaffle::stg_payments p;
  std::vector<egret::dyn::column> amounts;
  for (auto const& m : payment_methods)
    amounts.push_back(
        egret::dyn::as(egret::coalesce(p.amount.sum(egret::where(p.payment_method == m)), 0.0), m + "_amount"));
  egret::dyn::column const total = p.amount.sum().as<"total_amount">();
  amounts.push_back(total);
  auto op = egret::dyn::from(p).group_by(p.order_id).aggregate(amounts).as("order_payments");

  std::vector<egret::dyn::column> items{o.order_id, o.customer_id, o.order_date, o.status};
  for (std::size_t i = 0; i + 1 < amounts.size(); ++i) items.push_back(op[amounts[i]]);
  items.push_back(op[total].renamed("amount"));
  return egret::dyn::from(o).left_join(op, o.order_id == op[p.order_id]).select(items);
}

EGRET_TABLE(orders_dyn, (order_id, int64_t), (customer_id, int64_t), (order_date, egret::date), (status, string),
            (credit_card_amount, optional<double>), (coupon_amount, optional<double>),
            (bank_transfer_amount, optional<double>), (gift_card_amount, optional<double>), (amount, optional<double>));
EGRET_TABLE(orders_coupon, (order_id, int64_t), (customer_id, int64_t), (order_date, egret::date), (status, string),
            (coupon_amount, optional<double>), (amount, optional<double>));

struct order_row {
  BOOST_HANA_DEFINE_STRUCT(order_row, (int64_t, order_id), (int64_t, customer_id), (egret::date, order_date),
                           (string, status), (optional<double>, credit_card_amount), (optional<double>, coupon_amount),
                           (optional<double>, bank_transfer_amount), (optional<double>, gift_card_amount),
                           (optional<double>, amount));
  bool operator==(order_row const&) const = default;
};
struct coupon_row {
  BOOST_HANA_DEFINE_STRUCT(coupon_row, (int64_t, order_id), (int64_t, customer_id), (egret::date, order_date),
                           (string, status), (optional<double>, coupon_amount), (optional<double>, amount));
  bool operator==(coupon_row const&) const = default;
};

}  // namespace

TEST_CASE("dynamic jaffle shop: payment methods given at run time", "[dynamic][jaffle]") {
  auto path = std::filesystem::path(EGRET_TEST_TMP_DIR) / "dyn_jaffle.db";
  std::filesystem::remove(path);
  egret::sqlite::connection db(path.string());
  jaffle::build(db, EGRET_TEST_DATA_DIR);  // the static models, as tests/sqlite/jaffle_shop.cpp builds them

  std::vector<string> const methods = {"credit_card", "coupon", "bank_transfer", "gift_card"};
  auto const dq = orders_model_dyn(methods);

  SECTION("the SQL binds the methods and quotes the names built at run time") {
    auto const r = egret::dyn::render<egret::dialect::sqlite>(dq);
    CHECK(r.sql.find(R"(COALESCE(SUM("stg_payments"."amount") FILTER (WHERE "stg_payments"."payment_method" = ?), ?) AS "credit_card_amount")") !=
          string::npos);
    CHECK(r.sql.find("'coupon'") == string::npos);
    REQUIRE(r.values.size() == 8);  // (method, 0.0) per method
    CHECK(r.values[0] == egret::dyn::datum{string("credit_card")});
    CHECK(r.values[6] == egret::dyn::datum{string("gift_card")});
    CHECK(r.values[7] == egret::dyn::datum{0.0});
    std::vector<string> names;
    for (auto const& c : r.columns) names.push_back(c.name);
    CHECK(names == std::vector<string>{"order_id", "customer_id", "order_date", "status", "credit_card_amount",
                                       "coupon_amount", "bank_transfer_amount", "gift_card_amount", "amount"});
  }

  SECTION("materialized, it holds the static model's rows") {
    db.drop_table("orders_dyn");
    db.create_table_from<orders_dyn>(dq);
    jaffle::orders o;
    orders_dyn d;
    auto const want = db.fetch_as<order_row>(o.order_by(o.order_id));
    auto const have = db.fetch_as<order_row>(d.order_by(d.order_id));
    REQUIRE(want.size() == 99);
    CHECK(have == want);
    // rebuilding from scratch gives the same table
    db.drop_table("orders_dyn");
    db.create_table_from<orders_dyn>(orders_model_dyn(methods));
    CHECK(db.fetch_as<order_row>(d.order_by(d.order_id)) == want);
  }

  SECTION("executed, its dyn::rows hold the same values") {
    jaffle::orders o;
    auto const want = db.fetch_as<order_row>(o.order_by(o.order_id));
    auto q = dq;
    q.order_by(jaffle::stg_orders{}.order_id);
    auto rows = db.execute(q).to_vector();
    REQUIRE(rows.size() == want.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CHECK(rows[i].get<int64_t>("order_id") == want[i].order_id);
      CHECK(rows[i].get<egret::date>("order_date") == want[i].order_date);
      CHECK(rows[i].get<optional<double>>("credit_card_amount") == want[i].credit_card_amount);
      CHECK(rows[i].get<optional<double>>("gift_card_amount") == want[i].gift_card_amount);
      CHECK(rows[i].get<optional<double>>(8) == want[i].amount);
    }
  }

  SECTION("another list gives the narrower table") {
    db.drop_table("orders_coupon");
    db.create_table_from<orders_coupon>(orders_model_dyn({"coupon"}));
    jaffle::orders o;
    orders_coupon c;
    auto const want = db.fetch_as<coupon_row>(
        o.select(o.order_id, o.customer_id, o.order_date, o.status, o.coupon_amount, o.amount).order_by(o.order_id));
    auto const have = db.fetch_as<coupon_row>(c.order_by(c.order_id));
    REQUIRE(want.size() == 99);
    CHECK(have == want);
    // an order paid partly by coupon
    auto const n = db.execute(c.filter(c.coupon_amount > 0.0).aggregate(egret::count().as<"n">())).first()->get<"n">();
    CHECK(n > 0);
    CHECK(n < 99);
  }

  SECTION("a list that does not fit the table is refused before anything runs") {
    db.drop_table("orders_coupon");
    db.exec(R"(CREATE TABLE "orders_coupon" ("x" INTEGER))");
    CHECK_THROWS_WITH(db.insert_from<orders_coupon>(orders_model_dyn({"gift_card"})),
                      Catch::Contains("is \"gift_card_amount\", table orders_coupon has \"coupon_amount\" there"));
  }
}
