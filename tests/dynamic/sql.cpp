// The SQL dynamic queries render, for SQLite and PostgreSQL: optional filters, run-time sort keys, IN lists
// of run-time length, run-time select lists, static subqueries spliced as their compile-time text, and the
// values collected in text order. Also the checked name lookups and their errors.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include <egret/dynamic.hpp>

#include "golden/schema.hpp"

namespace {

using namespace egret::literals;
using egret::dialect::postgres;
using egret::dialect::sqlite;
using golden::customers;
using golden::orders;
using golden::payments;
namespace dyn = egret::dyn;

struct order_search {
  std::optional<std::string> status;
  std::optional<std::int64_t> min_customer;
  std::vector<std::string> any_status;
  bool newest_first = false;
};

// Filters and order chosen at run time; the select list stays static, so rows stay typed.
auto search(order_search const& s) {
  orders o;
  auto q = dyn::from(o).select(o.order_id, o.status);
  if (s.status) q.where(o.status == *s.status);
  if (s.min_customer) q.where(o.customer_id >= *s.min_customer);
  if (!s.any_status.empty()) q.where(dyn::isin(o.status, s.any_status));
  q.order_by(dyn::order(o.order_date, s.newest_first), o.order_id);
  return q;
}

}  // namespace

TEST_CASE("dynamic SQL: optional filters", "[dynamic][sql]") {
  CHECK(dyn::to_sql<sqlite>(search({})) ==
        R"(SELECT "orders"."order_id", "orders"."status" FROM "orders" ORDER BY "orders"."order_date", "orders"."order_id")");
  order_search all{"shipped", 10, {"a", "b"}, true};
  CHECK(dyn::to_sql<sqlite>(search(all)) ==
        R"(SELECT "orders"."order_id", "orders"."status" FROM "orders" WHERE "orders"."status" = ? AND )"
        R"("orders"."customer_id" >= ? AND "orders"."status" IN (?, ?) ORDER BY "orders"."order_date" DESC, "orders"."order_id")");
  auto const pg = dyn::render<postgres>(search(all));
  CHECK(pg.sql ==
        R"(SELECT "orders"."order_id", "orders"."status" FROM "orders" WHERE "orders"."status" = $1 AND )"
        R"("orders"."customer_id" >= $2 AND "orders"."status" IN ($3, $4) ORDER BY "orders"."order_date" DESC, "orders"."order_id")");
  REQUIRE(pg.values.size() == 4);
  CHECK(pg.values[0] == dyn::datum{std::string("shipped")});
  CHECK(pg.values[1] == dyn::datum{std::int64_t{10}});
  CHECK(pg.values[3] == dyn::datum{std::string("b")});
  CHECK(dyn::to_sql<sqlite>(search({std::nullopt, 3, {}, false})) ==
        R"(SELECT "orders"."order_id", "orders"."status" FROM "orders" WHERE "orders"."customer_id" >= ? )"
        R"(ORDER BY "orders"."order_date", "orders"."order_id")");
}

