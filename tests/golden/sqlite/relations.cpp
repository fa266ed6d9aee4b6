// Golden SQL for the relational vocabulary beyond one SELECT: joins of every kind, self-joins,
// subqueries (scalar, IN, EXISTS, correlated), semi/anti joins, set operations, CTEs, VALUES,
// drop/rename/relocate, DISTINCT on columns, NULLS FIRST/LAST. Each static_assert is checked by the compiler.
#include <catch2/catch.hpp>

#include "../schema.hpp"

// Tables declared outside the anonymous namespace: one used only as a type would leave its name unused.
namespace golden_rel {
EGRET_TABLE(cnt, (n, std::int64_t));
EGRET_TABLE(lookup, (code, std::string), (label, std::optional<std::string>));
}  // namespace golden_rel

namespace {
using namespace golden;
using namespace egret::literals;
using egret::to_sql;
using D = egret::dialect::sqlite;
using PG = egret::dialect::postgres;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};
constexpr auto p2 = p.as<"p2">();
constexpr auto o2 = o.as<"o2">();

constexpr golden_rel::cnt k{};
using golden_rel::cnt;
using golden_rel::lookup;

// --- joins: kinds, self-join through an alias, several keys, arbitrary predicates ---
static_assert(to_sql<D>(o.right_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" RIGHT JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(o.outer_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" FULL OUTER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id")");
static_assert(to_sql<D>(o.cross_join(c).select(o.order_id, c.name)) ==
              R"(SELECT "orders"."order_id", "customers"."name" FROM "orders" CROSS JOIN "customers")");
static_assert(to_sql<D>(o.join(o2, o.customer_id == o2.customer_id && o.order_id < o2.order_id)
                            .select(o.order_id, o2.order_id.as<"later">())) ==
              R"(SELECT "orders"."order_id", "o2"."order_id" AS "later" FROM "orders" INNER JOIN "orders" AS "o2" ON "orders"."customer_id" = "o2"."customer_id" AND "orders"."order_id" < "o2"."order_id")");
// the optional side of an outer join is nullable; RIGHT makes the left side nullable
static_assert(egret::nullable_v<egret::at_t<0, egret::columns_of_t<decltype(o.right_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name))>>>);
static_assert(!egret::nullable_v<egret::at_t<1, egret::columns_of_t<decltype(o.right_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name))>>>);
static_assert(egret::nullable_v<egret::at_t<1, egret::columns_of_t<decltype(o.outer_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name))>>>);

// --- semi / anti joins render as EXISTS ---
static_assert(to_sql<D>(o.semi_join(p, p.order_id == o.order_id && p.amount > 10)) ==
              R"(SELECT * FROM "orders" WHERE EXISTS (SELECT 1 FROM "payments" WHERE "payments"."order_id" = "orders"."order_id" AND "payments"."amount" > ?))");
static_assert(to_sql<D>(o.anti_join(p, p.order_id == o.order_id).select(o.order_id)) ==
              R"(SELECT "orders"."order_id" FROM "orders" WHERE NOT EXISTS (SELECT 1 FROM "payments" WHERE "payments"."order_id" = "orders"."order_id"))");

