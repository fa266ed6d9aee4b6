// Golden SQL for both dialects, checked by the compiler: one set of static queries (joins, subqueries,
// aggregates with FILTER, CASE, CAST, ORDER BY ... NULLS FIRST, LIMIT / OFFSET, ILIKE, window functions,
// statements) and the CREATE TABLE of their schema, rendered for SQLite and PostgreSQL, and for an SQLite
// pinned to older versions where egret emulates a missing feature (docs/dialects.md).
#include <catch2/catch.hpp>

#include <egret/egret.hpp>

namespace dialect_golden {
EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t), (status, std::string),
            (note, std::optional<std::string>), (placed, egret::date));
EGRET_PRIMARY_KEY(orders, order_id)
EGRET_TABLE(customers, (customer_id, std::int64_t), (name, std::string), (score, std::optional<double>),
            (vip, bool));
EGRET_PRIMARY_KEY(customers, customer_id)
EGRET_TABLE(order_lines, (order_id, std::int64_t), (line_no, std::int32_t), (amount, double),
            (shipped_at, std::optional<egret::timestamp>));
EGRET_PRIMARY_KEY(order_lines, order_id, line_no)
}  // namespace dialect_golden

namespace {
using namespace dialect_golden;
using egret::to_sql;
using SL = egret::dialect::sqlite;
using PG = egret::dialect::postgres;
using SL329 = egret::dialect::sqlite_v<3'029'000>;  // before FILTER and NULLS FIRST / LAST
using SL324 = egret::dialect::sqlite_v<3'024'000>;  // before window functions

constexpr orders o{};
constexpr customers c{};
constexpr order_lines l{};

// ---- DDL from the schema: the dialect's types, NOT NULL, PRIMARY KEY (also a compile-time constant) ----
static_assert(egret::create_table_sql<SL, orders>() ==
              R"(CREATE TABLE "orders" ("order_id" INTEGER NOT NULL, "customer_id" INTEGER NOT NULL, "status" TEXT NOT NULL, "note" TEXT, "placed" TEXT NOT NULL, PRIMARY KEY ("order_id")))");
static_assert(egret::create_table_sql<PG, orders>() ==
              R"(CREATE TABLE "orders" ("order_id" BIGINT NOT NULL, "customer_id" BIGINT NOT NULL, "status" TEXT NOT NULL, "note" TEXT, "placed" DATE NOT NULL, PRIMARY KEY ("order_id")))");
static_assert(egret::create_table_sql<SL, customers>() ==
              R"(CREATE TABLE "customers" ("customer_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "score" REAL, "vip" INTEGER NOT NULL, PRIMARY KEY ("customer_id")))");
static_assert(egret::create_table_sql<PG, customers>() ==
              R"(CREATE TABLE "customers" ("customer_id" BIGINT NOT NULL, "name" TEXT NOT NULL, "score" DOUBLE PRECISION, "vip" BOOLEAN NOT NULL, PRIMARY KEY ("customer_id")))");
static_assert(egret::create_table_sql<SL, order_lines>() ==
              R"(CREATE TABLE "order_lines" ("order_id" INTEGER NOT NULL, "line_no" INTEGER NOT NULL, "amount" REAL NOT NULL, "shipped_at" TEXT, PRIMARY KEY ("order_id", "line_no")))");
static_assert(egret::create_table_sql<PG, order_lines>() ==
              R"(CREATE TABLE "order_lines" ("order_id" BIGINT NOT NULL, "line_no" INTEGER NOT NULL, "amount" DOUBLE PRECISION NOT NULL, "shipped_at" TIMESTAMP, PRIMARY KEY ("order_id", "line_no")))");

// ---- join + aggregate with FILTER, GROUP BY, HAVING, ORDER BY, LIMIT ----
constexpr auto per_customer =
    o.join(c, o.customer_id == c.customer_id)
        .group_by(c.name)
        .aggregate(egret::count(egret::where(o.status == egret::str<"shipped">)).as<"shipped">(),
                   o.order_id.count().as<"orders">())
        .having(egret::count() > 1)
        .order_by(c.name)
        .limit(10);
static_assert(to_sql<SL>(per_customer) ==
              R"(SELECT "customers"."name", COUNT(*) FILTER (WHERE "orders"."status" = 'shipped') AS "shipped", COUNT("orders"."order_id") AS "orders" FROM "orders" INNER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id" GROUP BY "customers"."name" HAVING COUNT(*) > ? ORDER BY "customers"."name" LIMIT ?)");
