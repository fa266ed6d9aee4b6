// Golden SQL of the relational vocabulary, statements and DDL for the DuckDB dialect (render-only):
// each static_assert is checked by the compiler (docs/dialects.md, "DuckDB").
#include <catch2/catch.hpp>

#include <array>
#include <tuple>

#include <egret/dialect/duckdb.hpp>

#include "../schema.hpp"

namespace golden_duckdb {
EGRET_TABLE(cnt, (n, std::int64_t));
EGRET_TABLE(lookup, (code, std::string), (label, std::optional<std::string>));
EGRET_TABLE(m, (g, std::int64_t), (x, double), (i, std::int64_t), (s, std::string), (ok, bool), (o, std::optional<double>));
EGRET_TABLE(events, (id, std::int64_t), (d, egret::date), (ts, egret::timestamp), (n, std::int32_t),
            (od, std::optional<egret::date>));
}  // namespace golden_duckdb

namespace {
using namespace golden;
using namespace golden_duckdb;
using namespace egret::literals;
using egret::lit;
using egret::str;
using egret::time_unit;
using egret::to_sql;
using egret::where;
using D = egret::dialect::duckdb;

[[maybe_unused]] constexpr orders o{};
[[maybe_unused]] constexpr payments p{};
[[maybe_unused]] constexpr customers c{};
[[maybe_unused]] constexpr m t{};
[[maybe_unused]] constexpr events e{};
[[maybe_unused]] constexpr auto p2 = p.as<"p2">();
[[maybe_unused]] constexpr auto o2 = o.as<"o2">();
[[maybe_unused]] constexpr cnt k{};
constexpr auto by_customer = o.group_by(o.customer_id).aggregate(egret::count().as<"n">());
constexpr auto first3 = o.select(o.order_id).limit(3);
constexpr auto big = egret::cte<"big">(p.filter(p.amount > 10));
[[maybe_unused]] constexpr std::array<std::tuple<int, char const*>, 3> three{{{1, "a"}, {2, "b"}, {3, "c"}}};
[[maybe_unused]] constexpr auto paid = p.filter(p.amount > 0.0).group_by(p.order_id).aggregate(p.amount.sum().as<"total">());

// ---- SELECT: filters, CASE, CAST, aggregates, GROUP BY, ORDER BY, LIMIT, joins, subqueries, set operations,
// CTEs, VALUES, NULLS FIRST/LAST, BOOLEAN columns in conditions ----
static_assert(to_sql<D>(o.select(o.order_id, o.status.as<"s">())) ==
              R"(SELECT "orders"."order_id", "orders"."status" AS "s" FROM "orders")");
static_assert(to_sql<D>(o.filter(o.status == "shipped").filter(o.order_id > 10)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."status" = ? AND "orders"."order_id" > ?)");
static_assert(to_sql<D>(o.filter(o.status == str<"it's">)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."status" = 'it''s')");
static_assert(to_sql<D>(o.filter((o.order_id == 1 || o.order_id == 2) && o.status != "x")) ==
              R"(SELECT * FROM "orders" WHERE ("orders"."order_id" = ? OR "orders"."order_id" = ?) AND "orders"."status" <> ?)");
static_assert(to_sql<D>(p.select(((p.amount + 1) * 2 - p.amount / 4).as<"x">())) ==
              R"(SELECT ("payments"."amount" + ?) * ? - "payments"."amount" / ? AS "x" FROM "payments")");
static_assert(to_sql<D>(o.filter(o.note.is_null() || !o.note.like("%gift%"))) ==
              R"(SELECT * FROM "orders" WHERE "orders"."note" IS NULL OR NOT "orders"."note" LIKE ?)");
static_assert(to_sql<D>(o.select(egret::coalesce(o.note, str<"-">).as<"n">())) ==
              R"(SELECT COALESCE("orders"."note", '-') AS "n" FROM "orders")");
static_assert(to_sql<D>(o.select(egret::if_else(o.order_id > 5, str<"big">, str<"small">).as<"size">())) ==
              R"(SELECT CASE WHEN "orders"."order_id" > ? THEN 'big' ELSE 'small' END AS "size" FROM "orders")");
static_assert(to_sql<D>(o.select(egret::cases(egret::when(o.order_id < 5, lit<1>), egret::when(o.order_id < 10, lit<2>)).as<"bucket">())) ==
              R"(SELECT CASE WHEN "orders"."order_id" < ? THEN 1 WHEN "orders"."order_id" < ? THEN 2 END AS "bucket" FROM "orders")");
static_assert(to_sql<D>(p.select(p.amount.cast<std::int64_t>().as<"a">(), p.payment_id.cast<double>().as<"d">(), p.amount.cast<std::string>().as<"t">())) ==
              R"(SELECT CAST("payments"."amount" AS BIGINT) AS "a", CAST("payments"."payment_id" AS DOUBLE) AS "d", CAST("payments"."amount" AS VARCHAR) AS "t" FROM "payments")");
static_assert(to_sql<D>(o.filter(o.status.isin(str<"placed">, str<"shipped">) && o.order_id.between(1, 9))) ==
              R"(SELECT * FROM "orders" WHERE "orders"."status" IN ('placed', 'shipped') AND "orders"."order_id" BETWEEN ? AND ?)");
static_assert(to_sql<D>(c.select((c.name + str<"!">).as<"shout">())) ==
              R"(SELECT "customers"."name" || '!' AS "shout" FROM "customers")");
static_assert(to_sql<D>(o.filter(egret::lit<true>)) ==
              R"(SELECT * FROM "orders" WHERE TRUE)");
static_assert(to_sql<D>(o.select(o.order_id, (o.order_id > 3).as<"big">(), o.note.is_null().as<"no_note">())) ==
              R"(SELECT "orders"."order_id", "orders"."order_id" > ? AS "big", "orders"."note" IS NULL AS "no_note" FROM "orders")");
static_assert(to_sql<D>(o.filter(o.order_id == egret::param<"id", std::int64_t>)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."order_id" = ?)");
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(p.amount.sum(where(p.payment_method == str<"coupon">)).as<"coupon">(), egret::count().as<"n">(), p.payment_method.count_distinct().as<"methods">())) ==
              R"(SELECT "payments"."order_id", SUM("payments"."amount") FILTER (WHERE "payments"."payment_method" = 'coupon') AS "coupon", COUNT(*) AS "n", COUNT(DISTINCT "payments"."payment_method") AS "methods" FROM "payments" GROUP BY "payments"."order_id")");
static_assert(to_sql<D>(p.aggregate(egret::count(where(p.amount > 1)).as<"n">())) ==
              R"(SELECT COUNT(*) FILTER (WHERE "payments"."amount" > ?) AS "n" FROM "payments")");
static_assert(to_sql<D>(o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).having(egret::count() > 1)) ==
              R"(SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id" HAVING COUNT(*) > ?)");
static_assert(to_sql<D>(p.aggregate(p.amount.mean().as<"avg">(), p.amount.min().as<"lo">(), p.amount.max().as<"hi">())) ==
              R"(SELECT AVG("payments"."amount") AS "avg", MIN("payments"."amount") AS "lo", MAX("payments"."amount") AS "hi" FROM "payments")");
static_assert(to_sql<D>(o.select(o.customer_id).distinct().order_by(o.customer_id.desc()).limit(5, 10)) ==
              R"(SELECT DISTINCT "orders"."customer_id" FROM "orders" ORDER BY "orders"."customer_id" DESC LIMIT ? OFFSET ?)");
static_assert(to_sql<D>(o.select(o.order_id).limit(3)) ==
              R"(SELECT "orders"."order_id" FROM "orders" LIMIT ?)");
static_assert(to_sql<D>(o.select(o.order_id).limit(3, 6)) ==
              R"(SELECT "orders"."order_id" FROM "orders" LIMIT ? OFFSET ?)");
static_assert(to_sql<D>(o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).order_by(o.customer_id)) ==
              R"(SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id" ORDER BY "orders"."customer_id")");
