// Running typed queries on a PostgreSQL server: filters, joins, aggregates and params, prepared statements,
// structs, DDL and DML (views, create_table_from, INSERT / UPDATE / DELETE, RETURNING), changes().
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <optional>
#include <string>
#include <vector>

#include "test_db.hpp"

namespace {
using namespace egret::literals;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (added, egret::date), (active, bool));
EGRET_TABLE(sales, (item_id, std::int64_t), (qty, std::int32_t));
EGRET_TABLE(cheap, (id, std::int64_t), (name, std::string));
EGRET_TABLE(cheap_view, (id, std::int64_t), (name, std::string));

struct item_view {
  BOOST_HANA_DEFINE_STRUCT(item_view, (std::int64_t, id), (std::string, name), (std::optional<std::string>, tag));
};

egret::postgres::connection& filled() {
  auto& db = egret_test::postgres_db();
  db.drop_table("items");
  db.drop_table("sales");
  db.create_table<items>();
  db.create_table<sales>();
  db.insert<items>(1, "pen", 1.5, std::optional<std::string>("office"), egret::date{2024, 1, 2}, true);
  db.insert<items>(2, "ink \"blue\"", 7.25, std::nullopt, egret::date{2024, 2, 29}, false);
  db.insert<items>(3, "pad", 3.0, std::optional<std::string>("office"), egret::date{2023, 12, 31}, true);
  db.insert<sales>(1, 10);
  db.insert<sales>(1, 5);
  db.insert<sales>(3, 2);
  return db;
}
}  // namespace

TEST_CASE("postgres: execute returns typed rows with bound params", "[postgres]") {
  auto& db = filled();
  items t;
  auto q = t.filter(t.price > egret::param<"min", double>).select(t.id, t.name, t.tag, t.added).order_by(t.id);
  std::vector<std::int64_t> ids;
  for (auto const& r : db.execute(q, 2.0)) {
    ids.push_back(r.get<"id">());
    if (r.get<"id">() == 2) {
      CHECK(r["name"_c] == "ink \"blue\"");
      CHECK(!r.get<"tag">().has_value());
      CHECK(r.get<"added">() == egret::date{2024, 2, 29});
    }
  }
  CHECK(ids == std::vector<std::int64_t>{2, 3});
  auto all = db.execute(q, 0.0).to_vector();  // the same statement, new value
  REQUIRE(all.size() == 3);
  CHECK(all[0].get<"name">() == "pen");
  CHECK(all[0].get<"tag">() == std::optional<std::string>("office"));
  CHECK(db.execute(q, 2).to_vector().size() == 2);  // an int for a double param

  // values captured in the query, and bool / date / text filters
  auto active_2024 = t.filter(t.active && t.added >= egret::date{2024, 1, 1} && t.name != "x").select(t.name);
  auto rows = db.execute(active_2024).to_vector();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].get<"name">() == "pen");
}

TEST_CASE("postgres: structured bindings, aggregates and joins", "[postgres]") {
  auto& db = filled();
  items t;
  sales s;
  auto per_item = s.group_by(s.item_id).aggregate(s.qty.sum().as<"qty">(), egret::count().as<"n">());
  auto q = t.left_join(per_item, t.id == per_item["item_id"_c])
               .select(t.name, egret::coalesce(per_item["qty"_c], 0).as<"sold">(), per_item["n"_c])
               .order_by(t.id);
  std::vector<std::string> seen;
  for (auto const& [name, sold, n] : db.execute(q))
    seen.push_back(std::string(name) + ":" + std::to_string(sold) + ":" + std::to_string(n.value_or(-1)));
  CHECK(seen == std::vector<std::string>{"pen:15:2", "ink \"blue\":0:-1", "pad:2:1"});

  auto by_tag = t.group_by(t.tag).aggregate(t.price.sum(egret::where(t.active)).as<"active_total">(),
                                             egret::count().as<"n">(), t.price.mean().as<"avg">(),
                                             t.id.sum().as<"ids">(), t.price.max().as<"top">());
  auto r = db.execute(by_tag.order_by(t.tag)).to_vector();
  REQUIRE(r.size() == 2);
  CHECK(r[0].get<"tag">() == std::optional<std::string>("office"));
  CHECK(r[0].get<"active_total">() == 4.5);
  CHECK(r[0].get<"n">() == 2);
  CHECK(r[0].get<"avg">() == 2.25);
  CHECK(r[0].get<"ids">() == 4);  // SUM(BIGINT) is NUMERIC on the server
  CHECK(!r[1].get<"tag">().has_value());
  CHECK(!r[1].get<"active_total">().has_value());  // SUM over no active row is NULL
  CHECK(r[1].get<"top">() == 7.25);

  auto joined = t.join(s, t.id == s.item_id).filter(s.qty > 3).select(t.name, s.qty).order_by(s.qty.desc());
  auto j = db.execute(joined).to_vector();
  REQUIRE(j.size() == 2);
  CHECK(j[0].get<"qty">() == 10);
  CHECK(j[1].get<"name">() == "pen");
}

