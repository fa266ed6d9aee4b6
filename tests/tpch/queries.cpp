// The TPC-H queries written in the DSL (examples/tpch/queries.hpp) against the hand-written reference SQL
// (examples/tpch/reference_sql.hpp), on the SF 0.01 data: same columns, same rows, same order.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../../examples/tpch/queries.hpp"
#include "../../examples/tpch/reference_sql.hpp"
#include "tpch/compare.hpp"

namespace {

using tpch_test::cell;

/// Runs DSL query q and reference query n; checks the reference returns `rows` rows and that both agree.
/// `order_by`: the output columns the query sorts on (see tpch_test::compare).
template <class Q>
tpch_test::result check(Q const& q, int n, std::size_t rows, std::vector<std::string> const& order_by) {
  auto& db = tpch_test::database();
  tpch_test::result const want = tpch_test::run_sql(db, tpch::reference_query(n, tpch_test::scale_factor()));
  tpch_test::result const got = tpch_test::run_egret(db, q);
  INFO("Q" << n << " in egret: " << egret::to_sql<egret::dialect::sqlite>(q));
  CHECK(want.rows.size() == rows);
  CHECK(tpch_test::compare(got, want, order_by) == "");
  return got;
}

bool near(cell const& c, double x) { return tpch_test::equal(c, cell{x}); }

}  // namespace

TEST_CASE("tpch: Q1 pricing summary report", "[tpch]") {
  auto const r = check(tpch::q01(), 1, 4, {"l_returnflag", "l_linestatus"});
  REQUIRE(r.rows.size() == 4);
  // Spot values of the SF 0.01 answer: the A/F group.
  CHECK(r.rows[0][0] == cell{std::string("A")});
  CHECK(r.rows[0][9] == cell{std::int64_t{14876}});
  CHECK(near(r.rows[0][2], 380456.0));
}

TEST_CASE("tpch: Q3 shipping priority", "[tpch]") {
  check(tpch::q03(), 3, 10, {"revenue", "o_orderdate"});
}

TEST_CASE("tpch: Q5 local supplier volume", "[tpch]") {
  check(tpch::q05(), 5, 5, {"revenue"});
}

TEST_CASE("tpch: Q6 forecasting revenue change", "[tpch]") {
  auto const r = check(tpch::q06(), 6, 1, {});
  REQUIRE(r.rows.size() == 1);
  CHECK(near(r.rows[0][0], 1193053.2253));
}

TEST_CASE("tpch: Q10 returned item reporting", "[tpch]") {
  check(tpch::q10(), 10, 20, {"revenue"});
}

TEST_CASE("tpch: Q12 shipping modes and order priority", "[tpch]") {
  check(tpch::q12(), 12, 2, {"l_shipmode"});
}

TEST_CASE("tpch: Q13 customer distribution", "[tpch]") {
  check(tpch::q13(), 13, 33, {"custdist", "c_count"});
}

TEST_CASE("tpch: Q14 promotion effect", "[tpch]") {
  check(tpch::q14(), 14, 1, {});
}

TEST_CASE("tpch: Q19 discounted revenue", "[tpch]") {
  check(tpch::q19(), 19, 1, {});
}

TEST_CASE("tpch: Q2 minimum cost supplier (correlated scalar subquery)", "[tpch]") {
  check(tpch::q02(), 2, 4, {"s_acctbal", "n_name", "s_name", "p_partkey"});
}

TEST_CASE("tpch: Q4 order priority checking (correlated EXISTS)", "[tpch]") {
  check(tpch::q04(), 4, 5, {"o_orderpriority"});
}

TEST_CASE("tpch: Q7 volume shipping (nation twice through aliases, year extraction)", "[tpch]") {
  check(tpch::q07(), 7, 4, {"supp_nation", "cust_nation", "l_year"});
}

TEST_CASE("tpch: Q8 national market share", "[tpch]") {
  check(tpch::q08(), 8, 2, {"o_year"});
}

TEST_CASE("tpch: Q9 product type profit measure", "[tpch]") {
  check(tpch::q09(), 9, 173, {"nation", "o_year"});
}

TEST_CASE("tpch: Q11 important stock identification (scalar subquery in HAVING)", "[tpch]") {
  check(tpch::q11(tpch_test::scale_factor()), 11, 1, {"value"});
}

TEST_CASE("tpch: Q15 top supplier (CTE used twice)", "[tpch]") {
  check(tpch::q15(), 15, 1, {"s_suppkey"});
}

TEST_CASE("tpch: Q16 parts/supplier relationship (NOT IN subquery, count distinct)", "[tpch]") {
  check(tpch::q16(), 16, 296, {"supplier_cnt", "p_brand", "p_type", "p_size"});
}

TEST_CASE("tpch: Q17 small-quantity-order revenue (correlated scalar subquery)", "[tpch]") {
  check(tpch::q17(), 17, 1, {});
}

TEST_CASE("tpch: Q18 large volume customer (IN subquery with HAVING)", "[tpch]") {
  check(tpch::q18(), 18, 2, {"o_totalprice", "o_orderdate"});
}

TEST_CASE("tpch: Q20 potential part promotion (nested IN, correlated scalar subquery)", "[tpch]") {
  check(tpch::q20(), 20, 1, {"s_name"});
}

TEST_CASE("tpch: Q21 suppliers who kept orders waiting (lineitem three times, EXISTS / NOT EXISTS)", "[tpch]") {
  check(tpch::q21(), 21, 1, {"numwait", "s_name"});
}

TEST_CASE("tpch: Q22 global sales opportunity (substring, NOT EXISTS)", "[tpch]") {
  check(tpch::q22(), 22, 7, {"cntrycode"});
}

TEST_CASE("tpch: every reference query runs and returns rows", "[tpch]") {
  auto& db = tpch_test::database();
  for (int n = 1; n <= 22; ++n) {
    INFO("Q" << n);
    CHECK(!tpch_test::run_sql(db, tpch::reference_query(n, tpch_test::scale_factor())).rows.empty());
  }
}

TEST_CASE("tpch: the DSL queries build at compile time", "[tpch]") {
  // constexpr construction: the query objects are literal values, their SQL fixed at compile time.
  constexpr auto q1 = tpch::q01();
  constexpr auto q13 = tpch::q13();
  STATIC_REQUIRE(egret::to_sql<egret::dialect::sqlite>(q1).starts_with("SELECT \"lineitem\".\"l_returnflag\""));
  STATIC_REQUIRE(egret::to_sql<egret::dialect::sqlite>(q13).ends_with("ORDER BY \"custdist\" DESC, \"c_count\" DESC"));
}
