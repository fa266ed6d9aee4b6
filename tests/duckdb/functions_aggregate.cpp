// The aggregate functions executed on DuckDB: tests/mysql/functions_aggregate.cpp ported to a DuckDB database file
// (the same data, queries and expected values), until the conformance suite runs on DuckDB. Where DuckDB differs,
// the expectation says so.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "test_db.hpp"

namespace {
EGRET_TABLE(m, (g, std::int64_t), (x, double), (i, std::int64_t), (s, std::string), (ok, bool),
            (o, std::optional<double>));

using egret::str;
using egret::to_sql;
using egret::where;
using L = egret::dialect::sqlite;
using L29 = egret::dialect::sqlite_v<3'029'000>;  // no FILTER clause
using P = egret::dialect::postgres;
constexpr m t{};

template <class E>
using type_of = egret::value_type_t<E>;

// ---- golden SQL ----













// without FILTER, the CASE goes around the value, not the separator





// SQLite has no variance: computed from sums over the same rows







// the standard spelling, shared by PostgreSQL and ANSI
using A = egret::dialect::ansi;







// ---- types and nullability ----




  // an empty group





// group 1: four rows; group 2: one row; group 3: a large mean against a small spread; group 4: equal values
void fill(egret::duckdb::connection& db) {
  db.drop_table(m::egret_name.view());
  db.create_table<m>();
  db.insert<m>(1, 1.0, 1, "a", true, std::optional<double>(1.0));
  db.insert<m>(1, 2.0, 2, "b", false, std::nullopt);
  db.insert<m>(1, 3.0, 3, "c", true, std::optional<double>(3.0));
  db.insert<m>(1, 4.0, 4, "d", true, std::nullopt);
  db.insert<m>(2, 10.0, 10, "z", false, std::nullopt);
  db.insert<m>(3, 1e6 + 1, 1'000'001, "p", true, std::optional<double>(0.0));
  db.insert<m>(3, 1e6 + 2, 1'000'002, "q", true, std::optional<double>(0.0));
  db.insert<m>(3, 1e6 + 3, 1'000'003, "r", true, std::optional<double>(0.0));
  db.insert<m>(4, 0.1, 0, "e", true, std::nullopt);
  db.insert<m>(4, 0.1, 0, "e", true, std::nullopt);
  db.insert<m>(4, 0.1, 0, "e", true, std::nullopt);
}

/// Two-pass sample or population variance of xs.
double variance(std::vector<double> const& xs, bool pop) {
  double mean = 0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return ss / static_cast<double>(xs.size() - (pop ? 0 : 1));
}
}  // namespace

TEST_CASE("duckdb aggregate: count(x), any, all, group_concat on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("aggregate_1"));
  fill(db);
  auto rows = db.execute(t.group_by(t.g)
                             .aggregate(egret::count(t.o).as<"n_o">(), t.ok.any().as<"any_ok">(),
                                        t.ok.all().as<"all_ok">(), egret::any(t.x > 3.5).as<"any_big">(),
                                        t.ok.all(where(t.x > 1.5)).as<"all_ok_big">(),
                                        t.s.group_concat(str<"+">)  /* MySQL: a constant SEPARATOR */.as<"names">(),
                                        t.s.group_concat(str<"">, where(!t.ok)).as<"off">())
                             .order_by(t.g))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"n_o">() == 2);  // non-NULL values only
  CHECK(rows[1].get<"n_o">() == 0);
  CHECK(rows[0].get<"any_ok">() == true);
  CHECK(rows[0].get<"all_ok">() == false);
  CHECK(rows[1].get<"any_ok">() == false);
  CHECK(rows[2].get<"all_ok">() == true);
  CHECK(rows[0].get<"any_big">() == true);
  CHECK(rows[1].get<"any_big">() == true);
  CHECK(rows[3].get<"any_big">() == false);
  CHECK(rows[0].get<"all_ok_big">() == false);    // over x = 2, 3, 4
  CHECK(rows[2].get<"all_ok_big">() == true);
  CHECK(!rows[3].get<"all_ok_big">().has_value());  // no row passes the filter: NULL
  std::string names(rows[0].get<"names">().value());
  std::sort(names.begin(), names.end());
  CHECK(names == "+++abcd");
  CHECK(rows[1].get<"names">() == "z");
  CHECK(rows[0].get<"off">() == "b");
  CHECK(!rows[2].get<"off">().has_value());  // nothing to join: NULL
}

