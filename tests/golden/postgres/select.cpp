// Golden SQL for the PostgreSQL dialect (rendered only in this version).
#include <catch2/catch.hpp>

#include "../schema.hpp"

namespace {
using namespace golden;
using namespace egret::literals;
using egret::to_sql;
using D = egret::dialect::postgres;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};

// $n placeholders, numbered in order of appearance across subqueries
static_assert(to_sql<D>(o.filter(o.status == "shipped").filter(o.order_id > 10).limit(5)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."status" = $1 AND "orders"."order_id" > $2 LIMIT $3)");
constexpr auto by_customer = o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).having(egret::count() > 1);
static_assert(to_sql<D>(by_customer.filter(by_customer["n"_c] < 9).select(by_customer["customer_id"_c], (by_customer["n"_c] * 2).as<"n2">())) ==
              R"(SELECT "t0"."customer_id", "t0"."n" * $1 AS "n2" FROM (SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id" HAVING COUNT(*) > $2) AS "t0" WHERE "t0"."n" < $3)");
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(p.amount.sum(egret::where(p.payment_method == egret::str<"coupon">)).as<"coupon">())) ==
              R"(SELECT "payments"."order_id", SUM("payments"."amount") FILTER (WHERE "payments"."payment_method" = 'coupon') AS "coupon" FROM "payments" GROUP BY "payments"."order_id")");
static_assert(to_sql<D>(p.select(p.amount.cast<std::int64_t>().as<"a">(), p.payment_id.cast<double>().as<"d">())) ==
              R"(SELECT CAST("payments"."amount" AS BIGINT) AS "a", CAST("payments"."payment_id" AS DOUBLE PRECISION) AS "d" FROM "payments")");
static_assert(to_sql<D>(o.left_join(c, o.customer_id == c.customer_id).select(o.order_id, c.age)) ==
              R"(SELECT "orders"."order_id", "customers"."age" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(o.filter(egret::lit<true>)) == R"(SELECT * FROM "orders" WHERE TRUE)");
static_assert(egret::create_table_sql<D, orders>() ==
              R"(CREATE TABLE "orders" ("order_id" BIGINT NOT NULL, "customer_id" BIGINT NOT NULL, "order_date" DATE NOT NULL, "status" TEXT NOT NULL, "note" TEXT))");
static_assert(egret::insert_sql<D, customers>() ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES ($1, $2, $3))");
}  // namespace

TEST_CASE("golden postgres: views inline captured values as escaped literals", "[golden][postgres]") {
  auto q = o.filter(o.status == std::string("it's") && o.order_date > egret::date{2018, 1, 2} && o.order_id > 3)
               .select(o.order_id, (o.order_id * 2.5).as<"x">());
  CHECK(egret::render_sql_inline<D>(q) ==
        R"(SELECT "orders"."order_id", "orders"."order_id" * 2.5 AS "x" FROM "orders" WHERE "orders"."status" = 'it''s' AND "orders"."order_date" > DATE '2018-01-02' AND "orders"."order_id" > 3)");
}
