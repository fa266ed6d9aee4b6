// Golden SQL of window functions for SQLite and PostgreSQL: each static_assert is checked by the compiler.
#include <catch2/catch.hpp>

#include "golden/schema.hpp"

namespace {
using namespace golden;
using namespace egret::literals;
using egret::to_sql;
using D = egret::dialect::sqlite;
using PG = egret::dialect::postgres;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};

// ranking functions; partition and order keys, DESC
constexpr auto ranks = o.select(
    o.order_id,
    egret::row_number().over(egret::window().partition_by(o.customer_id).order_by(o.order_date.desc(), o.order_id)).as<"rn">(),
    egret::rank().over(egret::order_by(o.order_date)).as<"rk">(),
    egret::dense_rank().over(egret::order_by(egret::desc(o.order_date))).as<"drk">(),
    egret::percent_rank().over(egret::partition_by(o.status).order_by(o.order_id)).as<"pr">(),
    egret::cume_dist().over(egret::order_by(o.order_id)).as<"cd">());
static_assert(to_sql<D>(ranks) ==
              R"(SELECT "orders"."order_id", ROW_NUMBER() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."order_date" DESC, "orders"."order_id") AS "rn", RANK() OVER (ORDER BY "orders"."order_date") AS "rk", DENSE_RANK() OVER (ORDER BY "orders"."order_date" DESC) AS "drk", PERCENT_RANK() OVER (PARTITION BY "orders"."status" ORDER BY "orders"."order_id") AS "pr", CUME_DIST() OVER (ORDER BY "orders"."order_id") AS "cd" FROM "orders")");
static_assert(to_sql<PG>(ranks) == to_sql<D>(ranks));

// NULLS LAST in a window's ORDER BY; emulated (`x IS NULL` first) where the engine lacks it
constexpr auto nulls = o.select(egret::row_number().over(egret::order_by(o.note.desc().nulls_last(), o.order_id)).as<"rn">());
static_assert(to_sql<D>(nulls) ==
              R"(SELECT ROW_NUMBER() OVER (ORDER BY "orders"."note" DESC NULLS LAST, "orders"."order_id") AS "rn" FROM "orders")");
static_assert(to_sql<egret::dialect::sqlite_v<3'029'000>>(nulls) ==
              R"(SELECT ROW_NUMBER() OVER (ORDER BY "orders"."note" IS NULL, "orders"."note" DESC, "orders"."order_id") AS "rn" FROM "orders")");

// ntile: a literal count is inlined, a C++ value bound; over() without a window is OVER ()
constexpr auto tiles = p.select(egret::ntile(egret::lit<4>).over(egret::order_by(p.amount)).as<"q">(),
                                egret::ntile(3).over().as<"t">());
static_assert(to_sql<D>(tiles) ==
              R"(SELECT NTILE(4) OVER (ORDER BY "payments"."amount") AS "q", NTILE(?) OVER () AS "t" FROM "payments")");
static_assert(to_sql<PG>(tiles) ==
              R"(SELECT NTILE(4) OVER (ORDER BY "payments"."amount") AS "q", NTILE($1) OVER () AS "t" FROM "payments")");

// lag / lead with offsets and defaults
constexpr auto shifts = p.select(
    p.amount.lag().over(egret::order_by(p.payment_id)).as<"prev">(),
    egret::lag(p.amount, egret::lit<2>, 0.0).over(egret::partition_by(p.order_id).order_by(p.payment_id)).as<"prev2">(),
    p.payment_method.lead(1, egret::str<"none">).over(egret::order_by(p.payment_id)).as<"next">());
static_assert(to_sql<D>(shifts) ==
              R"(SELECT LAG("payments"."amount") OVER (ORDER BY "payments"."payment_id") AS "prev", LAG("payments"."amount", 2, ?) OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."payment_id") AS "prev2", LEAD("payments"."payment_method", ?, 'none') OVER (ORDER BY "payments"."payment_id") AS "next" FROM "payments")");
