// TPC-H on every executing backend: the 22 queries of examples/tpch/queries.hpp run at SF 0.01 on SQLite,
// PostgreSQL and MariaDB, and each backend's rows agree with SQLite's (which tests/tpch/ checks against the
// hand-written reference SQL): same row count, same order on the query's sort keys, numbers to 1e-6 relative.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <egret/sqlite/load_csv.hpp>
#ifdef EGRET_CONFORMANCE_POSTGRES
#include <egret/postgres/load_csv.hpp>
#endif
#ifdef EGRET_CONFORMANCE_MYSQL
#include <egret/mysql/load_csv.hpp>
#endif

#include "../../examples/tpch/load.hpp"
#include "../../examples/tpch/queries.hpp"
#include "backends.hpp"
#include "expect.hpp"

namespace {

using namespace conformance;

/// The TPC-H tables, loaded once per process into backend B's database.
template <class B>
auto& tpch_db() {
  static bool const loaded = [] {
    tpch::load(B::raw_db(), EGRET_TPCH_DIR);
    return true;
  }();
  (void)loaded;
  return B::raw_db();
}

/// The scale factor of the data at EGRET_TPCH_DIR, from the rows SQLite loaded (Q11's FRACTION scales with it).
inline double scale_factor() {
  static double const sf = [] {
    auto& db = tpch_db<sqlite_backend>();
    tpch::supplier s;
    return static_cast<double>(db.execute(s.aggregate(egret::count().as<"n">())).first().value().template get<"n">()) / 10000.0;
  }();
  return sf;
}

/// SQLite's answer to query n, computed once per process.
template <class Q>
rows const& reference(int n, Q const& q) {
  static std::map<int, rows> answers;
  auto it = answers.find(n);
  if (it == answers.end()) it = answers.emplace(n, fetch(tpch_db<sqlite_backend>(), q)).first;
  return it->second;
}

/// Positions of the named output columns of Q.
template <class Q>
std::vector<std::size_t> key_columns(std::vector<std::string> const& keys) {
  using row = egret::row_t<Q>;
  std::vector<std::size_t> out;
  auto const names = row::names();
  for (auto const& k : keys)
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == k) out.push_back(i);
  REQUIRE(out.size() == keys.size());
  return out;
}

template <class B, class Q>
void check(int n, Q const& q, std::size_t expected_rows, std::vector<std::string> const& keys) {
  run<B>({}, [&](auto&, context& c) {
    rows const& want = reference(n, q);
    c.check(want.size() == expected_rows, fmt::format("Q{}: SQLite returned {} rows, expected {}", n, want.size(), expected_rows));
    rows const got = fetch(tpch_db<B>(), q);
    std::string const diff = compare_ordered(got, want, key_columns<Q>(keys), 1e-6);
    c.check(diff.empty(), fmt::format("Q{} on {}: {}", n, B::name, diff));
  });
}

}  // namespace

#define TPCH_CASE(name) TEMPLATE_TEST_CASE("tpch on every backend: " name, "[tpch]", CONFORMANCE_BACKENDS)

TPCH_CASE("Q1") { check<TestType>(1, tpch::q01(), 4, {"l_returnflag", "l_linestatus"}); }
TPCH_CASE("Q2") { check<TestType>(2, tpch::q02(), 4, {"s_acctbal", "n_name", "s_name", "p_partkey"}); }
TPCH_CASE("Q3") { check<TestType>(3, tpch::q03(), 10, {"revenue", "o_orderdate"}); }
TPCH_CASE("Q4") { check<TestType>(4, tpch::q04(), 5, {"o_orderpriority"}); }
TPCH_CASE("Q5") { check<TestType>(5, tpch::q05(), 5, {"revenue"}); }
TPCH_CASE("Q6") { check<TestType>(6, tpch::q06(), 1, {}); }
TPCH_CASE("Q7") { check<TestType>(7, tpch::q07(), 4, {"supp_nation", "cust_nation", "l_year"}); }
TPCH_CASE("Q8") { check<TestType>(8, tpch::q08(), 2, {"o_year"}); }
TPCH_CASE("Q9") { check<TestType>(9, tpch::q09(), 173, {"nation", "o_year"}); }
TPCH_CASE("Q10") { check<TestType>(10, tpch::q10(), 20, {"revenue"}); }
TPCH_CASE("Q11") { check<TestType>(11, tpch::q11(scale_factor()), 1, {"value"}); }
TPCH_CASE("Q12") { check<TestType>(12, tpch::q12(), 2, {"l_shipmode"}); }
TPCH_CASE("Q13") { check<TestType>(13, tpch::q13(), 33, {"custdist", "c_count"}); }
TPCH_CASE("Q14") { check<TestType>(14, tpch::q14(), 1, {}); }
TPCH_CASE("Q15") { check<TestType>(15, tpch::q15(), 1, {"s_suppkey"}); }
TPCH_CASE("Q16") { check<TestType>(16, tpch::q16(), 296, {"supplier_cnt", "p_brand", "p_type", "p_size"}); }
TPCH_CASE("Q17") { check<TestType>(17, tpch::q17(), 1, {}); }
TPCH_CASE("Q18") { check<TestType>(18, tpch::q18(), 2, {"o_totalprice", "o_orderdate"}); }
TPCH_CASE("Q19") { check<TestType>(19, tpch::q19(), 1, {}); }
TPCH_CASE("Q20") { check<TestType>(20, tpch::q20(), 1, {"s_name"}); }
TPCH_CASE("Q21") { check<TestType>(21, tpch::q21(), 1, {"numwait", "s_name"}); }
TPCH_CASE("Q22") { check<TestType>(22, tpch::q22(), 7, {"cntrycode"}); }
