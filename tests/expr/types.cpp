// Type and nullability rules of expressions and relations (design §2), checked by the compiler.
#include <catch2/catch.hpp>

#include <egret/egret.hpp>

#include "../golden/schema.hpp"

namespace {
using namespace golden;
using namespace egret::literals;
using egret::nullable_v;
using egret::value_type_t;
using std::is_same_v;

constexpr orders o{};
constexpr payments p{};
constexpr customers c{};

// promotion: INTEGER < BIGINT < DOUBLE; integer division stays integer
static_assert(is_same_v<value_type_t<decltype(o.order_id + p.amount)>, double>);
static_assert(is_same_v<value_type_t<decltype(o.order_id + 1)>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(c.age + 1)>, std::int32_t>);
static_assert(is_same_v<value_type_t<decltype(o.order_id / 2)>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(o.order_id / 2.0)>, double>);
static_assert(is_same_v<value_type_t<decltype(c.name + "x")>, std::string>);
// comparisons are BOOLEAN, nullable when an operand is
static_assert(is_same_v<value_type_t<decltype(o.order_id > 1)>, bool>);
static_assert(!nullable_v<decltype(o.order_id > 1)>);
static_assert(nullable_v<decltype(c.age > 1)>);
static_assert(!nullable_v<decltype(c.age.is_null())>);
// coalesce clears nullability when a fallback is NOT NULL
static_assert(nullable_v<decltype(c.age)>);
static_assert(!nullable_v<decltype(egret::coalesce(c.age, 0))>);
static_assert(nullable_v<decltype(egret::coalesce(c.age, c.age))>);
static_assert(is_same_v<value_type_t<decltype(egret::coalesce(c.age, 0.5))>, double>);
// aggregates: sum over an empty group is NULL; count never is
static_assert(nullable_v<decltype(p.amount.sum())>);
static_assert(is_same_v<value_type_t<decltype(o.order_id.sum())>, std::int64_t>);
static_assert(is_same_v<value_type_t<decltype(c.age.mean())>, double>);
static_assert(!nullable_v<decltype(egret::count())>);
static_assert(!nullable_v<decltype(egret::coalesce(p.amount.sum(), 0.0))>);
// CASE without ELSE is nullable
static_assert(nullable_v<decltype(egret::cases(egret::when(o.order_id > 1, egret::lit<1>)))>);
static_assert(!nullable_v<decltype(egret::if_else(o.order_id > 1, egret::lit<1>, egret::lit<2>))>);

// LEFT JOIN makes the right side nullable, in the row type too
constexpr auto j = o.left_join(c, o.customer_id == c.customer_id).select(o.order_id, c.name, c.customer_id);
using jrow = egret::row_t<decltype(j)>;
static_assert(is_same_v<jrow::field_t<0>, std::int64_t>);
static_assert(is_same_v<jrow::field_t<1>, std::optional<std::string_view>>);
static_assert(is_same_v<jrow::field_t<2>, std::optional<std::int64_t>>);
static_assert(is_same_v<egret::owning_row_t<decltype(j)>::field_t<1>, std::optional<std::string>>);
// ... but not an inner join
constexpr auto ij = o.join(c, o.customer_id == c.customer_id).select(c.name);
static_assert(is_same_v<egret::row_t<decltype(ij)>::field_t<0>, std::string_view>);
// columns of a derived relation keep their types; through a left join they become nullable
constexpr auto per_customer = o.group_by(o.customer_id).aggregate(egret::count().as<"n">(), o.order_id.sum().as<"s">());
static_assert(!nullable_v<decltype(per_customer["n"_c])>);
constexpr auto cj = c.left_join(per_customer, c.customer_id == per_customer["customer_id"_c])
                        .select(c.name, per_customer["n"_c], egret::coalesce(per_customer["n"_c], 0).as<"n0">());
static_assert(is_same_v<egret::row_t<decltype(cj)>::field_t<1>, std::optional<std::int64_t>>);
static_assert(is_same_v<egret::row_t<decltype(cj)>::field_t<2>, std::int64_t>);
}  // namespace

TEST_CASE("rows: fields by name, by position and by structured bindings", "[expr][row]") {
  egret::owning_row_t<decltype(j)> r;
  r.get<0>() = 7;
  r.get<1>() = "Ann";
  CHECK(r.get<"order_id">() == 7);
  CHECK(r["name"_c] == std::optional<std::string>("Ann"));
  auto const& [id, name, cid] = r;
  CHECK(id == 7);
  CHECK(name == "Ann");
  CHECK(!cid.has_value());
  CHECK(decltype(r)::names()[2] == "customer_id");
}
