// The numeric functions: golden SQL for SQLite and PostgreSQL, their types, and their values on SQLite
// (NULL propagation, halves, negative floor division, domain errors).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <optional>

#include <egret/sqlite.hpp>

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

static_assert(to_sql<L>(egret::abs(t.x)) == R"(ABS("nums"."x"))");
static_assert(to_sql<L>(t.n.abs()) == R"(ABS("nums"."n"))");
static_assert(to_sql<L>(t.x.ceil()) == R"(CEIL("nums"."x"))");
static_assert(to_sql<P>(egret::ceil(t.x)) == R"(CEIL("nums"."x"))");
static_assert(to_sql<L>(t.x.floor()) == R"(FLOOR("nums"."x"))");
static_assert(to_sql<L>(t.x.round()) == R"(ROUND("nums"."x"))");
static_assert(to_sql<P>(t.x.round()) == R"(CAST(ROUND(CAST("nums"."x" AS NUMERIC)) AS DOUBLE PRECISION))");
static_assert(to_sql<L>(t.x.round(2)) == R"(ROUND("nums"."x", ?))");
static_assert(to_sql<P>(egret::round(t.x, egret::lit<2>)) ==
              R"(CAST(ROUND(CAST("nums"."x" AS NUMERIC), 2) AS DOUBLE PRECISION))");
static_assert(to_sql<P>(egret::round(t.i, 1)) == R"(ROUND("nums"."i", $1))");
static_assert(to_sql<L>(t.x.sign()) == R"(SIGN("nums"."x"))");
static_assert(to_sql<L>(egret::sqrt(t.x + 1)) == R"(SQRT("nums"."x" + ?))");
static_assert(to_sql<P>(t.x.sqrt()) == R"(SQRT("nums"."x"))");
static_assert(to_sql<L>(t.x.exp()) == R"(EXP("nums"."x"))");
static_assert(to_sql<L>(t.x.ln()) == R"(LN("nums"."x"))");
static_assert(to_sql<L>(t.x.log10()) == R"(LOG10("nums"."x"))");
static_assert(to_sql<L>(egret::log(2, t.x)) == R"(LOG(?, "nums"."x"))");
static_assert(to_sql<L>(t.x.log(egret::lit<2>)) == R"(LOG(2, "nums"."x"))");
static_assert(to_sql<P>(egret::log(2, t.x)) ==
              R"(CAST(LOG(CAST($1 AS NUMERIC), CAST("nums"."x" AS NUMERIC)) AS DOUBLE PRECISION))");
static_assert(to_sql<L>(egret::power(t.x, 2)) == R"(POWER("nums"."x", ?))");
static_assert(to_sql<P>(egret::power(2, t.i)) == R"(POWER($1, "nums"."i"))");
static_assert(to_sql<L>(egret::mod(t.x, 2)) == R"(MOD("nums"."x", ?))");
static_assert(to_sql<P>(egret::mod(t.x, 2)) ==
              R"(CAST(MOD(CAST("nums"."x" AS NUMERIC), CAST($1 AS NUMERIC)) AS DOUBLE PRECISION))");
static_assert(to_sql<P>(egret::mod(t.i, egret::lit<3>)) == R"(MOD("nums"."i", 3))");
static_assert(to_sql<L>(egret::greatest(t.x, t.y, 0.0)) == R"(MAX("nums"."x", "nums"."y", ?))");
static_assert(to_sql<P>(egret::greatest(t.x, t.y, 0.0)) == R"(GREATEST("nums"."x", "nums"."y", $1))");
static_assert(to_sql<L>(egret::least(t.i, t.k)) == R"(MIN("nums"."i", "nums"."k"))");
static_assert(to_sql<P>(egret::least(t.i, t.k)) == R"(LEAST("nums"."i", "nums"."k"))");
static_assert(to_sql<L>(t.x.clip(0.0, 10.0)) == R"(MIN(MAX("nums"."x", ?), ?))");
static_assert(to_sql<P>(t.x.clip(0.0, 10.0)) == R"(LEAST(GREATEST("nums"."x", $1), $2))");
// division: `/` on integers truncates; floordiv floors; truediv is DOUBLE
static_assert(to_sql<L>(t.i / 2) == R"("nums"."i" / ?)");
static_assert(to_sql<L>(egret::truediv(t.i, 2)) == R"(CAST("nums"."i" AS REAL) / ?)");
static_assert(to_sql<P>(egret::truediv(t.i, 2)) == R"(CAST("nums"."i" AS DOUBLE PRECISION) / $1)");
static_assert(to_sql<L>(egret::truediv(t.x, t.i)) == R"("nums"."x" / "nums"."i")");
static_assert(to_sql<L>(egret::floordiv(t.i, 2)) == R"(CAST(FLOOR(CAST("nums"."i" AS REAL) / ?) AS INTEGER))");
static_assert(to_sql<P>(egret::floordiv(t.i, 2)) ==
              R"(CAST(FLOOR(CAST("nums"."i" AS DOUBLE PRECISION) / $1) AS BIGINT))");
static_assert(to_sql<L>(egret::floordiv(t.x, 2)) == R"(FLOOR("nums"."x" / ?))");
// composition and precedence: a call is an atom
static_assert(to_sql<L>(egret::abs(t.x - t.i) * 2) == R"(ABS("nums"."x" - "nums"."i") * ?)");
static_assert(to_sql<L>(t.filter(t.x.abs() > 1.0).select(t.x.round(1).as<"r">())) ==
              R"(SELECT ROUND("nums"."x", ?) AS "r" FROM "nums" WHERE ABS("nums"."x") > ?)");

