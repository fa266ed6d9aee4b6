// The numeric functions executed on DuckDB: tests/mysql/functions_numeric.cpp ported to a DuckDB database file
// (the same data, queries and expected values), until the conformance suite runs on DuckDB. Where DuckDB differs,
// the expectation says so.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <optional>

#include "test_db.hpp"

namespace {
EGRET_TABLE(nums, (id, std::int64_t), (i, std::int64_t), (x, double), (n, std::optional<std::int64_t>),
            (y, std::optional<double>), (k, std::int32_t));

using egret::to_sql;
using L = egret::dialect::sqlite;
using P = egret::dialect::postgres;
constexpr nums t{};

template <class E>
using type_of = egret::value_type_t<E>;

// ---- golden SQL ----































// division: `/` on integers truncates; floordiv floors; truediv is DOUBLE







// composition and precedence: a call is an atom



// the standard spelling, shared by PostgreSQL and ANSI
using A = egret::dialect::ansi;











// ---- types and nullability ----

   // DOUBLE stays DOUBLE


















  // NULL outside the domain on SQLite






void fill(egret::duckdb::connection& db) {
  db.drop_table(nums::egret_name.view());
  db.create_table<nums>();
  db.insert<nums>(1, 7, 2.5, std::nullopt, std::nullopt, 4);
  db.insert<nums>(2, -7, -2.5, std::optional<std::int64_t>(3), std::optional<double>(4.0), -9);
  db.insert<nums>(3, 0, 1.25, std::optional<std::int64_t>(-5), std::optional<double>(-1.0), 100);
}
}  // namespace

