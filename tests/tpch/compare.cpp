// The TPC-H comparison harness itself: cell equality, ordering rules, and reading results from both sides.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tpch/compare.hpp"

namespace {

using tpch_test::cell;
using tpch_test::compare;
using tpch_test::result;

cell i(std::int64_t v) { return cell{v}; }
cell d(double v) { return cell{v}; }
cell s(char const* v) { return cell{std::string(v)}; }

EGRET_TABLE(things, (id, std::int64_t), (name, std::string), (price, double), (born, egret::date),
            (note, std::optional<std::string>));

}  // namespace

TEST_CASE("tpch harness: cells compare exactly, doubles to a relative 1e-9", "[tpch]") {
  CHECK(tpch_test::equal(i(3), i(3)));
  CHECK_FALSE(tpch_test::equal(i(3), i(4)));
  CHECK(tpch_test::equal(d(1e6), d(1e6 * (1 + 1e-12))));
  CHECK_FALSE(tpch_test::equal(d(1e6), d(1e6 * (1 + 1e-8))));
  CHECK(tpch_test::equal(d(0.0), d(0.0)));
  CHECK(tpch_test::equal(i(2), d(2.0)));  // SUM of REAL vs a BIGINT-typed DSL column, or the reverse
  CHECK_FALSE(tpch_test::equal(i(2), d(2.5)));
  CHECK(tpch_test::equal(cell{}, cell{}));
  CHECK_FALSE(tpch_test::equal(cell{}, i(0)));
  CHECK_FALSE(tpch_test::equal(s("1"), i(1)));
  CHECK(tpch_test::equal(s("1995-03-15"), s("1995-03-15")));
}

TEST_CASE("tpch harness: names, row counts and the first differing cell are reported", "[tpch]") {
  result const want{{"k", "v"}, {{i(1), d(1.5)}, {i(2), d(2.5)}}};
  CHECK(compare(want, want, {"k"}) == "");
  CHECK(compare(result{{"k", "w"}, want.rows}, want, {"k"}) ==
        "column names differ: egret (k, w) vs reference (k, v)");
  CHECK(compare(result{want.names, {want.rows[0]}}, want, {"k"}) == "egret returned 1 rows, the reference 2");
  CHECK(compare(result{want.names, {{i(1), d(1.5)}, {i(2), d(2.75)}}}, want, {"k"}) ==
        "row 2, column \"v\": egret 2.75 vs reference 2.5");
  CHECK(compare(result{want.names, {{i(1), d(1.5)}, {i(2), cell{}}}}, want, {"k"}) ==
        "row 2, column \"v\": egret NULL vs reference 2.5");
  CHECK(compare(want, want, {"nope"}) == "order_by column \"nope\" is not in the result");
}

TEST_CASE("tpch harness: order is checked on the sort keys, ties and unordered results compare as multisets",
          "[tpch]") {
  result const want{{"k", "v"}, {{i(1), s("a")}, {i(1), s("b")}, {i(2), s("c")}}};
  result const tie_swapped{want.names, {{i(1), s("b")}, {i(1), s("a")}, {i(2), s("c")}}};
  result const reordered{want.names, {{i(2), s("c")}, {i(1), s("a")}, {i(1), s("b")}}};
  CHECK(compare(tie_swapped, want, {"k"}) == "");
  CHECK(compare(reordered, want, {"k"}) != "");
  CHECK(compare(reordered, want, {}) == "");
  // With the sort on both columns, every row is its own group: the tie order matters.
  CHECK(compare(tie_swapped, want, {"k", "v"}) == "row 1, column \"v\": egret 'b' vs reference 'a'");
  CHECK(compare(result{want.names, {{i(1), s("a")}, {i(1), s("x")}, {i(2), s("c")}}}, want, {"k"}) ==
        "row 2 (of rows 1..2 sorted, tied on the order keys), column \"v\": egret 'x' vs reference 'b'");
}

TEST_CASE("tpch harness: both runners read names and values the same way", "[tpch]") {
  egret::sqlite::connection db(":memory:");
  db.create_table<things>();
  db.insert<things>(1, "pen", 1.25, egret::date{2024, 2, 29}, std::optional<std::string>("x"));
  db.insert<things>(2, "ink", 7.5, egret::date{1999, 12, 31}, std::nullopt);
  things t;
  result const got = tpch_test::run_egret(db, t.select(t.id, t.name, t.price, t.born, t.note).order_by(t.id));
  result const want = tpch_test::run_sql(db, "SELECT id, name, price, born, note FROM things ORDER BY id");
  CHECK(got.names == std::vector<std::string>{"id", "name", "price", "born", "note"});
  REQUIRE(want.rows.size() == 2);
  CHECK(want.rows[0] == std::vector<cell>{i(1), s("pen"), d(1.25), s("2024-02-29"), s("x")});
  CHECK(want.rows[1][4] == cell{});
  CHECK(compare(got, want, {"id"}) == "");
}
