// Running typed queries on real SQLite database files: rows, params, prepared statements, structs,
// DDL and DML, transactions.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <filesystem>
#include <string>

#include <egret/sqlite.hpp>

namespace {
using namespace egret::literals;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (added, egret::date), (active, bool));
EGRET_TABLE(sales, (item_id, std::int64_t), (qty, std::int32_t));
EGRET_TABLE(cheap, (id, std::int64_t), (name, std::string));

struct item_view {
  BOOST_HANA_DEFINE_STRUCT(item_view, (std::int64_t, id), (std::string, name), (std::optional<std::string>, tag));
};

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

void fill(egret::sqlite::connection& db) {
  db.create_table<items>();
  db.create_table<sales>();
  db.insert<items>(1, "pen", 1.5, std::optional<std::string>("office"), egret::date{2024, 1, 2}, true);
  db.insert<items>(2, "ink \"blue\"", 7.25, std::nullopt, egret::date{2024, 2, 29}, false);
  db.insert<items>(3, "pad", 3.0, std::optional<std::string>("office"), egret::date{2023, 12, 31}, true);
  db.insert<sales>(1, 10);
  db.insert<sales>(1, 5);
  db.insert<sales>(3, 2);
}
}  // namespace

TEST_CASE("sqlite: execute returns typed rows with bound params", "[sqlite]") {
  egret::sqlite::connection db(fresh_db("execute").string());
  fill(db);
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
  // the same query again: same cached statement, new value
  auto all = db.execute(q, 0.0).to_vector();
  REQUIRE(all.size() == 3);
  CHECK(all[0].get<"name">() == "pen");
  CHECK(all[0].get<"tag">() == std::optional<std::string>("office"));
}

TEST_CASE("sqlite: structured bindings, aggregates and joins", "[sqlite]") {
  egret::sqlite::connection db(fresh_db("aggregate").string());
  fill(db);
  items t;
  sales s;
  auto per_item = s.group_by(s.item_id).aggregate(s.qty.sum().as<"qty">(), egret::count().as<"n">());
  auto q = t.left_join(per_item, t.id == per_item["item_id"_c])
               .select(t.name, egret::coalesce(per_item["qty"_c], 0).as<"sold">(), per_item["n"_c])
               .order_by(t.id);
  std::vector<std::string> seen;
  for (auto const& [name, sold, n] : db.execute(q)) {
    seen.push_back(std::string(name) + ":" + std::to_string(sold) + ":" + std::to_string(n.value_or(-1)));
  }
  CHECK(seen == std::vector<std::string>{"pen:15:2", "ink \"blue\":0:-1", "pad:2:1"});

  auto by_tag = t.group_by(t.tag).aggregate(t.price.sum(egret::where(t.active)).as<"active_total">(),
                                             egret::count().as<"n">());
  auto rows = db.execute(by_tag.order_by(t.tag)).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(!rows[0].get<"tag">().has_value());
  CHECK(!rows[0].get<"active_total">().has_value());  // SUM over no active row is NULL
  CHECK(rows[1].get<"active_total">() == 4.5);
}

TEST_CASE("sqlite: prepare binds typed values and re-executes", "[sqlite]") {
  egret::sqlite::connection db(fresh_db("prepare").string());
  fill(db);
  items t;
  auto st = db.prepare(t.filter(t.id == egret::param<"id", std::int64_t>).select(t.name));
  CHECK(st.execute(std::int64_t{3}).first()->get<"name">() == "pad");
  CHECK(st.execute(std::int64_t{1}).first()->get<"name">() == "pen");
  CHECK(!st.execute(std::int64_t{99}).first().has_value());
}

TEST_CASE("sqlite: rows read into a BOOST_HANA_DEFINE_STRUCT", "[sqlite]") {
  egret::sqlite::connection db(fresh_db("struct").string());
  fill(db);
  items t;
  auto v = db.fetch_as<item_view>(t.select(t.name, t.tag, t.id).order_by(t.id.desc()));
  REQUIRE(v.size() == 3);
  CHECK(v[0].id == 3);
  CHECK(v[0].name == "pad");
  CHECK(v[1].tag == std::nullopt);
}

TEST_CASE("sqlite: views, create_table_from, and contracts", "[sqlite]") {
  egret::sqlite::connection db(fresh_db("views").string());
  fill(db);
  items t;
  db.create_view("cheap_v", t.filter(t.price < 5.0 && t.name != "it's").select(t.id, t.name));
  db.create_table_from<cheap>(t.filter(t.price < 5.0).select(t.id, t.name));
  cheap c;
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 2);
  db.drop_table("cheap");
  db.drop_view("cheap_v");
  db.drop_view("cheap_v");  // IF EXISTS
}

TEST_CASE("sqlite: a transaction rolls back unless committed", "[sqlite]") {
  auto path = fresh_db("tx");
  items t;
  {
    egret::sqlite::connection db(path.string());
    fill(db);
    try {
      auto tx = db.transaction();
      db.insert<items>(4, "cup", 2.0, std::nullopt, egret::date{2024, 3, 1}, true);
      throw std::runtime_error("boom");
    } catch (std::runtime_error const&) {
    }
    {
      auto tx = db.transaction();
      db.insert<items>(5, "mug", 2.0, std::nullopt, egret::date{2024, 3, 1}, true);
      tx.commit();
    }
  }
  egret::sqlite::connection again(path.string());
  auto ids = again.execute(t.select(t.id).order_by(t.id)).to_vector();
  REQUIRE(ids.size() == 4);
  CHECK(ids.back().get<"id">() == 5);
}

TEST_CASE("sqlite: engine errors carry code, message and SQL", "[sqlite]") {
  egret::sqlite::connection db(fresh_db("errors").string());
  items t;  // table never created
  try {
    (void)db.execute(t.select(t.id));
    FAIL("expected an error");
  } catch (egret::database_error const& e) {
    CHECK(e.code() == SQLITE_ERROR);
    CHECK(e.message().find("no such table") != std::string::npos);
    CHECK(e.sql() == R"(SELECT "items"."id" FROM "items")");
  }
}

namespace {
struct point {
  BOOST_HANA_DEFINE_STRUCT(point, (std::int64_t, id), (double, x), (std::optional<std::string>, label));
};
using points = egret::adopt_table<point, "points">;
}  // namespace

TEST_CASE("sqlite: an existing struct adopted as a table schema", "[sqlite]") {
  static_assert(egret::create_table_sql<egret::dialect::sqlite, points>() ==
                R"(CREATE TABLE "points" ("id" INTEGER NOT NULL, "x" REAL NOT NULL, "label" TEXT))");
  egret::sqlite::connection db(fresh_db("adopt").string());
  db.create_table<points>();
  db.insert_struct<points>(point{1, 2.5, std::nullopt});
  db.insert_struct<points>(point{2, -1.0, std::string("b")});
  points t;
  auto q = t.filter(t["x"_c] > 0.0).select(t["id"_c], t["x"_c], t["label"_c]);
  auto v = db.fetch_as<point>(q);
  REQUIRE(v.size() == 1);
  CHECK(v[0].id == 1);
  CHECK(v[0].x == 2.5);
  CHECK(!v[0].label);
}
