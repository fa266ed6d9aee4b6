// The pipeline layer on real SQLite files: the graph's order, each materialization (view, table, ephemeral CTE),
// seeds and sources, data tests with their severities, a build that fails half-way leaving the previous table and
// its rows as they were, the steps downstream of a failure skipped, and selections.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <egret/pipeline.hpp>
#include <egret/pipeline/run_results.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
namespace pl = egret::pipeline;

EGRET_TABLE(items, (id, std::int64_t), (category, std::string), (price, double));
EGRET_TABLE(rates, (category, std::string), (factor, double));
EGRET_TABLE(priced, (id, std::int64_t), (category, std::string), (price, double));
EGRET_TABLE(by_category, (category, std::string), (total, std::optional<double>));
EGRET_TABLE(checked, (id, std::int64_t), (category, std::string), (amount, double));
EGRET_TABLE(downstream, (id, std::int64_t), (amount, double));

constexpr auto guard = egret::udf<"guard", double(double)>;

using items_seed = pl::seed<items, "items.csv">;
using rates_source = pl::source<rates>;

struct priced_node : pl::model<pl::ephemeral, priced> {
  static constexpr auto build(items i) { return i.filter(i.price > 0.0).select(i.id, i.category, i.price); }
};
struct by_category_node : pl::model<pl::view, by_category> {
  static constexpr auto build(priced p) {
    return p.group_by(p.category).aggregate(p.price.sum().as<"total">());
  }
};
struct checked_node : pl::model<pl::table, checked> {
  static constexpr auto tags = pl::tags("money", "nightly");
  static constexpr auto build(priced p, rates r) {
    return p.join(r, p.category == r.category).select(p.id, p.category, guard(p.price * r.factor).as<"amount">());
  }
  static constexpr auto tests(checked t) {
    return pl::tests(pl::unique(t.id), pl::accepted_values<"tools", "toys">(t.category).warn());
  }
};
struct downstream_node : pl::model<pl::table, downstream> {
  static constexpr auto tags = pl::tags("nightly");
  static constexpr auto build(checked c) { return c.filter(c.amount > 1.0).select(c.id, c.amount); }
  static constexpr auto tests(downstream t) { return pl::tests(pl::not_null(t.id)); }
};

using shop = pl::pipeline<downstream_node, checked_node, by_category_node, priced_node, rates_source, items_seed>;

// The order is computed at compile time: every node after the nodes it reads.
static_assert(shop::graph_type::valid);
static_assert(shop::graph_type::order[0] == 4 || shop::graph_type::order[0] == 5);  // a seed or the source first
static_assert(shop::graph_type::upstream[0][5] && shop::graph_type::upstream[0][3]);  // downstream reads items via priced
static_assert(!shop::graph_type::upstream[2][4]);                                      // by_category does not read rates

struct fixture {
  std::filesystem::path dir;
  std::string db_path;
  bool fail_guard = false;
  egret::sqlite::connection db;

  explicit fixture(std::string const& name)
      : dir(std::filesystem::path(EGRET_TEST_TMP_DIR) / ("pipeline_" + name)), db_path((dir / "db.sqlite").string()),
        db((std::filesystem::remove_all(dir), std::filesystem::create_directories(dir), db_path)) {
    db.create_function(guard, [this](double x) {
      if (fail_guard) throw std::runtime_error("guard refused the row");
      return x;
    });
    db.exec(R"(CREATE TABLE "rates" ("category" TEXT NOT NULL, "factor" REAL NOT NULL))");
    db.exec(R"(INSERT INTO "rates" VALUES ('tools', 2.0), ('toys', 1.0), ('food', 0.5))");
  }
  void seed(std::string const& csv) { std::ofstream(dir / "items.csv") << "id,category,price\n" << csv; }
  pl::run_report build(pl::run_options o = {}) {
    o.seeds = dir;
    o.out = nullptr;
    return shop::build(db, o);
  }
  template <class Q>
  std::vector<std::int64_t> ids(Q const& q) {
    std::vector<std::int64_t> out;
    for (auto const& r : db.execute(q)) out.push_back(r.template get<0>());
    return out;
  }
};

