// Defines the pipeline's Parquet files, on DuckDB (which reads and writes them: read_parquet, COPY ... (FORMAT
// PARQUET)), as Kedro's datasets and dbt-duckdb's external models do:
//
//   using raw_orders_seed = egret::pipeline::seed<raw_orders, "raw_orders.parquet">;   // a seed read from Parquet
//
// A seed whose file is named *.parquet is loaded with `INSERT INTO t (...) SELECT ... FROM read_parquet('...')`, in
// the seed's transaction, after the file's schema is checked against the declared table: the same column names in
// the same order, each of the declared type (BIGINT, VARCHAR, DOUBLE, DATE...). A file that is missing, or whose
// schema differs, is an egret::load_error naming the file and the column, and the table is left as it was; a NULL
// for a NOT NULL column is refused by the table's constraint, and the error names the file. Only a DuckDB
// connection reads Parquet: a Parquet seed in a pipeline built on another backend does not compile.
//
// A model materialized as `external` writes its rows into run_options::external_dir / "<name>.parquet" and is read
// downstream through a view over that file (dbt-duckdb's external materialization); see write_external.
//
// No Parquet reader is written here: DuckDB's is the one the project chose (its C API from DuckDB's own npm
// packages), and the pipeline only composes SQL for it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <egret/backend/connection_base.hpp>
#include <egret/core/error.hpp>
#include <egret/pipeline/incremental.hpp>
#include <egret/pipeline/source_check.hpp>
#include <egret/relation/raw.hpp>

namespace egret::pipeline::detail {

/// Whether a seed's file is a Parquet file (by its name).
constexpr bool is_parquet_file(std::string_view file) { return file.ends_with(".parquet"); }

/// `'text'` as a SQL string literal (a quote doubled).
inline std::string sql_string_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

/// A type name as DuckDB's catalog writes it, for comparing a file's column with a declared one.
inline std::string duckdb_type_family(std::string type) {
  type = ascii_upper(type);
  if (type == "TEXT" || type == "STRING" || type.starts_with("VARCHAR")) return "VARCHAR";
  if (type == "DOUBLE PRECISION" || type == "FLOAT8") return "DOUBLE";
  if (type == "INT8" || type == "LONG") return "BIGINT";
  if (type == "INT" || type == "INT4" || type == "SIGNED") return "INTEGER";
  if (type == "BOOL" || type == "LOGICAL") return "BOOLEAN";
  if (type == "DATETIME" || type == "TIMESTAMP WITHOUT TIME ZONE") return "TIMESTAMP";
  return type;
}

/// The columns of a relation in DuckDB's catalog (a view over the file), in order.
using duckdb_view_columns = egret::raw_query<
    "SELECT column_name AS name, data_type AS data_type FROM information_schema.columns "
    "WHERE table_name = ? ORDER BY ordinal_position",
    egret::out<"name", std::string>, egret::out<"data_type", std::string>, egret::raw_param<std::string>>;

template <class D, class T, class... Cs>
void check_parquet_columns(std::vector<std::pair<std::string, std::string>> const& live, std::string const& file,
                           type_list<Cs...>) {
  constexpr std::size_t n = sizeof...(Cs);
  std::string const declared_names[] = {std::string(Cs::name.view())...};
  std::string const declared_types[] = {declared_sql_type<D, T, Cs>()...};
  for (std::size_t i = 0; i != n; ++i) {
    if (i >= live.size())
      throw load_error(file, 0, i + 1,
                       "the file has " + std::to_string(live.size()) + " columns; " + std::string(T::egret_name.view()) +
                           " declares " + std::to_string(n) + " (the next is \"" + declared_names[i] + "\")");
    if (live[i].first != declared_names[i])
      throw load_error(file, 0, i + 1,
                       "column " + std::to_string(i + 1) + " is \"" + live[i].first + "\" in the file, \"" +
                           declared_names[i] + "\" in " + std::string(T::egret_name.view()));
    if (duckdb_type_family(live[i].second) != duckdb_type_family(declared_types[i]))
      throw load_error(file, 0, i + 1,
                       "column \"" + declared_names[i] + "\" is " + live[i].second + " in the file, " + declared_types[i] +
                           " in " + std::string(T::egret_name.view()));
  }
  if (live.size() > n)
    throw load_error(file, 0, n + 1,
                     "the file has " + std::to_string(live.size()) + " columns; " + std::string(T::egret_name.view()) +
                         " declares " + std::to_string(n) + " (the first extra is \"" + live[n].first + "\")");
}

/// The columns of Parquet file `path` (name, DuckDB type), checked against T's: a load_error naming the file and
/// the column otherwise, or when there is no such file.
template <class T, class Db>
std::vector<std::pair<std::string, std::string>> checked_parquet_columns(Db& db, std::filesystem::path const& file) {
  using D = typename Db::dialect_type;
  std::string const path = file.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) throw load_error(path, 0, 0, "cannot open the file (no such file)");
  std::string const view = "egret_parquet_" + std::string(T::egret_name.view());
  db.exec("CREATE OR REPLACE TEMPORARY VIEW " + egret::backend::quoted<D>(view) + " AS SELECT * FROM read_parquet(" +
          sql_string_literal(path) + ")");
  std::vector<std::pair<std::string, std::string>> live;
  try {
    for (auto const& [name, type] : db.execute(duckdb_view_columns{}, view)) live.emplace_back(name, type);
  } catch (...) {
    db.exec("DROP VIEW IF EXISTS " + egret::backend::quoted<D>(view));
    throw;
  }
  db.exec("DROP VIEW IF EXISTS " + egret::backend::quoted<D>(view));
  check_parquet_columns<D, T>(live, path, typename T::egret_columns{});
  return live;
}