TEST_CASE("dynamic SQL: predicates combined at run time", "[dynamic][sql]") {
  orders o;
  dyn::expr<bool> p;  // empty: no condition
  CHECK(p.empty());
  CHECK(dyn::to_sql<sqlite>(dyn::from(o).where(p)) == R"(SELECT * FROM "orders")");
  p = p && (o.status == "open");
  p = p && (o.customer_id > 3);
  CHECK(dyn::to_sql<sqlite>(p) == R"("orders"."status" = ? AND "orders"."customer_id" > ?)");
  dyn::expr<bool> const either = p || (o.order_id == 1);  // an AND inside an OR needs no parentheses
  CHECK(dyn::to_sql<sqlite>(either) ==
        R"("orders"."status" = ? AND "orders"."customer_id" > ? OR "orders"."order_id" = ?)");
  dyn::expr<bool> const both = either && (o.order_id < 100);  // an OR inside an AND does
  CHECK(dyn::to_sql<postgres>(both) ==
        R"(("orders"."status" = $1 AND "orders"."customer_id" > $2 OR "orders"."order_id" = $3) AND "orders"."order_id" < $4)");
  // several where() calls are ANDed; a lone OR needs no parentheses, one among several does
  CHECK(dyn::to_sql<sqlite>(dyn::from(o).where(either)) ==
        R"(SELECT * FROM "orders" WHERE "orders"."status" = ? AND "orders"."customer_id" > ? OR "orders"."order_id" = ?)");
  CHECK(dyn::to_sql<sqlite>(dyn::from(o).where(either).where(o.note.is_null())) ==
        R"(SELECT * FROM "orders" WHERE ("orders"."status" = ? AND "orders"."customer_id" > ? OR "orders"."order_id" = ?))"
        R"( AND "orders"."note" IS NULL)");
  // static operators take dyn expressions: NOT, and a dyn::expr<double> in arithmetic
  CHECK(dyn::to_sql<sqlite>(dyn::expr<bool>(!either)) ==
        R"(NOT ("orders"."status" = ? AND "orders"."customer_id" > ? OR "orders"."order_id" = ?))");
  dyn::expr<std::int64_t> const sum = o.order_id + o.customer_id;
  CHECK(dyn::to_sql<sqlite>(dyn::expr<std::int64_t>(sum * 2)) ==
        R"(("orders"."order_id" + "orders"."customer_id") * ?)");
}

TEST_CASE("dynamic SQL: IN lists of run-time length", "[dynamic][sql]") {
  orders o;
  std::vector<std::int64_t> ids{4, 8, 15};
  CHECK(dyn::to_sql<sqlite>(dyn::isin(o.order_id, ids)) == R"("orders"."order_id" IN (?, ?, ?))");
  CHECK(dyn::to_sql<postgres>(dyn::isin(o.order_id, ids)) == R"("orders"."order_id" IN ($1, $2, $3))");
  auto const r = dyn::render<postgres>(dyn::from(o).where(dyn::isin(o.status, std::vector<std::string>{})));
  CHECK(r.sql == R"(SELECT * FROM "orders" WHERE 1 = 0)");
  CHECK(r.values.empty());
  // a NOT around an empty list is true
  CHECK(dyn::to_sql<sqlite>(dyn::expr<bool>(!dyn::isin(o.status, std::vector<std::string>{}))) == "NOT 1 = 0");
  // an INTEGER list for a BIGINT column is fine (comparable numbers)
  CHECK(dyn::to_sql<sqlite>(dyn::isin(o.customer_id, {1, 2})) == R"("orders"."customer_id" IN (?, ?))");
}

