// The pipeline's own overhead: `jaffle::project::build(db, {.seeds = ..., .out = nullptr})` (examples/jaffle_shop:
// 3 seeds, 3 staging views, 2 tables, 20 data tests) against the same SQL run by hand through the sqlite3 C API,
// side by side in one binary, each on a SQLite file of its own in a temp directory, rebuilt in place on every
// iteration (the pipeline replaces what is there; the hand-written run does the same statements):
//
//  - each seed, in one transaction: BEGIN; CREATE TABLE IF NOT EXISTS; DELETE FROM; the CSV loaded; COMMIT.
//    Both load the CSV with egret's db.load_csv<T>(file) (one prepared INSERT, a savepoint), so that the
//    comparison is of the orchestration around the SQL, not of two CSV parsers (docs/performance.md).
//  - each view: BEGIN; DROP VIEW IF EXISTS; CREATE VIEW ... AS <the model's SQL>; COMMIT.
//  - each table: BEGIN; DROP TABLE IF EXISTS; CREATE TABLE; INSERT INTO ... <the model's SQL>; COMMIT (its row
//    count from sqlite3_changes()).
//  - each data test, outside any transaction, in the pipeline's order: SELECT COUNT(*) FROM (<its failing
//    query>) AS failing, prepared, stepped, finalized.
//
// The hand-written side's SQL text is taken once, before any timing, from egret itself
// (project::model_sql<dialect::sqlite, M>(), create_table_sql<dialect::sqlite, T>(), to_sql of each test's
// failing query), so that both sides run the same statements. Both connections are egret::sqlite::connection
// (the hand-written side uses its native_handle(), and its load_csv), so both are opened with the same flags.
//
// Google Benchmark times them; `bench_pipeline_sqlite --callgrind VARIANT [BUILDS]` (VARIANT: hand, pipeline, or
// pipeline_nostate where run_options has keep_state) runs one variant BUILDS times (default 10) after a warm-up
// build, so that `valgrind --tool=callgrind --toggle-collect='*measure_hand*'` (or '*measure_pipeline*') counts
// their instructions (docs/performance.md, "The pipeline's own overhead").
#include <benchmark/benchmark.h>

#include <malloc.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <egret/pipeline.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "jaffle_shop/pipeline.hpp"

namespace {

namespace pl = egret::pipeline;
using D = egret::dialect::sqlite;

std::filesystem::path work_dir() { return std::filesystem::temp_directory_path() / "egret_bench_pipeline_sqlite"; }
std::string db_path(char const* side) { return (work_dir() / (std::string(side) + ".db")).string(); }

[[noreturn]] void die(std::string const& what) {
  std::fprintf(stderr, "bench_pipeline_sqlite: %s\n", what.c_str());
  std::exit(1);
}

// ---- the pipeline ----

template <class O>
constexpr bool has_keep_state = requires(O o) { o.keep_state; };

/// The run's options: the jaffle shop's seeds, no progress lines; `keep_state` where run_options has it (a
/// template, so that the same source builds against a pipeline without it).
template <class O = pl::run_options>
O pipeline_options(bool keep_state) {
  O o{.seeds = EGRET_BENCH_JAFFLE_SEEDS_DIR, .out = nullptr};
  if constexpr (has_keep_state<O>)
    o.keep_state = keep_state;
  else
    (void)keep_state;
  return o;
}

std::size_t check(pl::run_report const& r) {
  if (!r.ok() || r.steps.size() != 28) die("the pipeline's build failed");
  return r.steps.size();
}

__attribute__((noinline)) std::size_t run_pipeline(egret::sqlite::connection& db, pl::run_options const& opts) {
  return check(jaffle::project::build(db, opts));
}

// ---- the same SQL by hand ----

/// Every statement of the hand-written build, as text: taken from egret once, outside the timing.
struct hand_script {
  struct seed {
    std::string create, empty;  // CREATE TABLE IF NOT EXISTS ..., DELETE FROM ...
    std::string file;
  };
  struct model {
    std::string drop, create, fill;  // views: DROP VIEW, CREATE VIEW ... AS; tables: DROP TABLE, CREATE TABLE, INSERT
  };
  seed raw_payments, raw_orders, raw_customers;
  model stg_payments, stg_orders, stg_customers, orders, customers;
  std::vector<std::string> stg_payments_tests, stg_orders_tests, stg_customers_tests, orders_tests, customers_tests;
};

template <class T>
hand_script::seed seed_sql(std::string_view table, char const* file) {
  std::string create(egret::create_table_sql<D, T>());
  create.insert(std::string_view("CREATE TABLE ").size(), "IF NOT EXISTS ");
  return {create, "DELETE FROM \"" + std::string(table) + "\"",
          (std::filesystem::path(EGRET_BENCH_JAFFLE_SEEDS_DIR) / file).string()};
}

template <class M>
hand_script::model view_sql(std::string_view name) {
  std::string const q = "\"" + std::string(name) + "\"";
  return {"DROP VIEW IF EXISTS " + q, "CREATE VIEW " + q + " AS " + jaffle::project::model_sql<D, M>(), {}};
}

template <class M>
hand_script::model table_sql(std::string_view name) {
  std::string const q = "\"" + std::string(name) + "\"";
  return {"DROP TABLE IF EXISTS " + q, std::string(egret::create_table_sql<D, typename M::relation_type>()),
          "INSERT INTO " + q + " " + jaffle::project::model_sql<D, M>()};
}

/// SELECT COUNT(*) FROM (<failing query>) AS failing, for each of model M's tests, in its tests() order.
template <class M>
std::vector<std::string> test_sql() {
  std::vector<std::string> out;
  std::apply(
      [&](auto const&... t) {
        (out.push_back("SELECT COUNT(*) FROM (" + std::string(egret::to_sql<D>(t.failing)) + ") AS failing"), ...);
      },
      M::tests(typename M::relation_type{}));
  return out;
}

hand_script make_hand_script() {
  using namespace jaffle;
  hand_script s{
      .raw_payments = seed_sql<raw_payments>("raw_payments", "raw_payments.csv"),
      .raw_orders = seed_sql<raw_orders>("raw_orders", "raw_orders.csv"),
      .raw_customers = seed_sql<raw_customers>("raw_customers", "raw_customers.csv"),
      .stg_payments = view_sql<stg_payments_node>("stg_payments"),
      .stg_orders = view_sql<stg_orders_node>("stg_orders"),
      .stg_customers = view_sql<stg_customers_node>("stg_customers"),
      .orders = table_sql<orders_node>("orders"),
      .customers = table_sql<customers_node>("customers"),
      .stg_payments_tests = test_sql<stg_payments_node>(),
      .stg_orders_tests = test_sql<stg_orders_node>(),
      .stg_customers_tests = test_sql<stg_customers_node>(),
      .orders_tests = test_sql<orders_node>(),
      .customers_tests = test_sql<customers_node>(),
  };
  // orders' 4th test, relationships(orders.customer_id, customers.customer_id), reads customers: it runs after it.
  if (s.orders_tests.size() != 10 || s.orders_tests[3].find("LEFT JOIN \"customers\"") == std::string::npos)
    die("unexpected tests of the orders model");
  return s;
}

void exec(sqlite3* db, std::string const& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) die(sql + ": " + sqlite3_errmsg(db));
}