static_assert(to_sql<D>(o.join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" INNER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(o.left_join(c, o.customer_id == c.customer_id).select(o.order_id, c.age)) ==
              R"(SELECT "orders"."order_id", "customers"."age" FROM "orders" LEFT JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(o.right_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" RIGHT JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(o.outer_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" FULL OUTER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(o.cross_join(c).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" CROSS JOIN "customers")");
static_assert(to_sql<D>(o.join(o2, o.customer_id == o2.customer_id && o.order_id < o2.order_id).select(o.order_id, o2.order_id.as<"later">())) ==
              R"(SELECT "orders"."order_id", "o2"."order_id" AS "later" FROM "orders" INNER JOIN "orders" AS "o2" ON "orders"."customer_id" = "o2"."customer_id" AND "orders"."order_id" < "o2"."order_id")");
static_assert(to_sql<D>(by_customer.filter(by_customer["n"_c] > 2)) ==
              R"(SELECT * FROM (SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id") AS "t0" WHERE "t0"."n" > ?)");
static_assert(to_sql<D>(c.left_join(by_customer.as<"bc">(), c.customer_id == by_customer["customer_id"_c]).select(c.name, by_customer["n"_c])) ==
              R"(SELECT "customers"."name", "bc"."n" FROM "customers" LEFT JOIN (SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id") AS "bc" ON "customers"."customer_id" = "bc"."customer_id")");