/// Loads Parquet file `file` into table T (which exists and is empty; the caller's transaction is open): its
/// schema checked against T's, then every row inserted. Returns the rows loaded.
template <class T, class Db>
std::size_t load_parquet(Db& db, std::filesystem::path const& file) {
  using D = typename Db::dialect_type;
  static_assert(D::has_parquet, "egret: a Parquet seed (a file named *.parquet) needs a DuckDB connection "
                                      "(DuckDB reads Parquet: read_parquet); give the other backends a CSV file");
  std::string const path = file.string();
  std::string const source = "read_parquet(" + sql_string_literal(path) + ")";
  auto const live = checked_parquet_columns<T>(db, file);
  std::string columns;
  for (auto const& [name, type] : live) columns += (columns.empty() ? "" : ", ") + egret::backend::quoted<D>(name);
  try {
    db.exec("INSERT INTO " + egret::backend::quoted<D>(T::egret_name.view()) + " (" + columns + ") SELECT " + columns + " FROM " + source);
  } catch (std::exception const& e) {
    throw load_error(path, 0, 0, std::string("the table refused a row: ") + e.what());
  }
  std::size_t rows = 0;
  T const t{};
  for (auto const& r : db.execute(t.aggregate(egret::count().as<"n">()))) rows = static_cast<std::size_t>(r.template get<0>());
  return rows;
}

/// A Parquet source: file's schema checked against T's, then `CREATE OR REPLACE VIEW t AS SELECT * FROM
/// read_parquet('<absolute path>')`, through which the models read it (the file is read where it is, never copied).
/// Returns 0 (a source loads no rows).
template <class T, class Db>
std::size_t attach_parquet(Db& db, std::filesystem::path const& file) {
  using D = typename Db::dialect_type;
  static_assert(D::has_parquet, "egret: a Parquet source (a file named *.parquet) needs a DuckDB connection "
                                      "(DuckDB reads Parquet: read_parquet)");
  (void)checked_parquet_columns<T>(db, file);
  std::error_code ec;
  std::filesystem::path const target = std::filesystem::absolute(file, ec);
  db.exec("CREATE OR REPLACE VIEW " + egret::backend::quoted<D>(T::egret_name.view()) + " AS SELECT * FROM read_parquet(" +
          sql_string_literal((ec ? file : target).string()) + ")");
  return 0;
}

/// Writes an external model: its query's rows into Parquet file `file` (`COPY (<sql>) TO ... (FORMAT PARQUET)`,
/// into a temporary file first, then renamed over the old one: atomic on POSIX, so that a query that fails leaves
/// the previous file whole), and a view named after T reading it, through which the models downstream read it.
/// Returns the rows written.
template <class T, class Db>
std::size_t write_external(Db& db, std::string const& sql, std::filesystem::path const& file) {
  using D = typename Db::dialect_type;
  static_assert(D::has_parquet, "egret: an external model (a Parquet file) needs a DuckDB connection (DuckDB "
                                      "writes Parquet: COPY ... (FORMAT PARQUET)); materialize it as a table on the "
                                      "other backends");
  std::error_code ec;
  std::filesystem::path const target = std::filesystem::absolute(file, ec);
  if (ec) throw load_error(file.string(), 0, 0, "cannot resolve the path: " + ec.message());
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  std::filesystem::path const tmp = target.string() + ".egret-tmp";
  std::filesystem::remove(tmp, ec);
  try {
    db.exec("COPY (" + sql + ") TO " + sql_string_literal(tmp.string()) + " (FORMAT PARQUET)");
  } catch (...) {
    std::filesystem::remove(tmp, ec);
    throw;
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw load_error(target.string(), 0, 0, "cannot replace the file: " + ec.message());
  }
  db.exec("CREATE OR REPLACE VIEW " + egret::backend::quoted<D>(T::egret_name.view()) + " AS SELECT * FROM read_parquet(" +
          sql_string_literal(target.string()) + ")");
  std::size_t rows = 0;
  T const t{};
  for (auto const& r : db.execute(t.aggregate(egret::count().as<"n">()))) rows = static_cast<std::size_t>(r.template get<0>());
  return rows;
}

}  // namespace egret::pipeline::detail
