// TPC-H on DuckDB against SQLite with the same DSL code: each of the 22 queries of examples/tpch/queries.hpp, the
// same C++ expression run through egret::duckdb::connection and egret::sqlite::connection on the same dbgen data
// (loaded into each by tpch::load, with the same indexes and ANALYZE), alternated, and a table of the medians.
//
//   bench_tpch_duckdb [data-dir] [runs] [threads]
//     data-dir  dbgen .tbl / .tbl.gz files (default: the repository's examples/tpch/data/sf0.01)
//     runs      runs of each backend per query, alternated DuckDB / SQLite (default 3)
//     threads   DuckDB's threads (SET threads = N); default: DuckDB's own (one per core). SQLite uses one.
//
// Both sides read every row of their result into egret's typed rows. The ratio is DuckDB median / SQLite median;
// the last line is the total.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include <egret/duckdb.hpp>
#include <egret/duckdb/load_csv.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "../examples/tpch/load.hpp"
#include "../examples/tpch/queries.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// The process's CPU time (every thread's) in ms.
double cpu_ms() { return static_cast<double>(std::clock()) * 1000.0 / CLOCKS_PER_SEC; }

struct run {
  double ms, cpu;
  std::size_t rows;
};

template <class Db, class Q>
run time_dsl(Db& db, Q const& q) {
  auto const t0 = clock_type::now();
  double const c0 = cpu_ms();
  std::size_t n = 0;
  for (auto const& row : db.execute(q)) {
    (void)row;
    ++n;
  }
  return {std::chrono::duration<double, std::milli>(clock_type::now() - t0).count(), cpu_ms() - c0, n};
}

struct line {
  int number;
  double duck, lite, duck_cpu, lite_cpu;
};

template <auto Make>
line measure(egret::duckdb::connection& duck, egret::sqlite::connection& lite, int number, double sf, int runs) {
  auto const q = [&] {
    if constexpr (std::is_invocable_v<decltype(Make), double>)
      return Make(sf);
    else
      return Make();
  }();
  // warm the caches once on each side; both must return as many rows
  std::size_t const rows = time_dsl(lite, q).rows;
  if (time_dsl(duck, q).rows != rows)
    throw egret::error(fmt::format("Q{}: DuckDB and SQLite differ in rows", number));
  std::vector<double> a, b, ac, bc;
  for (int i = 0; i < runs; ++i) {
    run const d = time_dsl(duck, q), s = time_dsl(lite, q);
    a.push_back(d.ms);
    ac.push_back(d.cpu);
    b.push_back(s.ms);
    bc.push_back(s.cpu);
  }
  return {number, median(a), median(b), median(ac), median(bc)};
}

template <auto... Makes, std::size_t... Is>
std::vector<line> measure_all(egret::duckdb::connection& duck, egret::sqlite::connection& lite, double sf, int runs,
                              std::index_sequence<Is...>) {
  return {measure<Makes>(duck, lite, static_cast<int>(Is) + 1, sf, runs)...};
}

double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) try {
  std::filesystem::path const data = argc > 1 ? argv[1] : EGRET_BENCH_TPCH_DIR;
  int const runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  int const threads = argc > 3 ? std::max(0, std::atoi(argv[3])) : 0;
  std::string const base = (std::filesystem::temp_directory_path() / ("egret-bench-tpch-" + std::to_string(::getpid()))).string();
  std::string const duck_file = base + ".duckdb", lite_file = base + ".db";
  std::filesystem::remove(duck_file);
  std::filesystem::remove(lite_file);
  double duck_load = 0, lite_load = 0;
  double sf = 0;
  std::vector<line> lines;
  {
    egret::duckdb::connection duck(duck_file);
    if (threads > 0) duck.exec(fmt::format("SET threads = {}", threads));
    egret::sqlite::connection lite(lite_file);
    auto t0 = clock_type::now();
    sf = tpch::scale_factor(tpch::load(duck, data));
    duck_load = seconds_since(t0);
    t0 = clock_type::now();
    if (tpch::scale_factor(tpch::load(lite, data)) != sf) throw egret::error("the two loads differ");
    lite_load = seconds_since(t0);
    lines = measure_all<&tpch::q01, &tpch::q02, &tpch::q03, &tpch::q04, &tpch::q05, &tpch::q06, &tpch::q07,
                        &tpch::q08, &tpch::q09, &tpch::q10, &tpch::q11, &tpch::q12, &tpch::q13, &tpch::q14,
                        &tpch::q15, &tpch::q16, &tpch::q17, &tpch::q18, &tpch::q19, &tpch::q20, &tpch::q21,
                        &tpch::q22>(duck, lite, sf, runs, std::make_index_sequence<22>{});
  }
  fmt::print("TPC-H SF {}, the same DSL queries on DuckDB {} ({} threads) and SQLite {}, median of {} alternated runs\n",
             sf, duckdb_library_version(), threads > 0 ? std::to_string(threads) : std::string("default"),
             sqlite3_libversion(), runs);
  fmt::print("load (tpch::load: load_csv of the .tbl.gz files, indexes, ANALYZE): DuckDB {:.2f} s, SQLite {:.2f} s\n\n",
             duck_load, lite_load);
  fmt::print("| Q | DuckDB ms | SQLite ms | DuckDB / SQLite | DuckDB CPU ms | SQLite CPU ms | CPU ratio |\n"
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  double td = 0, ts = 0, tdc = 0, tsc = 0;
  for (auto const& l : lines) {
    fmt::print("| {} | {:.1f} | {:.1f} | {:.3f} | {:.1f} | {:.1f} | {:.3f} |\n", l.number, l.duck, l.lite,
               l.duck / l.lite, l.duck_cpu, l.lite_cpu, l.duck_cpu / l.lite_cpu);
    td += l.duck;
    ts += l.lite;
    tdc += l.duck_cpu;
    tsc += l.lite_cpu;
  }
  fmt::print("| all | {:.1f} | {:.1f} | {:.3f} | {:.1f} | {:.1f} | {:.3f} |\n", td, ts, td / ts, tdc, tsc, tdc / tsc);
  std::filesystem::remove(duck_file);
  std::filesystem::remove(duck_file + ".wal");
  std::filesystem::remove(lite_file);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "bench_tpch_duckdb: %s\n", e.what());
  return 1;
}