TEST_CASE("dynamic SQL: select lists chosen at run time", "[dynamic][sql]") {
  orders o;
  std::vector<dyn::column> cols;
  for (std::string const name : {"status", "order_id"}) cols.push_back(dyn::column_named<orders>(name));
  cols.push_back(dyn::as(o.customer_id * 10, "ten \"x\""));  // names are quoted, never spliced raw
  cols.push_back(o.order_date.as<"day">());
  auto q = dyn::from(o).select(cols).limit(5, 10).distinct();
  auto const r = dyn::render<sqlite>(q);
  CHECK(r.sql == R"(SELECT DISTINCT "orders"."status", "orders"."order_id", "orders"."customer_id" * ? AS "ten ""x""", )"
                 R"("orders"."order_date" AS "day" FROM "orders" LIMIT ? OFFSET ?)");
  REQUIRE(r.columns.size() == 4);
  CHECK(r.columns[0] == dyn::column_info{"status", dyn::sql_type_id::text, false});
  CHECK(r.columns[2] == dyn::column_info{"ten \"x\"", dyn::sql_type_id::bigint, false});
  CHECK(r.columns[3] == dyn::column_info{"day", dyn::sql_type_id::date, false});
  CHECK(r.values == std::vector<dyn::datum>{std::int32_t{10}, std::int64_t{5}, std::int64_t{10}});

  // group_by and aggregates chosen at run time
  payments p;
  auto g = dyn::from(p).group_by(p.payment_method);
  g.where(p.amount > 0.0);
  auto agg = g.aggregate(egret::count().as<"n">(), dyn::as(p.amount.sum(), "total"));
  agg.having(egret::count() > 1).order_by(dyn::desc(dyn::column(egret::count().as<"n">())));
  CHECK(dyn::to_sql<postgres>(agg) ==
        R"(SELECT "payments"."payment_method", COUNT(*) AS "n", SUM("payments"."amount") AS "total" FROM "payments" )"
        R"(WHERE "payments"."amount" > $1 GROUP BY "payments"."payment_method" HAVING COUNT(*) > $2 ORDER BY COUNT(*) DESC)");
}

TEST_CASE("dynamic SQL: sort keys", "[dynamic][sql]") {
  orders o;
  std::vector<dyn::sort_key> keys{dyn::desc(o.customer_id), egret::asc(o.note).nulls_last()};
  auto q = dyn::from(o).select(o.order_id);
  q.order_by(keys).order_by(dyn::order(o.order_id, false));
  CHECK(dyn::to_sql<sqlite>(q) == R"(SELECT "orders"."order_id" FROM "orders" ORDER BY "orders"."customer_id" DESC, )"
                                  R"("orders"."note" NULLS LAST, "orders"."order_id")");
  CHECK(dyn::to_sql<egret::dialect::postgres>(q).ends_with(R"("orders"."note" NULLS LAST, "orders"."order_id")"));
  // a dynamic subquery as the FROM item
  payments p;
  auto const totals = dyn::from(p).group_by(p.order_id).aggregate(dyn::as(p.amount.sum(), "total")).as("totals");
  auto outer = dyn::from(totals).select(std::vector<dyn::column>{totals[p.order_id]});
  outer.where(totals.col<double>("total") > 10.0).order_by(dyn::desc(totals.col<double>("total")));
  CHECK(dyn::to_sql<postgres>(outer) ==
        R"(SELECT "totals"."order_id" FROM (SELECT "payments"."order_id", SUM("payments"."amount") AS "total" FROM )"
        R"("payments" GROUP BY "payments"."order_id") AS "totals" WHERE "totals"."total" > $1 ORDER BY "totals"."total" DESC)");
}

TEST_CASE("dynamic SQL: static parts stay compile-time text", "[dynamic][sql]") {
  orders o;
  customers c;
  auto const adults = c.filter(c.age >= 18).select(c.customer_id, c.name);  // a static query
  auto q = dyn::from(adults);
  q.where(adults["name"_c] == std::string("Ann"));
  // the FROM subquery is the static query's own compile-time text: the same object
  CHECK(q.from_sql<sqlite>().data() == egret::to_sql<sqlite>(adults).data());
  CHECK(q.from_sql<postgres>().data() == egret::to_sql<postgres>(adults).data());
  auto const r = dyn::render<sqlite>(q);
  CHECK(r.sql == "SELECT * FROM (" + std::string(egret::to_sql<sqlite>(adults)) +
                     R"() AS "t0" WHERE "t0"."name" = ?)");
  CHECK(r.values == std::vector<dyn::datum>{std::int32_t{18}, std::string("Ann")});  // text order
  // PostgreSQL: no value before the subquery, its $1 stands
  CHECK(dyn::to_sql<postgres>(q) == "SELECT * FROM (" + std::string(egret::to_sql<postgres>(adults)) +
                                        R"() AS "t0" WHERE "t0"."name" = $2)");
  // with a value before it, the same render code numbers it at run time
  auto const sel = dyn::from(adults).select(dyn::as(adults["customer_id"_c] + 1, "next"));
  CHECK(dyn::to_sql<postgres>(sel) ==
        R"(SELECT "t0"."customer_id" + $1 AS "next" FROM (SELECT "customers"."customer_id", "customers"."name" FROM )"
        R"("customers" WHERE "customers"."age" >= $2) AS "t0")");
  // a table, a static join: their text is a constant too
  CHECK(dyn::from(o).from_sql<sqlite>() == R"("orders")");
  payments p;
  auto const j = dyn::from(o.join(p, o.order_id == p.order_id));
  CHECK(j.from_sql<sqlite>() == R"("orders" INNER JOIN "payments" ON "orders"."order_id" = "payments"."order_id")");
  // a join added at run time has a run-time condition: rendered at run time, same rules
  auto const dj = dyn::from(o).left_join(p, o.order_id == p.order_id && dyn::isin(p.payment_method, {"coupon"}));
  CHECK(dj.from_sql<sqlite>().empty());
  CHECK(dyn::to_sql<sqlite>(dj.select(o.order_id, p.amount)) ==
        R"(SELECT "orders"."order_id", "payments"."amount" FROM "orders" LEFT JOIN "payments" ON )"
        R"("orders"."order_id" = "payments"."order_id" AND "payments"."payment_method" IN (?))");
}

TEST_CASE("dynamic SQL: checked name lookup", "[dynamic][sql]") {
  orders o;
  CHECK(dyn::column_named<orders>("status").type() == dyn::sql_type_id::text);
  CHECK(dyn::column_named<orders>("note").nullable());
  CHECK_THROWS_WITH(dyn::column_named<orders>("sttaus"),
                    R"(egret: no column "sttaus" in table orders (columns: order_id, customer_id, order_date, status, note))");
  CHECK_THROWS_AS(dyn::column_named<orders>("sttaus"), egret::error);
  // typed lookup: the type is checked too
  auto const status = dyn::column_named<orders, std::string>("status");
  CHECK(dyn::to_sql<sqlite>(dyn::expr<bool>(status == "x")) == R"("orders"."status" = ?)");
  CHECK_THROWS_WITH((dyn::column_named<orders, std::int64_t>("status")),
                    "egret: column \"status\" of table orders is TEXT, not BIGINT");
  // in a static query's columns
  auto const s = o.select(o.order_id, (o.customer_id * 2).as<"twice">());
  CHECK(dyn::to_sql<sqlite>(dyn::from(s).select(std::vector{dyn::column_named(s, "twice")})) ==
        R"(SELECT "t0"."twice" FROM (SELECT "orders"."order_id", "orders"."customer_id" * ? AS "twice" FROM "orders") AS "t0")");
  CHECK_THROWS_WITH(dyn::column_named(s, "thrice"),
                    R"(egret: no column "thrice" in the relation (columns: order_id, twice))");
  // a dynamic subquery's columns
  payments p;
  auto const sub = dyn::from(p).group_by(p.order_id).aggregate(dyn::as(p.amount.sum(), "total")).as("t");
  CHECK(dyn::to_sql<sqlite>(dyn::expr<bool>(sub.col<double>("total") > 1.0)) == R"("t"."total" > ?)");
  CHECK_THROWS_WITH(sub.col<double>("totl"), R"(egret: no column "totl" in subquery "t" (columns: order_id, total))");
  CHECK_THROWS_WITH(sub.col<std::string>("total"), R"(egret: column "total" of subquery "t" is DOUBLE, not TEXT)");
  CHECK_THROWS_WITH(sub[p.payment_method], R"(egret: no column "payment_method" in subquery "t" (columns: order_id, total))");
}

TEST_CASE("dynamic SQL: columns outside the FROM are refused when rendered", "[dynamic][sql]") {
  orders o;
  payments p;
  dyn::expr<bool> const foreign = p.amount > 1.0;  // built apart from any query
  auto q = dyn::from(o);
  q.where(foreign);
  CHECK_THROWS_WITH(dyn::to_sql<sqlite>(q),
                    "egret: dynamic query: a column of table \"payments\" is used, but it is not in the query's FROM; "
                    "join it first");
  dyn::expr<bool> empty;
  CHECK_THROWS_WITH(dyn::to_sql<sqlite>(empty), Catch::Contains("empty dyn::expr"));
}