TEST_CASE("postgres: prepare binds typed values and re-executes", "[postgres]") {
  auto& db = filled();
  items t;
  auto st = db.prepare(t.filter(t.id == egret::param<"id", std::int64_t>).select(t.name));
  CHECK(st.execute(std::int64_t{3}).first()->get<"name">() == "pad");
  CHECK(st.execute(std::int64_t{1}).first()->get<"name">() == "pen");
  CHECK(st.execute(2).first()->get<"name">() == "ink \"blue\"");  // a narrower integer
  CHECK(!st.execute(std::int64_t{99}).first().has_value());
  auto opt = db.prepare(t.filter(t.tag == egret::param<"tag", std::optional<std::string>>).select(t.id));
  CHECK(opt.execute(std::optional<std::string>("office")).to_vector().size() == 2);
  CHECK(opt.execute(std::nullopt).to_vector().empty());  // = NULL is never true
}

TEST_CASE("postgres: rows read into a BOOST_HANA_DEFINE_STRUCT", "[postgres]") {
  auto& db = filled();
  items t;
  auto v = db.fetch_as<item_view>(t.select(t.name, t.tag, t.id).order_by(t.id.desc()));
  REQUIRE(v.size() == 3);
  CHECK(v[0].id == 3);
  CHECK(v[0].name == "pad");
  CHECK(v[1].tag == std::nullopt);
  auto cur = db.execute(t.select(t.id, t.name, t.tag).order_by(t.id));
  item_view one;
  REQUIRE(cur.read(one));
  CHECK(one.name == "pen");
  REQUIRE(cur.read(one));
  REQUIRE(cur.read(one));
  CHECK(one.id == 3);
  CHECK(!cur.read(one));
}

TEST_CASE("postgres: views, create_table_from, create_table_as, contracts", "[postgres]") {
  auto& db = filled();
  items t;
  db.drop_view("cheap_v");
  db.create_view("cheap_v", t.filter(t.price < 5.0 && t.name != "it's").select(t.id, t.name));
  db.create_table_from<cheap>(t.filter(t.price < egret::param<"max", double>).select(t.id, t.name), 5.0);
  cheap c;
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 2);
  db.create_view<cheap_view>(t.filter(t.price > 5.0).select(t.id, t.name));
  cheap_view cv;
  CHECK(db.execute(cv.select(cv.name)).first()->get<"name">() == "ink \"blue\"");
  db.create_table_as("copy_of_items", t.filter(t.id != 2));
  db.exec("SELECT 1");
  db.insert_from<cheap>(t.filter(t.id == 2).select(t.id, t.name));
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);
  db.drop_view("cheap_v");
  db.drop_view("cheap_v");  // IF EXISTS
  db.drop_view("cheap_view");
  db.drop_table("cheap");
  db.drop_table("copy_of_items");
  db.drop_table("cheap");

  // create_table_from is all or nothing: a failing query leaves no table behind
  CHECK_THROWS_AS(db.create_table_from<cheap>(t.filter(t.id / (t.id - t.id) > 0).select(t.id, t.name)),
                  egret::postgres::error);  // division by zero
  CHECK_THROWS_AS(db.exec("SELECT * FROM cheap"), egret::postgres::error);
}

TEST_CASE("postgres: INSERT, UPDATE, DELETE, RETURNING and changes()", "[postgres]") {
  auto& db = filled();
  items t;
  using egret::insert_into;
  CHECK(db.run(insert_into(t).values(4, "cap", 0.5, std::nullopt, egret::date{2024, 3, 1}, true)
                   .values(5, "box", 2, "misc", egret::date{2024, 3, 2}, false)) == 2);
  CHECK(db.changes() == 2);
  CHECK(db.run(egret::update(t).set(t.price, t.price * 2.0).where(t.tag == "office")) == 2);
  CHECK(db.execute(t.filter(t.id == 1).select(t.price)).first()->get<"price">() == 3.0);
  auto gone = db.execute(egret::delete_from(t).where(t.id >= std::int64_t{4}).returning(t.id)).to_vector();
  REQUIRE(gone.size() == 2);
  CHECK(db.execute(t.aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);
  auto ins = db.execute(insert_into(t).values(9, "new", 1.0, "t", egret::date{2020, 1, 1}, true).returning(t.id, t.name));
  CHECK(ins.first()->get<"name">() == "new");
}
