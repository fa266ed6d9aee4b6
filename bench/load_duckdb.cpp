// Bulk load into DuckDB: egret's db.load_csv<T>() of a generated CSV (1M rows, 5 columns by default: the file of
// bench/load_sqlite.cpp) against DuckDB's own CSV reader, `INSERT INTO events SELECT * FROM read_csv(...)` with
// the column types given, alternated, medians of the wall times.
//
//   bench_load_duckdb [rows] [runs] [threads]
//     threads   DuckDB's threads for both loaders (SET threads = N); default (or 0): DuckDB's own (one per core)
//
// Both load into a fresh database file with the same CREATE TABLE (egret's DDL for T), in one transaction, and
// both parse every field as its column's type (read_csv through `columns = {...}`, egret as its declared C++
// type: what makes a bad field a file:line:column error). The ratio is read_csv's time / load_csv's time: the
// speed of load_csv relative to read_csv's (issue 17's goal: >= 0.9).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include <egret/duckdb.hpp>
#include <egret/duckdb/load_csv.hpp>

namespace {

EGRET_TABLE(events, (id, std::int64_t), (user_id, std::int64_t), (day, egret::date), (kind, std::string),
            (amount, double));

using clock_type = std::chrono::steady_clock;

/// The process's CPU time (every thread's) in ms: less disturbed by a busy machine than the wall time.
double cpu_ms() { return static_cast<double>(std::clock()) * 1000.0 / CLOCKS_PER_SEC; }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) try {
  long const rows = argc > 1 ? std::max(1L, std::atol(argv[1])) : 1'000'000L;
  int const runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  int const threads = argc > 3 ? std::max(0, std::atoi(argv[3])) : 0;
  namespace fs = std::filesystem;
  fs::path const dir = fs::temp_directory_path() / ("egret-bench-load-duckdb-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path const csv = dir / "events.csv";
  {
    std::ofstream out(csv, std::ios::binary);
    out << "id,user_id,day,kind,amount\n";
    char const* kinds[] = {"view", "click", "purchase, with comma", "refund"};
    for (long i = 1; i <= rows; ++i)
      out << i << ',' << (i * 7919) % 100000 << ",2024-" << fmt::format("{:02}-{:02}", 1 + i % 12, 1 + i % 28) << ','
          << (i % 4 == 2 ? "\"purchase, with comma\"" : kinds[i % 4]) << ',' << (i % 1000) / 8.0 << '\n';
  }
  std::string const read_csv =
      fmt::format("INSERT INTO events SELECT * FROM read_csv('{}', header = true, delim = ',', quote = '\"', "
                  "columns = {{'id': 'BIGINT', 'user_id': 'BIGINT', 'day': 'DATE', 'kind': 'VARCHAR', "
                  "'amount': 'DOUBLE'}})",
                  csv.string());
  auto open = [&](fs::path const& file) {
    fs::remove(file);
    fs::remove(fs::path(file.string() + ".wal"));
    egret::duckdb::connection db(file.string());
    if (threads > 0) db.exec(fmt::format("SET threads = {}", threads));
    db.create_table<events>();
    return db;
  };
  std::vector<double> egret_ms, duck_ms, egret_cpu, duck_cpu;
  for (int i = 0; i < runs; ++i) {
    fs::path const a = dir / "egret.duckdb", b = dir / "read_csv.duckdb";
    {
      auto const t0 = clock_type::now();
      double const c0 = cpu_ms();
      egret::duckdb::connection db = open(a);
      if (db.load_csv<events>(csv) != static_cast<std::size_t>(rows)) throw egret::error("egret loaded a wrong count");
      egret_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
      egret_cpu.push_back(cpu_ms() - c0);
    }
    {
      auto const t0 = clock_type::now();
      double const c0 = cpu_ms();
      egret::duckdb::connection db = open(b);
      auto tx = db.transaction();
      db.exec(read_csv);
      tx.commit();
      duck_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
      duck_cpu.push_back(cpu_ms() - c0);
      std::int64_t n = 0;
      for (auto const& r : db.execute(egret::raw_query<"SELECT count(*) AS n FROM events", egret::out<"n", std::int64_t>>{}))
        n = r.get<"n">();
      if (n != rows) throw egret::error("read_csv loaded a wrong count");
    }
  }
  double const e = median(egret_ms), d = median(duck_ms), ec = median(egret_cpu), dc = median(duck_cpu);
  fmt::print("load of {} rows x 5 columns ({:.1f} MB) into DuckDB {}, {} thread(s), median of {} alternated runs\n",
             rows, static_cast<double>(fs::file_size(csv)) / 1e6, duckdb_library_version(),
             threads > 0 ? std::to_string(threads) : std::string("DuckDB's default"), runs);
  fmt::print("| loader | wall ms | rows/s | read_csv time / time | CPU ms (all threads) | read_csv CPU / CPU |\n"
             "| --- | ---: | ---: | ---: | ---: | ---: |\n");
  fmt::print("| egret load_csv<T> | {:.0f} | {:.0f} | {:.3f} | {:.0f} | {:.3f} |\n", e,
             static_cast<double>(rows) / e * 1000, d / e, ec, dc / ec);
  fmt::print("| INSERT ... SELECT * FROM read_csv(...) | {:.0f} | {:.0f} | 1.000 | {:.0f} | 1.000 |\n", d,
             static_cast<double>(rows) / d * 1000, dc);
  fs::remove_all(dir);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "bench_load_duckdb: %s\n", e.what());
  return 1;
}
