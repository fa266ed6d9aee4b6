// The docs site (egret/pipeline/docs_site.hpp): the jaffle shop's page written to a file and read back, and a
// small pipeline whose SQL holds quotes, `<`, `>`, `&` and a `</script>` in a literal, and a model whose SQL needs
// a --var. The page in a real browser is tests/browser/ (CTest browser.docs_site).
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <egret/pipeline/docs_site.hpp>

#include "../../examples/jaffle_shop/pipeline.hpp"

namespace {

namespace pl = egret::pipeline;

std::string read_all(std::filesystem::path const& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::filesystem::path fresh_dir(std::string const& name) {
  std::filesystem::path const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / name;
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

namespace docs_site_test {

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, std::optional<double>));
EGRET_TABLE(cheap, (id, std::int64_t), (name, std::string), (price, std::optional<double>));
EGRET_TABLE(dear, (id, std::int64_t), (price, std::optional<double>));
EGRET_TABLE(named, (id, std::int64_t));
// a TEXT key (VARCHAR(255) on MySQL / MariaDB) and a DATE: each column's type read back from its CREATE TABLE
EGRET_TABLE(keyed, (code, std::string), (day, egret::date), (note, std::optional<std::string>), (n, std::int32_t));
EGRET_PRIMARY_KEY(keyed, code, day)

struct cheap_node : pl::model<pl::ephemeral, cheap> {
  static constexpr auto build(items i) {
    return i.filter(i.price > 0.5 && i.price < 10.0 && i.name != egret::str<"it's </script> & <b>">)
        .select(i.id, i.name, i.price);
  }
};
struct dear_node : pl::model<pl::view, dear> {
  static constexpr auto tags = pl::tags("nightly");
  static constexpr auto build(items i) {
    return i.filter(i.price >= egret::param<"min_price", double>).select(i.id, i.price);
  }
  static constexpr auto tests(dear t) { return pl::tests(pl::unique(t.id), pl::not_null(t.price).warn()); }
};
struct named_node : pl::model<pl::table, named> {
  static constexpr auto build(cheap c) { return c.select(c.id); }
};
using shop = pl::pipeline<named_node, dear_node, cheap_node, pl::seed<items, "items.csv">>;

template <class D, class T, class... Cs>
void check_column_types(pl::docs_site_data::node const& n, std::size_t d, egret::type_list<Cs...>) {
  REQUIRE(n.columns.size() == sizeof...(Cs));
  std::size_t k = 0;
  (
      [&] {
        INFO(n.name << "." << n.columns[k].name << " in " << pl::docs_site_data::dialects[d]);
        CHECK(n.columns[k].sql_type[d] == pl::detail::declared_sql_type<D, T, Cs>());
        ++k;
      }(),
      ...);
}

template <class T>
void check_column_types(pl::docs_site_data::node const& n) {
  check_column_types<egret::dialect::sqlite, T>(n, 0, typename T::egret_columns{});
  check_column_types<egret::dialect::postgres, T>(n, 1, typename T::egret_columns{});
  check_column_types<egret::dialect::mysql, T>(n, 2, typename T::egret_columns{});
  check_column_types<egret::dialect::mariadb, T>(n, 3, typename T::egret_columns{});
}

}  // namespace docs_site_test

TEST_CASE("docs site: html_escape and json_string", "[pipeline][docs_site]") {
  using egret::pipeline::docs_detail::html_escape;
  using egret::pipeline::json_string;
  CHECK(html_escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  CHECK(html_escape("orders") == "orders");
  CHECK(json_string("say \"hi\"\\\n\t") == "\"say \\\"hi\\\"\\\\\\n\\t\"");
  CHECK(json_string("</script><!-- & -->") == "\"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e\"");
  CHECK(json_string(std::string("\x01") + "\xE2\x80\xA8" + "\xE2\x80\xA9" + "\xC3\xA9") == "\"\\u0001\\u2028\\u2029\xC3\xA9\"");
}

TEST_CASE("docs site: the jaffle shop's page, self-contained", "[pipeline][docs_site]") {
  using P = jaffle::project;
  std::filesystem::path const dir = fresh_dir("docs_site_jaffle");
  pl::write_docs_site<P>(dir / "site", {.title = "The jaffle shop"});
  std::string const page = read_all(dir / "site" / "index.html");
  REQUIRE(page.starts_with("<!DOCTYPE html>"));
  CHECK(page.find("<title>The jaffle shop</title>") != std::string::npos);

  // every node: in the data, and a box of the graph
  for (std::string_view name : P::names()) {
    INFO(name);
    CHECK(page.find("{\"name\": \"" + std::string(name) + "\", \"kind\": ") != std::string::npos);
    CHECK(page.find("data-name=\"" + std::string(name) + "\" tabindex=\"0\"><title>") != std::string::npos);
  }
  CHECK(count(page, "<g class=\"dag-node") == 8);
  CHECK(count(page, "<path class=\"edge\"") == 8);  // 3 staging views, customers reads 3, orders 2
  CHECK(count(page, "<g class=\"dag-node kind-seed\"") == 3);
  CHECK(count(page, "<g class=\"dag-node kind-view\"") == 3);
  CHECK(count(page, "<g class=\"dag-node kind-table\"") == 2);

  // each model's SQL in each dialect, escaped for the <script> it is in (a JSON string, no raw quote)
  auto sql_in_page = [&]<class D, class M>(std::type_identity<D>, std::type_identity<M>) {
    std::string const sql = P::model_sql<D, M>();
    REQUIRE(!sql.empty());
    CHECK(page.find("{\"text\": " + pl::json_string(sql) + ", \"error\": \"\"}") != std::string::npos);
  };
  auto all_dialects = [&]<class M>(std::type_identity<M> m) {
    sql_in_page(std::type_identity<egret::dialect::sqlite>{}, m);
    sql_in_page(std::type_identity<egret::dialect::postgres>{}, m);
    sql_in_page(std::type_identity<egret::dialect::mysql>{}, m);
    sql_in_page(std::type_identity<egret::dialect::mariadb>{}, m);
  };
  all_dialects(std::type_identity<jaffle::orders_node>{});
  all_dialects(std::type_identity<jaffle::customers_node>{});
  all_dialects(std::type_identity<jaffle::stg_orders_node>{});
  CHECK(page.find("FROM \\\"stg_orders\\\" LEFT JOIN") != std::string::npos);
  CHECK(page.find("FROM \"stg_orders\"") == std::string::npos);  // never unescaped
  CHECK(page.find("FROM `stg_orders`") != std::string::npos);     // MySQL's quotes need no escape

  // columns, types, tests, kinds
  CHECK(page.find("{\"name\": \"orders\", \"kind\": \"table model\", \"materialization\": \"table\"") != std::string::npos);
  CHECK(page.find("{\"name\": \"raw_orders\", \"kind\": \"seed\", \"materialization\": \"\", \"file\": \"raw_orders.csv\"") !=
        std::string::npos);
  CHECK(page.find("{\"name\": \"amount\", \"cpp_type\": \"double\", \"nullable\": true, \"sql_type\": {\"sqlite\": \"REAL\", "
                  "\"postgres\": \"DOUBLE PRECISION\", \"mysql\": \"DOUBLE\", \"mariadb\": \"DOUBLE\"}, "
                  "\"from\": [\"stg_payments.amount\"]}") != std::string::npos);
  CHECK(page.find("{\"name\": \"order_id\", \"cpp_type\": \"std::int64_t\", \"nullable\": false") != std::string::npos);
  CHECK(page.find("{\"name\": \"relationships_orders_customer_id__customer_id__customers\", \"severity\": \"error\"}") !=
        std::string::npos);
  CHECK(count(page, "\"severity\": ") == 20);  // the dbt project's twenty tests
  CHECK(page.find(pl::json_string(egret::create_table_sql<egret::dialect::postgres, jaffle::orders>())) !=
        std::string::npos);

  // nothing from the network: no URL, no external script, style, image or fetch
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
  CHECK(page.find("<script src") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("fetch(") == std::string::npos);
  CHECK(page.find("XMLHttpRequest") == std::string::npos);
  CHECK(count(page, "<script") == 2);  // the data and the code
  CHECK(count(page, "</script>") == 2);
}

TEST_CASE("docs site: quotes, < > & and </script> in SQL, a model that needs a --var", "[pipeline][docs_site]") {
  using P = docs_site_test::shop;
  std::string const cheap_sql = P::model_sql<egret::dialect::sqlite, docs_site_test::named_node>();
  REQUIRE(cheap_sql.find("'it''s </script> & <b>'") != std::string::npos);
  REQUIRE(cheap_sql.find("> 0.5") != std::string::npos);

  std::filesystem::path const dir = fresh_dir("docs_site_hostile");
  pl::write_docs_site<P>(dir);
  std::string const page = read_all(dir / "index.html");
  CHECK(page.find("{\"title\": \"Pipeline documentation\"") != std::string::npos);
  CHECK(count(page, "</script>") == 2);
  CHECK(page.find("</script> &") == std::string::npos);
  CHECK(page.find(pl::json_string(cheap_sql)) != std::string::npos);
  CHECK(page.find("'it''s \\u003c/script\\u003e \\u0026 \\u003cb\\u003e'") != std::string::npos);
  CHECK(page.find("\"kind\": \"ephemeral model\", \"materialization\": \"ephemeral\"") != std::string::npos);
  CHECK(page.find("\"tags\": [\"nightly\"]") != std::string::npos);
  CHECK(page.find("{\"name\": \"not_null_dear_price\", \"severity\": \"warn\"}") != std::string::npos);
  CHECK(page.find("<g class=\"dag-node kind-ephemeral\" data-name=\"cheap\"") != std::string::npos);
  // dear's SQL needs min_price: the message instead, for each dialect
  CHECK(count(page, "{\"text\": \"\", \"error\": \"egret: model \\\"dear\\\" needs --var min_price=VALUE, a DOUBLE (double)\"}") ==
        4);

  // given the value, the SQL shows it
  pl::docs_site_data const with = pl::docs_site_of<P>({.vars = {"min_price=2.5"}});
  std::size_t const dear = P::index_of_name("dear");
  REQUIRE(dear < with.nodes.size());
  CHECK(with.nodes[dear].sql[0].error.empty());
  CHECK(with.nodes[dear].sql[0].text.find(">= 2.5") != std::string::npos);
  CHECK(with.nodes[dear].tags == std::vector<std::string>{"nightly"});
  // the graph's columns by depth: items, then cheap and dear, then named
  std::string const svg = pl::docs_dag_svg(with);
  auto x_of = [&](std::string const& name) {
    std::size_t const g = svg.find("data-name=\"" + name + "\" tabindex");
    std::size_t const x = svg.find("<rect x=\"", g) + 9;
    return std::stod(svg.substr(x, svg.find('"', x) - x));
  };
  CHECK(x_of("items") < x_of("cheap"));
  CHECK(x_of("cheap") == x_of("dear"));
  CHECK(x_of("dear") < x_of("named"));
}

TEST_CASE("docs site: each column's SQL type, as CREATE TABLE declares it in each dialect", "[pipeline][docs_site]") {
  using P = jaffle::project;
  pl::docs_site_data const s = pl::docs_site_of<P>();
  docs_site_test::check_column_types<jaffle::orders>(s.nodes[P::index_of_name("orders")]);
  docs_site_test::check_column_types<jaffle::customers>(s.nodes[P::index_of_name("customers")]);
  docs_site_test::check_column_types<jaffle::raw_payments>(s.nodes[P::index_of_name("raw_payments")]);
  using K = pl::pipeline<pl::source<docs_site_test::keyed>>;
  pl::docs_site_data const k = pl::docs_site_of<K>();
  REQUIRE(k.nodes.size() == 1);
  CHECK(k.nodes[0].kind == "source");
  docs_site_test::check_column_types<docs_site_test::keyed>(k.nodes[0]);
  CHECK(k.nodes[0].columns[0].sql_type[2] == "VARCHAR(255)");
  CHECK(k.nodes[0].columns[2].nullable);
  CHECK(k.nodes[0].columns[3].cpp_type == "std::int32_t");
}

TEST_CASE("docs site: each column's lineage, one step upstream", "[pipeline][docs_site][lineage]") {
  using P = jaffle::project;
  pl::docs_site_data const s = pl::docs_site_of<P>();
  auto const& customers = s.nodes[P::index_of_name("customers")];
  REQUIRE(customers.columns.size() == 7);
  CHECK(customers.columns[6].name == "customer_lifetime_value");
  CHECK(customers.columns[6].from == std::vector<std::string>{"stg_payments.amount"});
  CHECK(s.nodes[P::index_of_name("raw_payments")].columns[3].from.empty());  // a seed: where lineage starts
  CHECK_THAT(pl::docs_detail::site_json(s),
             Catch::Contains("{\"name\": \"credit_card_amount\", \"cpp_type\": \"double\", \"nullable\": true, \"sql_type\": "
                             "{\"sqlite\": \"REAL\", \"postgres\": \"DOUBLE PRECISION\", \"mysql\": \"DOUBLE\", "
                             "\"mariadb\": \"DOUBLE\"}, \"from\": [\"stg_payments.amount\", \"stg_payments.payment_method\"]}"));
}
