// Bulk load into SQLite: egret's db.load_csv<T>() of a generated CSV (1M rows, 5 columns by default) against the
// sqlite3 shell's `.import` of the same file into the same schema, alternated, medians of the wall times.
//
//   bench_load_sqlite [rows] [runs]          (needs the sqlite3 shell on PATH: apt-get install sqlite3)
//
// Both load into a fresh database file with the same CREATE TABLE (egret's DDL for T), in one transaction
// (.import runs in one), and both check every value's type (.import through the column affinities, egret by
// parsing each field as its declared C++ type: what makes a bad field a file:line:column error).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {

EGRET_TABLE(events, (id, std::int64_t), (user_id, std::int64_t), (day, egret::date), (kind, std::string),
            (amount, double));

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) try {
  long const rows = argc > 1 ? std::max(1L, std::atol(argv[1])) : 1'000'000L;
  int const runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  namespace fs = std::filesystem;
  fs::path const dir = fs::temp_directory_path() / ("egret-bench-load-" + std::to_string(::getpid()));
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
  std::string const ddl = [] {
    egret::sqlite::connection db(":memory:");
    db.create_table<events>();
    std::string sql;
    for (auto const& r : db.execute(egret::raw_query<"SELECT sql FROM sqlite_schema WHERE name = 'events'",
                                                     egret::out<"sql", std::string>>{}))
      sql = std::string(r.get<"sql">());
    return sql;
  }();
  std::vector<double> egret_ms, shell_ms;
  for (int i = 0; i < runs; ++i) {
    fs::path const a = dir / "egret.db", b = dir / "shell.db";
    fs::remove(a);
    fs::remove(b);
    {
      auto const t0 = clock_type::now();
      egret::sqlite::connection db(a.string());
      db.create_table<events>();
      if (db.load_csv<events>(csv) != static_cast<std::size_t>(rows)) throw egret::error("egret loaded a wrong count");
      egret_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
    }
    {
      auto const t0 = clock_type::now();
      std::string const cmd = fmt::format("sqlite3 '{}' \"{}\" \".import --csv --skip 1 '{}' events\"", b.string(), ddl,
                                          csv.string());
      if (std::system(cmd.c_str()) != 0) throw egret::error("the sqlite3 shell failed (apt-get install sqlite3)");
      shell_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
    }
  }
  double const e = median(egret_ms), s = median(shell_ms);
  fmt::print("load of {} rows x 5 columns ({:.1f} MB), median of {} alternated runs\n", rows,
             static_cast<double>(fs::file_size(csv)) / 1e6, runs);
  fmt::print("| loader | ms | rows/s | time / sqlite3 .import |\n| --- | ---: | ---: | ---: |\n");
  fmt::print("| egret load_csv<T> | {:.0f} | {:.0f} | {:.3f} |\n", e, static_cast<double>(rows) / e * 1000, e / s);
  fmt::print("| sqlite3 .import | {:.0f} | {:.0f} | 1.000 |\n", s, static_cast<double>(rows) / s * 1000);
  fs::remove_all(dir);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "bench_load_sqlite: %s\n", e.what());
  return 1;
}