static_assert(to_sql<PG>(shifts) ==
              R"(SELECT LAG("payments"."amount") OVER (ORDER BY "payments"."payment_id") AS "prev", LAG("payments"."amount", 2, $1) OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."payment_id") AS "prev2", LEAD("payments"."payment_method", $2, 'none') OVER (ORDER BY "payments"."payment_id") AS "next" FROM "payments")");

// first / last / nth value
static_assert(to_sql<D>(p.select(
                  p.amount.first_value().over(egret::partition_by(p.order_id).order_by(p.amount)).as<"lo">(),
                  p.amount.last_value()
                      .over(egret::partition_by(p.order_id).order_by(p.amount).rows(egret::unbounded_preceding(),
                                                                                     egret::unbounded_following()))
                      .as<"hi">(),
                  p.amount.nth_value(egret::lit<2>).over(egret::order_by(p.amount)).as<"second">())) ==
              R"(SELECT FIRST_VALUE("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."amount") AS "lo", LAST_VALUE("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."amount" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "hi", NTH_VALUE("payments"."amount", 2) OVER (ORDER BY "payments"."amount") AS "second" FROM "payments")");

// aggregates over windows: default frame, ROWS / RANGE / GROUPS, EXCLUDE; bound offsets
constexpr auto frames = p.select(
    p.amount.sum().over(egret::partition_by(p.order_id).order_by(p.payment_id)).as<"running">(),
    p.amount.mean().over(egret::order_by(p.payment_id).rows(egret::preceding<2>(), egret::current_row())).as<"avg3">(),
    p.amount.max().over(egret::order_by(p.amount).range(egret::preceding(0.5), egret::following(0.5))).as<"near">(),
    egret::count()
        .over(egret::order_by(p.order_id).groups(egret::preceding<1>(), egret::following<1>()).exclude_current_row())
        .as<"g">(),
    p.amount.min()
        .over(egret::order_by(p.order_id).groups(egret::current_row(), egret::unbounded_following()).exclude_group())
        .as<"eg">(),
    p.amount.sum()
        .over(egret::order_by(p.order_id).range(egret::unbounded_preceding(), egret::current_row()).exclude_ties())
        .as<"et">());
static_assert(to_sql<D>(frames) ==
              R"(SELECT SUM("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."payment_id") AS "running", AVG("payments"."amount") OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS "avg3", MAX("payments"."amount") OVER (ORDER BY "payments"."amount" RANGE BETWEEN ? PRECEDING AND ? FOLLOWING) AS "near", COUNT(*) OVER (ORDER BY "payments"."order_id" GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) AS "g", MIN("payments"."amount") OVER (ORDER BY "payments"."order_id" GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS "eg", SUM("payments"."amount") OVER (ORDER BY "payments"."order_id" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES) AS "et" FROM "payments")");
static_assert(to_sql<PG>(frames) ==
              R"(SELECT SUM("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."payment_id") AS "running", AVG("payments"."amount") OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS "avg3", MAX("payments"."amount") OVER (ORDER BY "payments"."amount" RANGE BETWEEN $1 PRECEDING AND $2 FOLLOWING) AS "near", COUNT(*) OVER (ORDER BY "payments"."order_id" GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) AS "g", MIN("payments"."amount") OVER (ORDER BY "payments"."order_id" GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS "eg", SUM("payments"."amount") OVER (ORDER BY "payments"."order_id" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES) AS "et" FROM "payments")");

// FILTER on a windowed aggregate; CASE inside the call where the dialect lacks FILTER
static_assert(to_sql<D>(p.select(p.amount.sum(egret::where(p.payment_method == egret::str<"coupon">))
                                     .over(egret::partition_by(p.order_id))
                                     .as<"coupon">(),
                                 egret::count().over().as<"n">())) ==
              R"(SELECT SUM("payments"."amount") FILTER (WHERE "payments"."payment_method" = 'coupon') OVER (PARTITION BY "payments"."order_id") AS "coupon", COUNT(*) OVER () AS "n" FROM "payments")");