constexpr checked ck{};
constexpr downstream ds{};
constexpr by_category bc{};
}  // namespace

TEST_CASE("pipeline: seeds, a source, an ephemeral CTE, a view and tables, built in order with their tests", "[pipeline]") {
  fixture f("materializations");
  f.seed("1,tools,3.5\n2,toys,0.5\n3,tools,-1\n4,toys,2\n");
  auto const r = f.build();
  CHECK(r.ok());
  CHECK(r.count(pl::status::error) == 0);
  REQUIRE(r.find("items") != nullptr);
  CHECK(r.find("items")->rows == 4);
  CHECK(r.find("checked")->rows == 3);  // item 3 has a negative price: filtered by the ephemeral model
  CHECK(r.find("unique_checked_id")->result == pl::status::pass);
  CHECK(r.find("accepted_values_checked_category")->result == pl::status::pass);
  CHECK(f.ids(ck.order_by(ck.id)) == std::vector<std::int64_t>{1, 2, 4});
  CHECK(f.ids(ds.order_by(ds.id)) == std::vector<std::int64_t>{1, 4});
  // the view is current; the ephemeral model is no object of the database, only a CTE in its readers' SQL
  std::vector<std::string> cats;
  for (auto const& row : f.db.execute(bc.order_by(bc.category))) cats.emplace_back(row.get<"category">());
  CHECK(cats == std::vector<std::string>{"tools", "toys"});
  std::string const sql = shop::model_sql<egret::dialect::sqlite, checked_node>();
  CHECK(sql.starts_with(R"(WITH "priced" AS (SELECT "items"."id", "items"."category", "items"."price" FROM "items" WHERE "items"."price" > 0.0) SELECT)"));
  int objects = 0;
  for (auto const& [n] : f.db.execute(egret::raw_query<"SELECT COUNT(*) FROM sqlite_master WHERE name = 'priced'", egret::out<"n", std::int64_t>>{}))
    objects = static_cast<int>(n);
  CHECK(objects == 0);
  // a second build replaces everything with the new seed
  f.seed("1,tools,3.5\n5,toys,4\n");
  CHECK(f.build().ok());
  CHECK(f.ids(ck.order_by(ck.id)) == std::vector<std::int64_t>{1, 5});
}

TEST_CASE("pipeline: a table whose build fails half-way keeps its previous rows, what reads it is skipped", "[pipeline]") {
  fixture f("atomic");
  f.seed("1,tools,3.5\n2,toys,0.5\n4,toys,2\n");
  REQUIRE(f.build().ok());
  f.seed("1,tools,3.5\n2,toys,0.5\n4,toys,2\n7,tools,9\n");
  f.fail_guard = true;  // the INSERT ... SELECT of checked fails on its first row
  auto const r = f.build();
  CHECK_FALSE(r.ok());
  CHECK(r.find("checked")->result == pl::status::error);
  CHECK(r.find("checked")->message.find("guard refused the row") != std::string::npos);
  CHECK(r.find("unique_checked_id")->result == pl::status::skipped);
  CHECK(r.find("downstream")->result == pl::status::skipped);
  CHECK(r.find("not_null_downstream_id")->result == pl::status::skipped);
  CHECK(r.find("by_category")->result == pl::status::ok);  // not downstream of the failure: built
  CHECK(f.ids(ck.order_by(ck.id)) == std::vector<std::int64_t>{1, 2, 4});  // the previous table, row for row
  CHECK(f.ids(ds.order_by(ds.id)) == std::vector<std::int64_t>{1, 4});
  f.fail_guard = false;
  CHECK(f.build().ok());
  CHECK(f.ids(ck.order_by(ck.id)) == std::vector<std::int64_t>{1, 2, 4, 7});
}

