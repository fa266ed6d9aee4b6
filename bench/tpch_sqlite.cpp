// TPC-H on SQLite: each of the 22 DSL queries (examples/tpch/queries.hpp) against its hand-written SQL
// (examples/tpch/reference_sql.hpp) on the same database file, alternated, and a table of the medians.
//
//   bench_tpch_sqlite [data-dir] [db-file] [runs]
//     data-dir  dbgen .tbl / .tbl.gz files (default: the repository's examples/tpch/data/sf0.01)
//     db-file   rebuilt from data-dir (default /tmp/egret-bench-tpch.db)
//     runs      runs of each side per query, alternated DSL / SQL (default 3)
//
// Both sides step through every row of their result without reading it (the same work for both: the query's
// own cost, not the row readers'). The ratio is DSL median / SQL median; the last line is the total.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "../examples/tpch/load.hpp"
#include "../examples/tpch/queries.hpp"
#include "../examples/tpch/reference_sql.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// One run: its time and how many rows it stepped through.
struct run {
  double ms;
  std::size_t rows;
};

run time_sql(egret::sqlite::connection& db, std::string const& sql) {
  auto const t0 = clock_type::now();
  egret::sqlite::statement s(db.native_handle(), sql);
  std::size_t n = 0;
  while (s.step()) ++n;
  return {std::chrono::duration<double, std::milli>(clock_type::now() - t0).count(), n};
}

template <class Q>
run time_dsl(egret::sqlite::connection& db, Q const& q) {
  auto const t0 = clock_type::now();
  std::size_t n = 0;
  for (auto const& row : db.execute(q)) {
    (void)row;
    ++n;
  }
  return {std::chrono::duration<double, std::milli>(clock_type::now() - t0).count(), n};
}

struct line {
  int number;
  double dsl, sql;
};

template <auto Make>
line measure(egret::sqlite::connection& db, int number, double sf, int runs) {
  auto const q = [&] {
    if constexpr (std::is_invocable_v<decltype(Make), double>)
      return Make(sf);
    else
      return Make();
  }();
  std::string const sql = tpch::reference_query(number, sf);
  // warm the page cache and the statement cache, once each; both sides must return as many rows
  std::size_t const rows = time_dsl(db, q).rows;
  if (time_sql(db, sql).rows != rows) throw egret::error(fmt::format("Q{}: the DSL and the SQL differ in rows", number));
  std::vector<double> a, b;
  for (int i = 0; i < runs; ++i) {
    a.push_back(time_dsl(db, q).ms);
    b.push_back(time_sql(db, sql).ms);
  }
  return {number, median(a), median(b)};
}

template <auto... Makes, std::size_t... Is>
std::vector<line> measure_all(egret::sqlite::connection& db, double sf, int runs, std::index_sequence<Is...>) {
  return {measure<Makes>(db, static_cast<int>(Is) + 1, sf, runs)...};
}

}  // namespace

int main(int argc, char** argv) try {
  std::filesystem::path const data = argc > 1 ? argv[1] : EGRET_BENCH_TPCH_DIR;
  std::string const file = argc > 2 ? argv[2] : "/tmp/egret-bench-tpch.db";
  int const runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  std::filesystem::remove(file);
  egret::sqlite::connection db(file);
  double const sf = tpch::scale_factor(tpch::load(db, data));
  auto const lines =
      measure_all<&tpch::q01, &tpch::q02, &tpch::q03, &tpch::q04, &tpch::q05, &tpch::q06, &tpch::q07, &tpch::q08,
                  &tpch::q09, &tpch::q10, &tpch::q11, &tpch::q12, &tpch::q13, &tpch::q14, &tpch::q15, &tpch::q16,
                  &tpch::q17, &tpch::q18, &tpch::q19, &tpch::q20, &tpch::q21, &tpch::q22>(
          db, sf, runs, std::make_index_sequence<22>{});
  fmt::print("TPC-H SF {} on SQLite {}, median of {} alternated runs\n\n", sf, sqlite3_libversion(), runs);
  fmt::print("| Q | DSL ms | SQL ms | DSL / SQL |\n| ---: | ---: | ---: | ---: |\n");
  double td = 0, ts = 0;
  for (auto const& l : lines) {
    fmt::print("| {} | {:.1f} | {:.1f} | {:.3f} |\n", l.number, l.dsl, l.sql, l.dsl / l.sql);
    td += l.dsl;
    ts += l.sql;
  }
  fmt::print("| all | {:.1f} | {:.1f} | {:.3f} |\n", td, ts, td / ts);
  std::filesystem::remove(file);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "bench_tpch_sqlite: %s\n", e.what());
  return 1;
}
