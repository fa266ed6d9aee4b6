// Column lineage (relation/lineage.hpp): each output column's origins, read from the query's type. Every case
// is a static_assert over a query of the golden schemas, checked by the compiler; the test case below only
// reads one table at run time through the same API.
#include <catch2/catch.hpp>

#include "golden/schema.hpp"

namespace lineage_test {
EGRET_TABLE(cnt, (n, std::int64_t));
EGRET_TABLE(lookup, (code, std::string), (label, std::optional<std::string>));
}  // namespace lineage_test

namespace {
using namespace golden;
using namespace egret::literals;
using egret::column_origin;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};
constexpr auto p2 = p.as<"p2">();

/// Whether the origins of column `name` of query Q are exactly `want`, in that order.
template <class Q, std::size_t N>
constexpr bool origins_are(std::string_view name, column_origin const (&want)[N]) {
  auto const got = egret::column_lineage_v<Q>.of(name);
  if (got.size() != N) return false;
  for (std::size_t i = 0; i != N; ++i)
    if (!(got[i] == want[i])) return false;
  return true;
}
template <class Q>
constexpr bool no_origin(std::string_view name) {
  return egret::column_lineage_v<Q>.of(name).empty();
}

// a table read as it is: each column is its own origin
static_assert(origins_are<orders>("status", {{"orders", "status"}}));
// renamed, computed, aggregated: the columns the item reads, each once, in the order it reads them
using Q1 = decltype(p.group_by(p.order_id).aggregate(
    (p.amount.sum() / p.amount.count()).as<"avg_amount">(),
    egret::coalesce(p.amount.sum(egret::where(p.payment_method == "coupon")), 0.0).as<"coupon">()));
static_assert(origins_are<Q1>("order_id", {{"payments", "order_id"}}));
static_assert(origins_are<Q1>("avg_amount", {{"payments", "amount"}}));
static_assert(origins_are<Q1>("coupon", {{"payments", "amount"}, {"payments", "payment_method"}}));
// a filter selects rows and feeds no column; a literal has no origin
using Q2 = decltype(o.filter(o.note.is_null()).select(o.order_id, egret::lit<1>.as<"one">()));
static_assert(origins_are<Q2>("order_id", {{"orders", "order_id"}}));
static_assert(no_origin<Q2>("one"));
// CASE: every branch and condition
using Q3 = decltype(o.select(egret::if_else(o.order_id < 5, o.status, o.note.fill_null("-")).as<"s">()));
static_assert(origins_are<Q3>("s", {{"orders", "order_id"}, {"orders", "status"}, {"orders", "note"}}));
// a join's columns come from their own sides; the ON condition feeds none
using Q4 = decltype(o.left_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name));
static_assert(origins_are<Q4>("name", {{"customers", "name"}}));
// through a derived table (a grouped subquery joined in), down to the table it reads
constexpr auto totals = p.group_by(p.order_id).aggregate(p.amount.sum().as<"total">());
using Q5 = decltype(o.left_join(totals, o.order_id == totals["order_id"_c]).select(o.order_id, (totals["total"_c] * 2.0).as<"twice">()));
static_assert(origins_are<Q5>("twice", {{"payments", "amount"}}));
static_assert(origins_are<Q5>("order_id", {{"orders", "order_id"}}));
// a named subquery, and a filter over a select (a derived table under the level)
constexpr auto named = totals.as<"t">();
using Q6 = decltype(o.join(named, named["order_id"_c] == o.order_id).select(named["total"_c]));
static_assert(origins_are<Q6>("total", {{"payments", "amount"}}));
constexpr auto plus_one = p.select(p.payment_id, (p.amount + 1.0).as<"a">());
using Q7 = decltype(plus_one.filter(plus_one["a"_c] > 2.0));
static_assert(egret::column_lineage_v<Q7>.size() == 2);
static_assert(egret::column_lineage_v<Q7>.of(std::size_t{1}).size() == 1 &&
              egret::column_lineage_v<Q7>.of(std::size_t{1})[0] == column_origin{"payments", "amount"});
// UNION: both sides, by position (the result takes the left side's names)
using Q8 = decltype(o.select(o.order_id).union_all(p.select(p.payment_id)));
static_assert(origins_are<Q8>("order_id", {{"orders", "order_id"}, {"payments", "payment_id"}}));
// a CTE is followed into its definition
constexpr auto big = egret::cte<"big">(p.filter(p.amount > 10).select(p.order_id, (p.amount * 100.0).as<"cents">()));
using Q9 = decltype(egret::with(big).query(o.join(big, big["order_id"_c] == o.order_id).select(o.order_id, big["cents"_c])));
static_assert(origins_are<Q9>("cents", {{"payments", "amount"}}));
// a scalar subquery feeds its one column; a correlated one's outer reference is a condition
using Q10 = decltype(p.select(p.payment_id, egret::scalar(p2.filter(p2.order_id == egret::outer(p.order_id))
                                                            .aggregate(p2.amount.max().as<"m">()))
                                                .as<"top">()));
static_assert(origins_are<Q10>("top", {{"payments", "amount"}}));
// EXISTS feeds from no column, `x IN (...)` from x; an aliased table is named as itself
using Q13 = decltype(o.select(egret::exists(p.filter(p.order_id == egret::outer(o.order_id))).as<"paid">(),
                              o.order_id.isin(p2.select(p2.order_id)).as<"listed">()));
static_assert(no_origin<Q13>("paid"));
static_assert(origins_are<Q13>("listed", {{"orders", "order_id"}}));
static_assert(origins_are<decltype(p2.select(p2.amount))>("amount", {{"payments", "amount"}}));
// a window function reads its argument, partition and order
using Q11 = decltype(p.select(egret::row_number().over(egret::partition_by(p.order_id).order_by(p.amount.desc())).as<"rn">()));
static_assert(origins_are<Q11>("rn", {{"payments", "order_id"}, {"payments", "amount"}}));
// VALUES rows are literals: no origin
constexpr auto lk = egret::values<lineage_test::lookup>(std::tuple{"a", std::optional<std::string_view>("Alpha")});
using Q12 = decltype(o.left_join(lk, lk["code"_c] == o.status).select(o.order_id, lk["label"_c]));
static_assert(no_origin<Q12>("label"));
// a column the query does not have
static_assert(no_origin<Q4>("no_such_column"));
}  // namespace

TEST_CASE("column lineage: a query's table of origins, read at run time", "[relation][lineage]") {
  constexpr auto& l = egret::column_lineage_v<Q5>;
  REQUIRE(l.size() == 2);
  CHECK(l.columns[0] == "order_id");
  CHECK(l.columns[1] == "twice");
  REQUIRE(l.of("twice").size() == 1);
  CHECK(l.of("twice")[0].table == "payments");
  CHECK(l.of("twice")[0].column == "amount");
}