static_assert(to_sql<PG>(per_customer) ==
              R"(SELECT "customers"."name", COUNT(*) FILTER (WHERE "orders"."status" = 'shipped') AS "shipped", COUNT("orders"."order_id") AS "orders" FROM "orders" INNER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id" GROUP BY "customers"."name" HAVING COUNT(*) > $1 ORDER BY "customers"."name" LIMIT $2)");
// FILTER emulated by CASE before SQLite 3.30: COUNT(*) counts the rows where the predicate holds
static_assert(to_sql<SL329>(per_customer) ==
              R"(SELECT "customers"."name", COUNT(CASE WHEN "orders"."status" = 'shipped' THEN 1 END) AS "shipped", COUNT("orders"."order_id") AS "orders" FROM "orders" INNER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id" GROUP BY "customers"."name" HAVING COUNT(*) > ? ORDER BY "customers"."name" LIMIT ?)");
constexpr auto line_totals =
    l.group_by(l.order_id).aggregate(l.amount.sum(egret::where(l.shipped_at.is_null())).as<"open">());
static_assert(to_sql<PG>(line_totals) ==
              R"(SELECT "order_lines"."order_id", SUM("order_lines"."amount") FILTER (WHERE "order_lines"."shipped_at" IS NULL) AS "open" FROM "order_lines" GROUP BY "order_lines"."order_id")");
static_assert(to_sql<SL329>(line_totals) ==
              R"(SELECT "order_lines"."order_id", SUM(CASE WHEN "order_lines"."shipped_at" IS NULL THEN "order_lines"."amount" END) AS "open" FROM "order_lines" GROUP BY "order_lines"."order_id")");

// ---- LEFT JOIN, RIGHT JOIN, FULL OUTER JOIN ----
static_assert(to_sql<SL>(c.left_join(o, o.customer_id == c.customer_id).select(c.name, o.note)) ==
              R"(SELECT "customers"."name", "orders"."note" FROM "customers" LEFT JOIN "orders" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<SL>(o.right_join(c, o.customer_id == c.customer_id).select(c.name, o.order_id)) ==
              R"(SELECT "customers"."name", "orders"."order_id" FROM "orders" RIGHT JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<PG>(o.outer_join(c, o.customer_id == c.customer_id).select(c.name, o.order_id)) ==
              R"(SELECT "customers"."name", "orders"."order_id" FROM "orders" FULL OUTER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<egret::dialect::sqlite_v<3'039'000>>(o.outer_join(c, o.customer_id == c.customer_id).select(c.name)) ==
              R"(SELECT "customers"."name" FROM "orders" FULL OUTER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");

// ---- subqueries: IN, EXISTS (correlated), scalar ----
constexpr auto vip_orders = o.filter(o.customer_id.isin(c.filter(c.vip).select(c.customer_id)));
static_assert(to_sql<SL>(vip_orders) ==
              R"(SELECT * FROM "orders" WHERE "orders"."customer_id" IN (SELECT "customers"."customer_id" FROM "customers" WHERE "customers"."vip"))");
static_assert(to_sql<PG>(vip_orders) == to_sql<SL>(vip_orders));
constexpr auto with_lines = o.filter(egret::exists(l.filter(l.order_id == egret::outer(o.order_id) && l.amount > 100)));
static_assert(to_sql<SL>(with_lines) ==
              R"(SELECT * FROM "orders" WHERE EXISTS (SELECT * FROM "order_lines" WHERE "order_lines"."order_id" = "orders"."order_id" AND "order_lines"."amount" > ?))");
static_assert(to_sql<PG>(with_lines) ==
              R"(SELECT * FROM "orders" WHERE EXISTS (SELECT * FROM "order_lines" WHERE "order_lines"."order_id" = "orders"."order_id" AND "order_lines"."amount" > $1))");
constexpr auto above_mean = l.filter(l.amount > egret::scalar(l.aggregate(l.amount.mean().as<"m">()))).select(l.order_id);
static_assert(to_sql<PG>(above_mean) ==
              R"(SELECT "order_lines"."order_id" FROM "order_lines" WHERE "order_lines"."amount" > (SELECT AVG("order_lines"."amount") AS "m" FROM "order_lines"))");

// ---- CASE, CAST, NULL handling ----
constexpr auto banded = l.select(
    egret::cases(egret::when(l.amount < egret::lit<10>, egret::str<"small">), egret::when(l.amount < egret::lit<100>, egret::str<"medium">))
        .as<"band">(),
    l.amount.cast<std::int64_t>().as<"whole">(), l.line_no.cast<double>().as<"line">(),
    egret::coalesce(l.shipped_at.cast<std::string>(), egret::str<"open">).as<"when">());
