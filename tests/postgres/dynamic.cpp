// Running dynamic queries (egret::dyn) on PostgreSQL: values bound in text order, typed rows when the select list
// is static, dyn::row when it is chosen at run time, materialization checked against the table's contract.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include <egret/postgres/dynamic.hpp>

#include "test_db.hpp"

namespace {
using namespace egret::literals;
namespace dyn = egret::dyn;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (added, egret::date));
EGRET_TABLE(cheap_items, (id, std::int64_t), (name, std::string));
EGRET_TABLE(tagged, (name, std::string), (tag, std::string));

egret::postgres::connection& filled() {
  auto& db = egret_test::postgres_db();
  db.drop_table("items");
  db.create_table<items>();
  db.insert<items>(std::int64_t{1}, "apple", 1.5, std::optional<std::string>("fruit"), egret::date{2024, 1, 3});
  db.insert<items>(std::int64_t{2}, "bread", 3.0, std::nullopt, egret::date{2024, 1, 1});
  db.insert<items>(std::int64_t{3}, "cherry", 7.25, std::optional<std::string>("fruit"), egret::date{2024, 1, 2});
  db.insert<items>(std::int64_t{4}, "dates", 12.0, std::optional<std::string>("dried"), egret::date{2024, 1, 4});
  return db;
}
}  // namespace

TEST_CASE("postgres dynamic: filters and order chosen at run time, typed rows", "[postgres][dynamic]") {
  auto& db = filled();
  items t;
  auto run = [&](std::vector<std::string> const& names, bool newest_first) {
    auto q = dyn::from(t).select(t.id, t.name, t.tag);
    if (!names.empty()) q.where(dyn::isin(t.name, names));
    q.order_by(dyn::order(t.added, newest_first));
    std::vector<std::int64_t> ids;
    for (auto const& r : db.execute(q)) ids.push_back(r.get<"id">());
    return ids;
  };
  CHECK(run({}, false) == std::vector<std::int64_t>{2, 3, 1, 4});
  CHECK(run({"apple", "dates", "nope"}, true) == std::vector<std::int64_t>{4, 1});
  auto q = dyn::from(t);
  q.where(t.price > 2.0).where(t.tag.is_not_null());
  auto rows = db.execute(q).to_vector();
  CHECK(rows.size() == 2);
}

TEST_CASE("postgres dynamic: select list chosen at run time, dyn::row", "[postgres][dynamic]") {
  auto& db = filled();
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
  CHECK(rows[1].is_null("tag"));
  CHECK(rows[0].get<double>("cents") == 150.0);
  CHECK(rows[1].get<egret::date>(3) == egret::date{2024, 1, 1});
  int n = 0;
  for (auto const& r : db.execute(dyn::from(t).select(t.id, dyn::column_named<items>("name")).order_by(t.id))) {
    ++n;
    CHECK(r.get<std::int64_t>("id") == n);
  }
  CHECK(n == 4);
}

TEST_CASE("postgres dynamic: materialization checks the table's contract at run time", "[postgres][dynamic]") {
  auto& db = filled();
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
  db.insert_from<cheap_items>(q2);
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);
  CHECK_THROWS_AS(db.create_table_from<tagged>(dyn::from(t).select(std::vector<dyn::column>{t.name, t.tag})),
                  egret::error);
  CHECK_THROWS_AS(db.execute(tagged{}.select(tagged{}.name)).to_vector(), egret::postgres::error);  // not created
}
