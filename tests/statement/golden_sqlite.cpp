// Golden SQL of INSERT, UPDATE, DELETE, upsert, RETURNING and raw_query for the SQLite dialect: each
// static_assert is checked by the compiler.
#include <catch2/catch.hpp>

#include <array>
#include <tuple>

#include <egret/relation/subquery.hpp>

#include "../golden/schema.hpp"

namespace {
using namespace golden;
using namespace egret::literals;
using egret::excluded;
using egret::insert_into;
using egret::set;
using egret::to_sql;
using D = egret::dialect::sqlite;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};

// ---- INSERT ----
// every column, one row; values bound, NULL and constants inlined
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", 30)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?))");
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", std::nullopt).values(2, egret::str<"Bo'b">, egret::lit<4>)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, NULL), (?, 'Bo''b', 4))");
// a subset of the columns (the others are nullable), several rows
static_assert(to_sql<D>(insert_into(c, c.name, c.customer_id).rows(std::tuple{"a", 1}, std::tuple{"b", 2})) ==
              R"(INSERT INTO "customers" ("name", "customer_id") VALUES (?, ?), (?, ?))");
constexpr std::array<std::tuple<int, char const*>, 3> three{{{1, "a"}, {2, "b"}, {3, "c"}}};
static_assert(to_sql<D>(insert_into(c, c.customer_id, c.name).rows(three)) ==
              R"(INSERT INTO "customers" ("customer_id", "name") VALUES (?, ?), (?, ?), (?, ?))");
static_assert(decltype(insert_into(c, c.customer_id, c.name).rows(three).values(4, "d"))::source_type::row_count == 4);
// param<> placeholders
static_assert(to_sql<D>(insert_into(c).values(egret::param<"id", std::int64_t>, egret::param<"name", std::string>,
                                               egret::param<"age", std::optional<std::int32_t>>)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?))");
// from a query whose columns match by name, type and nullability
static_assert(to_sql<D>(insert_into(c, c.customer_id, c.name).from(o.select(o.customer_id, o.status.as<"name">()))) ==
              R"(INSERT INTO "customers" ("customer_id", "name") SELECT "orders"."customer_id", "orders"."status" AS "name" FROM "orders")");

// ---- upsert ----
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", 30).on_conflict(c.customer_id).do_nothing()) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?) ON CONFLICT ("customer_id") DO NOTHING)");
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", 30).on_conflict().do_nothing()) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?) ON CONFLICT DO NOTHING)");
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", 30)
                            .on_conflict(c.customer_id)
                            .do_update(set(c.age, excluded(c.age) + c.age), set(c.name, "x"))
                            .where(c.age < 100)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?) ON CONFLICT ("customer_id") DO UPDATE SET "age" = excluded."age" + "customers"."age", "name" = ? WHERE "customers"."age" < ?)");
// INSERT ... SELECT before ON CONFLICT: wrapped so that SQLite cannot read ON as a join's
static_assert(to_sql<D>(insert_into(c, c.customer_id, c.name)
                            .from(o.select(o.customer_id, o.status.as<"name">()))
                            .on_conflict(c.customer_id)
                            .do_update(set(c.name, excluded(c.name)))) ==
              R"(INSERT INTO "customers" ("customer_id", "name") SELECT * FROM (SELECT "orders"."customer_id", "orders"."status" AS "name" FROM "orders") AS "src" WHERE TRUE ON CONFLICT ("customer_id") DO UPDATE SET "name" = excluded."name")");

// ---- RETURNING ----
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", 30).returning(c.customer_id, (c.age * 2).as<"a2">())) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?) RETURNING "customers"."customer_id", "customers"."age" * ? AS "a2")");
static_assert(to_sql<D>(insert_into(c).values(1, "Ann", 30).returning(c)) ==
              R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?) RETURNING "customers"."customer_id", "customers"."name", "customers"."age")");
