// Column lineage of a pipeline (pipeline/lineage.hpp): computed at compile time from the models' query types,
// through views, tables and ephemeral models, down to seeds and sources; its text, DOT and JSON forms, and the
// errors for a node or column that does not exist.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "../../examples/jaffle_shop/pipeline.hpp"

#include <egret/pipeline/lineage.hpp>

namespace {
namespace pl = egret::pipeline;

EGRET_TABLE(items, (id, std::int64_t), (category, std::string), (price, double));
EGRET_TABLE(rates, (category, std::string), (factor, double));
EGRET_TABLE(priced, (id, std::int64_t), (category, std::string), (price, double));
EGRET_TABLE(checked, (id, std::int64_t), (category, std::string), (amount, double), (flag, std::int64_t));

struct priced_node : pl::model<pl::ephemeral, priced> {
  static constexpr auto build(items i) { return i.filter(i.price > 0.0).select(i.id, i.category, i.price); }
};
struct checked_node : pl::model<pl::table, checked> {
  static constexpr auto build(priced p, rates r) {
    return p.join(r, p.category == r.category)
        .select(p.id, p.category, (p.price * r.factor).as<"amount">(), egret::lit<1>.as<"flag">());
  }
};
using shop = pl::pipeline<checked_node, priced_node, pl::source<rates>, pl::seed<items, "items.csv">>;

constexpr auto const& shop_lineage = pl::lineage_v<shop>;
constexpr auto jaffle_lineage = pl::lineage_of<jaffle::project>();  // lineage_v's value, computed again

// the table is a constant: a model's column names the columns of the nodes it reads
constexpr bool origins_are(pl::lineage_view const& l, std::size_t node, std::string_view column,
                           std::initializer_list<std::string_view> want) {
  std::size_t k = 0;
  while (k != l.columns.size() && !(l.columns[k].node == node && l.columns[k].name == column)) ++k;
  if (k == l.columns.size()) return false;
  auto const os = l.origins.subspan(l.columns[k].first, l.columns[k].last - l.columns[k].first);
  if (os.size() != want.size()) return false;
  std::size_t i = 0;
  for (std::string_view w : want) {
    std::string_view const t = os[i].table, c = os[i].column;
    if (w.size() != t.size() + 1 + c.size() || w.substr(0, t.size()) != t || w.substr(t.size() + 1) != c) return false;
    ++i;
  }
  return true;
}
static_assert(origins_are(shop_lineage.view(), 0, "amount", {"priced.price", "rates.factor"}));
static_assert(origins_are(shop_lineage.view(), 0, "flag", {}));
static_assert(origins_are(shop_lineage.view(), 1, "price", {"items.price"}));  // the ephemeral model, a node too
static_assert(origins_are(shop_lineage.view(), 3, "price", {}));               // a seed's column: where lineage starts
static_assert(jaffle::project::names()[1] == "customers");
static_assert(origins_are(jaffle_lineage.view(), 1, "customer_lifetime_value", {"stg_payments.amount"}));
}  // namespace

TEST_CASE("lineage: customers.customer_lifetime_value comes from raw_payments.amount", "[pipeline][lineage]") {
  CHECK(pl::lineage_text(jaffle_lineage.view(), "customers.customer_lifetime_value") ==
        "customers.customer_lifetime_value (table model)\n"
        "  <- stg_payments.amount (view model)\n"
        "    <- raw_payments.amount (seed)\n"
        "source columns: raw_payments.amount\n");
  // an aggregate with a FILTER reads the filter's column too
  CHECK_THAT(pl::lineage_text(jaffle_lineage.view(), "orders.coupon_amount"),
             Catch::EndsWith("source columns: raw_payments.amount, raw_payments.payment_method\n"));
}

TEST_CASE("lineage: through an ephemeral model and a source, a literal has no source column", "[pipeline][lineage]") {
  auto const l = shop_lineage.view();
  CHECK(pl::lineage_text(l, "checked.amount") ==
        "checked.amount (table model)\n"
        "  <- priced.price (ephemeral model)\n"
        "    <- items.price (seed)\n"
        "  <- rates.factor (source)\n"
        "source columns: items.price, rates.factor\n");
  CHECK(pl::lineage_text(l, "checked.flag") == "checked.flag (table model)\nno source column\n");
  // a whole model: each of its columns in turn
  std::string const all = pl::lineage_text(l, "checked");
  CHECK_THAT(all, Catch::StartsWith("checked.id (table model)\n  <- priced.id (ephemeral model)\n    <- items.id (seed)\n"));
  CHECK_THAT(all, Catch::Contains("checked.flag (table model)\nno source column\n"));
}

TEST_CASE("lineage: DOT and JSON", "[pipeline][lineage]") {
  auto const l = shop_lineage.view();
  std::string const dot = pl::lineage_dot(l, "checked.amount");
  CHECK_THAT(dot, Catch::StartsWith("digraph lineage {\n"));
  CHECK_THAT(dot, Catch::Contains("subgraph \"cluster_priced\" {\n    label=\"priced (ephemeral model)\";\n"
                                  "    \"priced.price\" [label=\"price\"];\n  }\n"));
  CHECK_THAT(dot, Catch::Contains("\"checked.amount\" [label=\"amount\", penwidth=2];"));
  CHECK_THAT(dot, Catch::Contains("  \"items.price\" -> \"priced.price\";\n"));
  CHECK_THAT(dot, Catch::Contains("  \"rates.factor\" -> \"checked.amount\";\n"));
  CHECK(dot.find("checked.id") == std::string::npos);  // only what feeds the column
  CHECK(pl::lineage_json(l, "checked.amount") ==
        "{\"columns\": [\n"
        "  {\"column\": \"checked.amount\", \"kind\": \"table model\", \"from\": [\"priced.price\", \"rates.factor\"]},\n"
        "  {\"column\": \"priced.price\", \"kind\": \"ephemeral model\", \"from\": [\"items.price\"]},\n"
        "  {\"column\": \"items.price\", \"kind\": \"seed\", \"from\": []},\n"
        "  {\"column\": \"rates.factor\", \"kind\": \"source\", \"from\": []}\n"
        "], \"sources\": [\"items.price\", \"rates.factor\"]}\n");
  auto const fields = pl::lineage_json_fields(l);
  REQUIRE(fields.size() == 4);
  CHECK(fields[0] == "\"columns\": [{\"name\": \"id\", \"from\": [\"priced.id\"]}, {\"name\": \"category\", \"from\": "
                     "[\"priced.category\"]}, {\"name\": \"amount\", \"from\": [\"priced.price\", \"rates.factor\"]}, "
                     "{\"name\": \"flag\", \"from\": []}]");
}

TEST_CASE("lineage: a node or a column that does not exist is an error that names what there is", "[pipeline][lineage]") {
  auto const l = shop_lineage.view();
  CHECK_THROWS_WITH(pl::lineage_text(l, "nosuch.amount"),
                    "egret: lineage nosuch.amount: the pipeline has no node named \"nosuch\" (`ls` lists them)");
  CHECK_THROWS_WITH(pl::lineage_text(l, "checked.amont"),
                    "egret: lineage checked.amont: checked has no column \"amont\"; its columns: id, category, amount, flag");
  CHECK_THROWS_AS(pl::lineage_dot(l, "checked.amont"), std::invalid_argument);
}