static_assert(to_sql<egret::dialect::sqlite_v<3'029'000>>(
                  p.select(p.amount.sum(egret::where(p.amount > 1)).over(egret::partition_by(p.order_id)).as<"s">())) ==
              R"(SELECT SUM(CASE WHEN "payments"."amount" > ? THEN "payments"."amount" END) OVER (PARTITION BY "payments"."order_id") AS "s" FROM "payments")");
// other aggregates take over() where the engine spells them natively (SQLite computes VAR_SAMP from sums:
// a compile error there, see tests/compile_fail/window/emulated_aggregate_over.cpp)
static_assert(to_sql<PG>(p.select(egret::var_samp(p.amount).over(egret::partition_by(p.order_id)).as<"v">())) ==
              R"(SELECT VAR_SAMP("payments"."amount") OVER (PARTITION BY "payments"."order_id") AS "v" FROM "payments")");
// the free function over(f, w) is the method
static_assert(to_sql<D>(p.select(egret::over(egret::sum(p.amount), egret::partition_by(p.order_id)).as<"s">())) ==
              to_sql<D>(p.select(p.amount.sum().over(egret::partition_by(p.order_id)).as<"s">())));

// cumulative aggregates
static_assert(to_sql<D>(p.select(p.amount.cumsum(egret::order_by(p.payment_id)).as<"cs">(),
                                 p.amount.cummean(egret::partition_by(p.order_id).order_by(p.payment_id)).as<"cm">(),
                                 egret::cummin(p.amount, egret::order_by(p.payment_id)).as<"lo">(),
                                 p.amount.cummax(egret::order_by(p.payment_id.desc())).as<"hi">())) ==
              R"(SELECT SUM("payments"."amount") OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "cs", AVG("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."payment_id" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "cm", MIN("payments"."amount") OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "lo", MAX("payments"."amount") OVER (ORDER BY "payments"."payment_id" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "hi" FROM "payments")");

// top-n per group: compute the window in mutate(), filter the result (a subquery)
constexpr auto ranked =
    o.mutate(egret::row_number().over(egret::partition_by(o.customer_id).order_by(o.order_date.desc())).as<"rn">());
static_assert(to_sql<D>(ranked.filter(ranked["rn"_c] <= 2)) ==
              R"(SELECT * FROM (SELECT "orders"."order_id", "orders"."customer_id", "orders"."order_date", "orders"."status", "orders"."note", ROW_NUMBER() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."order_date" DESC) AS "rn" FROM "orders") AS "t0" WHERE "t0"."rn" <= ?)");
static_assert(to_sql<PG>(ranked.filter(ranked["rn"_c] <= 2)) ==
              R"(SELECT * FROM (SELECT "orders"."order_id", "orders"."customer_id", "orders"."order_date", "orders"."status", "orders"."note", ROW_NUMBER() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."order_date" DESC) AS "rn" FROM "orders") AS "t0" WHERE "t0"."rn" <= $1)");

// after group_by: windows over aggregates
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(
                  p.amount.sum().as<"total">(), egret::rank().over(egret::order_by(p.amount.sum().desc())).as<"rk">(),
                  p.amount.sum().lag().over(egret::order_by(p.order_id)).as<"prev_total">())) ==
              R"(SELECT "payments"."order_id", SUM("payments"."amount") AS "total", RANK() OVER (ORDER BY SUM("payments"."amount") DESC) AS "rk", LAG(SUM("payments"."amount")) OVER (ORDER BY "payments"."order_id") AS "prev_total" FROM "payments" GROUP BY "payments"."order_id")");

