// egret::pipeline::main called in-process on a small pipeline with run-time parameters: its exit statuses and
// what it prints (stdout and stderr captured through a file) for --var, --store-failures and usage errors.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <egret/pipeline/cli.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
namespace pl = egret::pipeline;

EGRET_TABLE(cli_items, (id, std::int64_t), (price, double));
EGRET_TABLE(cli_dear, (id, std::int64_t), (price, double));
using cli_items_seed = pl::seed<cli_items, "cli_items.csv">;
struct cli_dear_node : pl::model<pl::table, cli_dear> {
  static constexpr auto build(cli_items i) {
    return i.filter(i.price >= egret::param<"min_price", double>).select(i.id, i.price);
  }
  static constexpr auto tests(cli_dear t) { return pl::tests(pl::unique(t.id)); }
};
using cli_shop = pl::pipeline<cli_dear_node, cli_items_seed>;

struct outcome {
  int status;
  std::string output;  // stdout then stderr
};

/// Runs main() with args, stdout and stderr sent to a file for the call.
/// The directory of the running test case (each its own: CTest runs test cases in parallel processes).
std::string case_dir = "pipeline_cli";

outcome run_main(std::vector<std::string> args) {
  std::filesystem::path const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / case_dir;
  std::filesystem::create_directories(dir);
  std::filesystem::path const out = dir / "output.txt";
  args.insert(args.begin(), "cli_shop");
  std::vector<char const*> argv;
  for (auto const& a : args) argv.push_back(a.c_str());
  std::fflush(stdout);
  std::fflush(stderr);
  int const saved_out = dup(1), saved_err = dup(2);
  std::FILE* f = std::fopen(out.string().c_str(), "w");
  dup2(fileno(f), 1);
  dup2(fileno(f), 2);
  int const status = pl::main<cli_shop, egret::sqlite::connection>(static_cast<int>(argv.size()), argv.data(),
                                                                   {.seeds = dir, .vars = {"min_price=10"}});
  std::fflush(stdout);
  std::fflush(stderr);
  dup2(saved_out, 1);
  dup2(saved_err, 2);
  close(saved_out);
  close(saved_err);
  std::fclose(f);
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  return {status, text.str()};
}

std::string target() {
  return "sqlite:" + (std::filesystem::path(EGRET_TEST_TMP_DIR) / case_dir / "shop.db").string();
}
}  // namespace

TEST_CASE("pipeline command line: --var typed values, defaults, usage errors", "[pipeline][cli]") {
  case_dir = "pipeline_cli_vars";
  std::filesystem::path const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / case_dir;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cli_items.csv") << "id,price\n1,5\n2,15\n3,25\n";

  // the program's default (min_price=10), then --var replaces it
  auto const built = run_main({"build", "--target", target()});
  CHECK(built.status == 0);
  CHECK_THAT(built.output, Catch::Contains("OK created table model cli_dear") && Catch::Contains("[OK 2 rows in"));
  auto const dearer = run_main({"run", "--target", target(), "--var", "min_price=20"});
  CHECK(dearer.status == 0);
  CHECK_THAT(dearer.output, Catch::Contains("[OK 1 rows in"));
  auto const sql = run_main({"sql", "cli_dear", "--var=min_price=7.5"});
  CHECK(sql.status == 0);
  CHECK(sql.output == "SELECT \"cli_items\".\"id\", \"cli_items\".\"price\" FROM \"cli_items\" WHERE \"cli_items\".\"price\" >= 7.5\n");

  // a value that is not a number, a parameter no model has: usage errors (exit status 2), nothing run
  auto const bad = run_main({"run", "--target", target(), "--var", "min_price=lots"});
  CHECK(bad.status == 2);
  CHECK_THAT(bad.output, Catch::StartsWith("cli_shop: --var min_price=lots: ") && Catch::Contains("DOUBLE (double)"));
  CHECK_THAT(bad.output, !Catch::Contains("created"));
  auto const unknown = run_main({"run", "--target", target(), "--var", "max_price=3"});
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.output, Catch::Contains("no model of the pipeline has a param<\"max_price\">; its parameters: min_price"));
  auto const malformed = run_main({"run", "--var", "min_price"});
  CHECK(malformed.status == 2);
  CHECK_THAT(malformed.output, Catch::Contains("--var \"min_price\": write --var NAME=VALUE"));

  // options a subcommand does not take, unknown options, missing values, several names after --select
  CHECK(run_main({"ls", "--limit", "3"}).status == 2);
  auto const wrong = run_main({"show", "cli_dear", "--store-failures"});
  CHECK(wrong.status == 2);
  CHECK_THAT(wrong.output, Catch::Contains("show takes no --store-failures"));
  auto const missing = run_main({"build", "--target"});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.output, Catch::Contains("option --target needs a value"));
  auto const ls = run_main({"ls", "--select", "cli_dear", "cli_items"});
  CHECK(ls.status == 0);
  CHECK(ls.output == "cli_items                seed\ncli_dear                 table model\n");
}

TEST_CASE("pipeline command line: --store-failures and a failing test's exit status", "[pipeline][cli]") {
  case_dir = "pipeline_cli_store";
  std::filesystem::path const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / case_dir;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cli_items.csv") << "id,price\n1,50\n1,60\n2,5\n";  // id 1 twice
  auto const r = run_main({"build", "--target", target(), "--store-failures"});
  CHECK(r.status == 1);
  // run_results.json beside the database: every step, its status, rows or failures
  std::ifstream in(dir / "run_results.json");
  std::string const json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_THAT(json, Catch::StartsWith("{\"metadata\": {\"generator\": \"egret "));
  CHECK_THAT(json, Catch::Contains(R"({"name": "cli_items", "kind": "seed", "status": "ok", "rows": 3, "seconds": )"));
  CHECK_THAT(json, Catch::Contains(R"({"name": "unique_cli_dear_id", "kind": "test", "status": "fail", "rows": null, "seconds": )"));
  CHECK_THAT(json, Catch::Contains(R"("failures": 1, "message": "Got 1 result, configured to fail"})"));
  CHECK_THAT(json, Catch::EndsWith("\"summary\": {\"pass\": 2, \"warn\": 0, \"error\": 1, \"skip\": 0}}\n"));
  CHECK_THAT(r.output, Catch::Contains("FAIL unique_cli_dear_id") && Catch::Contains("Got 1 result, configured to fail"));
  egret::sqlite::connection db((dir / "shop.db").string());
  using stored = egret::raw_query<R"(SELECT "id", "n_records" FROM "unique_cli_dear_id")", egret::out<"id", std::int64_t>,
                                  egret::out<"n_records", std::int64_t>>;
  std::vector<std::pair<std::int64_t, std::int64_t>> rows;
  for (auto const& [id, n] : db.execute(stored{})) rows.emplace_back(id, n);
  CHECK(rows == std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 2}});
}