TEST_CASE("pipeline: a failing error test fails its model and skips what reads it, a warn test does not", "[pipeline]") {
  fixture f("tests");
  f.seed("1,tools,3.5\n1,toys,2\n4,food,2\n");  // a duplicated id, and a category the warn test does not accept
  auto const r = f.build();
  CHECK_FALSE(r.ok());
  REQUIRE(r.find("unique_checked_id") != nullptr);
  CHECK(r.find("unique_checked_id")->result == pl::status::fail);
  CHECK(r.find("unique_checked_id")->rows == 1);
  CHECK(r.find("unique_checked_id")->message == "Got 1 result, configured to fail");
  CHECK(r.find("accepted_values_checked_category")->result == pl::status::warn);
  CHECK(r.find("downstream")->result == pl::status::skipped);
  CHECK(r.count(pl::status::warn) == 1);
}

TEST_CASE("pipeline: a missing source is an error naming it, and its readers are skipped", "[pipeline]") {
  fixture f("source");
  f.seed("1,tools,3.5\n");
  f.db.exec(R"(DROP TABLE "rates")");
  auto const r = f.build();
  CHECK_FALSE(r.ok());
  CHECK(r.find("rates")->result == pl::status::error);
  CHECK(r.find("rates")->message.find("rates") != std::string::npos);
  CHECK(r.find("checked")->result == pl::status::skipped);
  CHECK(r.find("by_category")->result == pl::status::ok);
}

TEST_CASE("pipeline: selections run a node with what is upstream or downstream of it", "[pipeline]") {
  fixture f("select");
  f.seed("1,tools,3.5\n4,toys,2\n");
  REQUIRE(f.build().ok());
  auto const down = f.build({.select = {"checked+"}});
  CHECK(down.ok());
  CHECK(down.find("checked") != nullptr);
  CHECK(down.find("downstream") != nullptr);
  CHECK(down.find("items") == nullptr);
  CHECK(down.find("by_category") == nullptr);
  auto const up = f.build({.select = {"+by_category"}, .exclude = {"items"}});
  CHECK(up.find("by_category") != nullptr);
  CHECK(up.find("items") == nullptr);
  CHECK(up.find("checked") == nullptr);
  auto const tests_only = f.build({.run_seeds = false, .run_models = false});
  CHECK(tests_only.ok());
  CHECK(tests_only.steps.size() == 3);  // the three data tests, nothing built
  CHECK_THROWS_WITH(f.build({.select = {"chekced"}}), Catch::Contains("no node named \"chekced\""));
}

TEST_CASE("pipeline: --store-failures keeps each test's failing rows in a table named after it", "[pipeline]") {
  fixture f("store_failures");
  f.seed("1,tools,3.5\n1,toys,2\n4,food,2\n");  // id 1 twice; "food" is not an accepted category (a warn test)
  auto const r = f.build({.store_failures = true});
  CHECK_FALSE(r.ok());
  CHECK(r.find("unique_checked_id")->rows == 1);
  using failures = egret::raw_query<R"(SELECT "id", "n_records" FROM "unique_checked_id")", egret::out<"id", std::int64_t>,
                                    egret::out<"n_records", std::int64_t>>;
  std::vector<std::pair<std::int64_t, std::int64_t>> rows;
  for (auto const& [id, n] : f.db.execute(failures{})) rows.emplace_back(id, n);
  CHECK(rows == std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 2}});
  using categories = egret::raw_query<R"(SELECT "category" FROM "accepted_values_checked_category")",
                                      egret::out<"category", std::string>>;
  std::vector<std::string> cats;
  for (auto const& [c] : f.db.execute(categories{})) cats.emplace_back(c);
  CHECK(cats == std::vector<std::string>{"food"});
  // the next run replaces the tables: a test that passes leaves an empty one, not the old failures
  f.seed("1,tools,3.5\n2,toys,2\n");
  CHECK(f.build({.store_failures = true}).ok());
  using count = egret::raw_query<R"(SELECT COUNT(*) FROM "unique_checked_id")", egret::out<"n", std::int64_t>>;
  std::int64_t left = -1;
  for (auto const& [n] : f.db.execute(count{})) left = n;
  CHECK(left == 0);
  // without the option nothing is stored (and an earlier table is left alone)
  CHECK(f.build().ok());
}

