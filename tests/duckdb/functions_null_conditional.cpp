// The null conditional functions executed on DuckDB: tests/mysql/functions_null_conditional.cpp ported to a DuckDB database file
// (the same data, queries and expected values), until the conformance suite runs on DuckDB. Where DuckDB differs,
// the expectation says so.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "test_db.hpp"

namespace {
EGRET_TABLE(nc, (id, std::int64_t), (s, std::optional<std::string>), (a, std::optional<double>),
            (b, std::optional<double>), (x, double));

using egret::lit;
using egret::str;
using egret::to_sql;
using L = egret::dialect::sqlite;
using P = egret::dialect::postgres;
constexpr nc t{};

template <class E>
using type_of = egret::value_type_t<E>;

// ---- golden SQL ----














// the standard spelling, shared by PostgreSQL and ANSI
using A = egret::dialect::ansi;





// ---- types and nullability ----


  // always



  // never NULL

  // no ELSE




void fill(egret::duckdb::connection& db) {
  db.drop_table(nc::egret_name.view());
  db.create_table<nc>();
  db.insert<nc>(1, std::optional<std::string>("a"), std::optional<double>(1.0), std::optional<double>(1.0), 0.0);
  db.insert<nc>(2, std::optional<std::string>("b"), std::optional<double>(1.0), std::nullopt, 2.0);
  db.insert<nc>(3, std::nullopt, std::nullopt, std::nullopt, -1.0);
  db.insert<nc>(4, std::optional<std::string>(""), std::nullopt, std::optional<double>(2.0), 4.0);
}

std::optional<std::string> opt(std::optional<std::string_view> v) {
  return v ? std::optional<std::string>(*v) : std::nullopt;
}
}  // namespace

TEST_CASE("duckdb null: nullif, fill_null, identical_to on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("null_conditional_1"));
  fill(db);
  auto rows = db.execute(t.select(t.x.nullif(0.0).as<"nz">(), t.s.nullif(str<"">).as<"ns">(),
                                  t.a.fill_null(-1.0).as<"fa">(), t.s.fill_null(str<"?">).as<"fs">(),
                                  t.a.identical_to(t.b).as<"same">(), (t.a == t.b).as<"eq">(),
                                  (10.0 / t.x.nullif(0.0)).as<"safe_div">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(!rows[0].get<"nz">().has_value());
  CHECK(rows[1].get<"nz">() == 2.0);
  CHECK(opt(rows[0].get<"ns">()) == "a");
  CHECK(!rows[2].get<"ns">().has_value());  // NULL stays NULL
  CHECK(!rows[3].get<"ns">().has_value());  // '' becomes NULL
  CHECK(rows[0].get<"fa">() == 1.0);
  CHECK(rows[2].get<"fa">() == -1.0);
  CHECK(rows[2].get<"fs">() == "?");
  CHECK(rows[3].get<"fs">() == "");
  CHECK(rows[0].get<"same">() == true);
  CHECK(rows[1].get<"same">() == false);  // 1 vs NULL: false, where = is NULL
  CHECK(!rows[1].get<"eq">().has_value());
  CHECK(rows[2].get<"same">() == true);  // NULL vs NULL
  CHECK(!rows[2].get<"eq">().has_value());
  CHECK(!rows[0].get<"safe_div">().has_value());
  CHECK(rows[1].get<"safe_div">() == 5.0);

  auto same = db.execute(t.filter(t.a.identical_to(t.b)).select(t.id).order_by(t.id)).to_vector();
  REQUIRE(same.size() == 2);
  CHECK(same[0].get<"id">() == 1);
  CHECK(same[1].get<"id">() == 3);
}

TEST_CASE("duckdb conditional: simple CASE on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("null_conditional_2"));
  fill(db);
  auto rows = db.execute(t.select(egret::case_(t.s).when(str<"a">, lit<1>).when("b", 2).otherwise(0).as<"code">(),
                                  egret::case_(t.id % 2).when(0, str<"even">).end().as<"even">(),
                                  egret::case_(t.s).when("a", t.a).otherwise(t.x).as<"mixed">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"code">() == 1);
  CHECK(rows[1].get<"code">() == 2);
  CHECK(rows[2].get<"code">() == 0);  // a NULL subject matches no WHEN
  CHECK(rows[3].get<"code">() == 0);
  CHECK(!rows[0].get<"even">().has_value());
  CHECK(opt(rows[1].get<"even">()) == "even");
  CHECK(rows[0].get<"mixed">() == 1.0);
  CHECK(rows[1].get<"mixed">() == 2.0);
}