// Each kind of step is a function of its own (noinline), so that a profile compares it with the pipeline's
// materialize<N> or count_test of the same step.
template <class T>
__attribute__((noinline)) std::size_t hand_seed(egret::sqlite::connection& db, hand_script::seed const& s) {
  sqlite3* h = db.native_handle();
  exec(h, "BEGIN");
  exec(h, s.create);
  exec(h, s.empty);
  std::size_t const n = db.load_csv<T>(s.file);
  exec(h, "COMMIT");
  return n;
}

__attribute__((noinline)) void hand_view(sqlite3* h, hand_script::model const& m) {
  exec(h, "BEGIN");
  exec(h, m.drop);
  exec(h, m.create);
  exec(h, "COMMIT");
}

__attribute__((noinline)) std::size_t hand_table(sqlite3* h, hand_script::model const& m) {
  exec(h, "BEGIN");
  exec(h, m.drop);
  exec(h, m.create);
  exec(h, m.fill);
  auto const n = static_cast<std::size_t>(sqlite3_changes64(h));
  exec(h, "COMMIT");
  return n;
}

__attribute__((noinline)) std::int64_t hand_test(sqlite3* h, std::string const& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK)
    die(sql + ": " + sqlite3_errmsg(h));
  std::int64_t n = -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (n != 0) die("a data test failed: " + sql);
  return n;
}

__attribute__((noinline)) std::size_t run_hand(egret::sqlite::connection& db, hand_script const& s) {
  sqlite3* h = db.native_handle();
  std::size_t rows = 0;
  rows += hand_seed<jaffle::raw_payments>(db, s.raw_payments);
  rows += hand_seed<jaffle::raw_orders>(db, s.raw_orders);
  rows += hand_seed<jaffle::raw_customers>(db, s.raw_customers);
  hand_view(h, s.stg_payments);
  for (auto const& t : s.stg_payments_tests) hand_test(h, t);
  hand_view(h, s.stg_orders);
  for (auto const& t : s.stg_orders_tests) hand_test(h, t);
  hand_view(h, s.stg_customers);
  for (auto const& t : s.stg_customers_tests) hand_test(h, t);
  rows += hand_table(h, s.orders);
  for (std::size_t i = 0; i != s.orders_tests.size(); ++i)
    if (i != 3) hand_test(h, s.orders_tests[i]);
  rows += hand_table(h, s.customers);
  hand_test(h, s.orders_tests[3]);
  for (auto const& t : s.customers_tests) hand_test(h, t);
  if (rows != 113 + 99 + 100 + 99 + 100) die("unexpected row counts in the hand-written build");
  return rows;
}