// Run-time parameters (--var): a param<> in a model's query, its value given as text and parsed into its type.
namespace {
EGRET_TABLE(expensive, (id, std::int64_t), (price, double));
EGRET_TABLE(since_items, (id, std::int64_t), (tag, std::string));
struct expensive_node : pl::model<pl::view, expensive> {
  static constexpr auto build(items i) {
    return i.filter(i.price >= egret::param<"min_price", double>).select(i.id, i.price);
  }
};
struct tagged_node : pl::model<pl::table, since_items> {
  static constexpr auto build(expensive e) {
    return e.filter(e.id <= egret::param<"max_id", std::int64_t>).select(e.id, egret::param<"tag", std::string>.as<"tag">());
  }
};
using priced_shop = pl::pipeline<tagged_node, expensive_node, items_seed>;
constexpr expensive ex{};
constexpr since_items si{};
}  // namespace

TEST_CASE("pipeline: --var values, typed by each model's param<>, written into the SQL as literals", "[pipeline]") {
  static_assert(priced_shop::parameters().second == 3);
  fixture f("vars");
  f.seed("1,tools,3.5\n2,toys,0.5\n3,tools,12\n");
  auto build = [&](std::vector<std::string> vars) {
    return priced_shop::build(f.db, {.seeds = f.dir, .out = nullptr, .vars = std::move(vars)});
  };
  auto const r = build({"min_price=2", "max_id=1", "tag=it's"});
  CHECK(r.ok());
  CHECK(f.ids(ex.order_by(ex.id)) == std::vector<std::int64_t>{1, 3});
  std::vector<std::string> tags;
  for (auto const& row : f.db.execute(si.order_by(si.id))) tags.emplace_back(row.get<"tag">());
  CHECK(tags == std::vector<std::string>{"it's"});  // a quote in a value stays a value
  CHECK(priced_shop::model_sql<egret::dialect::sqlite, expensive_node>(pl::var_values({"min_price=2.5"})) ==
        R"(SELECT "items"."id", "items"."price" FROM "items" WHERE "items"."price" >= 2.5)");
  // a later value replaces an earlier one (a program's defaults, then the command line)
  CHECK(build({"min_price=2", "max_id=1", "tag=a", "min_price=100"}).ok());
  CHECK(f.ids(ex.order_by(ex.id)).empty());

  // errors before anything runs: a value that is not of the parameter's type, a name no model declares
  CHECK_THROWS_WITH(build({"min_price=cheap", "max_id=1", "tag=a"}),
                    Catch::StartsWith("egret: --var min_price=cheap: ") && Catch::Contains("DOUBLE (double)"));
  CHECK_THROWS_WITH(build({"max_id=1.5"}), Catch::Contains("--var max_id=1.5") && Catch::Contains("BIGINT"));
  CHECK_THROWS_WITH(build({"min_prcie=2"}),
                    Catch::Contains("no model of the pipeline has a param<\"min_prcie\">") &&
                        Catch::Contains("min_price (DOUBLE (double))"));
  CHECK_THROWS_WITH(build({"min_price"}), Catch::Contains("write NAME=VALUE"));
  // a model run without one of its values fails, naming it; the previous rows stay
  REQUIRE(build({"min_price=2", "max_id=1", "tag=a"}).ok());
  auto const missing = build({"min_price=2", "max_id=1"});
  CHECK_FALSE(missing.ok());
  CHECK(missing.find("since_items")->result == pl::status::error);
  CHECK(missing.find("since_items")->message ==
        "egret: model \"since_items\" needs --var tag=VALUE, a TEXT");
  std::vector<std::string> kept;
  for (auto const& row : f.db.execute(si.order_by(si.id))) kept.emplace_back(row.get<"tag">());
  CHECK(kept == std::vector<std::string>{"a"});
}

