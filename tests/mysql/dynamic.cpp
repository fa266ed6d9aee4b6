// The dynamic query tests of tests/dynamic/execute.cpp run on MariaDB (ported: the same queries and expected
// values as on SQLite).
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "test_db.hpp"
#include <egret/mysql/dynamic.hpp>

namespace {

using namespace egret::literals;
namespace dyn = egret::dyn;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (added, egret::date));
EGRET_TABLE(cheap_items, (id, std::int64_t), (name, std::string));
EGRET_TABLE(tagged, (name, std::string), (tag, std::string));


void fill(egret::mysql::connection& db) {
  db.drop_table(items::egret_name.view());
  db.create_table<items>();
  db.insert<items>(std::int64_t{1}, "apple", 1.5, std::optional<std::string>("fruit"), egret::date{2024, 1, 3});
  db.insert<items>(std::int64_t{2}, "bread", 3.0, std::nullopt, egret::date{2024, 1, 1});
  db.insert<items>(std::int64_t{3}, "cherry", 7.25, std::optional<std::string>("fruit"), egret::date{2024, 1, 2});
  db.insert<items>(std::int64_t{4}, "dates", 12.0, std::optional<std::string>("dried"), egret::date{2024, 1, 4});
}

}  // namespace

TEST_CASE("mysql dynamic execute: filters and order chosen at run time, typed rows", "[mysql][dynamic]") {
  auto& db = egret_test::mysql_db();
  fill(db);
  items t;
  auto run = [&](std::optional<double> max_price, std::vector<std::string> const& names, bool newest_first) {
    auto q = dyn::from(t).select(t.id, t.name, t.tag);
    if (max_price) q.where(t.price <= *max_price);
    if (!names.empty()) q.where(dyn::isin(t.name, names));
    q.order_by(dyn::order(t.added, newest_first));
    std::vector<std::int64_t> ids;
    for (auto const& r : db.execute(q)) {
      
      ids.push_back(r.get<"id">());
    }
    return ids;
  };
  CHECK(run(std::nullopt, {}, false) == std::vector<std::int64_t>{2, 3, 1, 4});
  CHECK(run(std::nullopt, {}, true) == std::vector<std::int64_t>{4, 1, 3, 2});
  CHECK(run(5.0, {}, false) == std::vector<std::int64_t>{2, 1});
  CHECK(run(10.0, {"cherry", "dates", "apple"}, true) == std::vector<std::int64_t>{1, 3});
  CHECK(run(std::nullopt, std::vector<std::string>{"nothing"}, true).empty());

  // an empty IN list selects nothing
  auto none = dyn::from(t);
  none.where(dyn::isin(t.id, std::vector<std::int64_t>{}));
  CHECK(db.execute(none).to_vector().empty());

  // SELECT *: the table's typed rows; LIMIT / OFFSET bound
  auto page = dyn::from(t);
  page.order_by(egret::desc(t.price)).limit(2, 1);
  auto rows = db.execute(page).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"name">() == "cherry");
  CHECK(rows[1].get<"added">() == egret::date{2024, 1, 1});

  // a static subquery (its compile-time text) with a filter added at run time
  auto const fruit = t.filter(t.tag == egret::str<"fruit">).select(t.id, t.name, (t.price * 2).as<"double_price">());
  auto fq = dyn::from(fruit);
  fq.where(fruit["double_price"_c] > 5.0);
  auto f = db.execute(fq).to_vector();
  REQUIRE(f.size() == 1);
  CHECK(f[0].get<"name">() == "cherry");
  CHECK(f[0].get<"double_price">() == 14.5);

  // the statement is cached by its text
  auto const sql = dyn::to_sql<egret::mysql::dialect_type>(fq);
  CHECK(&db.dynamic_statement(sql) == &db.dynamic_statement(sql));
}

