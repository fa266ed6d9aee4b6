// The Ibis-like repr (through fmt) and the Graphviz DOT of expressions and queries.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <egret/egret.hpp>
#include <egret/viz.hpp>

#include "../golden/schema.hpp"

using namespace golden;
using namespace egret::literals;

TEST_CASE("repr: expressions print like Ibis, with captured values", "[viz]") {
  payments p;
  auto e = p.amount.sum(egret::where(p.payment_method == egret::str<"coupon">));
  CHECK(fmt::format("{}", e) == "Sum(payments.amount, where=Equals(payments.payment_method, 'coupon'))");
  CHECK(fmt::format("{}", egret::coalesce(e, 0.5).as<"coupon_amount">()) ==
        "coupon_amount: Coalesce(Sum(payments.amount, where=Equals(payments.payment_method, 'coupon')), 0.5)");
  CHECK(fmt::format("{}", (p.amount + 1) * 2 > 7) == "Greater(Multiply(Add(payments.amount, 1), 2), 7)");
  CHECK(fmt::format("{}", p.order_id.isin(1, 2) && !p.payment_method.is_null()) ==
        "And(IsIn(payments.order_id, Values(1, 2)), Not(IsNull(payments.payment_method)))");
  CHECK(fmt::format("{}", p.payment_id == egret::param<"id", std::int64_t>) == "Equals(payments.payment_id, $id:BIGINT)");
  CHECK(fmt::format("{}", p.amount.cast<std::int64_t>()) == "Cast[BIGINT](payments.amount)");
}

TEST_CASE("repr: a query prints as a tree of operations", "[viz]") {
  orders o;
  auto q = o.filter(o.status == "shipped").group_by(o.customer_id).aggregate(egret::count().as<"n">()).limit(3);
  CHECK(fmt::format("{}", q) ==
        "Limit\n"
        "  Aggregate\n"
        "    Filter\n"
        "      Table: orders\n"
        "      where: Equals(orders.status, 'shipped')\n"
        "    groups: orders.customer_id\n"
        "    metrics: n: CountStar\n"
        "  n: 3");
}

TEST_CASE("to_dot: a Graphviz digraph of the tree", "[viz]") {
  orders o;
  auto q = o.filter(o.order_id > 1).select(o.order_id);
  std::string const dot = egret::to_dot(q);
  CHECK(dot.starts_with("digraph egret {\n"));
  CHECK(dot.find("n0 [label=\"Project\", shape=box, style=rounded];") != std::string::npos);
  CHECK(dot.find("[label=\"Table: orders\", shape=box, style=rounded];") != std::string::npos);
  CHECK(dot.find("[label=\"Greater\"];") != std::string::npos);
  CHECK(dot.find("n0 -> n1;") != std::string::npos);
  CHECK(dot.ends_with("}\n"));
  // every node but the root has exactly one incoming edge
  std::size_t nodes = 0, edges = 0;
  for (std::size_t i = 0; (i = dot.find("[label=", i)) != std::string::npos; ++i) ++nodes;
  for (std::size_t i = 0; (i = dot.find(" -> ", i)) != std::string::npos; ++i) ++edges;
  CHECK(edges == nodes - 1);
  CHECK(egret::to_dot(o.order_id + 1) == "digraph egret {\n  node [fontname=\"Helvetica\"];\n  n0 [label=\"Add\"];\n"
                                         "  n1 [label=\"orders.order_id\"];\n  n0 -> n1;\n  n2 [label=\"1\"];\n"
                                         "  n0 -> n2;\n}\n");
}
