// The Ibis-like repr (through fmt) and the Graphviz DOT of expressions and queries.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <egret/egret.hpp>
#include <egret/viz.hpp>

#include "../golden/schema.hpp"

using namespace golden;
using namespace egret::literals;

namespace {
EGRET_TABLE(lookup, (code, std::string), (label, std::optional<std::string>));
EGRET_TABLE(events, (event_id, std::int64_t), (at, egret::timestamp), (score, std::optional<double>));
}  // namespace

TEST_CASE("repr: expressions print like Ibis, with captured values and types", "[viz]") {
  payments p;
  auto e = p.amount.sum(egret::where(p.payment_method == egret::str<"coupon">));
  CHECK(fmt::format("{}", e) ==
        "Sum(payments.amount: DOUBLE, where=Equals(payments.payment_method: TEXT, 'coupon')) -> DOUBLE?");
  CHECK(fmt::format("{}", egret::coalesce(e, 0.5).as<"coupon_amount">()) ==
        "coupon_amount: Coalesce(Sum(payments.amount: DOUBLE, where=Equals(payments.payment_method: TEXT, 'coupon')), "
        "0.5) -> DOUBLE");
  CHECK(fmt::format("{}", (p.amount + 1) * 2 > 7) ==
        "Greater(Multiply(Add(payments.amount: DOUBLE, 1), 2), 7) -> BOOLEAN");
  CHECK(fmt::format("{}", p.order_id.isin(1, 2) && !p.payment_method.is_null()) ==
        "And(IsIn(payments.order_id: BIGINT, Values(1, 2)), Not(IsNull(payments.payment_method: TEXT))) -> BOOLEAN");
  CHECK(fmt::format("{}", p.payment_id == egret::param<"id", std::int64_t>) ==
        "Equals(payments.payment_id: BIGINT, $id: BIGINT) -> BOOLEAN");
  CHECK(fmt::format("{}", p.amount.cast<std::int64_t>()) == "Cast[BIGINT](payments.amount: DOUBLE) -> BIGINT");
}

TEST_CASE("repr: literals print exactly (doubles as doubles, text quoted, dates ISO)", "[viz]") {
  payments p;
  orders o;
  events ev;
  CHECK(fmt::format("{}", p.amount > 100.0) == "Greater(payments.amount: DOUBLE, 100.0) -> BOOLEAN");
  CHECK(fmt::format("{}", p.amount > 100) == "Greater(payments.amount: DOUBLE, 100) -> BOOLEAN");
  CHECK(fmt::format("{}", p.amount * 0.1 + 1e20 - 2.5e-7) ==
        "Subtract(Add(Multiply(payments.amount: DOUBLE, 0.1), 1e+20), 2.5e-07) -> DOUBLE");
  CHECK(fmt::format("{}", p.amount > -3.0f) == "Greater(payments.amount: DOUBLE, -3.0) -> BOOLEAN");
  CHECK(fmt::format("{}", p.payment_method == "it's") == "Equals(payments.payment_method: TEXT, 'it''s') -> BOOLEAN");
  CHECK(fmt::format("{}", p.payment_method == egret::str<"card">) ==
        "Equals(payments.payment_method: TEXT, 'card') -> BOOLEAN");
  CHECK(fmt::format("{}", o.order_date >= egret::date{2024, 5, 1}) ==
        "GreaterEqual(orders.order_date: DATE, DATE '2024-05-01') -> BOOLEAN");
  CHECK(fmt::format("{}", ev.at < egret::timestamp{egret::date{2024, 5, 1}, 13, 4, 5}) ==
        "Less(events.at: TIMESTAMP, TIMESTAMP '2024-05-01 13:04:05') -> BOOLEAN");
  CHECK(fmt::format("{}", egret::coalesce(o.note, std::optional<std::string_view>())) ==
        "Coalesce(orders.note: TEXT?, NULL) -> TEXT?");
  CHECK(fmt::format("{}", o.order_id == egret::lit<42> || egret::lit<true>) ==
        "Or(Equals(orders.order_id: BIGINT, 42), True) -> BOOLEAN");
}

