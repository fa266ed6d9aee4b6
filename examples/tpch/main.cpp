// TPC-H through egret, on SQLite or (when built with egret::duckdb) DuckDB: loads dbgen's files, runs the queries
// written in the DSL, writes their answers as CSV files and the time each took to stderr.
//
//   tpch --target sqlite:PATH <data-dir> <out-dir> [query numbers...]
//   tpch --target duckdb:PATH <data-dir> <out-dir> [query numbers...]
//   tpch <data-dir> <db-file> <out-dir> [query numbers...]        (the earlier form: --target sqlite:<db-file>)
//
// <data-dir> holds <table>.tbl or <table>.tbl.gz; the database file PATH is rebuilt from it (removed first, and
// for DuckDB its PATH.wal too). Each query n writes <out-dir>/qNN.csv (egret::write_csv,
// <egret/output/csv_writer.hpp>). Without query numbers, runs every query written so far. The same 22 DSL
// queries run on both backends (run_query is a template over the connection). DuckDB is compiled in only with
// EGRET_TPCH_DUCKDB (examples/CMakeLists.txt defines it when egret::duckdb exists); without it,
// --target duckdb:PATH is refused with exit status 2, as are unknown targets.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <egret/sqlite.hpp>
#ifdef EGRET_TPCH_DUCKDB
#include <egret/duckdb.hpp>
#include <egret/duckdb/load_csv.hpp>
#endif

#include <egret/output/csv_writer.hpp>
#include "load.hpp"
#include "queries.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

