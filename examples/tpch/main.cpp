// TPC-H on SQLite through egret: loads dbgen's files, runs the queries written in the DSL, writes their answers
// as CSV files and the time each took to stderr.
//
//   tpch <data-dir> <db-file> <out-dir> [query numbers...]
//
// <data-dir> holds <table>.tbl or <table>.tbl.gz; the database file is rebuilt from it. Each query n writes
// <out-dir>/qNN.csv (egret::write_csv, <egret/output/csv_writer.hpp>). Without query numbers, runs every query written so far.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <egret/sqlite.hpp>

#include <egret/output/csv_writer.hpp>
#include "load.hpp"
#include "queries.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

/// Runs the query Make() returns and writes its rows to `file`; returns the number of rows.
/// Queries whose substitution parameters scale with the data (Q11) take the scale factor.
template <auto Make>
std::size_t run_query(egret::sqlite::connection& db, std::filesystem::path const& file, double scale_factor) {
  std::ofstream out(file, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  auto const query = [&] {
    if constexpr (std::is_invocable_v<decltype(Make), double>)
      return Make(scale_factor);
    else
      return Make();
  }();
  std::size_t const n = egret::write_csv(out, db.execute(query));
  out.close();
  if (!out) throw std::runtime_error("error writing " + file.string());
  return n;
}

struct query_entry {
  int number;
  std::size_t (*run)(egret::sqlite::connection&, std::filesystem::path const&, double);
};

/// The 22 queries, all written in the DSL (examples/tpch/queries.hpp).
constexpr query_entry available[] = {
    {1, &run_query<&tpch::q01>}, {2, &run_query<&tpch::q02>}, {3, &run_query<&tpch::q03>}, {4, &run_query<&tpch::q04>}, {5, &run_query<&tpch::q05>}, {6, &run_query<&tpch::q06>}, {7, &run_query<&tpch::q07>}, {8, &run_query<&tpch::q08>}, {9, &run_query<&tpch::q09>}, {10, &run_query<&tpch::q10>}, {11, &run_query<&tpch::q11>}, {12, &run_query<&tpch::q12>}, {13, &run_query<&tpch::q13>}, {14, &run_query<&tpch::q14>}, {15, &run_query<&tpch::q15>}, {16, &run_query<&tpch::q16>}, {17, &run_query<&tpch::q17>}, {18, &run_query<&tpch::q18>}, {19, &run_query<&tpch::q19>}, {20, &run_query<&tpch::q20>}, {21, &run_query<&tpch::q21>}, {22, &run_query<&tpch::q22>},
};

query_entry const* find_query(int n) {
  for (auto const& q : available)
    if (q.number == n) return &q;
  return nullptr;
}

int usage(char const* argv0) {
  std::string list;
  for (auto const& q : available) list += (list.empty() ? "" : " ") + std::to_string(q.number);  // not fmt::format_to(back_inserter): see docs/performance.md
  fmt::print(stderr,
             "usage: {} <data-dir> <db-file> <out-dir> [query numbers...]\n"
             "  loads <data-dir>/<table>.tbl[.gz] into <db-file> (rebuilt), writes <out-dir>/qNN.csv\n"
             "  queries available: {}\n",
             argv0, list);
  return 2;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 4) return usage(argv[0]);
  std::filesystem::path const data_dir = argv[1];
  std::string const db_file = argv[2];
  std::filesystem::path const out_dir = argv[3];

  std::vector<query_entry const*> todo;
  for (int i = 4; i < argc; ++i) {
    char* end = nullptr;
    long const n = std::strtol(argv[i], &end, 10);
    if (end == argv[i] || *end != '\0' || n < 1 || n > 22) {
      fmt::print(stderr, "tpch: \"{}\" is not a query number (1..22)\n", argv[i]);
      return usage(argv[0]);
    }
    query_entry const* q = find_query(static_cast<int>(n));
    if (q == nullptr) {
      fmt::print(stderr, "tpch: Q{} is not written in the DSL yet\n", n);
      return usage(argv[0]);
    }
    todo.push_back(q);
  }
  if (todo.empty())
    for (auto const& q : available) todo.push_back(&q);

  std::filesystem::create_directories(out_dir);
  std::filesystem::remove(db_file);
  egret::sqlite::connection db(db_file);

  auto t0 = clock_type::now();
  auto const tables = tpch::load(db, data_dir);
  for (auto const& t : tables) fmt::print(stderr, "loaded {:<8} {:>9} rows\n", t.table, t.rows);
  double const sf = tpch::scale_factor(tables);
  fmt::print(stderr, "load: {:.1f} ms, scale factor {}\n", ms_since(t0), sf);

  for (query_entry const* q : todo) {
    auto const file = out_dir / fmt::format("q{:02}.csv", q->number);
    t0 = clock_type::now();
    std::size_t const rows = q->run(db, file, sf);
    fmt::print(stderr, "q{:02}: {:9.1f} ms {:>6} rows\n", q->number, ms_since(t0), rows);
  }
  return 0;
} catch (std::exception const& e) {
  fmt::print(stderr, "tpch: {}\n", e.what());
  return 1;
}