TEST_CASE("repr: every argument of a function is shown", "[viz]") {
  orders o;
  events ev;
  payments p;
  CHECK(fmt::format("{}", egret::strftime<"%Y-%m">(o.order_date)) ==
        "Strftime(orders.order_date: DATE, format='%Y-%m') -> TEXT");
  CHECK(fmt::format("{}", egret::truncate<egret::time_unit::month>(o.order_date)) ==
        "Truncate(orders.order_date: DATE, unit=month) -> DATE");
  CHECK(fmt::format("{}", o.order_date + egret::days(3)) == "DateAdd(orders.order_date: DATE, 3, unit=day) -> DATE");
  CHECK(fmt::format("{}", ev.at - egret::hours(o.order_id)) ==
        "DateSub(events.at: TIMESTAMP, orders.order_id: BIGINT, unit=hour) -> TIMESTAMP");
  CHECK(fmt::format("{}", egret::add_months(o.order_date, 2)) ==
        "DateAdd(orders.order_date: DATE, 2, unit=month) -> DATE");
  CHECK(fmt::format("{}", egret::day_of_week(o.order_date)) == "DayOfWeekIndex(orders.order_date: DATE) -> BIGINT");
  CHECK(fmt::format("{}", egret::hour(ev.at)) == "ExtractHour(events.at: TIMESTAMP) -> BIGINT");
  CHECK(fmt::format("{}", o.note.like("a%")) == "Like(orders.note: TEXT?, 'a%') -> BOOLEAN?");
  CHECK(fmt::format("{}", egret::re_extract(o.status, "([a-z]+)-", 1)) ==
        "RegexExtract(orders.status: TEXT, '([a-z]+)-', 1) -> TEXT?");
  CHECK(fmt::format("{}", egret::lpad(o.status, 5)) == "LPad(orders.status: TEXT, 5, ' ') -> TEXT");
  CHECK(fmt::format("{}", egret::round(p.amount, 2)) == "Round(payments.amount: DOUBLE, 2) -> DOUBLE");
  CHECK(fmt::format("{}", p.payment_method.group_concat(", ")) ==
        "GroupConcat(payments.payment_method: TEXT, sep=', ') -> TEXT?");
  CHECK(fmt::format("{}", ev.score.cast<std::string>()) == "Cast[TEXT](events.score: DOUBLE?) -> TEXT?");
  // window frames and sort keys with their NULLS order
  auto w = egret::partition_by(p.order_id).order_by(p.payment_id.desc().nulls_last()).rows(egret::preceding<2>(),
                                                                                           egret::current_row());
  CHECK(fmt::format("{}", p.amount.sum().over(w)) ==
        "WindowFunction(Sum(payments.amount: DOUBLE), group_by(payments.order_id: BIGINT), "
        "order_by(desc(payments.payment_id: BIGINT, nulls=last)), rows(Preceding(2), CurrentRow)) -> DOUBLE");
  CHECK(fmt::format("{}", p.amount.lag(1, 0.0).over(egret::partition_by(p.order_id).order_by(p.payment_id))) ==
        "WindowFunction(Lag(payments.amount: DOUBLE, 1, 0.0), group_by(payments.order_id: BIGINT), "
        "order_by(asc(payments.payment_id: BIGINT))) -> DOUBLE");
}

TEST_CASE("repr: a query prints as a tree of operations, its output columns typed", "[viz]") {
  orders o;
  auto q = o.filter(o.status == "shipped").group_by(o.customer_id).aggregate(egret::count().as<"n">()).limit(3);
  CHECK(fmt::format("{}", q) ==
        "Limit\n"
        "  Aggregate\n"
        "    Filter\n"
        "      Table: orders\n"
        "      where: Equals(orders.status: TEXT, 'shipped')\n"
        "    groups: orders.customer_id: BIGINT\n"
        "    metrics: n: CountStar -> BIGINT\n"
        "  n: 3");
  // on the outer side of a LEFT JOIN an output column is nullable
  customers c;
  CHECK(fmt::format("{}", c.left_join(o, c.customer_id == o.customer_id).select(c.name, o.order_id, o.note.as<"n">())) ==
        "Project\n"
        "  LeftJoin\n"
        "    Table: customers\n"
        "    Table: orders\n"
        "    on: Equals(customers.customer_id: BIGINT, orders.customer_id: BIGINT)\n"
        "  selections: customers.name: TEXT, orders.order_id: BIGINT?, n: orders.note: TEXT?");
}