/// Runs the query Make() returns on `db` (a SQLite or DuckDB connection) and writes its rows to `file`; returns
/// the number of rows. Queries whose substitution parameters scale with the data (Q11) take the scale factor.
template <class Db, auto Make>
std::size_t run_query(Db& db, std::filesystem::path const& file, double scale_factor) {
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

template <class Db>
struct query_entry {
  int number;
  std::size_t (*run)(Db&, std::filesystem::path const&, double);
};

/// The 22 queries, all written in the DSL (examples/tpch/queries.hpp), for connection type Db.
template <class Db>
constexpr query_entry<Db> available[] = {
    {1, &run_query<Db, &tpch::q01>}, {2, &run_query<Db, &tpch::q02>}, {3, &run_query<Db, &tpch::q03>}, {4, &run_query<Db, &tpch::q04>}, {5, &run_query<Db, &tpch::q05>}, {6, &run_query<Db, &tpch::q06>}, {7, &run_query<Db, &tpch::q07>}, {8, &run_query<Db, &tpch::q08>}, {9, &run_query<Db, &tpch::q09>}, {10, &run_query<Db, &tpch::q10>}, {11, &run_query<Db, &tpch::q11>}, {12, &run_query<Db, &tpch::q12>}, {13, &run_query<Db, &tpch::q13>}, {14, &run_query<Db, &tpch::q14>}, {15, &run_query<Db, &tpch::q15>}, {16, &run_query<Db, &tpch::q16>}, {17, &run_query<Db, &tpch::q17>}, {18, &run_query<Db, &tpch::q18>}, {19, &run_query<Db, &tpch::q19>}, {20, &run_query<Db, &tpch::q20>}, {21, &run_query<Db, &tpch::q21>}, {22, &run_query<Db, &tpch::q22>},
};

/// The query numbers written in the DSL (the same on every backend).
constexpr auto const& numbered = available<egret::sqlite::connection>;

template <class Db>
query_entry<Db> const* find_query(int n) {
  for (auto const& q : available<Db>)
    if (q.number == n) return &q;
  return nullptr;
}

/// "tpch: <message>" on stderr, through stdio: the command line's messages add no format strings for fmt to check
/// at compile time (the TU's compile time is tracked, docs/performance.md).
void complain(std::string const& message) { std::fputs(("tpch: " + message + "\n").c_str(), stderr); }

int usage(char const* argv0) {
  std::string list;
  for (auto const& q : numbered) {  // not fmt::format_to(back_inserter): see docs/performance.md
    if (!list.empty()) list += ' ';  // not (list.empty() ? "" : " ") + ...: GCC 12's -Wrestrict false positive
    list += std::to_string(q.number);
  }
  fmt::print(stderr,
             "usage: {0} --target sqlite:PATH|duckdb:PATH <data-dir> <out-dir> [query numbers...]\n"
             "       {0} <data-dir> <db-file> <out-dir> [query numbers...]   (same as --target sqlite:<db-file>)\n"
             "  loads <data-dir>/<table>.tbl[.gz] into the database file (rebuilt), writes <out-dir>/qNN.csv\n"
             "  queries available: {1}\n"
#ifndef EGRET_TPCH_DUCKDB
             "  (this tpch was built without DuckDB: only sqlite:PATH)\n"
#endif
             ,
             argv0, list);
  return 2;
}

/// Rebuilds the database at `path` on backend Db from `data_dir`, then runs `todo` into `out_dir`.
template <class Db>
int run(std::string const& path, std::filesystem::path const& data_dir, std::filesystem::path const& out_dir,
        std::vector<int> const& todo) {
  std::filesystem::create_directories(out_dir);
  std::filesystem::remove(path);
#ifdef EGRET_TPCH_DUCKDB
  if constexpr (std::is_same_v<Db, egret::duckdb::connection>) std::filesystem::remove(path + ".wal");
#endif
  Db db(path);

  auto t0 = clock_type::now();
  auto const tables = tpch::load(db, data_dir);
  for (auto const& t : tables) fmt::print(stderr, "loaded {:<8} {:>9} rows\n", t.table, t.rows);
  double const sf = tpch::scale_factor(tables);
  fmt::print(stderr, "load: {:.1f} ms, scale factor {}\n", ms_since(t0), sf);

  for (int const n : todo) {
    query_entry<Db> const* q = find_query<Db>(n);
    auto const file = out_dir / fmt::format("q{:02}.csv", q->number);
    t0 = clock_type::now();
    std::size_t const rows = q->run(db, file, sf);
    fmt::print(stderr, "q{:02}: {:9.1f} ms {:>6} rows\n", q->number, ms_since(t0), rows);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  // --target SPEC (or --target=SPEC) anywhere; the rest are positional.
  std::string_view target;
  bool have_target = false;
  std::vector<char const*> pos;
  for (int i = 1; i < argc; ++i) {
    std::string_view const a = argv[i];
    if (a == "--target") {
      if (i + 1 >= argc) {
        complain("--target needs a value: sqlite:PATH or duckdb:PATH");
        return usage(argv[0]);
      }
      target = argv[++i];
      have_target = true;
    } else if (a.starts_with("--target=")) {
      target = a.substr(9);
      have_target = true;
    } else if (a == "--help" || a == "-h") {
      usage(argv[0]);
      return 0;
    } else {
      pos.push_back(argv[i]);
    }
  }

  enum class backend { sqlite, duckdb } kind = backend::sqlite;
  std::string db_path;
  std::size_t first_query = 0;  // index in pos of the first query number
  if (have_target) {
    std::size_t const colon = target.find(':');
    std::string_view const scheme = target.substr(0, colon);
    if (colon == std::string_view::npos || (scheme != "sqlite" && scheme != "duckdb")) {
      complain("unknown --target \"" + std::string(target) + "\": expected sqlite:PATH or duckdb:PATH");
      return usage(argv[0]);
    }
    db_path = std::string(target.substr(colon + 1));
    if (db_path.empty()) {
      complain("--target \"" + std::string(target) + "\": needs a database file path after the \":\"");
      return usage(argv[0]);
    }
    if (scheme == "duckdb") {
#ifdef EGRET_TPCH_DUCKDB
      kind = backend::duckdb;
#else
      complain("--target " + std::string(target) +
               ": this tpch was built without DuckDB (configure egret with DuckDB's C API installed, so that "
               "egret::duckdb exists); only sqlite:PATH is available");
      return 2;
#endif
    }
    if (pos.size() < 2) return usage(argv[0]);
    first_query = 2;
  } else {
    if (pos.size() < 3) return usage(argv[0]);
    db_path = pos[1];
    first_query = 3;
  }
  std::filesystem::path const data_dir = pos[0];
  std::filesystem::path const out_dir = pos[first_query - 1];

  std::vector<int> todo;
  for (std::size_t i = first_query; i < pos.size(); ++i) {
    char* end = nullptr;
    long const n = std::strtol(pos[i], &end, 10);
    if (end == pos[i] || *end != '\0' || n < 1 || n > 22) {
      fmt::print(stderr, "tpch: \"{}\" is not a query number (1..22)\n", pos[i]);
      return usage(argv[0]);
    }
    if (find_query<egret::sqlite::connection>(static_cast<int>(n)) == nullptr) {
      fmt::print(stderr, "tpch: Q{} is not written in the DSL yet\n", n);
      return usage(argv[0]);
    }
    todo.push_back(static_cast<int>(n));
  }
  if (todo.empty())
    for (auto const& q : numbered) todo.push_back(q.number);

#ifdef EGRET_TPCH_DUCKDB
  if (kind == backend::duckdb) return run<egret::duckdb::connection>(db_path, data_dir, out_dir, todo);
#endif
  (void)kind;
  return run<egret::sqlite::connection>(db_path, data_dir, out_dir, todo);
} catch (std::exception const& e) {
  fmt::print(stderr, "tpch: {}\n", e.what());
  return 1;
}