static_assert(to_sql<D>(c.mutate((c.customer_id * 10).as<"x">())) ==
              R"(SELECT "customers"."customer_id", "customers"."name", "customers"."age", "customers"."customer_id" * ? AS "x" FROM "customers")");
static_assert(to_sql<D>(first3.filter(first3["order_id"_c] > 1)) ==
              R"(SELECT * FROM (SELECT "orders"."order_id" FROM "orders" LIMIT ?) AS "t0" WHERE "t0"."order_id" > ?)");
static_assert(to_sql<D>(o.semi_join(p, p.order_id == o.order_id && p.amount > 10)) ==
              R"(SELECT * FROM "orders" WHERE EXISTS (SELECT 1 FROM "payments" WHERE "payments"."order_id" = "orders"."order_id" AND "payments"."amount" > ?))");
static_assert(to_sql<D>(o.anti_join(p, p.order_id == o.order_id).select(o.order_id)) ==
              R"(SELECT "orders"."order_id" FROM "orders" WHERE NOT EXISTS (SELECT 1 FROM "payments" WHERE "payments"."order_id" = "orders"."order_id"))");
static_assert(to_sql<D>(o.filter(egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM "orders" WHERE EXISTS (SELECT * FROM "payments" WHERE "payments"."order_id" = "orders"."order_id"))");
static_assert(to_sql<D>(o.filter(!egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM "orders" WHERE NOT EXISTS (SELECT * FROM "payments" WHERE "payments"."order_id" = "orders"."order_id"))");
static_assert(to_sql<D>(o.filter(o.order_id.isin(p.filter(p.amount > 10).select(p.order_id)))) ==
              R"(SELECT * FROM "orders" WHERE "orders"."order_id" IN (SELECT "payments"."order_id" FROM "payments" WHERE "payments"."amount" > ?))");
static_assert(to_sql<D>(p.filter(p.amount > egret::scalar(p2.aggregate(p2.amount.mean().as<"m">())))) ==
              R"(SELECT * FROM "payments" WHERE "payments"."amount" > (SELECT AVG("p2"."amount") AS "m" FROM "payments" AS "p2"))");
static_assert(to_sql<D>(p.select(p.payment_id, egret::scalar(p2.filter(p2.order_id == egret::outer(p.order_id)).aggregate(egret::count().as<"n">())).as<"n">())) ==
              R"(SELECT "payments"."payment_id", (SELECT COUNT(*) AS "n" FROM "payments" AS "p2" WHERE "p2"."order_id" = "payments"."order_id") AS "n" FROM "payments")");
static_assert(to_sql<D>(o.select(o.order_id).union_all(p.select(p.order_id))) ==
              R"(SELECT "orders"."order_id" FROM "orders" UNION ALL SELECT "payments"."order_id" FROM "payments")");
static_assert(to_sql<D>(o.select(o.customer_id).union_distinct(c.select(c.customer_id))) ==
              R"(SELECT "orders"."customer_id" FROM "orders" UNION SELECT "customers"."customer_id" FROM "customers")");
static_assert(to_sql<D>(o.select(o.customer_id).intersect(c.select(c.customer_id))) ==
              R"(SELECT "orders"."customer_id" FROM "orders" INTERSECT SELECT "customers"."customer_id" FROM "customers")");
static_assert(to_sql<D>(o.select(o.customer_id).difference(c.select(c.customer_id))) ==
              R"(SELECT "orders"."customer_id" FROM "orders" EXCEPT SELECT "customers"."customer_id" FROM "customers")");
static_assert(to_sql<D>(o.select(o.order_id).order_by(o.order_id).limit(2).union_all(p.select(p.order_id))) ==
              R"(SELECT * FROM (SELECT "orders"."order_id" FROM "orders" ORDER BY "orders"."order_id" LIMIT ?) AS "u0" UNION ALL SELECT "payments"."order_id" FROM "payments")");
static_assert(to_sql<D>(egret::with(big).query(o.join(big, big["order_id"_c] == o.order_id).select(o.order_id, big["amount"_c]))) ==
              R"(WITH "big" AS (SELECT * FROM "payments" WHERE "payments"."amount" > ?) SELECT "orders"."order_id", "big"."amount" FROM "orders" INNER JOIN "big" ON "big"."order_id" = "orders"."order_id")");
static_assert(to_sql<D>(egret::with_recursive(egret::cte<cnt>(egret::values<cnt>(std::tuple{1}).union_all(k.filter(k.n < 10).select((k.n + 1).as<"n">())))).query(k.aggregate(k.n.sum().as<"s">()))) ==
              R"(WITH RECURSIVE "cnt"("n") AS (SELECT ? AS "n" UNION ALL SELECT "cnt"."n" + ? AS "n" FROM "cnt" WHERE "cnt"."n" < ?) SELECT SUM("cnt"."n") AS "s" FROM "cnt")");
static_assert(to_sql<D>(egret::values<lookup>(std::tuple{"a", std::optional<std::string_view>("Alpha")}, std::tuple{"b", std::optional<std::string_view>()})) ==
              R"(SELECT ? AS "code", ? AS "label" UNION ALL SELECT ?, ?)");
static_assert(to_sql<D>(o.drop(o.note, o.order_date)) ==
              R"(SELECT "orders"."order_id", "orders"."customer_id", "orders"."status" FROM "orders")");
static_assert(to_sql<D>(o.distinct(o.status, o.customer_id)) ==
              R"(SELECT DISTINCT "orders"."status", "orders"."customer_id" FROM "orders")");
static_assert(to_sql<D>(o.order_by(o.note.desc().nulls_last(), egret::asc(o.order_id).nulls_first())) ==
              R"(SELECT * FROM "orders" ORDER BY "orders"."note" DESC NULLS LAST, "orders"."order_id" NULLS FIRST)");
static_assert(to_sql<D>(o.order_by(o.note.desc().nulls_last()).limit(3)) ==
              R"(SELECT * FROM "orders" ORDER BY "orders"."note" DESC NULLS LAST LIMIT ?)");
static_assert(to_sql<D>(t.filter(t.ok).select(t.g)) ==
              R"(SELECT "m"."g" FROM "m" WHERE "m"."ok")");
static_assert(to_sql<D>(t.filter(t.ok && t.g > 1).select(t.g)) ==
              R"(SELECT "m"."g" FROM "m" WHERE "m"."ok" AND "m"."g" > ?)");

// ---- statements ----
static_assert(to_sql<D>(egret::insert_into(c).values(1, "Ann", std::nullopt)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, NULL))");
static_assert(to_sql<D>(egret::insert_into(c, c.customer_id, c.name).from(o.filter(o.order_id > 5).select(o.customer_id, o.status.as<"name">()))) ==
              R"(INSERT INTO "customers" ("customer_id", "name") SELECT "orders"."customer_id", "orders"."status" AS "name" FROM "orders" WHERE "orders"."order_id" > ?)");
static_assert(to_sql<D>(egret::update(p).set(p.amount, p.amount * 1.1).set(p.payment_method, "x").where(p.order_id == 3)) ==
              R"(UPDATE "payments" SET "amount" = "payments"."amount" * ?, "payment_method" = ? WHERE "payments"."order_id" = ?)");
static_assert(to_sql<D>(egret::delete_from(o).where(o.status == "x").where(o.order_id > 5)) ==
              R"(DELETE FROM "orders" WHERE "orders"."status" = ? AND "orders"."order_id" > ?)");
static_assert(to_sql<D>(egret::delete_from(o).all()) ==
              R"(DELETE FROM "orders")");
static_assert(to_sql<D>(egret::insert_into(c).values(1, "Ann", std::nullopt).values(2, str<"Bob">, lit<4>)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, NULL), (?, 'Bob', 4))");
static_assert(to_sql<D>(egret::insert_into(c, c.customer_id, c.name).rows(three)) ==
              R"(INSERT INTO "customers" ("customer_id", "name") VALUES (?, ?), (?, ?), (?, ?))");
static_assert(to_sql<D>(egret::update(o).set(o.note, c.name).from(c).where(o.customer_id == c.customer_id && c.age > 18)) ==
              R"(UPDATE "orders" SET "note" = "customers"."name" FROM "customers" WHERE "orders"."customer_id" = "customers"."customer_id" AND "customers"."age" > ?)");
static_assert(to_sql<D>(egret::update(o).set(o.note, str<"paid">).from(paid).where(o.order_id == paid["order_id"_c] && paid["total"_c] > 10.0)) ==
              R"(UPDATE "orders" SET "note" = 'paid' FROM (SELECT "payments"."order_id", SUM("payments"."amount") AS "total" FROM "payments" WHERE "payments"."amount" > ? GROUP BY "payments"."order_id") AS "t1" WHERE "orders"."order_id" = "t1"."order_id" AND "t1"."total" > ?)");
static_assert(to_sql<D>(egret::insert_into(c).values(1, "Ann", 30).on_conflict(c.customer_id).do_update(egret::set(c.age, egret::excluded(c.age) + c.age), egret::set(c.name, "x")).where(c.age < 100).returning(c.customer_id, (c.age * 2).as<"a2">())) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?) ON CONFLICT ("customer_id") DO UPDATE SET "age" = excluded."age" + "customers"."age", "name" = ? WHERE "customers"."age" < ? RETURNING "customers"."customer_id", "customers"."age" * ? AS "a2")");
static_assert(to_sql<D>(egret::insert_into(c, c.customer_id, c.name).from(o.select(o.customer_id, o.status.as<"name">())).on_conflict().do_nothing()) ==
              R"(INSERT INTO "customers" ("customer_id", "name") SELECT * FROM (SELECT "orders"."customer_id", "orders"."status" AS "name" FROM "orders") AS "src" WHERE TRUE ON CONFLICT DO NOTHING)");
static_assert(to_sql<D>(egret::update(o).set(o.note, c.name).from(c).where(o.customer_id == c.customer_id && c.age > 18).returning(o.order_id)) ==
              R"(UPDATE "orders" SET "note" = "customers"."name" FROM "customers" WHERE "orders"."customer_id" = "customers"."customer_id" AND "customers"."age" > ? RETURNING "orders"."order_id")");
static_assert(to_sql<D>(egret::delete_from(o).where(o.status == "x").returning(o.order_id, o.note)) ==
              R"(DELETE FROM "orders" WHERE "orders"."status" = ? RETURNING "orders"."order_id", "orders"."note")");

// ---- DDL from the schema ----
static_assert(egret::create_table_sql<D, orders>() ==
              R"(CREATE TABLE "orders" ("order_id" BIGINT NOT NULL, "customer_id" BIGINT NOT NULL, "order_date" DATE NOT NULL, "status" VARCHAR NOT NULL, "note" VARCHAR))");
static_assert(egret::create_table_sql<D, m>() ==
              R"(CREATE TABLE "m" ("g" BIGINT NOT NULL, "x" DOUBLE NOT NULL, "i" BIGINT NOT NULL, "s" VARCHAR NOT NULL, "ok" BOOLEAN NOT NULL, "o" DOUBLE))");
// capabilities: every feature egret knows
static_assert(egret::dialect::missing<D> == 0);
static_assert(egret::insert_sql<D, customers>() == R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?))");
}  // namespace

TEST_CASE("golden duckdb: the compile-time text is also the run-time text", "[golden][duckdb]") {
  auto q = o.filter(o.status == "shipped" && o.order_id > 10).select(o.order_id).order_by(o.order_id).limit(2, 4);
  CHECK(egret::render_sql<D>(q) == to_sql<D>(q));
}

TEST_CASE("golden duckdb: views inline captured values as escaped literals", "[golden][duckdb]") {
  auto q = o.filter(o.status == std::string("it's") && o.order_date > egret::date{2018, 1, 2} && o.order_id > 3)
               .select(o.order_id, (o.order_id * 2.5).as<"x">())
               .limit(5);
  CHECK(egret::render_sql_inline<D>(q) ==
        R"(SELECT "orders"."order_id", "orders"."order_id" * 2.5 AS "x" FROM "orders" WHERE "orders"."status" = 'it''s' AND "orders"."order_date" > DATE '2018-01-02' AND "orders"."order_id" > 3 LIMIT 5)");
}
