// Golden SQL of INSERT, UPDATE, DELETE, upsert, RETURNING and raw_query for the PostgreSQL dialect:
// placeholders are numbered in text order, across every clause ($1, $2...).
#include <catch2/catch.hpp>

#include <array>
#include <tuple>

#include "../golden/schema.hpp"

namespace {
using namespace golden;
using namespace egret::literals;
using egret::excluded;
using egret::insert_into;
using egret::set;
using egret::to_sql;
using D = egret::dialect::postgres;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};

// ---- INSERT ----
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", std::nullopt).values(2, egret::str<"Bob">, egret::lit<4>)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES ($1, $2, NULL), ($3, 'Bob', 4))");
constexpr std::array<std::tuple<int, char const*>, 3> three{{{1, "a"}, {2, "b"}, {3, "c"}}};
static_assert(to_sql<D>(insert_into(c, c.customer_id, c.name).rows(three)) ==
              R"(INSERT INTO "customers" ("customer_id", "name") VALUES ($1, $2), ($3, $4), ($5, $6))");
static_assert(to_sql<D>(insert_into(c, c.customer_id, c.name).from(o.filter(o.order_id > 5).select(o.customer_id, o.status.as<"name">()))) ==
              R"(INSERT INTO "customers" ("customer_id", "name") SELECT "orders"."customer_id", "orders"."status" AS "name" FROM "orders" WHERE "orders"."order_id" > $1)");

// ---- upsert and RETURNING: one numbering from VALUES through DO UPDATE, WHERE and RETURNING ----
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", 30)
                            .on_conflict(c.customer_id)
                            .do_update(set(c.age, excluded(c.age) + c.age), set(c.name, "x"))
                            .where(c.age < 100)
                            .returning(c.customer_id, (c.age * 2).as<"a2">())) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES ($1, $2, $3) ON CONFLICT ("customer_id") DO UPDATE SET "age" = excluded."age" + "customers"."age", "name" = $4 WHERE "customers"."age" < $5 RETURNING "customers"."customer_id", "customers"."age" * $6 AS "a2")");
static_assert(to_sql<D>(insert_into(c, c.customer_id, c.name).from(o.select(o.customer_id, o.status.as<"name">())).on_conflict().do_nothing()) ==
              R"(INSERT INTO "customers" ("customer_id", "name") SELECT * FROM (SELECT "orders"."customer_id", "orders"."status" AS "name" FROM "orders") AS "src" WHERE TRUE ON CONFLICT DO NOTHING)");

// ---- UPDATE ----
static_assert(to_sql<D>(egret::update(p).set(p.amount, p.amount * 1.1).set(p.payment_method, "x").where(p.order_id == 3)) ==
              R"(UPDATE "payments" SET "amount" = "payments"."amount" * $1, "payment_method" = $2 WHERE "payments"."order_id" = $3)");
static_assert(to_sql<D>(egret::update(o).set(o.note, c.name).from(c).where(o.customer_id == c.customer_id && c.age > 18).returning(o.order_id)) ==
              R"(UPDATE "orders" SET "note" = "customers"."name" FROM "customers" WHERE "orders"."customer_id" = "customers"."customer_id" AND "customers"."age" > $1 RETURNING "orders"."order_id")");
constexpr auto paid = p.filter(p.amount > 0.0).group_by(p.order_id).aggregate(p.amount.sum().as<"total">());
static_assert(to_sql<D>(egret::update(o).set(o.note, egret::str<"paid">).from(paid).where(o.order_id == paid["order_id"_c] && paid["total"_c] > 10.0)) ==
              R"(UPDATE "orders" SET "note" = 'paid' FROM (SELECT "payments"."order_id", SUM("payments"."amount") AS "total" FROM "payments" WHERE "payments"."amount" > $1 GROUP BY "payments"."order_id") AS "t1" WHERE "orders"."order_id" = "t1"."order_id" AND "t1"."total" > $2)");

// ---- DELETE ----
static_assert(to_sql<D>(egret::delete_from(o).where(o.status == "x").where(o.order_id > 5).returning(o.order_id, o.note)) ==
              R"(DELETE FROM "orders" WHERE "orders"."status" = $1 AND "orders"."order_id" > $2 RETURNING "orders"."order_id", "orders"."note")");
static_assert(to_sql<D>(egret::delete_from(o).all()) == R"(DELETE FROM "orders")");

// ---- raw_query: its ? become $n, numbered with the rest of the query ----
using raw = egret::raw_query<R"(SELECT id, name FROM t WHERE id > ? AND name <> '?' -- ?
  AND x = ?)", egret::out<"id", std::int64_t>, egret::out<"name", std::optional<std::string>>,
                             egret::raw_param<std::int64_t>, egret::raw_param<double>>;
constexpr raw r{};
static_assert(to_sql<D>(r) == R"(SELECT id, name FROM t WHERE id > $1 AND name <> '?' -- ?
  AND x = $2)");
static_assert(to_sql<D>(r.filter(r["id"_c] < egret::param<"max", std::int64_t>).select(r["name"_c])) ==
              R"(SELECT "t0"."name" FROM (SELECT id, name FROM t WHERE id > $1 AND name <> '?' -- ?
  AND x = $2) AS "t0" WHERE "t0"."id" < $3)");
}  // namespace

TEST_CASE("statement: golden PostgreSQL text is checked at compile time", "[statement][golden]") {
  auto const del = egret::delete_from(c).where(c.name == std::string("x")).returning(c.customer_id);
  CHECK(egret::render_sql<D>(del) == to_sql<D>(del));
  CHECK(egret::render_sql<D>(del) == R"(DELETE FROM "customers" WHERE "customers"."name" = $1 RETURNING "customers"."customer_id")");
}
