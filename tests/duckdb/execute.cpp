// Typed queries on a real DuckDB database file, checked against answers known by hand: filters with bound
// parameters (hostile text among them), grouping, joins, ordering, prepared statements, run() counts, structs,
// a result of many data chunks, and structs read a data chunk at a time (as<S>()) against the same rows read one by
// one.
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
EGRET_TABLE(chunky, (id, std::int64_t), (label, std::string), (half, std::optional<double>), (day, egret::date),
            (n32, std::int32_t), (flag, bool), (note, std::optional<std::string>), (at, egret::timestamp));
// Declared NOT NULL here, created nullable in DuckDB: a NULL in it reaches a non-optional member.
EGRET_TABLE(lying, (id, std::int64_t), (v, std::int64_t));

struct item_view {
  BOOST_HANA_DEFINE_STRUCT(item_view, (std::int64_t, id), (std::string, name), (std::optional<std::string>, tag));
};
struct big_row {
  BOOST_HANA_DEFINE_STRUCT(big_row, (std::int64_t, n), (std::string, label));
};

struct chunky_row {
  BOOST_HANA_DEFINE_STRUCT(chunky_row, (std::int64_t, id), (std::string, label), (std::optional<double>, half),
                           (egret::date, day), (std::int32_t, n32), (bool, flag), (std::optional<std::string>, note),
                           (egret::timestamp, at));
  friend bool operator==(chunky_row const& a, chunky_row const& b) {
    return a.id == b.id && a.label == b.label && a.half == b.half && a.day == b.day && a.n32 == b.n32 &&
           a.flag == b.flag && a.note == b.note && a.at == b.at;
  }
};
/// Members in another order than the columns, and an INTEGER column read into a double member (a conversion: the
/// row-by-row path).
struct chunky_converted {
  BOOST_HANA_DEFINE_STRUCT(chunky_converted, (std::optional<std::string>, note), (double, n32), (std::int64_t, id));
};
struct lying_row {
  BOOST_HANA_DEFINE_STRUCT(lying_row, (std::int64_t, id), (std::int64_t, v));
};
/// prefix + i (appended: g++ 12's -Wrestrict misfires on `"..." + std::to_string(i)` inlined here).
std::string numbered(char const* prefix, std::int64_t i) {
  std::string s(prefix);
  s += std::to_string(i);
  return s;
}

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