static_assert(to_sql<SL>(banded) ==
              R"(SELECT CASE WHEN "order_lines"."amount" < 10 THEN 'small' WHEN "order_lines"."amount" < 100 THEN 'medium' END AS "band", CAST("order_lines"."amount" AS INTEGER) AS "whole", CAST("order_lines"."line_no" AS REAL) AS "line", COALESCE(CAST("order_lines"."shipped_at" AS TEXT), 'open') AS "when" FROM "order_lines")");
static_assert(to_sql<PG>(banded) ==
              R"(SELECT CASE WHEN "order_lines"."amount" < 10 THEN 'small' WHEN "order_lines"."amount" < 100 THEN 'medium' END AS "band", CAST("order_lines"."amount" AS BIGINT) AS "whole", CAST("order_lines"."line_no" AS DOUBLE PRECISION) AS "line", COALESCE(CAST("order_lines"."shipped_at" AS TEXT), 'open') AS "when" FROM "order_lines")");

// ---- ORDER BY ... NULLS FIRST / LAST, LIMIT / OFFSET; emulated before SQLite 3.30 ----
constexpr auto by_score = c.order_by(c.score.desc().nulls_last(), egret::asc(c.name).nulls_first()).limit(5, 20);
static_assert(to_sql<SL>(by_score) ==
              R"(SELECT * FROM "customers" ORDER BY "customers"."score" DESC NULLS LAST, "customers"."name" NULLS FIRST LIMIT ? OFFSET ?)");
static_assert(to_sql<PG>(by_score) ==
              R"(SELECT * FROM "customers" ORDER BY "customers"."score" DESC NULLS LAST, "customers"."name" NULLS FIRST LIMIT $1 OFFSET $2)");
// `x IS NULL` sorts first (0 before 1), so NULLS LAST is `x IS NULL`, NULLS FIRST `x IS NULL DESC`
static_assert(to_sql<SL329>(by_score) ==
              R"(SELECT * FROM "customers" ORDER BY "customers"."score" IS NULL, "customers"."score" DESC, "customers"."name" IS NULL DESC, "customers"."name" LIMIT ? OFFSET ?)");

// ---- ILIKE: native on PostgreSQL, LOWER(...) LIKE LOWER(...) on SQLite ----
constexpr auto named_a = c.filter(c.name.ilike(egret::str<"a%">)).select(c.customer_id);
static_assert(to_sql<PG>(named_a) ==
              R"(SELECT "customers"."customer_id" FROM "customers" WHERE "customers"."name" ILIKE 'a%')");
static_assert(to_sql<SL>(named_a) ==
              R"(SELECT "customers"."customer_id" FROM "customers" WHERE LOWER("customers"."name") LIKE LOWER('a%'))");
static_assert(to_sql<SL324>(named_a) == to_sql<SL>(named_a));

// ---- window functions (SQLite 3.25 and later; SL324 rejects them, tests/compile_fail/dialect/) ----
constexpr auto ranked = l.select(l.order_id, egret::row_number().over(egret::window().partition_by(l.order_id).order_by(l.amount.desc())).as<"rank">());
static_assert(to_sql<egret::dialect::sqlite_v<3'025'000>>(ranked) ==
              R"(SELECT "order_lines"."order_id", ROW_NUMBER() OVER (PARTITION BY "order_lines"."order_id" ORDER BY "order_lines"."amount" DESC) AS "rank" FROM "order_lines")");
static_assert(to_sql<PG>(ranked) == to_sql<SL>(ranked));

// ---- statements: upsert and RETURNING ----
constexpr auto add_customer = egret::insert_into(c)
                                  .values(egret::lit<1>, egret::str<"ann">, 2.5, egret::lit<true>)
                                  .on_conflict(c.customer_id)
                                  .do_nothing()
                                  .returning(c.customer_id);
static_assert(to_sql<SL>(add_customer) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "score", "vip") VALUES (1, 'ann', ?, TRUE) ON CONFLICT ("customer_id") DO NOTHING RETURNING "customers"."customer_id")");
static_assert(to_sql<PG>(add_customer) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "score", "vip") VALUES (1, 'ann', $1, TRUE) ON CONFLICT ("customer_id") DO NOTHING RETURNING "customers"."customer_id")");
}  // namespace

TEST_CASE("dialect golden: compile-time text equals the run-time rendering", "[dialect][golden]") {
  CHECK(egret::render_sql<SL>(per_customer) == to_sql<SL>(per_customer));
  CHECK(egret::render_sql<PG>(per_customer) == to_sql<PG>(per_customer));
  CHECK(egret::render_sql<SL329>(by_score) == to_sql<SL329>(by_score));
  CHECK(egret::render_sql<PG>(named_a) == to_sql<PG>(named_a));
}