TEST_CASE("pipeline: progress lines in dbt's shape, colored only when asked or on a terminal", "[pipeline]") {
  fixture f("progress");
  f.seed("1,tools,3.5\n4,toys,2\n");
  std::filesystem::path const log = f.dir / "progress.txt";
  auto run = [&](pl::run_options::colors c) {
    std::FILE* out = std::fopen(log.string().c_str(), "w");
    REQUIRE(out != nullptr);
    pl::run_options o{.seeds = f.dir, .out = out};
    o.color = c;
    auto const r = shop::build(f.db, o);
    std::fclose(out);
    std::ifstream in(log);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  std::string const plain = run(pl::run_options::colors::automatic);  // a file is no terminal
  CHECK(plain.find('\033') == std::string::npos);
  CHECK(plain.find("OK loaded seed items ....") != std::string::npos);
  // not_null of a NOT NULL column still runs, and says the compiler proved it too
  CHECK(plain.find("PASS not_null_downstream_id ") != std::string::npos);
  CHECK(plain.find("[PASS in ") != std::string::npos);
  CHECK(plain.find(", also proved by its type]\n") != std::string::npos);
  std::string const colored = run(pl::run_options::colors::always);
  CHECK(colored.find("\033[32mOK\033[0m loaded seed items ") != std::string::npos);
  CHECK(colored.find("[\033[32mPASS\033[0m in ") != std::string::npos);
  // the dots line up as without colors: the escapes take no column
  auto first_line = [](std::string const& s) { return s.substr(0, s.find('\n')); };
  std::string stripped = first_line(colored);
  for (std::string esc : {"\033[32m", "\033[0m"})
    for (std::size_t p; (p = stripped.find(esc)) != std::string::npos;) stripped.erase(p, esc.size());
  CHECK(stripped.substr(0, stripped.find('[')) == first_line(plain).substr(0, first_line(plain).find('[')));
}

namespace {
std::vector<std::string> names_of(pl::run_report const& r) {
  std::vector<std::string> out;
  for (auto const& s : r.steps) out.push_back(s.name);
  return out;
}
/// by_category with other SQL: a changed model's code, as a later build of the program would have it.
struct by_category_v2 : pl::model<pl::view, by_category> {
  static constexpr auto build(priced p) {
    return p.filter(p.price > 1.0).group_by(p.category).aggregate(p.price.sum().as<"total">());
  }
};
using shop_v2 = pl::pipeline<downstream_node, checked_node, by_category_v2, priced_node, rates_source, items_seed>;
}  // namespace

TEST_CASE("pipeline: dbt's selector grammar: tags, @, unions, intersections, exclusions", "[pipeline]") {
  fixture f("selectors");
  f.seed("1,tools,3.5\n4,toys,2\n");
  REQUIRE(f.build().ok());
  auto models = [&](std::vector<std::string> select, std::vector<std::string> exclude = {}) {
    return names_of(f.build({.run_seeds = false, .run_tests = false, .select = std::move(select), .exclude = std::move(exclude)}));
  };
  CHECK(models({"tag:nightly"}) == std::vector<std::string>{"checked", "downstream"});
  CHECK(models({"tag:money"}) == std::vector<std::string>{"checked"});
  CHECK(models({"tag:nightly,tag:money"}) == std::vector<std::string>{"checked"});        // intersection
  CHECK(models({"by_category tag:money"}) == models({"by_category", "tag:money"}));        // union, one word or two
  CHECK(models({"+by_category"}) == std::vector<std::string>{"priced", "by_category"});    // the seed's phase is off
  CHECK(models({"@checked"}) == std::vector<std::string>{"priced", "checked", "downstream"});
  CHECK(models({"tag:nightly"}, {"downstream"}) == std::vector<std::string>{"checked"});
  CHECK(models({"priced+,tag:nightly"}) == std::vector<std::string>{"checked", "downstream"});
  CHECK_THROWS_WITH(f.build({.select = {"tag:weekly"}}), Catch::Contains("no node of the pipeline has the tag \"weekly\""));
  CHECK_THROWS_WITH(f.build({.select = {"path:models"}}), Catch::Contains("unknown method \"path:\""));
  CHECK_THROWS_WITH(f.build({.select = {"state:new"}}), Catch::Contains("state:modified"));
}

TEST_CASE("pipeline: state:modified+ rebuilds what changed since the state table's record, and what reads it", "[pipeline]") {
  fixture f("state");
  f.seed("1,tools,3.5\n4,toys,2\n");
  REQUIRE(f.build().ok());
  pl::run_options const modified{.select = {"state:modified+"}};
  // nothing changed: nothing runs
  std::FILE* out = std::tmpfile();
  pl::run_options quiet = modified;
  quiet.seeds = f.dir;
  quiet.out = out;
  auto const none = shop::build(f.db, quiet);
  CHECK(none.steps.empty());
  std::rewind(out);
  char line[128] = {};
  CHECK(std::fgets(line, sizeof line, out) != nullptr);
  CHECK(std::string(line) == "Nothing to do: no node differs from the target's state\n");
  std::fclose(out);
  // the seed file changed: it and everything downstream of it (not the source)
  f.seed("1,tools,3.5\n4,toys,2\n5,toys,7\n");
  CHECK(names_of(f.build(modified)) ==
        std::vector<std::string>{"items", "priced", "checked", "unique_checked_id", "accepted_values_checked_category",
                                 "by_category", "downstream", "not_null_downstream_id"});
  CHECK(f.build(modified).steps.empty());
  // a model's code changed (the next build of the program): only it, and what reads it (nothing)
  CHECK(names_of(shop_v2::build(f.db, {.seeds = f.dir, .out = nullptr, .select = {"state:modified+"}})) ==
        std::vector<std::string>{"by_category"});
  CHECK(shop_v2::build(f.db, {.seeds = f.dir, .out = nullptr, .select = {"state:modified+"}}).steps.empty());
  // a relation dropped behind the pipeline's back counts as modified
  f.db.exec(R"(DROP TABLE "downstream")");
  CHECK(names_of(shop_v2::build(f.db, {.seeds = f.dir, .out = nullptr, .select = {"state:modified"}})) ==
        std::vector<std::string>{"downstream", "not_null_downstream_id"});
  // the state table: one row per node built, with its rows
  using state_rows = egret::raw_query<R"(SELECT "node", "row_count" FROM "egret_state" ORDER BY "node")",
                                      egret::out<"node", std::string>, egret::out<"row_count", std::int64_t>>;
  std::string rows;
  for (auto const& [node, n] : f.db.execute(state_rows{})) rows += std::string(node) + "=" + std::to_string(n) + " ";
  CHECK(rows == "by_category=0 checked=3 downstream=3 items=3 ");
}

TEST_CASE("pipeline: run_results.json escapes what it writes", "[pipeline]") {
  pl::run_report r;
  r.steps.push_back({.name = "a\"b", .what = "seed", .result = pl::status::error, .rows = 0, .seconds = 0.5,
                     .message = "line\none\ttab \x01 \xc3\xa9"});
  std::string const json = pl::run_results_json(r, 1.25);
  CHECK_THAT(json, Catch::Contains(R"("elapsed_time": 1.250000})"));
  CHECK_THAT(json, Catch::Contains(R"({"name": "a\"b", "kind": "seed", "status": "error", "rows": 0, "seconds": 0.500000, "failures": null, "message": "line\none\ttab \u0001 é"})"));
}
