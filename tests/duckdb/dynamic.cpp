// Dynamic queries (egret::dyn) on a real DuckDB file: values bound in text order, typed rows when the select list
// is static, dyn::row when it is chosen at run time, materialization checked at run time and atomic, a cursor that
// outlives its statement in the cache, and names chosen at run time that hold a NUL byte refused before DuckDB
// reads them.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <egret/duckdb.hpp>
#include <egret/duckdb/dynamic.hpp>

#include "test_db.hpp"

namespace {

using namespace egret::literals;
namespace dyn = egret::dyn;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (added, egret::date));
EGRET_TABLE(cheap_items, (id, std::int64_t), (name, std::string));
EGRET_TABLE(tagged, (name, std::string), (tag, std::string));
EGRET_TABLE(by_tag, (tag, std::string), (name, std::string));
EGRET_PRIMARY_KEY(by_tag, tag)

void fill(egret::duckdb::connection& db) {
  db.create_table<items>();
  db.insert<items>(std::int64_t{1}, "apple", 1.5, std::optional<std::string>("fruit"), egret::date{2024, 1, 3});
  db.insert<items>(std::int64_t{2}, "bread", 3.0, std::nullopt, egret::date{2024, 1, 1});
  db.insert<items>(std::int64_t{3}, "cherry", 7.25, std::optional<std::string>("fruit"), egret::date{2024, 1, 2});
  db.insert<items>(std::int64_t{4}, "dates", 12.0, std::optional<std::string>("dried"), egret::date{2024, 1, 4});
}

std::int64_t scalar(egret::duckdb::connection& db, std::string const& sql) {
  auto r = db.dynamic_statement(sql).execute();
  REQUIRE(r.next());
  return r.read<std::int64_t>(0);
}
std::int64_t count_of(egret::duckdb::connection& db, std::string const& table) {
  return scalar(db, "SELECT count(*) FROM " + table);
}
bool table_exists(egret::duckdb::connection& db, std::string const& table) {
  return scalar(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'") == 1;
}

}  // namespace

TEST_CASE("dynamic execute on DuckDB: filters and order chosen at run time, typed rows", "[dynamic]") {
  egret::duckdb::connection db(egret_test::duckdb_file("dyn_typed"));
  fill(db);
  items t;
  auto run = [&](std::optional<double> max_price, std::vector<std::string> const& names, bool newest_first) {
    auto q = dyn::from(t).select(t.id, t.name, t.tag);
    if (max_price) q.where(t.price <= *max_price);
    if (!names.empty()) q.where(dyn::isin(t.name, names));
    q.order_by(dyn::order(t.added, newest_first));
    std::vector<std::int64_t> ids;
    for (auto const& r : db.execute(q)) ids.push_back(r.get<"id">());
    return ids;
  };
  CHECK(run(std::nullopt, {}, false) == std::vector<std::int64_t>{2, 3, 1, 4});
  CHECK(run(std::nullopt, {}, true) == std::vector<std::int64_t>{4, 1, 3, 2});
  CHECK(run(5.0, {}, false) == std::vector<std::int64_t>{2, 1});
  CHECK(run(10.0, {"cherry", "dates", "apple"}, true) == std::vector<std::int64_t>{1, 3});
  CHECK(run(std::nullopt, std::vector<std::string>{"nothing"}, true).empty());

  auto none = dyn::from(t);
  none.where(dyn::isin(t.id, std::vector<std::int64_t>{}));
  CHECK(db.execute(none).to_vector().empty());

  auto page = dyn::from(t);
  page.order_by(egret::desc(t.price)).limit(2, 1);
  auto rows = db.execute(page).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"name">() == "cherry");
  CHECK(rows[1].get<"added">() == egret::date{2024, 1, 1});

  // a static subquery with a filter added at run time; the statement is cached by its text
  auto const fruit = t.filter(t.tag == egret::str<"fruit">).select(t.id, t.name, (t.price * 2).as<"double_price">());
  auto fq = dyn::from(fruit);
  fq.where(fruit["double_price"_c] > 5.0);
  auto f = db.execute(fq).to_vector();
  REQUIRE(f.size() == 1);
  CHECK(f[0].get<"name">() == "cherry");
  CHECK(f[0].get<"double_price">() == 14.5);
  auto const sql = dyn::to_sql<egret::dialect::duckdb>(fq);
  CHECK(&db.dynamic_statement(sql) == &db.dynamic_statement(sql));
}