// ---- setup, and a check that both sides built the same database ----

hand_script const& script() {
  static hand_script const s = make_hand_script();
  return s;
}

egret::sqlite::connection open_fresh(char const* side) {
  std::filesystem::create_directories(work_dir());
  for (char const* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(db_path(side) + suffix);
  return egret::sqlite::connection(db_path(side));
}

/// Every row of the relation, as text, in a fixed order.
std::string dump(sqlite3* h, std::string_view relation) {
  std::string const sql = "SELECT * FROM \"" + std::string(relation) + "\" ORDER BY 1";
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) die(sql + ": " + sqlite3_errmsg(h));
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i != sqlite3_column_count(st); ++i) {
      auto const* v = reinterpret_cast<char const*>(sqlite3_column_text(st, i));
      out.append(v ? v : "NULL").push_back('|');
    }
    out.push_back('\n');
  }
  sqlite3_finalize(st);
  return out;
}

void same_database(egret::sqlite::connection& a, egret::sqlite::connection& b) {
  for (char const* r : {"raw_payments", "raw_orders", "raw_customers", "stg_payments", "stg_orders", "stg_customers",
                        "orders", "customers"}) {
    std::string const x = dump(a.native_handle(), r), y = dump(b.native_handle(), r);
    if (x != y || x.empty()) die(std::string("the two builds differ in ") + r);
  }
}

struct sides {
  egret::sqlite::connection pipeline = open_fresh("pipeline");
  egret::sqlite::connection hand = open_fresh("hand");
  pl::run_options with_state = pipeline_options(true);
  pl::run_options without_state = pipeline_options(false);
};

sides& shared() {
  static sides s = [] {
    sides x;
    run_pipeline(x.pipeline, x.with_state);
    run_hand(x.hand, script());
    same_database(x.pipeline, x.hand);
    return x;
  }();
  return s;
}

void pipeline_build(benchmark::State& s) {
  auto& x = shared();
  for (auto _ : s) benchmark::DoNotOptimize(run_pipeline(x.pipeline, x.with_state));
}
void pipeline_build_nostate(benchmark::State& s) {
  auto& x = shared();
  for (auto _ : s) benchmark::DoNotOptimize(run_pipeline(x.pipeline, x.without_state));
}
void hand_sql(benchmark::State& s) {
  auto& x = shared();
  auto const& sc = script();
  for (auto _ : s) benchmark::DoNotOptimize(run_hand(x.hand, sc));
}

// What callgrind measures (--toggle-collect='*measure_pipeline*' or '*measure_hand*'): `builds` rebuilds in place,
// after the warm-up build, which runs outside these functions.
__attribute__((noinline)) std::size_t measure_pipeline(egret::sqlite::connection& db, pl::run_options const& opts,
                                                       int builds) {
  std::size_t n = 0;
  for (int i = 0; i < builds; ++i) n += run_pipeline(db, opts);
  return n;
}
__attribute__((noinline)) std::size_t measure_hand(egret::sqlite::connection& db, hand_script const& s, int builds) {
  std::size_t n = 0;
  for (int i = 0; i < builds; ++i) n += run_hand(db, s);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--callgrind") == 0) {
    std::string const v = argv[2];
    int const builds = argc >= 4 ? std::atoi(argv[3]) : 10;
    auto const& sc = script();
    sides x;
    // Warm-up outside the measured functions: the first build creates every table (later ones rebuild in place),
    // fills the page cache, and checks that both sides build the same database.
    run_pipeline(x.pipeline, x.with_state);
    run_hand(x.hand, sc);
    same_database(x.pipeline, x.hand);
    malloc_trim(0);
    std::size_t n = 0;
    if (v == "pipeline") n = measure_pipeline(x.pipeline, x.with_state, builds);
    else if (v == "pipeline_nostate") n = measure_pipeline(x.pipeline, x.without_state, builds);  // keep_state = false
    else if (v == "hand") n = measure_hand(x.hand, sc, builds);
    else die("--callgrind pipeline|pipeline_nostate|hand [builds]");
    std::printf("%s: %d builds, %zu\n", v.c_str(), builds, n);
    return 0;
  }
  // Run with --benchmark_enable_random_interleaving=true, so that machine noise hits every variant alike.
  benchmark::RegisterBenchmark("hand_sql", hand_sql)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("pipeline_build", pipeline_build)->Unit(benchmark::kMillisecond);
  if (has_keep_state<pl::run_options>)
    benchmark::RegisterBenchmark("pipeline_build_nostate", pipeline_build_nostate)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