// --- subqueries ---
static_assert(to_sql<D>(o.filter(egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM "orders" WHERE EXISTS (SELECT * FROM "payments" WHERE "payments"."order_id" = "orders"."order_id"))");
static_assert(to_sql<D>(o.filter(!egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM "orders" WHERE NOT EXISTS (SELECT * FROM "payments" WHERE "payments"."order_id" = "orders"."order_id"))");
static_assert(to_sql<D>(o.filter(o.order_id.isin(p.filter(p.amount > 10).select(p.order_id)))) ==
              R"(SELECT * FROM "orders" WHERE "orders"."order_id" IN (SELECT "payments"."order_id" FROM "payments" WHERE "payments"."amount" > ?))");
static_assert(to_sql<D>(p.filter(p.amount > egret::scalar(p2.aggregate(p2.amount.mean().as<"m">())))) ==
              R"(SELECT * FROM "payments" WHERE "payments"."amount" > (SELECT AVG("p2"."amount") AS "m" FROM "payments" AS "p2"))");
// correlated scalar subquery in a select list
static_assert(to_sql<D>(p.select(p.payment_id, egret::scalar(p2.filter(p2.order_id == egret::outer(p.order_id))
                                                                 .aggregate(egret::count().as<"n">()))
                                                   .as<"n">())) ==
              R"(SELECT "payments"."payment_id", (SELECT COUNT(*) AS "n" FROM "payments" AS "p2" WHERE "p2"."order_id" = "payments"."order_id") AS "n" FROM "payments")");
// a derived table inside a subquery gets an alias that cannot shadow the outer query's
constexpr auto paid = p.filter(p.amount > 1).select(p.order_id);
static_assert(to_sql<D>(o.filter(egret::exists(paid.filter(paid["order_id"_c] == egret::outer(o.order_id))))) ==
              R"(SELECT * FROM "orders" WHERE EXISTS (SELECT * FROM (SELECT "payments"."order_id" FROM "payments" WHERE "payments"."amount" > ?) AS "t1_0" WHERE "t1_0"."order_id" = "orders"."order_id"))");
// the enclosing columns a subquery uses are checked in the enclosing scope, like any column
static_assert(std::is_same_v<decltype(egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))::operands,
                             egret::type_list<decltype(o.order_id)>>);

// --- set operations ---
static_assert(to_sql<D>(o.select(o.order_id).union_all(p.select(p.order_id))) ==
              R"(SELECT "orders"."order_id" FROM "orders" UNION ALL SELECT "payments"."order_id" FROM "payments")");
static_assert(to_sql<D>(o.select(o.customer_id).union_distinct(c.select(c.customer_id)).union_distinct(c.select(c.customer_id))) ==
              R"(SELECT "orders"."customer_id" FROM "orders" UNION SELECT "customers"."customer_id" FROM "customers" UNION SELECT "customers"."customer_id" FROM "customers")");
static_assert(to_sql<D>(o.select(o.customer_id).intersect(c.select(c.customer_id))) ==
              R"(SELECT "orders"."customer_id" FROM "orders" INTERSECT SELECT "customers"."customer_id" FROM "customers")");
// another kind nested, or ORDER BY / LIMIT in an operand, becomes a subquery; clauses after wrap the whole
constexpr auto u = o.select(o.order_id).union_all(p.select(p.order_id)).difference(c.select(c.customer_id));
static_assert(to_sql<D>(u.order_by(egret::desc(u["order_id"_c])).limit(5)) ==
              R"(SELECT * FROM (SELECT * FROM (SELECT "orders"."order_id" FROM "orders" UNION ALL SELECT "payments"."order_id" FROM "payments") AS "u1" EXCEPT SELECT "customers"."customer_id" FROM "customers") AS "t0" ORDER BY "t0"."order_id" DESC LIMIT ?)");
static_assert(to_sql<D>(o.select(o.order_id).order_by(o.order_id).limit(2).union_all(p.select(p.order_id))) ==
              R"(SELECT * FROM (SELECT "orders"."order_id" FROM "orders" ORDER BY "orders"."order_id" LIMIT ?) AS "u0" UNION ALL SELECT "payments"."order_id" FROM "payments")");

// --- CTEs, recursive CTEs, VALUES ---
constexpr auto big = egret::cte<"big">(p.filter(p.amount > 10));
static_assert(to_sql<D>(egret::with(big).query(o.join(big, big["order_id"_c] == o.order_id).select(o.order_id, big["amount"_c]))) ==
              R"(WITH "big" AS (SELECT * FROM "payments" WHERE "payments"."amount" > ?) SELECT "orders"."order_id", "big"."amount" FROM "orders" INNER JOIN "big" ON "big"."order_id" = "orders"."order_id")");
static_assert(to_sql<D>(egret::with_recursive(egret::cte<cnt>(egret::values<cnt>(std::tuple{1}).union_all(
                                                  k.filter(k.n < 10).select((k.n + 1).as<"n">()))))
                            .query(k.aggregate(k.n.sum().as<"s">()))) ==
              R"(WITH RECURSIVE "cnt"("n") AS (SELECT ? AS "n" UNION ALL SELECT "cnt"."n" + ? AS "n" FROM "cnt" WHERE "cnt"."n" < ?) SELECT SUM("cnt"."n") AS "s" FROM "cnt")");
constexpr auto lk = egret::values<lookup>(std::tuple{"a", std::optional<std::string_view>("Alpha")},
                                          std::tuple{"b", std::optional<std::string_view>()});
static_assert(to_sql<D>(lk) == R"(SELECT ? AS "code", ? AS "label" UNION ALL SELECT ?, ?)");
static_assert(to_sql<D>(o.left_join(lk, lk["code"_c] == o.status).select(o.order_id, lk["label"_c])) ==
              R"(SELECT "orders"."order_id", "t1"."label" FROM "orders" LEFT JOIN (SELECT ? AS "code", ? AS "label" UNION ALL SELECT ?, ?) AS "t1" ON "t1"."code" = "orders"."status")");

// --- reshaping projections, DISTINCT on columns, NULLS FIRST/LAST ---
static_assert(to_sql<D>(o.drop(o.note, o.order_date)) ==
              R"(SELECT "orders"."order_id", "orders"."customer_id", "orders"."status" FROM "orders")");
static_assert(to_sql<D>(c.rename(c.name.as<"customer_name">())) ==
              R"(SELECT "customers"."customer_id", "customers"."name" AS "customer_name", "customers"."age" FROM "customers")");
static_assert(to_sql<D>(c.relocate(c.age)) ==
              R"(SELECT "customers"."age", "customers"."customer_id", "customers"."name" FROM "customers")");
static_assert(to_sql<D>(o.distinct(o.status, o.customer_id)) ==
              R"(SELECT DISTINCT "orders"."status", "orders"."customer_id" FROM "orders")");
static_assert(to_sql<D>(o.order_by(o.note.desc().nulls_last(), egret::asc(o.order_id).nulls_first())) ==
              R"(SELECT * FROM "orders" ORDER BY "orders"."note" DESC NULLS LAST, "orders"."order_id" NULLS FIRST)");
// an engine without NULLS FIRST/LAST sorts on IS NULL first
static_assert(to_sql<egret::dialect::sqlite_v<3'020'000>>(o.order_by(o.note.desc().nulls_last())) ==
              R"(SELECT * FROM "orders" ORDER BY "orders"."note" IS NULL, "orders"."note" DESC)");

// --- PostgreSQL spelling of the same constructs ---
static_assert(to_sql<PG>(o.filter(o.order_id.isin(p.filter(p.amount > 10).select(p.order_id))).limit(3)) ==
              R"(SELECT * FROM "orders" WHERE "orders"."order_id" IN (SELECT "payments"."order_id" FROM "payments" WHERE "payments"."amount" > $1) LIMIT $2)");
static_assert(to_sql<PG>(lk) == R"(SELECT $1 AS "code", $2 AS "label" UNION ALL SELECT $3, $4)");
}  // namespace

TEST_CASE("golden: relational vocabulary renders as expected (checked at compile time)", "[golden][relation]") {
  SUCCEED("the static_asserts above are the test");
}