// the standard spelling, shared by PostgreSQL and ANSI
using A = egret::dialect::ansi;
static_assert(to_sql<P>(t.x.abs()) == R"(ABS("nums"."x"))");
static_assert(to_sql<P>(t.x.floor()) == R"(FLOOR("nums"."x"))");
static_assert(to_sql<P>(t.x.sign()) == R"(SIGN("nums"."x"))");
static_assert(to_sql<P>(t.x.exp()) == R"(EXP("nums"."x"))");
static_assert(to_sql<P>(t.x.ln()) == R"(LN("nums"."x"))");
static_assert(to_sql<P>(t.x.log10()) == R"(LOG10("nums"."x"))");
static_assert(to_sql<P>(egret::floordiv(t.x, 2)) == R"(FLOOR("nums"."x" / $1))");
static_assert(to_sql<A>(egret::round(t.x, 2)) == R"(ROUND("nums"."x", ?))");
static_assert(to_sql<A>(egret::mod(t.x, 2)) == R"(MOD("nums"."x", ?))");
static_assert(to_sql<A>(egret::greatest(t.x, 1.0)) == R"(GREATEST("nums"."x", ?))");

// ---- types and nullability ----

static_assert(std::is_same_v<type_of<decltype(t.x.ceil())>, double>);   // DOUBLE stays DOUBLE
static_assert(std::is_same_v<type_of<decltype(t.i.ceil())>, std::int64_t>);
static_assert(std::is_same_v<type_of<decltype(t.x.round())>, double>);
static_assert(std::is_same_v<type_of<decltype(t.k.round())>, std::int32_t>);
static_assert(std::is_same_v<type_of<decltype(t.k.abs())>, std::int32_t>);
static_assert(std::is_same_v<type_of<decltype(t.i.sign())>, std::int64_t>);
static_assert(std::is_same_v<type_of<decltype(t.i.sqrt())>, double>);
static_assert(std::is_same_v<type_of<decltype(egret::log(2, t.i))>, double>);
static_assert(std::is_same_v<type_of<decltype(egret::power(t.i, 2))>, double>);
static_assert(std::is_same_v<type_of<decltype(egret::mod(t.i, 2))>, std::int64_t>);
static_assert(std::is_same_v<type_of<decltype(egret::mod(t.i, 2.0))>, double>);
static_assert(std::is_same_v<type_of<decltype(egret::greatest(t.k, t.i))>, std::int64_t>);
static_assert(std::is_same_v<type_of<decltype(t.i / 2)>, std::int64_t>);
static_assert(std::is_same_v<type_of<decltype(egret::truediv(t.i, 2))>, double>);
static_assert(std::is_same_v<type_of<decltype(egret::floordiv(t.i, 2))>, std::int64_t>);
static_assert(std::is_same_v<type_of<decltype(egret::floordiv(t.k, 2))>, std::int32_t>);
static_assert(std::is_same_v<type_of<decltype(egret::floordiv(t.x, 2))>, double>);
static_assert(!egret::nullable_v<decltype(t.x.abs())>);
static_assert(egret::nullable_v<decltype(t.n.abs())>);
static_assert(egret::nullable_v<decltype(t.x.sqrt())>);  // NULL outside the domain on SQLite
static_assert(egret::nullable_v<decltype(t.x.ln())>);
static_assert(!egret::nullable_v<decltype(t.x.exp())>);
static_assert(egret::nullable_v<decltype(egret::greatest(t.x, t.y))>);
static_assert(!egret::nullable_v<decltype(egret::floordiv(t.i, 2))>);

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

void fill(egret::sqlite::connection& db) {
  db.create_table<nums>();
  db.insert<nums>(1, 7, 2.5, std::nullopt, std::nullopt, 4);
  db.insert<nums>(2, -7, -2.5, std::optional<std::int64_t>(3), std::optional<double>(4.0), -9);
  db.insert<nums>(3, 0, 1.25, std::optional<std::int64_t>(-5), std::optional<double>(-1.0), 100);
}
}  // namespace

TEST_CASE("numeric: abs, sign, ceil, floor, round on SQLite", "[functions][numeric]") {
  egret::sqlite::connection db(fresh_db("numeric_rounding").string());
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

TEST_CASE("numeric: sqrt, exp, ln, log, power, mod on SQLite", "[functions][numeric]") {
  egret::sqlite::connection db(fresh_db("numeric_math").string());
  fill(db);
  auto rows = db.execute(t.select(t.x.sqrt().as<"sqrt">(), egret::sqrt(t.k).as<"sqrt_k">(), t.i.exp().as<"exp">(),
                                  t.x.ln().as<"ln">(), egret::log(2, t.k).as<"log2">(), t.k.log10().as<"log10">(),
                                  egret::power(t.x, 2).as<"sq">(), egret::power(t.x, 0.5).as<"root">(),
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
  CHECK(!rows[1].get<"root">().has_value());  // (-2.5)^0.5
  // the remainder has the dividend's sign, on integers and DOUBLE alike
  CHECK(rows[0].get<"mod_i">() == 1);
  CHECK(rows[1].get<"mod_i">() == -1);
  CHECK(rows[1].get<"pct">() == -1);
  CHECK(rows[0].get<"mod_x">() == 0.5);
  CHECK(rows[1].get<"mod_x">() == -0.5);
  CHECK(!rows[0].get<"mod_n">().has_value());
  CHECK(rows[1].get<"mod_n">() == 1);
}

TEST_CASE("numeric: greatest, least, clip on SQLite", "[functions][numeric]") {
  egret::sqlite::connection db(fresh_db("numeric_bounds").string());
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

TEST_CASE("numeric: integer division, floordiv and truediv on SQLite", "[functions][numeric]") {
  egret::sqlite::connection db(fresh_db("numeric_division").string());
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
