// Types and nullability of window functions, and where windows may appear, checked by the compiler.
#include <catch2/catch.hpp>

#include <egret/egret.hpp>
#include <egret/viz.hpp>

#include "golden/schema.hpp"

namespace {
using namespace golden;
using namespace egret::literals;
using egret::nullable_v;
using egret::value_type_t;
using std::is_same_v;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};
constexpr auto by_id = egret::order_by(p.payment_id);

// ranking functions: BIGINT or DOUBLE, never NULL
static_assert(is_same_v<value_type_t<decltype(egret::row_number().over(by_id))>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(egret::rank().over(by_id))>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(egret::dense_rank().over(by_id))>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(egret::ntile(4).over(by_id))>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(egret::percent_rank().over(by_id))>, double>);
static_assert(is_same_v<value_type_t<decltype(egret::cume_dist().over(by_id))>, double>);
static_assert(!nullable_v<decltype(egret::row_number().over(by_id))>);
static_assert(!nullable_v<decltype(egret::percent_rank().over(by_id))>);
static_assert(!nullable_v<decltype(egret::ntile(egret::lit<4>).over(by_id))>);
static_assert(nullable_v<decltype(egret::ntile(egret::param<"n", std::optional<std::int64_t>>).over(by_id))>);

// lag / lead: nullable unless a non-NULL default is given for a non-NULL x; the default widens the type
static_assert(is_same_v<value_type_t<decltype(p.amount.lag().over(by_id))>, double>);
static_assert(nullable_v<decltype(p.amount.lag().over(by_id))>);
static_assert(nullable_v<decltype(p.amount.lead(2).over(by_id))>);
static_assert(!nullable_v<decltype(p.amount.lag(1, 0.0).over(by_id))>);
static_assert(nullable_v<decltype(p.amount.lag(1, std::optional<double>()).over(by_id))>);
static_assert(nullable_v<decltype(c.age.lag(1, 0).over(egret::order_by(c.customer_id)))>);
static_assert(is_same_v<value_type_t<decltype(c.age.lag(1, std::int64_t{0}).over(egret::order_by(c.customer_id)))>,
                        std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(p.order_id.lead(1, 0.5).over(by_id))>, double>);
static_assert(is_same_v<value_type_t<decltype(o.status.lead(1, egret::str<"-">).over(by_id))>, std::string>);

// first_value / last_value: x's type; NULL only when x is or when the frame may miss the current row
static_assert(!nullable_v<decltype(p.amount.first_value().over(by_id))>);
static_assert(!nullable_v<decltype(
                  p.amount.last_value().over(by_id.rows(egret::unbounded_preceding(), egret::unbounded_following())))>);
static_assert(!nullable_v<decltype(p.amount.last_value().over(
                  by_id.rows(egret::preceding<1>(), egret::following<1>()).exclude_ties()))>);
static_assert(nullable_v<decltype(p.amount.first_value().over(
                  by_id.rows(egret::following<1>(), egret::unbounded_following())))>);
static_assert(nullable_v<decltype(p.amount.last_value().over(
                  by_id.rows(egret::unbounded_preceding(), egret::preceding<1>())))>);
static_assert(nullable_v<decltype(p.amount.first_value().over(
                  by_id.groups(egret::current_row(), egret::current_row()).exclude_group()))>);
static_assert(nullable_v<decltype(c.age.first_value().over(egret::order_by(c.customer_id)))>);
static_assert(is_same_v<value_type_t<decltype(c.age.first_value().over(egret::order_by(c.customer_id)))>, std::int32_t>);
// nth_value: the frame may be shorter than n
static_assert(nullable_v<decltype(p.amount.nth_value(1).over(by_id))>);

// windowed aggregates: COUNT never NULL; SUM/AVG/MIN/MAX NULL-free over a frame holding the current row
static_assert(!nullable_v<decltype(egret::count().over())>);
static_assert(!nullable_v<decltype(p.amount.sum().over(egret::partition_by(p.order_id)))>);
static_assert(!nullable_v<decltype(p.amount.cumsum(by_id))>);
static_assert(is_same_v<value_type_t<decltype(o.order_id.cumsum(egret::order_by(o.order_date)))>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(o.order_id.cummean(egret::order_by(o.order_date)))>, double>);
static_assert(nullable_v<decltype(p.amount.sum(egret::where(p.amount > 1)).over(by_id))>);
static_assert(nullable_v<decltype(p.amount.max().over(by_id.rows(egret::preceding<3>(), egret::preceding<1>())))>);
static_assert(nullable_v<decltype(c.age.sum().over(egret::order_by(c.customer_id)))>);
static_assert(!nullable_v<decltype(egret::count(egret::where(p.amount > 1)).over(by_id))>);
static_assert(nullable_v<decltype(egret::var_samp(p.amount).over(by_id))>);  // NULL over a single row

// a window is not an aggregate, unless an aggregate is inside it (then GROUP BY rules apply)
static_assert(!egret::is_aggregate_v<decltype(p.amount.sum().over(by_id))>);
static_assert(egret::is_aggregate_v<decltype(egret::rank().over(egret::order_by(p.amount.sum())))>);
static_assert(egret::is_aggregate_v<decltype(p.amount.sum().lag().over(egret::order_by(p.order_id)))>);
static_assert(egret::detail::has_window_v<decltype((p.amount.sum().over(by_id) + 1).as<"x">())>);
static_assert(egret::detail::has_window_v<decltype(egret::row_number() + 1)>);
static_assert(!egret::detail::has_window_v<decltype(p.amount.sum() + 1)>);

// the rows: a LEFT JOIN's inner side makes first_value nullable at that level
constexpr auto firsts = c.left_join(o, c.customer_id == o.customer_id)
                            .select(c.name, o.order_id.first_value()
                                                .over(egret::partition_by(c.customer_id).order_by(o.order_date))
                                                .as<"first_order">(),
                                    egret::count().over(egret::partition_by(c.customer_id)).as<"n">());
static_assert(is_same_v<egret::row_t<decltype(firsts)>::field_t<1>, std::optional<std::int64_t>>);
static_assert(is_same_v<egret::row_t<decltype(firsts)>::field_t<2>, std::int64_t>);
}  // namespace

TEST_CASE("window: repr prints window functions like Ibis", "[window][viz]") {
  auto w = egret::partition_by(p.order_id).order_by(p.payment_id.desc()).rows(egret::preceding<2>(), egret::current_row());
  CHECK(fmt::format("{}", p.amount.sum().over(w).as<"s">()) ==
        "s: WindowFunction(Sum(payments.amount: DOUBLE), group_by(payments.order_id: BIGINT), "
        "order_by(desc(payments.payment_id: BIGINT)), rows(Preceding(2), CurrentRow)) -> DOUBLE");
  CHECK(fmt::format("{}", p.amount.lag(1, 0.5).over(egret::order_by(p.payment_id))) ==
        "WindowFunction(Lag(payments.amount: DOUBLE, 1, 0.5), order_by(asc(payments.payment_id: BIGINT))) -> DOUBLE");
  CHECK(fmt::format("{}", egret::row_number().over()) == "WindowFunction(RowNumber) -> BIGINT");
  CHECK(fmt::format("{}", egret::count().over(egret::order_by(p.amount)
                                                  .range(egret::preceding(1.5), egret::unbounded_following())
                                                  .exclude_ties())) ==
        "WindowFunction(CountStar, order_by(asc(payments.amount: DOUBLE)), range(Preceding(1.5), UnboundedFollowing, "
        "ExcludeTies)) -> BIGINT");
}
