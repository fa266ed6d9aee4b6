// Typed queries on a real DuckDB database file, checked against answers known by hand: filters with bound
// parameters (hostile text among them), grouping, joins, ordering, prepared statements, run() counts, structs,
// and a result of many data chunks.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "test_db.hpp"

namespace {
using namespace egret::literals;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (added, egret::date), (active, bool));
EGRET_TABLE(sales, (item_id, std::int64_t), (qty, std::int32_t));
EGRET_TABLE(texts, (id, std::int64_t), (body, std::string));
EGRET_TABLE(big, (n, std::int64_t), (label, std::string), (half, std::optional<double>));
EGRET_TABLE(cheap, (id, std::int64_t), (name, std::string));
EGRET_TABLE(hostile_view, (id, std::int64_t));
EGRET_TABLE(cheap_copy, (id, std::int64_t), (name, std::string));

struct item_view {
  BOOST_HANA_DEFINE_STRUCT(item_view, (std::int64_t, id), (std::string, name), (std::optional<std::string>, tag));
};
struct big_row {
  BOOST_HANA_DEFINE_STRUCT(big_row, (std::int64_t, n), (std::string, label));
};

void fill(egret::duckdb::connection& db) {
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

TEST_CASE("duckdb: filter with a bound parameter, order, optional columns", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("filter"));
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
  auto all = db.execute(q, 0.0).to_vector();  // the cached statement, another value
  REQUIRE(all.size() == 3);
  CHECK(all[0].get<"name">() == "pen");
  CHECK(all[0].get<"tag">() == std::optional<std::string>("office"));
  // values captured in the query are bound too; dates compare as dates
  auto recent = db.execute(t.filter(t.added >= egret::date{2024, 1, 1} && t.active).select(t.name)).to_vector();
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].get<"name">() == "pen");
  CHECK(db.fetch_as<item_view>(t.select(t.id, t.name, t.tag).order_by(egret::desc(t.id)))[0].name == "pad");
}

TEST_CASE("duckdb: group by, aggregates, joins and ordering give the known answers", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("aggregate"));
  fill(db);
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

  auto by_tag = t.group_by(t.tag)
                    .aggregate(t.price.sum(egret::where(t.active)).as<"active_total">(), egret::count().as<"n">(),
                               t.price.mean().as<"avg">())
                    .order_by(egret::desc("n"_c));
  auto groups = db.execute(by_tag).to_vector();
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].get<"tag">() == std::optional<std::string>("office"));
  CHECK(groups[0].get<"n">() == 2);
  CHECK(groups[0].get<"active_total">() == std::optional<double>(4.5));
  CHECK(groups[0].get<"avg">() == std::optional<double>(2.25));
  CHECK(!groups[1].get<"tag">().has_value());
  CHECK(groups[1].get<"active_total">() == std::nullopt);  // SUM over no row is NULL

  // an inner join, integer division as in the other engines, and a limit
  auto joined = t.join(s, t.id == s.item_id)
                    .select(t.name, (s.qty / 4).as<"quarter">(), (s.qty % 4).as<"rest">())
                    .order_by(egret::desc(s.qty))
                    .limit(2);
  auto rows = db.execute(joined).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"name">() == "pen");
  CHECK(rows[0].get<"quarter">() == 2);
  CHECK(rows[0].get<"rest">() == 2);
  CHECK(rows[1].get<"quarter">() == 1);
  CHECK(rows[1].get<"rest">() == 1);
}

TEST_CASE("duckdb: hostile text is bound, never spliced into the SQL", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("hostile"));
  db.create_table<texts>();
  std::vector<std::string> const hostile = {
      "'; DROP TABLE texts; --",
      "it''s \"quoted\" \\ back\\slash",
      "?",
      "$1",
      std::string("nul\0inside", 10),
      "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\xa6\x86",  // UTF-8: été € and a duck
      std::string(100000, 'z'),
      "",
      "%_ like wildcards",
  };
  for (std::size_t i = 0; i < hostile.size(); ++i) db.insert<texts>(static_cast<std::int64_t>(i), hostile[i]);
  texts t;
  auto q = t.filter(t.body == egret::param<"b", std::string>).select(t.id, t.body);
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    auto rows = db.execute(q, hostile[i]).to_vector();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get<"id">() == static_cast<std::int64_t>(i));
    CHECK(rows[0].get<"body">() == hostile[i]);
  }
  CHECK(db.execute(t.select(egret::count().as<"n">())).first()->get<"n">() ==
        static_cast<std::int64_t>(hostile.size()));
  // text that is not UTF-8 is refused when bound, with the SQL
  CHECK_THROWS_AS(db.insert<texts>(std::int64_t{99}, std::string("\xff\xfe")), egret::duckdb::error);
  // values captured in a view are written as escaped literals
  db.create_view("hostile_view", t.filter(t.body == hostile[0]).select(t.id));
  hostile_view v;
  auto const viewed = db.execute(v.select(v.id)).to_vector();
  REQUIRE(viewed.size() == 1);
  CHECK(viewed[0].get<"id">() == 0);
}