// a column named as itself keeps its name without AS
static_assert(to_sql<D>(egret::delete_from(c).all().returning(c.name.as<"name">(), c.name.as<"n">())) ==
              R"(DELETE FROM "customers" RETURNING "customers"."name", "customers"."name" AS "n")");

// ---- UPDATE ----
static_assert(to_sql<D>(egret::update(p).set(p.amount, p.amount * 1.1).set(p.payment_method, "x").where(p.order_id == 3)) ==
              R"(UPDATE "payments" SET "amount" = "payments"."amount" * ?, "payment_method" = ? WHERE "payments"."order_id" = ?)");
static_assert(to_sql<D>(egret::update(c).set(set(c.age, std::nullopt), set(c.name, c.name + egret::str<"!">)).all()) ==
              R"(UPDATE "customers" SET "age" = NULL, "name" = "customers"."name" || '!')");
// where() twice ANDs; an OR keeps its parentheses
static_assert(to_sql<D>(egret::update(o).set(o.note, egret::str<"x">).where(o.order_id == 1 || o.order_id == 2).where(o.note.is_null())) ==
              R"(UPDATE "orders" SET "note" = 'x' WHERE ("orders"."order_id" = ? OR "orders"."order_id" = ?) AND "orders"."note" IS NULL)");
// UPDATE ... FROM a table, and FROM a query (a subquery aliased by its position)
static_assert(to_sql<D>(egret::update(o).set(o.note, c.name).from(c).where(o.customer_id == c.customer_id).returning(o.order_id)) ==
              R"(UPDATE "orders" SET "note" = "customers"."name" FROM "customers" WHERE "orders"."customer_id" = "customers"."customer_id" RETURNING "orders"."order_id")");
constexpr auto paid = p.group_by(p.order_id).aggregate(p.amount.sum().as<"total">());
static_assert(to_sql<D>(egret::update(o).set(o.note, egret::str<"paid">).from(paid).where(o.order_id == paid["order_id"_c] && paid["total"_c] > 10.0)) ==
              R"(UPDATE "orders" SET "note" = 'paid' FROM (SELECT "payments"."order_id", SUM("payments"."amount") AS "total" FROM "payments" GROUP BY "payments"."order_id") AS "t1" WHERE "orders"."order_id" = "t1"."order_id" AND "t1"."total" > ?)");

// ---- DELETE ----
static_assert(to_sql<D>(egret::delete_from(o).where(o.status == "x").returning(o.order_id, o.note)) ==
              R"(DELETE FROM "orders" WHERE "orders"."status" = ? RETURNING "orders"."order_id", "orders"."note")");
static_assert(to_sql<D>(egret::delete_from(o).all()) == R"(DELETE FROM "orders")");

// ---- subqueries in WHERE and SET, correlated with the target table ----
static_assert(to_sql<D>(egret::delete_from(o).where(!egret::exists(p.filter(p.order_id == egret::outer(o.order_id))))) ==
              R"(DELETE FROM "orders" WHERE NOT EXISTS (SELECT * FROM "payments" WHERE "payments"."order_id" = "orders"."order_id"))");
static_assert(to_sql<D>(egret::update(o).set(o.note, egret::str<"senior">).where(o.customer_id.isin(c.filter(c.age > 65).select(c.customer_id)))) ==
              R"(UPDATE "orders" SET "note" = 'senior' WHERE "orders"."customer_id" IN (SELECT "customers"."customer_id" FROM "customers" WHERE "customers"."age" > ?))");
static_assert(to_sql<D>(egret::update(c)
                            .set(c.age, egret::scalar(o.filter(o.customer_id == egret::outer(c.customer_id))
                                                          .aggregate(egret::count().cast<std::int32_t>().as<"n">())))
                            .where(c.customer_id == 1)) ==
              R"(UPDATE "customers" SET "age" = (SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "orders" WHERE "orders"."customer_id" = "customers"."customer_id") WHERE "customers"."customer_id" = ?)");

