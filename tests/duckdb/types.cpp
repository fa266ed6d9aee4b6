// Values written through bound parameters and read back through DuckDB's data chunks, on a real database file:
// integers at their limits, doubles, booleans, text inlined (up to 12 bytes) and not, dates and timestamps before
// and after 1970, NULLs into std::optional.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "test_db.hpp"

namespace {
EGRET_TABLE(everything, (id, std::int64_t), (i32, std::int32_t), (i64, std::int64_t), (d, double), (b, bool),
            (s, std::string), (day, egret::date), (at, egret::timestamp), (oi, std::optional<std::int64_t>),
            (od, std::optional<double>), (os, std::optional<std::string>), (oday, std::optional<egret::date>),
            (oat, std::optional<egret::timestamp>));
EGRET_TABLE(raw_types, (h, std::int64_t), (dec, double), (big_dec, double), (small, std::int32_t),
            (tiny, std::int64_t), (ms, egret::timestamp), (tz_date, egret::timestamp));
EGRET_TABLE(too_big, (small, std::int32_t), (h, std::int64_t));
}  // namespace

TEST_CASE("duckdb: every column type round trips through bound parameters and data chunks", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("types"));
  db.create_table<everything>();
  using lim32 = std::numeric_limits<std::int32_t>;
  using lim64 = std::numeric_limits<std::int64_t>;
  std::string const long_text(1000, 'x');
  db.insert<everything>(1, lim32::min(), lim64::min(), -0.5, true, "", egret::date{1, 1, 1},
                        egret::timestamp{egret::date{1969, 12, 31}, 23, 59, 59, 999999}, std::nullopt, std::nullopt,
                        std::nullopt, std::nullopt, std::nullopt);
  db.insert<everything>(2, lim32::max(), lim64::max(), 1e300, false, "twelve bytes", egret::date{2024, 2, 29},
                        egret::timestamp{egret::date{2024, 2, 29}, 12, 34, 56, 789}, std::optional<std::int64_t>(-7),
                        std::optional<double>(3.25), std::optional<std::string>("thirteen byte"),
                        std::optional<egret::date>(egret::date{1900, 3, 1}),
                        std::optional<egret::timestamp>(egret::timestamp{egret::date{1901, 1, 1}}));
  db.insert<everything>(3, 0, 0, std::numeric_limits<double>::denorm_min(), true, long_text, egret::date{9999, 12, 31},
                        egret::timestamp{egret::date{1970, 1, 1}}, std::optional<std::int64_t>(0),
                        std::optional<double>(0.0), std::optional<std::string>(""), std::nullopt, std::nullopt);
  everything t;
  auto rows = db.execute(t.select(t.id, t.i32, t.i64, t.d, t.b, t.s, t.day, t.at, t.oi, t.od, t.os, t.oday, t.oat)
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 3);
  auto const& r1 = rows[0];
  CHECK(r1.get<"i32">() == lim32::min());
  CHECK(r1.get<"i64">() == lim64::min());
  CHECK(r1.get<"d">() == -0.5);
  CHECK(r1.get<"b">() == true);
  CHECK(r1.get<"s">() == "");
  CHECK(r1.get<"day">() == egret::date{1, 1, 1});
  CHECK(r1.get<"at">() == egret::timestamp{egret::date{1969, 12, 31}, 23, 59, 59, 999999});
  CHECK(!r1.get<"oi">().has_value());
  CHECK(!r1.get<"od">().has_value());
  CHECK(!r1.get<"os">().has_value());
  CHECK(!r1.get<"oday">().has_value());
  CHECK(!r1.get<"oat">().has_value());
  auto const& r2 = rows[1];
  CHECK(r2.get<"i32">() == lim32::max());
  CHECK(r2.get<"i64">() == lim64::max());
  CHECK(r2.get<"d">() == 1e300);
  CHECK(r2.get<"b">() == false);
  CHECK(r2.get<"s">() == "twelve bytes");  // 12 bytes: inlined in duckdb_string_t
  CHECK(r2.get<"day">() == egret::date{2024, 2, 29});
  CHECK(r2.get<"at">() == egret::timestamp{egret::date{2024, 2, 29}, 12, 34, 56, 789});
  CHECK(r2.get<"oi">() == std::optional<std::int64_t>(-7));
  CHECK(r2.get<"od">() == std::optional<double>(3.25));
  CHECK(r2.get<"os">() == std::optional<std::string>("thirteen byte"));  // 13 bytes: behind a pointer
  CHECK(r2.get<"oday">() == std::optional<egret::date>(egret::date{1900, 3, 1}));
  CHECK(r2.get<"oat">() == std::optional<egret::timestamp>(egret::timestamp{egret::date{1901, 1, 1}}));
  auto const& r3 = rows[2];
  CHECK(r3.get<"d">() == std::numeric_limits<double>::denorm_min());
  CHECK(r3.get<"s">() == long_text);
  CHECK(r3.get<"day">() == egret::date{9999, 12, 31});
  CHECK(r3.get<"at">() == egret::timestamp{egret::date{1970, 1, 1}});
  CHECK(r3.get<"oi">() == std::optional<std::int64_t>(0));
  CHECK(r3.get<"os">() == std::optional<std::string>(""));

  // The same values after the database file is closed and opened again.
  std::string const path = egret_test::duckdb_file("types_reopen");
  {
    egret::duckdb::connection w(path);
    w.create_table<everything>();
    w.insert<everything>(1, 5, std::int64_t{6}, 7.5, true, "kept", egret::date{2000, 1, 2},
                         egret::timestamp{egret::date{2000, 1, 2}, 3, 4, 5, 6}, std::nullopt, std::nullopt,
                         std::optional<std::string>("also kept"), std::nullopt, std::nullopt);
  }
  egret::duckdb::connection r(path);
  auto const back = r.execute(t.select(t.s, t.os, t.at, t.oi)).first();
  REQUIRE(back);
  CHECK(back->get<"s">() == "kept");
  CHECK(back->get<"os">() == std::optional<std::string>("also kept"));
  CHECK(back->get<"at">() == egret::timestamp{egret::date{2000, 1, 2}, 3, 4, 5, 6});
  CHECK(!back->get<"oi">().has_value());
}

