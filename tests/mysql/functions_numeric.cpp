// The function tests of tests/functions/numeric.cpp run on MariaDB: the same data, queries and expected values as on
// SQLite (ported mechanically, golden SQL left out: tests/mysql/golden.cpp has MySQL's). Where MariaDB differs, the
// expectation says so.
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






void fill(egret::mysql::connection& db) {
  db.drop_table(nums::egret_name.view());
  db.create_table<nums>();
  db.insert<nums>(1, 7, 2.5, std::nullopt, std::nullopt, 4);
  db.insert<nums>(2, -7, -2.5, std::optional<std::int64_t>(3), std::optional<double>(4.0), -9);
  db.insert<nums>(3, 0, 1.25, std::optional<std::int64_t>(-5), std::optional<double>(-1.0), 100);
}
}  // namespace

TEST_CASE("mysql numeric: abs, sign, ceil, floor, round on MariaDB", "[mysql][functions][numeric]") {
  auto& db = egret_test::mysql_db();
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

TEST_CASE("mysql numeric: sqrt, exp, ln, log, power, mod on MariaDB", "[mysql][functions][numeric]") {
  auto& db = egret_test::mysql_db();
  fill(db);
  auto rows = db.execute(t.select(t.x.sqrt().as<"sqrt">(), egret::sqrt(t.k).as<"sqrt_k">(), t.i.exp().as<"exp">(),
                                  t.x.ln().as<"ln">(), egret::log(2, t.k).as<"log2">(), t.k.log10().as<"log10">(),
                                  egret::power(t.x, 2).as<"sq">(), egret::power(t.x.abs(), 0.5).as<"root">(),
                                  egret::mod(t.i, 2).as<"mod_i">(), egret::mod(t.x, 2).as<"mod_x">(),
                                  (t.i % 2).as<"pct">(), egret::mod(t.n, 2).as<"mod_n">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"sqrt">().value() == Approx(std::sqrt(2.5)));
  CHECK(!rows[1].get<"sqrt">().has_value());  // sqrt(-2.5) is NULL on SQLite
  CHECK(rows[2].get<"sqrt_k">() == 10.0);
  CHECK(rows[2].get<"exp">() == 1.0);
  CHECK(rows[0].get<"exp">() == Approx(std::exp(7.0)));
  CHECK(rows[0].get<"ln">().value() == Approx(std::log(2.5)));
  CHECK(!rows[1].get<"ln">().has_value());
  CHECK(rows[0].get<"log2">() == 2.0);
  CHECK(rows[2].get<"log10">() == 2.0);
  CHECK(!rows[1].get<"log10">().has_value());  // log10(-9)
  CHECK(rows[1].get<"sq">() == 6.25);
  // MariaDB differs: (-2.5)^0.5 is server error 1690 (SQLite: NULL); here 2.5^0.5
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

TEST_CASE("mysql numeric: greatest, least, clip on MariaDB", "[mysql][functions][numeric]") {
  auto& db = egret_test::mysql_db();
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
  CHECK(!rows[0].get<"g_null">().has_value());  // SQLite's scalar MAX is NULL when an argument is
  CHECK(rows[1].get<"g_null">() == 4.0);
  CHECK(rows[0].get<"c">() == 2.0);
  CHECK(rows[1].get<"c">() == -1.0);
  CHECK(rows[2].get<"c">() == 1.25);
  CHECK(!rows[0].get<"c_null">().has_value());
  CHECK(rows[1].get<"c_null">() == 1.0);
  CHECK(rows[2].get<"c_null">() == 0.0);
}

TEST_CASE("mysql numeric: integer division, floordiv and truediv on MariaDB", "[mysql][functions][numeric]") {
  auto& db = egret_test::mysql_db();
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