TEST_CASE("duckdb numeric: abs, sign, ceil, floor, round on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("numeric_1"));
  fill(db);
  auto rows = db.execute(t.select(t.i.abs().as<"abs_i">(), t.x.abs().as<"abs_x">(), t.n.abs().as<"abs_n">(),
                                  t.x.sign().as<"sign_x">(), t.i.sign().as<"sign_i">(), t.x.ceil().as<"ceil">(),
                                  t.x.floor().as<"floor">(), t.x.round().as<"round">(),
                                  t.x.round(1).as<"round1">(), t.k.round().as<"round_k">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"abs_i">() == 7);
  CHECK(rows[1].get<"abs_i">() == 7);
  CHECK(rows[1].get<"abs_x">() == 2.5);
  CHECK(!rows[0].get<"abs_n">().has_value());  // NULL in, NULL out
  CHECK(rows[2].get<"abs_n">() == 5);
  CHECK(rows[0].get<"sign_x">() == 1.0);
  CHECK(rows[1].get<"sign_x">() == -1.0);
  CHECK(rows[2].get<"sign_i">() == 0);
  CHECK(rows[0].get<"ceil">() == 3.0);
  CHECK(rows[1].get<"ceil">() == -2.0);
  CHECK(rows[0].get<"floor">() == 2.0);
  CHECK(rows[1].get<"floor">() == -3.0);
  // halves away from zero
  CHECK(rows[0].get<"round">() == 3.0);
  CHECK(rows[1].get<"round">() == -3.0);
  CHECK(rows[2].get<"round">() == 1.0);
  CHECK(rows[2].get<"round1">() == 1.3);
  CHECK(rows[1].get<"round_k">() == -9);
}

TEST_CASE("duckdb numeric: sqrt, exp, ln, log, power, mod on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("numeric_2"));
  fill(db);
  // DuckDB differs, as PostgreSQL does: SQRT, LN, LOG and LOG10 outside their domain are an error (Out of Range
  // Error), not NULL as on SQLite; so the query below takes them of |x| and |k|, and the errors are checked here.
  CHECK_THROWS_WITH(db.execute(t.filter(t.id == 2).select(t.x.sqrt().as<"sqrt">())).to_vector(),
                    Catch::Contains("cannot take square root of a negative number"));
  CHECK_THROWS_WITH(db.execute(t.filter(t.id == 2).select(t.x.ln().as<"ln">())).to_vector(),
                    Catch::Contains("cannot take logarithm of a negative number"));
  CHECK_THROWS_WITH(db.execute(t.filter(t.id == 2).select(t.k.log10().as<"log10">())).to_vector(),
                    Catch::Contains("cannot take logarithm of a negative number"));
  auto rows = db.execute(t.select(t.x.abs().sqrt().as<"sqrt">(), egret::sqrt(t.k.abs()).as<"sqrt_k">(),
                                  t.i.exp().as<"exp">(), t.x.abs().ln().as<"ln">(), egret::log(2, t.k.abs()).as<"log2">(),
                                  t.k.abs().log10().as<"log10">(),
                                  egret::power(t.x, 2).as<"sq">(), egret::power(t.x.abs(), 0.5).as<"root">(),
                                  egret::mod(t.i, 2).as<"mod_i">(), egret::mod(t.x, 2).as<"mod_x">(),
                                  (t.i % 2).as<"pct">(), egret::mod(t.n, 2).as<"mod_n">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"sqrt">().value() == Approx(std::sqrt(2.5)));
  CHECK(rows[1].get<"sqrt">().value() == Approx(std::sqrt(2.5)));  // of |-2.5| (above: sqrt(-2.5) is an error)
  CHECK(rows[2].get<"sqrt_k">() == 10.0);
  CHECK(rows[2].get<"exp">() == 1.0);
  CHECK(rows[0].get<"exp">() == Approx(std::exp(7.0)));
  CHECK(rows[0].get<"ln">().value() == Approx(std::log(2.5)));
  CHECK(rows[1].get<"ln">().value() == Approx(std::log(2.5)));
  CHECK(rows[0].get<"log2">() == 2.0);
  CHECK(rows[2].get<"log10">() == 2.0);
  CHECK(rows[1].get<"log10">().value() == Approx(std::log10(9.0)));
  CHECK(rows[1].get<"sq">() == 6.25);
  // (-2.5)^0.5 is NaN on DuckDB (SQLite: NULL, MariaDB: an error); here 2.5^0.5
  CHECK(rows[0].get<"root">().value() == Approx(std::sqrt(2.5)));
  // the remainder has the dividend's sign, on integers and DOUBLE alike
  CHECK(rows[0].get<"mod_i">() == 1);
  CHECK(rows[1].get<"mod_i">() == -1);
  CHECK(rows[1].get<"pct">() == -1);
  CHECK(rows[0].get<"mod_x">() == 0.5);
  CHECK(rows[1].get<"mod_x">() == -0.5);
  CHECK(!rows[0].get<"mod_n">().has_value());
  CHECK(rows[1].get<"mod_n">() == 1);
}

TEST_CASE("duckdb numeric: greatest, least, clip on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("numeric_3"));
  fill(db);
  auto rows = db.execute(t.select(egret::greatest(t.i, t.k, 0).as<"g">(), egret::least(t.i, t.k).as<"l">(),
                                  egret::greatest(t.x, t.y).as<"g_null">(), t.x.clip(-1.0, 2.0).as<"c">(),
                                  t.y.clip(0.0, 1.0).as<"c_null">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"g">() == 7);
  CHECK(rows[1].get<"g">() == 0);
  CHECK(rows[2].get<"g">() == 100);
  CHECK(rows[1].get<"l">() == -9);
  CHECK(rows[0].get<"g_null">() == 2.5);  // DuckDB differs, as PostgreSQL does: GREATEST ignores NULL (SQLite: NULL)
  CHECK(rows[1].get<"g_null">() == 4.0);
  CHECK(rows[0].get<"c">() == 2.0);
  CHECK(rows[1].get<"c">() == -1.0);
  CHECK(rows[2].get<"c">() == 1.25);
  CHECK(rows[0].get<"c_null">() == 0.0);  // so a NULL x clips to lo, as on PostgreSQL (SQLite: NULL)
  CHECK(rows[1].get<"c_null">() == 1.0);
  CHECK(rows[2].get<"c_null">() == 0.0);
}

TEST_CASE("duckdb numeric: integer division, floordiv and truediv on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("numeric_4"));
  fill(db);
  auto rows = db.execute(t.select((t.i / 2).as<"div">(), egret::floordiv(t.i, 2).as<"floordiv">(),
                                  egret::truediv(t.i, 2).as<"truediv">(), egret::floordiv(t.x, 2).as<"floordiv_x">(),
                                  egret::floordiv(t.n, 2).as<"floordiv_n">(), egret::floordiv(-7, t.k).as<"neg">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"div">() == 3);
  CHECK(rows[1].get<"div">() == -3);  // `/` truncates toward zero
  CHECK(rows[0].get<"floordiv">() == 3);
  CHECK(rows[1].get<"floordiv">() == -4);  // floordiv rounds toward minus infinity
  CHECK(rows[2].get<"floordiv">() == 0);
  CHECK(rows[0].get<"truediv">() == 3.5);
  CHECK(rows[1].get<"truediv">() == -3.5);
  CHECK(rows[0].get<"floordiv_x">() == 1.0);
  CHECK(rows[1].get<"floordiv_x">() == -2.0);
  CHECK(!rows[0].get<"floordiv_n">().has_value());
  CHECK(rows[2].get<"floordiv_n">() == -3);  // -5 floordiv 2
  CHECK(rows[0].get<"neg">() == -2);         // -7 floordiv 4
  CHECK(rows[1].get<"neg">() == 0);          // -7 floordiv -9
}
