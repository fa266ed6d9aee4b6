// Defines tpch::load, which creates the eight TPC-H tables in a database and fills them from dbgen's
// `<table>.tbl` or `<table>.tbl.gz` files, then adds the key indexes the queries join and correlate on. Written for
// any egret backend's connection (SQLite here; PostgreSQL and MariaDB in the conformance suite): it uses only
// create_table, load_csv, exec and transaction().
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <istream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "gzip_streambuf.hpp"
#include "schema.hpp"

namespace tpch {

/// One table load() filled: from which file, how many rows.
struct loaded_table {
  std::string_view table;
  std::filesystem::path file;
  std::size_t rows = 0;
};

/// `<dir>/<table>.tbl` if it exists, else `<dir>/<table>.tbl.gz`; throws egret::load_error(file, 0, 0, ...)
/// when neither does.
inline std::filesystem::path table_file(std::filesystem::path const& dir, std::string_view table) {
  std::filesystem::path const plain = dir / (std::string(table) + ".tbl");
  std::filesystem::path gz = plain;
  gz += ".gz";
  std::error_code ec;
  if (std::filesystem::is_regular_file(plain, ec)) return plain;
  if (std::filesystem::is_regular_file(gz, ec)) return gz;
  throw egret::load_error(plain.string(), 0, 0, "cannot open: no such file (nor " + gz.filename().string() + ")");
}

namespace detail {

/// dbgen's format: `|` between fields and after the last one, no header.
inline constexpr egret::csv::options tbl_format{.delimiter = '|', .trailing_delimiter = true, .has_header = false};

/// Loads table T (created empty) from `file` in one transaction; a `.gz` file is decompressed as it is read.
template <class T, class Db>
std::size_t load_file(Db& db, std::filesystem::path const& file) {
  if (file.extension() != ".gz") return db.template load_csv<T>(file, tbl_format);
  gzip_streambuf buf(file);
  std::istream in(&buf);
  try {
    return db.template load_csv<T>(in, file.string(), tbl_format);
  } catch (egret::load_error const& e) {
    // The reader knows where the input broke off, the streambuf knows why.
    if (buf.error().empty()) throw;
    throw egret::load_error(e.file(), e.line(), e.column(), e.reason() + ": " + buf.error());
  }
}

}  // namespace detail

/// (Re)creates table T and loads it from `dir` (see table_file) in one transaction; returns what
/// it loaded. Bad input throws egret::load_error naming the file, line and column, and leaves the table empty.
template <class T, class Db>
loaded_table load_table(Db& db, std::filesystem::path const& dir) {
  std::string_view const name = T::egret_name.view();
  std::filesystem::path file = table_file(dir, name);
  db.drop_table(name);
  db.template create_table<T>();
  std::size_t const rows = detail::load_file<T>(db, file);
  return {name, std::move(file), rows};
}

/// The indexes load() creates after filling the tables: the primary keys of the specification (clause 1.4.2) as
/// unique indexes, the foreign keys the queries join or correlate on, and the dates most queries select a range of
/// (at SF 0.1 they make Q14 and Q15 20 times faster, Q5 and Q10 4 times, and Q1 twice slower).
inline constexpr std::array<std::string_view, 16> index_ddl = {
    R"(CREATE UNIQUE INDEX "region_pk" ON "region" ("r_regionkey"))",
    R"(CREATE UNIQUE INDEX "nation_pk" ON "nation" ("n_nationkey"))",
    R"(CREATE UNIQUE INDEX "part_pk" ON "part" ("p_partkey"))",
    R"(CREATE UNIQUE INDEX "supplier_pk" ON "supplier" ("s_suppkey"))",
    R"(CREATE INDEX "supplier_nation" ON "supplier" ("s_nationkey"))",
    R"(CREATE UNIQUE INDEX "partsupp_pk" ON "partsupp" ("ps_partkey", "ps_suppkey"))",
    R"(CREATE INDEX "partsupp_supp" ON "partsupp" ("ps_suppkey"))",
    R"(CREATE UNIQUE INDEX "customer_pk" ON "customer" ("c_custkey"))",
    R"(CREATE INDEX "customer_nation" ON "customer" ("c_nationkey"))",
    R"(CREATE UNIQUE INDEX "orders_pk" ON "orders" ("o_orderkey"))",
    R"(CREATE INDEX "orders_cust" ON "orders" ("o_custkey"))",
    R"(CREATE INDEX "orders_date" ON "orders" ("o_orderdate"))",
    R"(CREATE UNIQUE INDEX "lineitem_pk" ON "lineitem" ("l_orderkey", "l_linenumber"))",
    R"(CREATE INDEX "lineitem_part_supp" ON "lineitem" ("l_partkey", "l_suppkey"))",
    R"(CREATE INDEX "lineitem_supp" ON "lineitem" ("l_suppkey"))",
    R"(CREATE INDEX "lineitem_ship" ON "lineitem" ("l_shipdate"))",
};

/// index_ddl for dialect D: its identifier quotes in place of the double quotes.
template <class D>
std::string index_sql(std::string_view ddl) {
  std::string out(ddl);
  bool open = true;
  for (char& c : out) {
    if (c != '"') continue;
    c = open ? D::quote_open : D::quote_close;
    open = !open;
  }
  return out;
}

/// The scale factor of the data load() filled: SUPPLIER holds SF * 10,000 rows (specification 4.2.5).
/// Throws when SUPPLIER was not loaded or is empty.
inline double scale_factor(std::vector<loaded_table> const& tables) {
  for (auto const& t : tables)
    if (t.table == "supplier" && t.rows > 0) return static_cast<double>(t.rows) / 10000.0;
  throw egret::error("tpch: no SUPPLIER rows loaded, so the scale factor is unknown");
}

/// (Re)creates the eight tables in `db` and loads them from `dir`, each table in one transaction; then creates
/// index_ddl and runs ANALYZE so the planner knows the tables' sizes. Bad input throws egret::load_error
/// naming the file, line and column (the failing table is left empty). Returns the tables in load order.
template <class Db>
std::vector<loaded_table> load(Db& db, std::filesystem::path const& dir) {
  using D = typename Db::dialect_type;
  std::vector<loaded_table> out;
  out.push_back(load_table<region>(db, dir));
  out.push_back(load_table<nation>(db, dir));
  out.push_back(load_table<part>(db, dir));
  out.push_back(load_table<supplier>(db, dir));
  out.push_back(load_table<partsupp>(db, dir));
  out.push_back(load_table<customer>(db, dir));
  out.push_back(load_table<orders>(db, dir));
  out.push_back(load_table<lineitem>(db, dir));
  auto tx = db.transaction();
  for (std::string_view ddl : index_ddl) db.exec(index_sql<D>(ddl));
  if constexpr (D::quote_open == '`')  // MySQL and MariaDB name the tables
    db.exec("ANALYZE TABLE region, nation, part, supplier, partsupp, customer, orders, lineitem");
  else
    db.exec("ANALYZE");
  tx.commit();
  return out;
}

}  // namespace tpch
