// A fresh DuckDB database file per test, in the build tree (tests/duckdb/tmp/).
#pragma once

#include <filesystem>
#include <string>

#include <egret/duckdb.hpp>

namespace egret_test {

/// The path of a new, empty database file named after `name` (any earlier file and its WAL removed).
inline std::string duckdb_file(std::string const& name) {
  auto const p = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / (name + ".duckdb");
  std::filesystem::remove(p);
  std::filesystem::remove(p.string() + ".wal");
  return p.string();
}

}  // namespace egret_test
