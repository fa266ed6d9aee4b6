// The executing backends the conformance suite runs on, each a type with its name, its connection (to a real
// database: a SQLite or DuckDB file, or the private PostgreSQL and MariaDB servers the CTest fixtures start) and the
// conformance data loaded once per process. CONFORMANCE_BACKENDS lists those this build has.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <unistd.h>

#include <egret/sqlite.hpp>

#include "data.hpp"

#ifdef EGRET_CONFORMANCE_POSTGRES
#include <egret/postgres.hpp>
#include "../postgres/test_db.hpp"
#endif
#ifdef EGRET_CONFORMANCE_MYSQL
#include <egret/mysql.hpp>
#include "../mysql/test_db.hpp"
#endif
#ifdef EGRET_CONFORMANCE_DUCKDB
#include <egret/duckdb.hpp>
#include <egret/duckdb/load_csv.hpp>
#endif

namespace conformance {

struct sqlite_backend {
  static constexpr std::string_view name = "sqlite";
  using dialect = egret::sqlite::dialect_type;
  static egret::sqlite::connection& raw_db() {
    struct file {
      std::filesystem::path path = std::filesystem::path(EGRET_TEST_TMP_DIR) /
                                   ("conformance." + std::to_string(static_cast<long>(::getpid())) + ".db");
      std::optional<egret::sqlite::connection> db;
      file() {
        std::filesystem::remove(path);
        db.emplace(path.string());
      }
      file(file const&) = delete;
      file& operator=(file const&) = delete;
      ~file() {
        db.reset();
        std::error_code ec;
        std::filesystem::remove(path, ec);
      }
    };
    static file f;
    return *f.db;
  }
  static egret::sqlite::connection& db() {
    static bool const loaded = (load_data(raw_db()), true);
    (void)loaded;
    return raw_db();
  }
};

#ifdef EGRET_CONFORMANCE_POSTGRES
struct postgres_backend {
  static constexpr std::string_view name = "postgres";
  using dialect = egret::postgres::dialect_type;
  static egret::postgres::connection& raw_db() { return egret_test::postgres_db(); }
  static egret::postgres::connection& db() {
    static bool const loaded = (load_data(raw_db()), true);
    (void)loaded;
    return raw_db();
  }
};
#define CONFORMANCE_POSTGRES_BACKEND , conformance::postgres_backend
#else
#define CONFORMANCE_POSTGRES_BACKEND
#endif

#ifdef EGRET_CONFORMANCE_MYSQL
struct mysql_backend {
  static constexpr std::string_view name = "mysql";
  using dialect = egret::mysql::dialect_type;
  static egret::mysql::connection& raw_db() { return egret_test::mysql_db(); }
  static egret::mysql::connection& db() {
    static bool const loaded = (load_data(raw_db()), true);
    (void)loaded;
    return raw_db();
  }
};
#define CONFORMANCE_MYSQL_BACKEND , conformance::mysql_backend
#else
#define CONFORMANCE_MYSQL_BACKEND
#endif

#ifdef EGRET_CONFORMANCE_DUCKDB
/// DuckDB, embedded: a database file of this process in the build tree (EGRET_CONFORMANCE_DUCKDB_DIR).
struct duckdb_backend {
  static constexpr std::string_view name = "duckdb";
  using dialect = egret::duckdb::dialect_type;
  static egret::duckdb::connection& raw_db() {
    struct file {
      std::filesystem::path path = std::filesystem::path(EGRET_CONFORMANCE_DUCKDB_DIR) /
                                   ("conformance." + std::to_string(static_cast<long>(::getpid())) + ".duckdb");
      std::optional<egret::duckdb::connection> db;
      file() {
        std::filesystem::create_directories(path.parent_path());
        remove();
        db.emplace(path.string());
      }
      file(file const&) = delete;
      file& operator=(file const&) = delete;
      ~file() {
        db.reset();
        remove();
      }
      void remove() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
        std::filesystem::remove(path.string() + ".wal", ec);
      }
    };
    static file f;
    return *f.db;
  }
  static egret::duckdb::connection& db() {
    static bool const loaded = (load_data(raw_db()), true);
    (void)loaded;
    return raw_db();
  }
};
#define CONFORMANCE_DUCKDB_BACKEND , conformance::duckdb_backend
#else
#define CONFORMANCE_DUCKDB_BACKEND
#endif

}  // namespace conformance

/// The backends every conformance test runs on.
#define CONFORMANCE_BACKENDS \
  conformance::sqlite_backend CONFORMANCE_POSTGRES_BACKEND CONFORMANCE_MYSQL_BACKEND CONFORMANCE_DUCKDB_BACKEND

/// A conformance test: `CONFORMANCE_CASE("name") { conformance::run<TestType>(...); }`.
#define CONFORMANCE_CASE(name) TEMPLATE_TEST_CASE("conformance: " name, "[conformance]", CONFORMANCE_BACKENDS)