// over a joined and filtered relation; in arithmetic; in ORDER BY
static_assert(to_sql<D>(o.join(p, o.order_id == p.order_id)
                            .filter(p.amount > 10)
                            .select(o.customer_id, p.amount,
                                    p.amount.sum()
                                        .over(egret::partition_by(o.customer_id).order_by(o.order_date, p.payment_id))
                                        .as<"running">())) ==
              R"(SELECT "orders"."customer_id", "payments"."amount", SUM("payments"."amount") OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."order_date", "payments"."payment_id") AS "running" FROM "orders" INNER JOIN "payments" ON "orders"."order_id" = "payments"."order_id" WHERE "payments"."amount" > ?)");
static_assert(to_sql<D>(p.select((p.amount - p.amount.mean().over(egret::partition_by(p.order_id))).as<"dev">())) ==
              R"(SELECT "payments"."amount" - AVG("payments"."amount") OVER (PARTITION BY "payments"."order_id") AS "dev" FROM "payments")");
static_assert(to_sql<D>(o.select(o.order_id).order_by(egret::row_number().over(egret::order_by(o.order_date)).desc())) ==
              R"(SELECT "orders"."order_id" FROM "orders" ORDER BY ROW_NUMBER() OVER (ORDER BY "orders"."order_date") DESC)");
static_assert(to_sql<D>(c.left_join(o, c.customer_id == o.customer_id)
                            .select(c.name, o.order_id.first_value()
                                                .over(egret::partition_by(c.customer_id).order_by(o.order_date))
                                                .as<"first_order">())) ==
              R"(SELECT "customers"."name", FIRST_VALUE("orders"."order_id") OVER (PARTITION BY "customers"."customer_id" ORDER BY "orders"."order_date") AS "first_order" FROM "customers" LEFT JOIN "orders" ON "customers"."customer_id" = "orders"."customer_id")");

// placeholders are numbered in text order: filter, frame offsets, lag arguments
constexpr auto numbered = p.select(
    p.amount.sum(egret::where(p.amount > egret::param<"min", double>))
        .over(egret::order_by(p.payment_id).rows(egret::preceding(egret::param<"n", std::int64_t>), egret::following(1)))
        .as<"s">(),
    p.amount.lag(1, 0.0).over(egret::order_by(p.payment_id)).as<"l">());
static_assert(to_sql<D>(numbered) ==
              R"(SELECT SUM("payments"."amount") FILTER (WHERE "payments"."amount" > ?) OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN ? PRECEDING AND ? FOLLOWING) AS "s", LAG("payments"."amount", ?, ?) OVER (ORDER BY "payments"."payment_id") AS "l" FROM "payments")");
static_assert(to_sql<PG>(numbered) ==
              R"(SELECT SUM("payments"."amount") FILTER (WHERE "payments"."amount" > $1) OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN $2 PRECEDING AND $3 FOLLOWING) AS "s", LAG("payments"."amount", $4, $5) OVER (ORDER BY "payments"."payment_id") AS "l" FROM "payments")");
static_assert(egret::placeholder_count_v<PG, decltype(numbered)> == 5);
}  // namespace

TEST_CASE("window golden: the compile-time text is also the run-time text", "[window][golden]") {
  double const half = 0.5;
  auto q = p.select(p.amount.max().over(egret::order_by(p.amount).range(egret::preceding(half), egret::current_row())).as<"m">(),
                    egret::lag(p.amount, 1, half).over(egret::order_by(p.payment_id)).as<"l">());
  CHECK(egret::render_sql<D>(q) == to_sql<D>(q));
  CHECK(egret::render_sql<PG>(q) == to_sql<PG>(q));
  CHECK(egret::placeholder_count_v<D, decltype(q)> == 3);
  // a view cannot take parameters: offsets and defaults are written as literals
  CHECK(egret::render_sql_inline<D>(q) ==
        R"(SELECT MAX("payments"."amount") OVER (ORDER BY "payments"."amount" RANGE BETWEEN 0.5 PRECEDING AND CURRENT ROW) AS "m", LAG("payments"."amount", 1, 0.5) OVER (ORDER BY "payments"."payment_id") AS "l" FROM "payments")");
}