TEST_CASE("mysql dynamic execute: select list chosen at run time, dyn::row", "[mysql][dynamic]") {
  auto& db = egret_test::mysql_db();
  fill(db);
  items t;
  std::vector<dyn::column> cols;
  for (std::string const n : {"name", "tag", "price", "added"}) cols.push_back(dyn::column_named<items>(n));
  cols.push_back(dyn::as(t.price * 100.0, "cents"));
  auto q = dyn::from(t).select(cols);
  q.where(t.id <= std::int64_t{2}).order_by(t.id);
  auto cur = db.execute(q);
  REQUIRE(cur.columns().size() == 5);
  CHECK(cur.columns()[1] == dyn::column_info{"tag", dyn::sql_type_id::text, true});
  auto rows = cur.to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<std::string>("name") == "apple");
  CHECK(rows[0].get<std::optional<std::string>>(1) == "fruit");
  CHECK(rows[1].get<std::optional<std::string>>("tag") == std::nullopt);
  CHECK(rows[1].is_null("tag"));
  CHECK(rows[0].get<double>("cents") == 150.0);
  CHECK(rows[1].get<egret::date>(3) == egret::date{2024, 1, 1});

  // the column's SQL type is checked at run time; the message names the column and both types
  CHECK_THROWS_WITH(rows[0].get<std::int64_t>("price"),
                    R"(egret: dyn::row: column "price" is DOUBLE, but get<>() asks for BIGINT)");
  CHECK_THROWS_AS(rows[0].get<std::int64_t>("price"), egret::type_error);
  CHECK_THROWS_WITH(rows[1].get<std::string>("tag"),
                    R"(egret: dyn::row: column "tag" is NULL; read it as std::optional<TEXT>)");
  CHECK_THROWS_WITH(rows[0].get<double>("prise"),
                    R"(egret: dyn::row: no column "prise" in this result (columns: name, tag, price, added, cents))");
  CHECK_THROWS_WITH(rows[0].get<double>(9), "egret: dyn::row: no column 9 (the result has 5)");

  // iteration, and a query whose select list was given as dyn::columns among static items
  int n = 0;
  for (auto const& r : db.execute(dyn::from(t).select(t.id, dyn::column_named<items>("name")))) {
    ++n;
    CHECK(r.get<std::int64_t>("id") == n);
  }
  CHECK(n == 4);
  auto first = db.execute(dyn::from(t).select(std::vector<dyn::column>{t.name}).order_by(egret::desc(t.id))).first();
  REQUIRE(first);
  CHECK(first->get<std::string>(0) == "dates");
}

TEST_CASE("mysql dynamic execute: materialization checks the table's contract at run time", "[mysql][dynamic]") {
  auto& db = egret_test::mysql_db();
  fill(db);
  items t;
  auto q = dyn::from(t).select(std::vector<dyn::column>{t.id, t.name});
  q.where(t.price < 5.0);
  db.create_table_from<cheap_items>(q);
  cheap_items c;
  auto rows = db.execute(c.order_by(c.id)).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].get<"name">() == "bread");

  // the static-select form goes in too
  auto q2 = dyn::from(t).select(t.id, t.name);
  q2.where(t.id == std::int64_t{4});
  db.insert_from<cheap_items>(q2);
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);

  // a nullable column into a NOT NULL one, a wrong type, a wrong name: refused, nothing created
  auto const nullable_tag = dyn::from(t).select(std::vector<dyn::column>{t.name, t.tag});
  CHECK_THROWS_WITH(db.create_table_from<tagged>(nullable_tag),
                    R"(egret: column "tag" of the dynamic query can be NULL, table tagged declares it NOT NULL; coalesce() it)");
  CHECK_THROWS_WITH(
      db.create_table_from<tagged>(dyn::from(t).select(std::vector<dyn::column>{t.name, dyn::as(t.price, "tag")})),
      R"(egret: column "tag" of the dynamic query is DOUBLE, table tagged declares TEXT)");
  CHECK_THROWS_WITH(db.create_table_from<tagged>(dyn::from(t).select(std::vector<dyn::column>{t.name, t.price})),
                    R"(egret: column 2 of the dynamic query is "price", table tagged has "tag" there)");
  auto const fixed =
      dyn::from(t).select(std::vector<dyn::column>{t.name, dyn::as(egret::coalesce(t.tag, std::string("none")), "tag")});
  db.create_table_from<tagged>(fixed);
  tagged g;
  CHECK(db.execute(g.filter(g.tag == "none").aggregate(egret::count().as<"n">())).first()->get<"n">() == 1);
}