TEST_CASE("duckdb: as<S>() reads a data chunk at a time the rows read() reads one by one", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("chunky"));
  db.create_table<chunky>();
  constexpr std::int64_t n = 5000;  // chunks of 2048, 2048 and 904 rows
  // NULLs at the chunks' first and last rows (0, 2047, 2048, 4095, 4096, 4999) and every 7th (half) or 5th (note);
  // even labels inlined in duckdb_string_t (<= 12 bytes), odd ones not.
  db.exec("INSERT INTO chunky SELECT i, CASE WHEN i % 2 = 0 THEN 'l' || i ELSE 'a longer label, number ' || i END, "
          "CASE WHEN i % 7 = 0 OR i IN (2047, 2048, 4095, 4096, 4999) THEN NULL ELSE i / 2 END, "
          "DATE '2020-01-01' + CAST(i AS INTEGER), CAST(i * 3 AS INTEGER), i % 3 = 0, "
          "CASE WHEN i % 5 = 0 OR i IN (2047, 2048, 4095, 4096, 4999) THEN NULL ELSE 'note ' || i END, "
          "TIMESTAMP '2020-01-01 00:00:00' + i * INTERVAL 1 SECOND FROM range(5000) t(i)");
  chunky c;
  auto const q = c.select(c.id, c.label, c.half, c.day, c.n32, c.flag, c.note, c.at).order_by(c.id);
  auto const expected = [](std::int64_t i) {
    bool const edge = i == 2047 || i == 2048 || i == 4095 || i == 4096 || i == 4999;
    chunky_row r;
    r.id = i;
    r.label = numbered(i % 2 == 0 ? "l" : "a longer label, number ", i);
    if (i % 7 != 0 && !edge) r.half = static_cast<double>(i) / 2;
    r.day = egret::civil_from_days(egret::days_from_civil(egret::date{2020, 1, 1}) + i);
    r.n32 = static_cast<std::int32_t>(i * 3);
    r.flag = i % 3 == 0;
    if (i % 5 != 0 && !edge) r.note = numbered("note ", i);
    r.at = egret::timestamp{egret::date{2020, 1, 1}, static_cast<std::uint32_t>(i / 3600),  // i seconds (< 1 day)
                            static_cast<std::uint32_t>(i % 3600 / 60), static_cast<std::uint32_t>(i % 60)};
    return r;
  };

  std::vector<chunky_row> one_by_one;
  {
    auto cur = db.execute(q);
    chunky_row r;
    while (cur.read(r)) one_by_one.push_back(r);
  }
  auto const chunked = db.execute(q).as<chunky_row>();
  REQUIRE(chunked.size() == static_cast<std::size_t>(n));
  REQUIRE(one_by_one.size() == static_cast<std::size_t>(n));
  std::size_t same = 0, as_expected = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    auto const k = static_cast<std::size_t>(i);
    same += chunked[k] == one_by_one[k] ? 1 : 0;
    as_expected += chunked[k] == expected(i) ? 1 : 0;
  }
  CHECK(same == static_cast<std::size_t>(n));
  CHECK(as_expected == static_cast<std::size_t>(n));
  for (std::int64_t i : {0, 2047, 2048, 4095, 4096, 4999}) {  // the chunk edges, NULL in both optional members
    CHECK_FALSE(chunked[static_cast<std::size_t>(i)].half.has_value());
    CHECK_FALSE(chunked[static_cast<std::size_t>(i)].note.has_value());
  }
  CHECK(chunked[2049].half == 1024.5);
  CHECK(chunked[2049].note == "note 2049");
  CHECK(chunked[2049].label == "a longer label, number 2049");
  CHECK(chunked[4998].label == "l4998");
  CHECK(chunked[4096].day == egret::date{2031, 3, 20});
  CHECK(chunked[4999].at == (egret::timestamp{egret::date{2020, 1, 1}, 1, 23, 19}));

  // A cursor read partly, by read(S&) or by iteration, then as<S>(): the rest of the rows, from the next one on.
  for (std::int64_t first : {0, 3, 2047, 2048, 2049, 4999, 5000}) {
    auto cur = db.execute(q);
    chunky_row r;
    for (std::int64_t i = 0; i < first; ++i) REQUIRE(cur.read(r));
    auto const rest = cur.as<chunky_row>();
    REQUIRE(rest.size() == static_cast<std::size_t>(n - first));
    CHECK(std::equal(rest.begin(), rest.end(), one_by_one.begin() + first));
    CHECK(cur.done());
    CHECK_FALSE(cur.read(r));
    CHECK(cur.as<chunky_row>().empty());
  }
  {
    auto cur = db.execute(q);
    std::int64_t seen = 0;
    for (auto const& row : cur) {  // stops on row 2500: as<S>() goes on from row 2501
      if (row.get<"id">() == 2500) break;
      ++seen;
    }
    CHECK(seen == 2500);
    auto const rest = cur.as<chunky_row>();
    REQUIRE(rest.size() == static_cast<std::size_t>(n - 2501));
    CHECK(rest.front() == one_by_one[2501]);
    CHECK(rest.back() == one_by_one[4999]);
  }
  {  // as<S>(), then read(S&) on the exhausted cursor
    auto cur = db.execute(q);
    CHECK(cur.as<chunky_row>().size() == static_cast<std::size_t>(n));
    chunky_row r;
    CHECK_FALSE(cur.read(r));
  }

  // to_vector(), a chunk at a time too: owning rows equal to the structs; once iterating, from the current row on.
  auto const rows = db.execute(q).to_vector();
  REQUIRE(rows.size() == static_cast<std::size_t>(n));
  std::size_t rows_same = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    auto const& r = rows[k];
    auto const& e = one_by_one[k];
    rows_same += r.get<"id">() == e.id && r.get<"label">() == e.label && r.get<"half">() == e.half &&
                         r.get<"day">() == e.day && r.get<"n32">() == e.n32 && r.get<"flag">() == e.flag &&
                         r.get<"note">() == e.note && r.get<"at">() == e.at
                     ? 1
                     : 0;
  }
  CHECK(rows_same == static_cast<std::size_t>(n));
  for (int first : {1, 2047, 2048, 4999}) {
    auto cur = db.execute(q);
    auto it = cur.begin();
    for (int i = 0; i < first; ++i) ++it;  // on row `first`
    auto const rest = cur.to_vector();
    REQUIRE(rest.size() == static_cast<std::size_t>(n - first));
    CHECK(rest.front().get<"id">() == first);
    CHECK(rest.front().get<"label">() == one_by_one[static_cast<std::size_t>(first)].label);
    CHECK(rest.back().get<"id">() == n - 1);
    CHECK(cur.to_vector().empty());
  }

  // A member that converts its column (INTEGER into double), in another order than the columns: row by row.
  auto const converted = db.fetch_as<chunky_converted>(c.select(c.note, c.n32, c.id).order_by(c.id));
  REQUIRE(converted.size() == static_cast<std::size_t>(n));
  CHECK(converted[4097].n32 == 4097.0 * 3);
  CHECK(converted[4097].id == 4097);
  CHECK(converted[4097].note == "note 4097");
  CHECK_FALSE(converted[4095].note.has_value());
}

TEST_CASE("duckdb: a NULL read by as<S>() into a non-optional member is the error read() gives", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("lying"));
  db.exec("CREATE TABLE lying (id BIGINT, v BIGINT)");
  db.exec("INSERT INTO lying SELECT i, CASE WHEN i = 3000 THEN NULL ELSE i END FROM range(4000) t(i)");
  lying l;
  auto const q = l.select(l.id, l.v).order_by(l.id);
  CHECK_THROWS_AS(db.fetch_as<lying_row>(q), egret::type_error);
  CHECK_THROWS_WITH(db.fetch_as<lying_row>(q),
                    Catch::Contains("column 1 \"v\" is NULL but the query's type says NOT NULL") &&
                        Catch::Contains("in SQL: SELECT"));
  std::string by_read;
  try {
    auto cur = db.execute(q);
    lying_row r;
    while (cur.read(r)) {
    }
  } catch (egret::type_error const& e) {
    by_read = e.what();
  }
  std::string by_as;
  {
    auto cur = db.execute(q);
    try {
      (void)cur.as<lying_row>();
    } catch (egret::type_error const& e) {
      by_as = e.what();
    }
    // the cursor stopped on the row that failed: the next row read is the one after it
    lying_row r;
    REQUIRE(cur.read(r));
    CHECK(r.id == 3001);
  }
  CHECK_FALSE(by_read.empty());
  CHECK(by_as == by_read);
  // Rows before the NULL read whole: a limit that stops short of it.
  CHECK(db.fetch_as<lying_row>(q.limit(3000)).size() == 3000);
}