// ---- result columns and parameters ----
using ret = decltype(insert_into(c).values(1, "Ann", 30).returning(c.customer_id, (c.age * 2).as<"a2">()));
static_assert(ret::result_columns::size == 2);
static_assert(egret::at_t<0, egret::columns_of_t<ret>>::name == "customer_id");
static_assert(std::is_same_v<egret::value_type_t<egret::at_t<1, ret::result_columns>>, std::int32_t>);
static_assert(egret::nullable_v<egret::at_t<1, ret::result_columns>>);
static_assert(egret::columns_of_t<decltype(egret::delete_from(o).all())>::size == 0);
constexpr auto upd = egret::update(p).set(p.amount, egret::param<"a", double>).where(p.order_id == egret::param<"id", std::int64_t>);
static_assert(egret::placeholder_count_v<D, decltype(upd)> == 2);
static_assert(egret::param_names<D, decltype(upd)>.size == 2 && egret::param_names<D, decltype(upd)>.names[0] == "a");

// ---- raw_query ----
using raw = egret::raw_query<R"(SELECT id, name FROM t WHERE id > ? AND name <> '?' /* ? */ AND x = ?)",
                             egret::out<"id", std::int64_t>, egret::out<"name", std::optional<std::string>>,
                             egret::raw_param<std::int64_t>, egret::raw_param<double>>;
constexpr raw r{};
static_assert(to_sql<D>(r) == R"(SELECT id, name FROM t WHERE id > ? AND name <> '?' /* ? */ AND x = ?)");
static_assert(to_sql<D>(r.filter(r["id"_c] < egret::param<"max", std::int64_t>).select(r["name"_c])) ==
              R"(SELECT "t0"."name" FROM (SELECT id, name FROM t WHERE id > ? AND name <> '?' /* ? */ AND x = ?) AS "t0" WHERE "t0"."id" < ?)");
constexpr auto rr = r.as<"rr">();
static_assert(to_sql<D>(o.join(rr, o.order_id == rr["id"_c]).select(o.status, rr["name"_c])) ==
              R"(SELECT "orders"."status", "rr"."name" FROM "orders" INNER JOIN (SELECT id, name FROM t WHERE id > ? AND name <> '?' /* ? */ AND x = ?) AS "rr" ON "orders"."order_id" = "rr"."id")");
static_assert(egret::placeholder_count_v<D, raw> == 2 && egret::param_names<D, raw>.size == 2);
static_assert(raw::result_columns::size == 2 && egret::nullable_v<egret::at_t<1, raw::result_columns>>);
// a text ending in a -- comment gets a new line, so that what follows it is not commented out
using commented = egret::raw_query<"SELECT 1 AS one -- the answer", egret::out<"one", int>>;
static_assert(to_sql<D>(commented{}.filter(commented{}["one"_c] == 1)) ==
              "SELECT * FROM (SELECT 1 AS one -- the answer\n) AS \"t0\" WHERE \"t0\".\"one\" = ?");
// raw text made by a constexpr function
constexpr auto count_text() { return egret::fixed_string("SELECT COUNT(*) AS n FROM t"); }
using counted = egret::raw_query<count_text(), egret::out<"n", std::int64_t>>;
static_assert(to_sql<D>(counted{}) == "SELECT COUNT(*) AS n FROM t");
}  // namespace

TEST_CASE("statement: golden SQLite text is checked at compile time", "[statement][golden]") {
  // The same text at run time (render_sql), for statements holding run-time values.
  std::string const who = "Zoe";
  auto const ins = insert_into(c).values(7, who, std::optional<std::int32_t>(41)).returning(c.customer_id);
  CHECK(egret::render_sql<D>(ins) ==
        R"(INSERT INTO "customers" ("customer_id", "name", "age") VALUES (?, ?, ?) RETURNING "customers"."customer_id")");
  CHECK(egret::render_sql<D>(ins) == to_sql<D>(ins));
}
