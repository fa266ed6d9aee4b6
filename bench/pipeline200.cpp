// A synthetic pipeline of 200 models in 20 layers on SQLite (bench/pipeline200.hpp, written by
// bench/pipeline_gen.py: one seed of 2,000 rows, each model reading 1-3 models of the layer before it; about a
// third views, the rest tables), side by side in one binary (docs/performance.md, "A 200-model pipeline:
// parallel and state-based runs"):
//
//  - hand_sql: the same statements as the pipeline's build, issued by hand through the sqlite3 C API, in layer
//    order (the seed: BEGIN; CREATE TABLE IF NOT EXISTS; DELETE; load_csv; COMMIT. A view: BEGIN; DROP VIEW IF
//    EXISTS; CREATE VIEW ... AS <SQL>; COMMIT. A table: BEGIN; DROP TABLE IF EXISTS; CREATE TABLE; INSERT INTO
//    ... <SQL>; COMMIT). The SQL text comes from egret once, before anything is timed
//    (p200::v1::model_sql<dialect::sqlite, M>(), create_table_sql<dialect::sqlite, T>()).
//  - build_threads1 / build_threads1_nostate / build_threads4: `p200::v1::build(db, opts, connect)` with
//    threads = 1 (keep_state on, then off) and threads = 4 (four connections to the file), rebuilt in place.
//  - selective_one_change: `build(db, {.select = {"state:modified+"}})` of the pipeline that differs in one
//    model (m10_3) from the one the state table recorded: v2 after v1, then v1 after v2, and so on (each run
//    rebuilds m10_3 and the 30 models downstream of it, and records them).
//  - selective_nothing: the same selection of v1 after v1: nothing differs (the cost of deciding so).
//
// Every file is switched to WAL mode first (the journal mode the parallel runner sets), so that every variant
// writes the same way. `bench_pipeline200 --callgrind VARIANT [RUNS]` (hand, pipeline, pipeline_nostate,
// selective, nothing) runs one variant RUNS times (default 3) after a warm-up build, inside measure_* functions,
// for valgrind --tool=callgrind --toggle-collect='*measure_*'.
#include <benchmark/benchmark.h>

#include <malloc.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <egret/pipeline.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "pipeline200.hpp"