TEST_CASE("duckdb: DuckDB's own result types read as the query's C++ types", "[duckdb]") {
  egret::duckdb::connection db(":memory:");
  // SUM of BIGINT is a HUGEINT, a literal 2.5 a DECIMAL, SMALLINT and TIMESTAMP_MS columns narrower or coarser
  // than egret's: each read into the C++ type of the column declared over them.
  db.exec("CREATE TABLE raw_types (h HUGEINT, dec DECIMAL(10,3), big_dec DECIMAL(30,2), small SMALLINT, "
          "tiny UTINYINT, ms TIMESTAMP_MS, tz_date DATE)");
  db.exec("INSERT INTO raw_types VALUES (123456789012, 1234.567, 12345678901234567890.25, -3, 200, "
          "'2024-05-06 07:08:09.123', '2024-05-06')");
  raw_types t;
  auto const r = db.execute(t.select(t.h, t.dec, t.big_dec, t.small, t.tiny, t.ms, t.tz_date)).first();
  REQUIRE(r);
  CHECK(r->get<"h">() == 123456789012);
  CHECK(r->get<"dec">() == Approx(1234.567));
  CHECK(r->get<"big_dec">() == Approx(12345678901234567890.25));
  CHECK(r->get<"small">() == -3);
  CHECK(r->get<"tiny">() == 200);
  CHECK(r->get<"ms">() == egret::timestamp{egret::date{2024, 5, 6}, 7, 8, 9, 123000});
  CHECK(r->get<"tz_date">() == egret::timestamp{egret::date{2024, 5, 6}});

  // A value that does not fit the C++ type is an error naming the column, never a wrapped number.
  db.exec("CREATE TABLE too_big (small INTEGER, h HUGEINT)");
  db.exec("INSERT INTO too_big VALUES (1, 170141183460469231731687303715884105727)");
  too_big b;
  CHECK_THROWS_WITH(db.execute(b.select(b.h)).to_vector(),
                    Catch::Contains("column 0 \"h\" holds a HUGEINT that does not fit a 64-bit BIGINT"));
  // NULL into a NOT NULL C++ type
  db.exec("INSERT INTO too_big VALUES (NULL, 1)");
  CHECK_THROWS_AS(db.execute(b.select(b.small)).to_vector(), egret::type_error);
  CHECK_THROWS_WITH(db.execute(b.select(b.small)).to_vector(),
                    Catch::Contains("is NULL but the query's type says NOT NULL") &&
                        Catch::Contains("in SQL: SELECT \"too_big\".\"small\" FROM \"too_big\""));
}
