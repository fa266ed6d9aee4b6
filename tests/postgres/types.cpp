// Every value type egret knows, written and read back through PostgreSQL in both result formats (text and
// binary): integers at their limits, doubles, booleans, text with quotes / backslashes / Unicode, dates,
// timestamps, NULLs and optionals; the server's types converted to egret's (NUMERIC, INTEGER, REAL); the
// errors when a value does not fit its C++ type.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "test_db.hpp"

namespace {
using namespace egret::literals;
using egret::postgres::result_format;

EGRET_TABLE(every, (id, std::int32_t), (i32, std::int32_t), (i64, std::int64_t), (dbl, double), (flag, bool),
            (txt, std::string), (day, egret::date), (ts, egret::timestamp), (o_i64, std::optional<std::int64_t>),
            (o_txt, std::optional<std::string>), (o_day, std::optional<egret::date>),
            (o_ts, std::optional<egret::timestamp>), (o_dbl, std::optional<double>), (o_flag, std::optional<bool>));

struct format_guard {
  egret::postgres::connection& db;
  result_format saved = db.format();
  ~format_guard() { db.set_format(saved); }
};
}  // namespace

TEST_CASE("postgres: every value type round-trips, in both result formats", "[postgres][types]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("every");
  db.create_table<every>();
  std::string const tricky = "it's a \"quote\", a back\\slash, a tab\t, a newline\n, Unicode: \xC3\xA9\xE2\x82\xAC\xF0\x9F\x90\xA6";
  egret::timestamp const ts{{2024, 2, 29}, 23, 59, 58, 123456};
  db.insert<every>(1, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int64_t>::max(), 0.1, true,
                   tricky, egret::date{1999, 12, 31}, ts, std::optional<std::int64_t>(-7), std::optional<std::string>(""),
                   std::optional<egret::date>(egret::date{2000, 1, 1}), std::optional<egret::timestamp>(egret::timestamp{{1970, 1, 1}}),
                   std::optional<double>(-1e300), std::optional<bool>(false));
  db.insert<every>(2, std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int64_t>::min(), 1.0 / 3.0, false,
                   std::string(), egret::date{1900, 3, 1}, egret::timestamp{{1969, 12, 31}, 0, 0, 0, 1}, std::nullopt,
                   std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
  every e;
  format_guard g{db};
  for (auto f : {result_format::binary, result_format::text}) {
    db.set_format(f);
    INFO("format " << (f == result_format::binary ? "binary" : "text"));
    auto rows = db.execute(e.order_by(e.id)).to_vector();
    REQUIRE(rows.size() == 2);
    auto const& a = rows[0];
    CHECK(a.get<"i32">() == std::numeric_limits<std::int32_t>::min());
    CHECK(a.get<"i64">() == std::numeric_limits<std::int64_t>::max());
    CHECK(a.get<"dbl">() == 0.1);
    CHECK(a.get<"flag">() == true);
    CHECK(a.get<"txt">() == tricky);
    CHECK(a.get<"day">() == egret::date{1999, 12, 31});
    CHECK(a.get<"ts">() == ts);
    CHECK(a.get<"o_i64">() == std::optional<std::int64_t>(-7));
    CHECK(a.get<"o_txt">() == std::optional<std::string>(""));  // empty text is not NULL
    CHECK(a.get<"o_day">() == std::optional<egret::date>(egret::date{2000, 1, 1}));
    CHECK(a.get<"o_ts">() == std::optional<egret::timestamp>(egret::timestamp{{1970, 1, 1}}));
    CHECK(a.get<"o_dbl">() == std::optional<double>(-1e300));
    CHECK(a.get<"o_flag">() == std::optional<bool>(false));
    auto const& b = rows[1];
    CHECK(b.get<"i32">() == std::numeric_limits<std::int32_t>::max());
    CHECK(b.get<"i64">() == std::numeric_limits<std::int64_t>::min());
    CHECK(b.get<"dbl">() == 1.0 / 3.0);
    CHECK(b.get<"flag">() == false);
    CHECK(b.get<"txt">().empty());
    CHECK(b.get<"day">() == egret::date{1900, 3, 1});
    CHECK(b.get<"ts">() == egret::timestamp{{1969, 12, 31}, 0, 0, 0, 1});
    CHECK(!b.get<"o_i64">());
    CHECK(!b.get<"o_txt">());
    CHECK(!b.get<"o_day">());
    CHECK(!b.get<"o_ts">());
    CHECK(!b.get<"o_dbl">());
    CHECK(!b.get<"o_flag">());

    // values bound as params compare equal on the server (they were parsed as the column's type)
    auto same = e.filter(e.txt == egret::param<"t", std::string>)
                    .filter(e.ts == egret::param<"ts", egret::timestamp>)
                    .filter(e.day == egret::param<"d", egret::date>)
                    .filter(e.dbl == egret::param<"x", double>)
                    .select(e.id);
    CHECK(db.execute(same, tricky, ts, egret::date{1999, 12, 31}, 0.1).first()->get<"id">() == 1);
    CHECK(!db.execute(same, tricky + " ", ts, egret::date{1999, 12, 31}, 0.1).first());
  }
}

TEST_CASE("postgres: the server's types convert to the C++ types egret declares", "[postgres][types]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("every");
  db.create_table<every>();
  for (int i = 1; i <= 4; ++i)
    db.insert<every>(i, i * 10, std::int64_t{4'000'000'000} * i, i * 0.5, i % 2 == 0, "t", egret::date{2024, 1, static_cast<std::uint32_t>(i)},
                     egret::timestamp{{2024, 1, 1}, static_cast<std::uint32_t>(i)}, std::optional<std::int64_t>(i),
                     std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
  every e;
  format_guard g{db};
  for (auto f : {result_format::binary, result_format::text}) {
    db.set_format(f);
    INFO("format " << (f == result_format::binary ? "binary" : "text"));
    // SUM(BIGINT) and AVG are NUMERIC on the server; SUM(INTEGER) is BIGINT; COUNT is BIGINT
    auto agg = e.aggregate(e.i64.sum().as<"s64">(), e.i32.sum().as<"s32">(), e.i64.mean().as<"avg">(),
                           egret::count().as<"n">(), e.o_i64.sum().as<"os">(), e.o_txt.count().as<"nt">());
    auto r = db.execute(agg).first();
    REQUIRE(r);
    CHECK(r->get<"s64">() == std::int64_t{40'000'000'000});
    CHECK(r->get<"s32">() == 100);
    CHECK(r->get<"avg">() == 10'000'000'000.0);
    CHECK(r->get<"n">() == 4);
    CHECK(r->get<"os">() == 10);
    CHECK(r->get<"nt">() == 0);
  }
}

TEST_CASE("postgres: raw result conversions by type OID", "[postgres][types]") {
  auto& db = egret_test::postgres_db();
  format_guard g{db};
  for (auto f : {result_format::binary, result_format::text}) {
    db.set_format(f);
    INFO("format " << (f == result_format::binary ? "binary" : "text"));
    egret::postgres::params p;
    auto r = db.run_sql(
        "SELECT 12345678901234567890.5::numeric, -42.000::numeric, 0.000123::numeric, 7::int2, 2.5::real, "
        "'NaN'::float8, 'Infinity'::float8, 3000000000::int8, 'x'::varchar, 'ab'::char(3), "
        "'2024-05-06 07:08:09.5+00'::timestamptz, 123456789012.0::float8, NULL::int4",
        p);
    REQUIRE(r.row_count() == 1);
    CHECK(r.read<double>(0) == 12345678901234567890.5);
    CHECK(r.read<std::int64_t>(1) == -42);
    CHECK(r.read<std::int32_t>(1) == -42);
    CHECK(r.read<double>(2) == 0.000123);
    CHECK_THROWS_AS(r.read<std::int64_t>(0), egret::type_error);  // a fraction, and too big
    CHECK_THROWS_AS(r.read<std::int64_t>(2), egret::type_error);
    CHECK(r.read<std::int32_t>(3) == 7);
    CHECK(r.read<double>(3) == 7.0);
    CHECK(r.read<double>(4) == 2.5);
    CHECK(std::isnan(r.read<double>(5)));
    CHECK(r.read<double>(6) == std::numeric_limits<double>::infinity());
    CHECK(r.read<std::int64_t>(7) == 3'000'000'000);
    CHECK_THROWS_WITH(r.read<std::int32_t>(7), Catch::Contains("does not fit a 32-bit INTEGER"));
    CHECK(r.read<std::string>(8) == "x");
    CHECK(r.read<std::string>(9) == "ab ");
    CHECK(r.read<egret::timestamp>(10) == egret::timestamp{{2024, 5, 6}, 7, 8, 9, 500000});
    CHECK(r.read<std::int64_t>(11) == 123456789012);
    CHECK(!r.read<std::optional<std::int32_t>>(12));
    CHECK_THROWS_WITH(r.read<std::int32_t>(12), Catch::Contains("is NULL but the query's type says NOT NULL"));
    CHECK_THROWS_WITH(r.read<std::int32_t>(13), Catch::Contains("does not exist"));
  }
}

TEST_CASE("postgres: NULL where the query promises NOT NULL is a type_error naming the column", "[postgres][types]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("every");
  db.create_table<every>();
  db.exec("ALTER TABLE every ALTER COLUMN txt DROP NOT NULL");
  db.exec("INSERT INTO every (id, i32, i64, dbl, flag, txt, day, ts) VALUES (1, 1, 1, 1, true, NULL, '2024-01-01', "
          "'2024-01-01')");
  every e;
  CHECK_THROWS_WITH(db.execute(e.select(e.txt)).to_vector(),
                    Catch::Contains("column 0 \"txt\" is NULL but the query's type says NOT NULL") &&
                        Catch::Contains("in SQL: SELECT"));
}

namespace {
EGRET_TABLE(shapes, (id, std::int64_t), (qty, std::int64_t), (name, std::string), (day, egret::date),
            (o_qty, std::optional<std::int64_t>), (o_name, std::optional<std::string>), (o_day, std::optional<egret::date>));
struct shape_row {
  BOOST_HANA_DEFINE_STRUCT(shape_row, (std::int64_t, id), (std::int64_t, qty), (std::string, name), (egret::date, day),
                           (std::optional<std::int64_t>, o_qty), (std::optional<std::string>, o_name),
                           (std::optional<egret::date>, o_day));
};
}  // namespace

TEST_CASE("postgres: structs read through the once-per-result column check: NULLs, errors, both formats, a type "
          "changed under a cached statement", "[postgres][types]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("shapes");
  db.create_table<shapes>();
  db.exec("ALTER TABLE shapes ALTER COLUMN day DROP NOT NULL");
  db.insert<shapes>(std::int64_t{1}, std::int64_t{10}, std::string("one"), egret::date{2001, 1, 1},
                    std::optional<std::int64_t>(-1), std::optional<std::string>(""),
                    std::optional<egret::date>(egret::date{1999, 12, 31}));
  db.insert<shapes>(std::int64_t{2}, std::int64_t{20}, std::string(""), egret::date{2002, 2, 2}, std::nullopt, std::nullopt,
                    std::nullopt);
  shapes t;
  auto const all = t.select(t.id, t.qty, t.name, t.day, t.o_qty, t.o_name, t.o_day).order_by(t.id);
  format_guard g{db};
  for (auto f : {result_format::binary, result_format::text}) {
    db.set_format(f);
    INFO("format " << (f == result_format::binary ? "binary" : "text"));
    for (int pass = 0; pass < 2; ++pass) {  // the second run: the statement's results already described
      auto rows = db.execute(all).as<shape_row>();
      REQUIRE(rows.size() == 2);
      CHECK(rows[0].qty == 10);
      CHECK(rows[0].name == "one");
      CHECK(rows[0].day == egret::date{2001, 1, 1});
      CHECK(rows[0].o_qty == std::optional<std::int64_t>(-1));
      CHECK(rows[0].o_name == std::optional<std::string>(""));
      CHECK(rows[0].o_day == std::optional<egret::date>(egret::date{1999, 12, 31}));
      CHECK(rows[1].name.empty());
      CHECK(!rows[1].o_qty);
      CHECK(!rows[1].o_name);
      CHECK(!rows[1].o_day);
      // the same rows through typed rows and one at a time
      auto typed = db.execute(all).to_vector();
      CHECK(!typed[1].get<"o_name">());
      CHECK(typed[1].get<"name">().empty());
      auto c = db.execute(all);
      shape_row r;
      CHECK(c.read(r));
      CHECK(r.o_name == std::optional<std::string>(""));
      CHECK(c.read(r));
      CHECK(!r.o_day);
      CHECK(!c.read(r));
    }
    // a NULL where the struct says NOT NULL, an infinite date: the column named
    db.exec("UPDATE shapes SET day = NULL WHERE id = 2");
    CHECK_THROWS_WITH(db.execute(all).as<shape_row>(), Catch::Contains("\"day\" is NULL"));
    db.exec("UPDATE shapes SET day = 'infinity' WHERE id = 2");
    CHECK_THROWS_WITH(db.execute(all).as<shape_row>(), Catch::Contains("infinite DATE") || Catch::Contains("not a DATE"));
    db.exec("UPDATE shapes SET day = '2002-02-02' WHERE id = 2");
  }
  db.set_format(result_format::binary);
  // another type under the cached statement (BIGINT to INTEGER, TEXT to VARCHAR): prepared again, described again,
  // and read the general way (an INTEGER into std::int64_t)
  CHECK(db.execute(all).as<shape_row>()[1].qty == 20);
  db.exec("ALTER TABLE shapes ALTER COLUMN qty TYPE integer, ALTER COLUMN name TYPE varchar(10)");
  db.exec("UPDATE shapes SET qty = -2147483648 WHERE id = 2");
  auto rows = db.execute(all).as<shape_row>();
  CHECK(rows[0].qty == 10);
  CHECK(rows[1].qty == -2147483648LL);
  CHECK(rows[0].name == "one");
  db.exec("ALTER TABLE shapes ALTER COLUMN qty TYPE bigint");
  db.exec("UPDATE shapes SET qty = 9223372036854775807 WHERE id = 2");
  CHECK(db.execute(all).as<shape_row>()[1].qty == INT64_MAX);
}