namespace {

namespace pl = egret::pipeline;
using D = egret::dialect::sqlite;

constexpr int seed_rows = 2000;

std::filesystem::path work_dir() { return std::filesystem::temp_directory_path() / "egret_bench_pipeline200"; }
std::string db_path(char const* side) { return (work_dir() / (std::string(side) + ".db")).string(); }

[[noreturn]] void die(std::string const& what) {
  std::fprintf(stderr, "bench_pipeline200: %s\n", what.c_str());
  std::exit(1);
}

void write_seed() {
  std::filesystem::create_directories(work_dir());
  std::ofstream csv(work_dir() / "p200_seed.csv");
  csv << "id,k,v\n";
  for (int i = 1; i <= seed_rows; ++i) csv << i << ',' << (i * 7) % 50 << ',' << (i % 100) << ".5\n";
}

std::unique_ptr<egret::sqlite::connection> open(char const* side) {
  auto c = std::make_unique<egret::sqlite::connection>(db_path(side));
  c->exec("PRAGMA journal_mode = WAL");
  c->exec("PRAGMA busy_timeout = 60000");
  return c;
}

std::unique_ptr<egret::sqlite::connection> open_fresh(char const* side) {
  for (char const* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(db_path(side) + suffix);
  return open(side);
}

// ---- the pipeline ----

pl::run_options options(bool keep_state, std::size_t threads, bool selective = false) {
  pl::run_options o{.seeds = work_dir(), .out = nullptr};
  o.keep_state = keep_state;
  o.threads = threads;
  if (selective) o.select = {"state:modified+"};
  return o;
}

std::size_t check(pl::run_report const& r, std::size_t steps) {
  if (!r.ok() || r.steps.size() != steps)
    die("a pipeline run failed or ran " + std::to_string(r.steps.size()) + " steps, not " + std::to_string(steps));
  return r.steps.size();
}

constexpr std::size_t full_steps = p200::models + 1;  // the seed and every model
constexpr std::size_t changed_steps = 31;             // m10_3 and lanes 3-5 of layers 11-20

template <class P>
__attribute__((noinline)) std::size_t run_pipeline(egret::sqlite::connection& db, pl::run_options const& opts,
                                                   std::size_t steps) {
  return check(P::build(db, opts, [] { return open("pipeline"); }), steps);
}

// ---- the same SQL by hand ----

struct hand_script {
  std::string seed_create, seed_empty, seed_file;
  struct model {
    std::string drop, create, fill;  // views: DROP VIEW, CREATE VIEW ... AS; tables: DROP TABLE, CREATE TABLE, INSERT
  };
  std::vector<model> models;
};

hand_script make_hand_script() {
  hand_script s;
  s.seed_create = std::string(egret::create_table_sql<D, p200::p200_seed>());
  s.seed_create.insert(std::string_view("CREATE TABLE ").size(), "IF NOT EXISTS ");
  s.seed_empty = "DELETE FROM \"p200_seed\"";
  s.seed_file = (work_dir() / "p200_seed.csv").string();
  p200::for_each_model([&]<class M, bool IsView>() {
    std::string const q = "\"" + std::string(M::name) + "\"";
    std::string const sql = p200::v1::model_sql<D, M>();
    if (sql.empty()) die("no SQL for " + std::string(M::name));
    if constexpr (IsView)
      s.models.push_back({"DROP VIEW IF EXISTS " + q, "CREATE VIEW " + q + " AS " + sql, {}});
    else
      s.models.push_back({"DROP TABLE IF EXISTS " + q, std::string(egret::create_table_sql<D, typename M::relation_type>()),
                          "INSERT INTO " + q + " " + sql});
  });
  return s;
}

void exec(sqlite3* db, std::string const& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) die(sql + ": " + sqlite3_errmsg(db));
}

__attribute__((noinline)) std::size_t run_hand(egret::sqlite::connection& db, hand_script const& s) {
  sqlite3* h = db.native_handle();
  exec(h, "BEGIN");
  exec(h, s.seed_create);
  exec(h, s.seed_empty);
  std::size_t rows = db.load_csv<p200::p200_seed>(s.seed_file);
  exec(h, "COMMIT");
  for (auto const& m : s.models) {
    exec(h, "BEGIN");
    exec(h, m.drop);
    exec(h, m.create);
    if (!m.fill.empty()) {
      exec(h, m.fill);
      rows += static_cast<std::size_t>(sqlite3_changes64(h));
    }
    exec(h, "COMMIT");
  }
  return rows;
}

hand_script const& script() {
  static hand_script const s = make_hand_script();
  return s;
}

// ---- a check that both sides built the same database ----

std::string dump(sqlite3* h, std::string_view relation) {
  std::string const sql = "SELECT * FROM \"" + std::string(relation) + "\" ORDER BY 1, 2, 3";
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
  std::size_t empty = 0;
  p200::for_each_model([&]<class M, bool>() {
    std::string const x = dump(a.native_handle(), M::name), y = dump(b.native_handle(), M::name);
    if (x != y) die("the two builds differ in " + std::string(M::name));
    empty += x.empty();
  });
  if (empty != 0) die(std::to_string(empty) + " models are empty");
}

struct sides {
  std::unique_ptr<egret::sqlite::connection> pipeline, hand;
};

sides make_sides() {
  write_seed();
  sides x{open_fresh("pipeline"), open_fresh("hand")};
  run_pipeline<p200::v1>(*x.pipeline, options(true, 1), full_steps);
  run_hand(*x.hand, script());
  same_database(*x.pipeline, *x.hand);
  return x;
}

sides& shared() {
  static sides s = make_sides();
  return s;
}

void hand_sql(benchmark::State& s) {
  auto& x = shared();
  auto const& sc = script();
  for (auto _ : s) benchmark::DoNotOptimize(run_hand(*x.hand, sc));
}
void build_threads(benchmark::State& s, bool keep_state, std::size_t threads) {
  auto& x = shared();
  auto const o = options(keep_state, threads);
  for (auto _ : s) benchmark::DoNotOptimize(run_pipeline<p200::v1>(*x.pipeline, o, full_steps));
}
void selective_one_change(benchmark::State& s) {
  auto& x = shared();
  run_pipeline<p200::v1>(*x.pipeline, options(true, 1), full_steps);  // the state: v1's
  auto const o = options(true, 1, true);
  bool v2 = true;
  for (auto _ : s) {
    benchmark::DoNotOptimize(v2 ? run_pipeline<p200::v2>(*x.pipeline, o, changed_steps)
                                : run_pipeline<p200::v1>(*x.pipeline, o, changed_steps));
    v2 = !v2;
  }
}
void selective_nothing(benchmark::State& s) {
  auto& x = shared();
  run_pipeline<p200::v1>(*x.pipeline, options(true, 1), full_steps);
  auto const o = options(true, 1, true);
  for (auto _ : s) benchmark::DoNotOptimize(run_pipeline<p200::v1>(*x.pipeline, o, 0));
}

// What callgrind measures (--toggle-collect='*measure_*'): `runs` runs after the warm-up, which is outside.
__attribute__((noinline)) std::size_t measure_pipeline(egret::sqlite::connection& db, pl::run_options const& o, int runs) {
  std::size_t n = 0;
  for (int i = 0; i < runs; ++i) n += run_pipeline<p200::v1>(db, o, full_steps);
  return n;
}
__attribute__((noinline)) std::size_t measure_selective(egret::sqlite::connection& db, int runs) {
  std::size_t n = 0;
  auto const o = options(true, 1, true);
  for (int i = 0; i < runs; ++i)
    n += i % 2 == 0 ? run_pipeline<p200::v2>(db, o, changed_steps) : run_pipeline<p200::v1>(db, o, changed_steps);
  return n;
}
__attribute__((noinline)) std::size_t measure_nothing(egret::sqlite::connection& db, int runs) {
  std::size_t n = 0;
  auto const o = options(true, 1, true);
  for (int i = 0; i < runs; ++i) n += run_pipeline<p200::v1>(db, o, 0);
  return n;
}
__attribute__((noinline)) std::size_t measure_hand(egret::sqlite::connection& db, hand_script const& s, int runs) {
  std::size_t n = 0;
  for (int i = 0; i < runs; ++i) n += run_hand(db, s);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--callgrind") == 0) {
    std::string const v = argv[2];
    int const runs = argc >= 4 ? std::atoi(argv[3]) : 3;
    sides& x = shared();  // the warm-up: both built once, and compared
    malloc_trim(0);
    std::size_t n = 0;
    if (v == "pipeline") n = measure_pipeline(*x.pipeline, options(true, 1), runs);
    else if (v == "pipeline_nostate") n = measure_pipeline(*x.pipeline, options(false, 1), runs);
    else if (v == "selective") n = measure_selective(*x.pipeline, runs);
    else if (v == "nothing") n = measure_nothing(*x.pipeline, runs);
    else if (v == "hand") n = measure_hand(*x.hand, script(), runs);
    else die("--callgrind hand|pipeline|pipeline_nostate|selective|nothing [runs]");
    std::printf("%s: %d runs, %zu\n", v.c_str(), runs, n);
    return 0;
  }
  // Run with --benchmark_enable_random_interleaving=true, so that machine noise hits every variant alike.
  benchmark::RegisterBenchmark("hand_sql", hand_sql)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("build_threads1", build_threads, true, std::size_t{1})->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("build_threads1_nostate", build_threads, false, std::size_t{1})->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("build_threads4", build_threads, true, std::size_t{4})->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("selective_one_change", selective_one_change)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("selective_nothing", selective_nothing)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