TEST_CASE("repr: a subquery's columns are qualified by its name", "[viz]") {
  orders o;
  auto s = o.select(o.order_id.as<"id">(), o.status);
  // an unnamed subquery is named r0, r1...; ORDER BY an output name of its own level stays bare
  CHECK(fmt::format("{}", s.order_by(s["id"_c]).filter(s["status"_c] == "x").select(s["id"_c])) ==
        "Project\n"
        "  Filter\n"
        "    Subquery: r0\n"
        "      Sort\n"
        "        Project\n"
        "          Table: orders\n"
        "          selections: id: orders.order_id: BIGINT, orders.status: TEXT\n"
        "        by: asc(id: BIGINT)\n"
        "    where: Equals(r0.status: TEXT, 'x')\n"
        "  selections: r0.id: BIGINT");
  auto a = s.as<"a">();
  CHECK(fmt::format("{}", a.filter(a["status"_c] == "x")) ==
        "Filter\n"
        "  Subquery: a\n"
        "    Project\n"
        "      Table: orders\n"
        "      selections: id: orders.order_id: BIGINT, orders.status: TEXT\n"
        "  where: Equals(a.status: TEXT, 'x')");
  // a subquery of a table's rows: the table's columns are read through the subquery
  CHECK(fmt::format("{}", o.order_by(o.order_id).limit(2).select(o.order_id)) ==
        "Project\n"
        "  Subquery: r0\n"
        "    Limit\n"
        "      Sort\n"
        "        Table: orders\n"
        "        by: asc(orders.order_id: BIGINT)\n"
        "      n: 2\n"
        "  selections: r0.order_id: BIGINT");
  // VALUES and CTEs
  auto lk = egret::values<lookup>(std::tuple{"a", std::optional<std::string_view>("Alpha")},
                                  std::tuple{"b", std::optional<std::string_view>()});
  CHECK(fmt::format("{}", o.left_join(lk, lk["code"_c] == o.status).select(o.order_id, lk["label"_c])) ==
        "Project\n"
        "  LeftJoin\n"
        "    Table: orders\n"
        "    Subquery: r0\n"
        "      InMemoryTable: lookup (2 rows)\n"
        "        row: 'a', 'Alpha'\n"
        "        row: 'b', NULL\n"
        "    on: Equals(r0.code: TEXT, orders.status: TEXT)\n"
        "  selections: orders.order_id: BIGINT, r0.label: TEXT?");
  payments p;
  auto big = egret::cte<"big">(p.filter(p.amount > 10.0));
  CHECK(fmt::format("{}", egret::with(big).query(o.join(big, big["order_id"_c] == o.order_id).select(big["amount"_c]))) ==
        "With\n"
        "  CTE: big\n"
        "    Filter\n"
        "      Table: payments\n"
        "      where: Greater(payments.amount: DOUBLE, 10.0)\n"
        "  Project\n"
        "    InnerJoin\n"
        "      Table: orders\n"
        "      Table: big\n"
        "      on: Equals(big.order_id: BIGINT, orders.order_id: BIGINT)\n"
        "    selections: big.amount: DOUBLE");
}

TEST_CASE("to_dot: a Graphviz digraph of the tree, with types", "[viz]") {
  orders o;
  auto q = o.filter(o.order_id > 1).select(o.order_id);
  std::string const dot = egret::to_dot(q);
  CHECK(dot.starts_with("digraph egret {\n"));
  // relations list their output columns (a filter, whose columns are its input's, does not)
  CHECK(dot.find("n0 [label=\"Project\\norder_id: BIGINT\", shape=box, style=rounded];") != std::string::npos);
  CHECK(dot.find("n1 [label=\"Filter\", shape=box, style=rounded];") != std::string::npos);
  CHECK(dot.find("[label=\"Table: orders\\norder_id: BIGINT\\ncustomer_id: BIGINT\\norder_date: DATE\\nstatus: "
                 "TEXT\\nnote: TEXT?\", shape=box, style=rounded];") != std::string::npos);
  CHECK(dot.find("[label=\"Greater\\nBOOLEAN\"];") != std::string::npos);
  CHECK(dot.find("n0 -> n1;") != std::string::npos);
  CHECK(dot.ends_with("}\n"));
  // every node but the root has exactly one incoming edge
  std::size_t nodes = 0, edges = 0;
  for (std::size_t i = 0; (i = dot.find("[label=", i)) != std::string::npos; ++i) ++nodes;
  for (std::size_t i = 0; (i = dot.find(" -> ", i)) != std::string::npos; ++i) ++edges;
  CHECK(edges == nodes - 1);
  CHECK(egret::to_dot(o.order_id + 1) == "digraph egret {\n  node [fontname=\"Helvetica\"];\n  n0 [label=\"Add\\nBIGINT\"];\n"
                                         "  n1 [label=\"orders.order_id\\nBIGINT\"];\n  n0 -> n1;\n"
                                         "  n2 [label=\"1\\nINTEGER\"];\n  n0 -> n2;\n}\n");
  CHECK(egret::to_dot(egret::strftime<"%d">(o.order_date) == "say \"hi\"") ==
        "digraph egret {\n  node [fontname=\"Helvetica\"];\n  n0 [label=\"Equals\\nBOOLEAN\"];\n"
        "  n1 [label=\"Strftime\\nTEXT\"];\n  n2 [label=\"orders.order_date\\nDATE\"];\n  n1 -> n2;\n"
        "  n3 [label=\"format\"];\n  n4 [label=\"'%d'\"];\n  n3 -> n4;\n  n1 -> n3;\n  n0 -> n1;\n"
        "  n5 [label=\"'say \\\"hi\\\"'\\nTEXT\"];\n  n0 -> n5;\n}\n");
  // a subquery's columns by its name, in the graph too
  auto s = o.select(o.order_id, o.note);
  std::string const sub = egret::to_dot(s.filter(s["note"_c].is_null()));
  CHECK(sub.find("[label=\"Subquery: r0\", shape=box, style=rounded];") != std::string::npos);
  CHECK(sub.find("[label=\"Project\\norder_id: BIGINT\\nnote: TEXT?\", shape=box, style=rounded];") != std::string::npos);
  CHECK(sub.find("[label=\"r0.note\\nTEXT?\"];") != std::string::npos);
}
