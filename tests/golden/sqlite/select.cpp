// Golden SQL for the SQLite dialect: each static_assert is checked by the compiler.
#include <catch2/catch.hpp>

#include "../schema.hpp"

namespace {
using namespace golden;
using namespace egret::literals;
using egret::to_sql;
using D = egret::dialect::sqlite;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};

// table, select, aliases
static_assert(to_sql<D>(o) == R"(SELECT * FROM "orders")");
static_assert(to_sql<D>(o.select(o.order_id, o.status.as<"s">())) ==
              R"(SELECT "orders"."order_id", "orders"."status" AS "s" FROM "orders")");
// filters AND-ed, runtime values bound, literals inlined and escaped
static_assert(to_sql<D>(o.filter(o.status == "shipped").filter(o.order_id > 10)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."status" = ? AND "orders"."order_id" > ?)");
static_assert(to_sql<D>(o.filter(o.status == egret::str<"it's">)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."status" = 'it''s')");
static_assert(to_sql<D>(o.filter(o.order_id == egret::lit<7> || o.order_id == egret::lit<8>)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."order_id" = 7 OR "orders"."order_id" = 8)");
// OR inside AND keeps its parentheses; arithmetic precedence
static_assert(to_sql<D>(o.filter((o.order_id == 1 || o.order_id == 2) && o.status != "x")) ==
              R"(SELECT * FROM "orders" WHERE ("orders"."order_id" = ? OR "orders"."order_id" = ?) AND "orders"."status" <> ?)");
static_assert(to_sql<D>(p.select(((p.amount + 1) * 2 - p.amount / 4).as<"x">())) ==
              R"(SELECT ("payments"."amount" + ?) * ? - "payments"."amount" / ? AS "x" FROM "payments")");
static_assert(to_sql<D>(p.select((p.amount - (p.amount - 1)).as<"x">())) ==
              R"(SELECT "payments"."amount" - ("payments"."amount" - ?) AS "x" FROM "payments")");
// null handling, conditionals, cast, predicates
static_assert(to_sql<D>(o.filter(o.note.is_null() || !o.note.like("%gift%"))) ==
              R"(SELECT * FROM "orders" WHERE "orders"."note" IS NULL OR NOT "orders"."note" LIKE ?)");
static_assert(to_sql<D>(o.select(egret::coalesce(o.note, egret::str<"-">).as<"n">())) ==
              R"(SELECT COALESCE("orders"."note", '-') AS "n" FROM "orders")");
static_assert(to_sql<D>(o.select(egret::if_else(o.order_id > 5, egret::str<"big">, egret::str<"small">).as<"size">())) ==
              R"(SELECT CASE WHEN "orders"."order_id" > ? THEN 'big' ELSE 'small' END AS "size" FROM "orders")");
static_assert(to_sql<D>(o.select(egret::cases(egret::when(o.order_id < 5, egret::lit<1>),
                                              egret::when(o.order_id < 10, egret::lit<2>))
                                     .as<"bucket">())) ==
              R"(SELECT CASE WHEN "orders"."order_id" < ? THEN 1 WHEN "orders"."order_id" < ? THEN 2 END AS "bucket" FROM "orders")");
static_assert(to_sql<D>(p.select(p.amount.cast<std::int64_t>().as<"a">())) ==
              R"(SELECT CAST("payments"."amount" AS INTEGER) AS "a" FROM "payments")");
static_assert(to_sql<D>(o.filter(o.status.isin(egret::str<"placed">, egret::str<"shipped">) && o.order_id.between(1, 9))) ==
              R"(SELECT * FROM "orders" WHERE "orders"."status" IN ('placed', 'shipped') AND "orders"."order_id" BETWEEN ? AND ?)");
static_assert(to_sql<D>(c.select((c.name + egret::str<"!">).as<"shout">())) ==
              R"(SELECT "customers"."name" || '!' AS "shout" FROM "customers")");
// aggregates, FILTER, GROUP BY, HAVING
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(
                  p.amount.sum(egret::where(p.payment_method == egret::str<"coupon">)).as<"coupon">(),
                  egret::count().as<"n">(), p.payment_method.count_distinct().as<"methods">())) ==
              R"(SELECT "payments"."order_id", SUM("payments"."amount") FILTER (WHERE "payments"."payment_method" = 'coupon') AS "coupon", COUNT(*) AS "n", COUNT(DISTINCT "payments"."payment_method") AS "methods" FROM "payments" GROUP BY "payments"."order_id")");
static_assert(to_sql<D>(o.group_by(o.customer_id).aggregate(egret::count().as<"n">()).having(egret::count() > 1)) ==
              R"(SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id" HAVING COUNT(*) > ?)");
static_assert(to_sql<D>(p.aggregate(p.amount.mean().as<"avg">(), p.amount.min().as<"lo">(), p.amount.max().as<"hi">())) ==
              R"(SELECT AVG("payments"."amount") AS "avg", MIN("payments"."amount") AS "lo", MAX("payments"."amount") AS "hi" FROM "payments")");
// ORDER BY (input and output columns), LIMIT / OFFSET, DISTINCT
static_assert(to_sql<D>(o.select(o.customer_id).distinct().order_by(o.customer_id.desc()).limit(5, 10)) ==
              R"(SELECT DISTINCT "orders"."customer_id" FROM "orders" ORDER BY "orders"."customer_id" DESC LIMIT ? OFFSET ?)");
constexpr auto by_customer = o.group_by(o.customer_id).aggregate(egret::count().as<"n">());
static_assert(to_sql<D>(by_customer.order_by(by_customer["n"_c].desc(), o.customer_id)) ==
              R"(SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id" ORDER BY "n" DESC, "orders"."customer_id")");
// joins, derived relations, subqueries, mutate
static_assert(to_sql<D>(o.join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" INNER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(by_customer.filter(by_customer["n"_c] > 2)) ==
              R"(SELECT * FROM (SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id") AS "t0" WHERE "t0"."n" > ?)");
static_assert(to_sql<D>(c.left_join(by_customer.as<"bc">(), c.customer_id == by_customer["customer_id"_c])
                            .select(c.name, by_customer["n"_c])) ==
              R"(SELECT "customers"."name", "bc"."n" FROM "customers" LEFT JOIN (SELECT "orders"."customer_id", COUNT(*) AS "n" FROM "orders" GROUP BY "orders"."customer_id") AS "bc" ON "customers"."customer_id" = "bc"."customer_id")");
static_assert(to_sql<D>(c.mutate((c.customer_id * 10).as<"x">(), c.name.as<"name">())) ==
              R"(SELECT "customers"."customer_id", "customers"."age", "customers"."customer_id" * ? AS "x", "customers"."name" FROM "customers")");
constexpr auto first3 = o.select(o.order_id).limit(3);
static_assert(to_sql<D>(first3.filter(first3["order_id"_c] > 1)) ==
              R"(SELECT * FROM (SELECT "orders"."order_id" FROM "orders" LIMIT ?) AS "t0" WHERE "t0"."order_id" > ?)");
// param<> placeholders
static_assert(to_sql<D>(o.filter(o.order_id == egret::param<"id", std::int64_t>)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."order_id" = ?)");
// DDL from the schema
static_assert(egret::create_table_sql<D, customers>() ==
              R"(CREATE TABLE "customers" ("customer_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "age" INTEGER))");
static_assert(egret::insert_sql<D, customers>() == R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?))");
// FILTER emulated with CASE for SQLite before 3.30
static_assert(to_sql<egret::dialect::sqlite_v<3'029'000>>(p.aggregate(p.amount.sum(egret::where(p.amount > 1)).as<"s">())) ==
              R"(SELECT SUM(CASE WHEN "payments"."amount" > ? THEN "payments"."amount" END) AS "s" FROM "payments")");
static_assert(to_sql<egret::dialect::sqlite_v<3'029'000>>(p.aggregate(egret::count(egret::where(p.amount > 1)).as<"n">())) ==
              R"(SELECT COUNT(CASE WHEN "payments"."amount" > ? THEN 1 END) AS "n" FROM "payments")");
}  // namespace

TEST_CASE("golden sqlite: the compile-time text is also the run-time text", "[golden][sqlite]") {
  auto q = o.filter(o.status == "shipped" && o.order_id > 10).select(o.order_id).order_by(o.order_id).limit(2);
  std::string const runtime = egret::render_sql<D>(q);
  CHECK(runtime == to_sql<D>(q));
  CHECK(egret::placeholder_count_v<D, decltype(q)> == 3);
}

TEST_CASE("golden sqlite: identifiers with quotes are escaped by doubling", "[golden][sqlite]") {
  std::string out;
  egret::render::string_writer w{out};
  D::quote_identifier<D>(w, R"(we"ird)");
  CHECK(out == R"("we""ird")");
}