TEST_CASE("duckdb aggregate: variance and standard deviation on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("aggregate_2"));
  fill(db);
  auto rows = db.execute(t.group_by(t.g)
                             .aggregate(t.x.var().as<"var">(), t.x.var_pop().as<"var_pop">(), t.x.std().as<"std">(),
                                        t.x.std_pop().as<"std_pop">(), t.i.var().as<"var_i">(),
                                        t.x.var(where(t.ok)).as<"var_ok">(), t.o.var_pop().as<"var_o">(),
                                        (t.x * 2.0 + 1.0).var(where(t.x > 1.5)).as<"var_bound">())
                             .order_by(t.g))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  // group 1: 1, 2, 3, 4
  CHECK(rows[0].get<"var">().value() == Approx(variance({1, 2, 3, 4}, false)));
  CHECK(rows[0].get<"var_pop">().value() == Approx(1.25));
  CHECK(rows[0].get<"std">().value() == Approx(std::sqrt(variance({1, 2, 3, 4}, false))));
  CHECK(rows[0].get<"std_pop">().value() == Approx(std::sqrt(1.25)));
  CHECK(rows[0].get<"var_i">().value() == Approx(variance({1, 2, 3, 4}, false)));
  CHECK(rows[0].get<"var_ok">().value() == Approx(variance({1, 3, 4}, false)));  // the filter, on every sum
  CHECK(rows[0].get<"var_o">().value() == Approx(1.0));                          // NULLs skipped: 1, 3
  CHECK(rows[0].get<"var_bound">().value() == Approx(variance({5, 7, 9}, false)));  // bound values, each bound
  // group 2: one row
  CHECK(!rows[1].get<"var">().has_value());  // the sample variance of one row is NULL
  CHECK(rows[1].get<"var_pop">() == 0.0);
  CHECK(!rows[1].get<"var_ok">().has_value());  // an empty group
  CHECK(!rows[1].get<"var_o">().has_value());   // all NULL
  // group 3: the mean is large against the spread
  CHECK(rows[2].get<"var">().value() == Approx(1.0).epsilon(1e-3));
  CHECK(rows[2].get<"var_i">().value() == Approx(1.0).epsilon(1e-3));
  CHECK(rows[2].get<"var_o">() == 0.0);
  // group 4: equal values never give a negative variance (so the deviation is not NULL)
  CHECK(rows[3].get<"var">().value() >= 0.0);
  CHECK(rows[3].get<"std">().value() == Approx(0.0).margin(1e-6));
  CHECK(rows[3].get<"std_pop">().value() == Approx(0.0).margin(1e-6));
}

TEST_CASE("duckdb aggregate: variance over the whole table and in HAVING", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("aggregate_3"));
  fill(db);
  auto all = db.execute(t.filter(t.g == 1).aggregate(t.x.std_pop().as<"sd">(), egret::count(t.x).as<"n">()))
                 .to_vector();
  REQUIRE(all.size() == 1);
  CHECK(all[0].get<"sd">().value() == Approx(std::sqrt(1.25)));
  CHECK(all[0].get<"n">() == 4);

  auto spread = db.execute(t.group_by(t.g).aggregate(egret::count().as<"n">()).having(t.x.var_pop() > 0.5).order_by(t.g))
                    .to_vector();
  REQUIRE(spread.size() == 2);
  CHECK(spread[0].get<"g">() == 1);
  CHECK(spread[1].get<"g">() == 3);

  auto none = db.execute(t.filter(t.g == 99).aggregate(t.x.var().as<"v">(), t.s.group_concat().as<"s">(),
                                                       t.ok.any().as<"a">()))
                  .to_vector();
  REQUIRE(none.size() == 1);
  CHECK(!none[0].get<"v">().has_value());
  CHECK(!none[0].get<"s">().has_value());
  CHECK(!none[0].get<"a">().has_value());
}