TEST_CASE("dynamic execute on DuckDB: select list chosen at run time, dyn::row", "[dynamic]") {
  egret::duckdb::connection db(egret_test::duckdb_file("dyn_rows"));
  fill(db);
  items t;
  std::vector<dyn::column> cols;
  for (std::string const n : {"name", "tag", "price", "added"}) cols.push_back(dyn::column_named<items>(n));
  cols.push_back(dyn::as(t.price * 100.0, "cents"));
  cols.push_back(dyn::as(egret::round(t.price, std::int64_t{1}), "rounded"));  // ROUND's digits: a BIGINT bound
  auto q = dyn::from(t).select(cols);
  q.where(t.id <= std::int64_t{2}).order_by(t.id);
  auto cur = db.execute(q);
  REQUIRE(cur.columns().size() == 6);
  CHECK(cur.columns()[1] == dyn::column_info{"tag", dyn::sql_type_id::text, true});
  auto rows = cur.to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<std::string>("name") == "apple");
  CHECK(rows[0].get<std::optional<std::string>>(1) == "fruit");
  CHECK(rows[1].get<std::optional<std::string>>("tag") == std::nullopt);
  CHECK(rows[1].is_null("tag"));
  CHECK(rows[0].get<double>("cents") == 150.0);
  CHECK(rows[0].get<double>("rounded") == 1.5);
  CHECK(rows[1].get<egret::date>(3) == egret::date{2024, 1, 1});
  CHECK_THROWS_WITH(rows[0].get<std::int64_t>("price"),
                    R"(egret: dyn::row: column "price" is DOUBLE, but get<>() asks for BIGINT)");

  int n = 0;
  for (auto const& r : db.execute(dyn::from(t).select(t.id, dyn::column_named<items>("name")).order_by(t.id))) {
    ++n;
    CHECK(r.get<std::int64_t>("id") == n);
  }
  CHECK(n == 4);
  auto first = db.execute(dyn::from(t).select(std::vector<dyn::column>{t.name}).order_by(egret::desc(t.id))).first();
  REQUIRE(first);
  CHECK(first->get<std::string>(0) == "dates");
}

TEST_CASE("dynamic execute on DuckDB: a cursor outlives its statement in the cache", "[dynamic]") {
  egret::duckdb::connection db(egret_test::duckdb_file("dyn_evict"));
  fill(db);
  items t;
  db.set_statement_cache_capacity(1);
  auto a = db.execute(dyn::from(t).select(std::vector<dyn::column>{t.name}).order_by(t.id));
  auto b = db.execute(dyn::from(t).select(std::vector<dyn::column>{t.id}).order_by(egret::desc(t.id)));  // evicts a's
  CHECK(db.statement_cache_size() == 1);
  auto ra = a.to_vector();
  auto rb = b.to_vector();
  REQUIRE(ra.size() == 4);
  REQUIRE(rb.size() == 4);
  CHECK(ra[3].get<std::string>(0) == "dates");
  CHECK(rb[0].get<std::int64_t>(0) == 4);
}

TEST_CASE("dynamic execute on DuckDB: SQL text holding a NUL byte is refused before DuckDB reads it", "[dynamic]") {
  egret::duckdb::connection db(egret_test::duckdb_file("dyn_nul"));
  fill(db);
  items t;
  CHECK_THROWS_AS(dyn::as(t.id, std::string("id\0x", 4)), egret::error);  // refused where it is made
  // and by the statement itself, for SQL text built by other means: duckdb_prepare would stop at the NUL
  std::string const cut("DELETE FROM items WHERE id = 1\0 OR TRUE", 39);
  CHECK_THROWS_AS(db.dynamic_statement(cut), egret::database_error);
  CHECK_THROWS_WITH(db.dynamic_statement(cut),
                    Catch::Contains("NUL byte at offset 30") && Catch::Contains("nothing was prepared"));
  CHECK(count_of(db, "items") == 4);
}

TEST_CASE("dynamic execute on DuckDB: materialization checks the table's contract and is atomic", "[dynamic]") {
  egret::duckdb::connection db(egret_test::duckdb_file("dyn_materialize"));
  fill(db);
  items t;
  auto q = dyn::from(t).select(std::vector<dyn::column>{t.id, t.name});
  q.where(t.price < 5.0);
  db.create_table_from<cheap_items>(q);
  cheap_items c;
  auto rows = db.execute(c.order_by(c.id)).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].get<"name">() == "bread");

  auto q2 = dyn::from(t).select(t.id, t.name);
  q2.where(t.id == std::int64_t{4});
  CHECK(db.insert_from<cheap_items>(q2) == 1);
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);

  auto const nullable_tag = dyn::from(t).select(std::vector<dyn::column>{t.name, t.tag});
  CHECK_THROWS_WITH(db.create_table_from<tagged>(nullable_tag),
                    R"(egret: column "tag" of the dynamic query can be NULL, table tagged declares it NOT NULL; coalesce() it)");
  CHECK_THROWS_WITH(db.create_table_from<tagged>(dyn::from(t).select(std::vector<dyn::column>{t.name, t.price})),
                    R"(egret: column 2 of the dynamic query is "price", table tagged has "tag" there)");
  CHECK_FALSE(table_exists(db, "tagged"));

  // a failure half-way (two rows with one primary key, found by DuckDB while it inserts) leaves no table behind
  auto const dup = dyn::from(t).select(
      std::vector<dyn::column>{dyn::as(egret::coalesce(t.tag, std::string("none")), "tag"), t.name});
  CHECK_THROWS_AS(db.create_table_from<by_tag>(dup), egret::database_error);
  CHECK_FALSE(table_exists(db, "by_tag"));
  CHECK_FALSE(db.in_transaction());
  auto const fixed = dyn::from(t).select(
      std::vector<dyn::column>{t.name, dyn::as(egret::coalesce(t.tag, std::string("none")), "tag")});
  db.create_table_from<tagged>(fixed);
  tagged g;
  CHECK(db.execute(g.filter(g.tag == "none").aggregate(egret::count().as<"n">())).first()->get<"n">() == 1);
}