TEST_CASE("duckdb: prepared statements, run() counts, insert_from and create_table_from", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("prepare"));
  fill(db);
  items t;
  auto st = db.prepare(t.filter(t.id == egret::param<"id", std::int64_t>).select(t.name));
  CHECK(st.execute(std::int64_t{1}).first()->get<"name">() == "pen");
  CHECK(st.execute(std::int64_t{3}).first()->get<"name">() == "pad");
  CHECK(!st.execute(std::int64_t{42}).first());
  // two cursors of one statement at once: each owns its materialized result
  auto c1 = st.execute(std::int64_t{1});
  auto c2 = st.execute(std::int64_t{3});
  CHECK(c2.first()->get<"name">() == "pad");
  CHECK(c1.first()->get<"name">() == "pen");

  CHECK(db.run(egret::update(t).set(t.price, t.price * 2).where(t.tag == "office")) == 2);
  CHECK(db.run(egret::delete_from(t).where(t.id == egret::param<"id", std::int64_t>), std::int64_t{2}) == 1);
  CHECK(db.run(egret::insert_into(t).values(4, "cap", 0.5, std::nullopt, egret::date{2024, 3, 1}, true)
                   .values(5, "box", 9.0, "store", egret::date{2024, 3, 2}, false)) == 2);
  auto prices = db.execute(t.select(t.id, t.price).order_by(t.id)).to_vector();
  REQUIRE(prices.size() == 4);
  CHECK(prices[0].get<"price">() == 3.0);
  CHECK(prices[1].get<"price">() == 6.0);
  CHECK(prices[2].get<"price">() == 0.5);

  cheap c;
  db.create_table<cheap>();
  CHECK(db.insert_from<cheap>(t.filter(t.price < 5.0).select(t.id, t.name)) == 2);
  db.create_table_from<cheap_copy>(c.filter(c.id > 1).select(c.id, c.name));
  cheap_copy cc;
  auto copied = db.execute(cc.select(cc.id, cc.name)).to_vector();
  REQUIRE(copied.size() == 1);
  CHECK(copied[0].get<"name">() == "cap");
  db.drop_table("cheap_copy");
  CHECK_THROWS_AS(db.execute(cc.select(cc.id)).to_vector(), egret::duckdb::error);
}

TEST_CASE("duckdb: a result of many data chunks (> 2048 rows) is read whole and in order", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("big"));
  db.create_table<big>();
  constexpr std::int64_t n = 10'007;  // 4 full chunks of 2048 and a partial one
  db.exec("INSERT INTO big SELECT range, 'row number ' || range, CASE WHEN range % 3 = 0 THEN NULL ELSE range / 2 END "
          "FROM range(10007)");
  big b;
  std::int64_t expect = 0;
  std::int64_t nulls = 0;
  double halves = 0;
  bool labels_ok = true;
  for (auto const& r : db.execute(b.select(b.n, b.label, b.half).order_by(b.n))) {
    if (r.get<"n">() != expect) break;
    labels_ok = labels_ok && r.get<"label">() == "row number " + std::to_string(expect);
    if (r.get<"half">()) halves += *r.get<"half">(); else ++nulls;
    ++expect;
  }
  CHECK(expect == n);
  CHECK(labels_ok);
  CHECK(nulls == (n + 2) / 3);
  double sum = 0;
  for (std::int64_t i = 0; i < n; ++i)
    if (i % 3 != 0) sum += static_cast<double>(i) / 2;
  CHECK(halves == Approx(sum));
  auto structs = db.fetch_as<big_row>(b.filter(b.n >= 2000).select(b.n, b.label).order_by(b.n));
  REQUIRE(structs.size() == static_cast<std::size_t>(n - 2000));
  CHECK(structs.front().label == "row number 2000");
  CHECK(structs.back().n == n - 1);
  CHECK(structs.back().label == "row number 10006");
  auto owned = db.execute(b.select(b.label).order_by(b.n)).to_vector();  // owning rows outlive their chunks
  REQUIRE(owned.size() == static_cast<std::size_t>(n));
  CHECK(owned[5000].get<"label">() == "row number 5000");
  auto totals = db.execute(b.aggregate(b.n.sum().as<"total">(), egret::count().as<"rows">())).first();
  REQUIRE(totals);
  CHECK(totals->get<"total">() == n * (n - 1) / 2);  // a HUGEINT in DuckDB
  CHECK(totals->get<"rows">() == n);
}
