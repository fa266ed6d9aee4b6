// Defines egret::duckdb::handle, the move-only RAII owner of a DuckDB database and one connection to it.
#pragma once

#include <duckdb.h>

#include <egret/duckdb/error.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace egret::duckdb {

class handle {
 public:
  handle() noexcept = default;
  handle(handle&& o) noexcept : db_(std::exchange(o.db_, nullptr)), con_(std::exchange(o.con_, nullptr)) {}
  handle& operator=(handle&& o) noexcept {
    if (this != &o) {
      close();
      db_ = std::exchange(o.db_, nullptr);
      con_ = std::exchange(o.con_, nullptr);
    }
    return *this;
  }
  handle(handle const&) = delete;
  handle& operator=(handle const&) = delete;
  ~handle() { close(); }

  /// Opens (creating if needed) the database file at `path`; ":memory:" (or "") gives a private in-memory database.
  static handle open(std::string const& path) {
    handle h;
    char* err = nullptr;
    char const* p = path == ":memory:" ? nullptr : path.c_str();
    if (duckdb_open_ext(p, &h.db_, nullptr, &err) != DuckDBSuccess) {
      std::string message = err != nullptr ? err : "duckdb_open failed";
      if (err != nullptr) duckdb_free(err);
      h.db_ = nullptr;
      throw_message(DUCKDB_ERROR_IO, message + ": " + path, {});
    }
    if (duckdb_connect(h.db_, &h.con_) != DuckDBSuccess) {
      h.con_ = nullptr;
      throw_message(DUCKDB_ERROR_CONNECTION, "duckdb_connect failed: " + path, {});
    }
    return h;
  }

  /// Runs one or more ';'-separated statements, discarding any rows. On failure the error's SQL is the text given.
  void exec(std::string_view sql) {
    std::string const text(sql);  // duckdb_query reads a NUL-terminated text
    duckdb_result r;
    if (duckdb_query(con_, text.c_str(), &r) != DuckDBSuccess) throw_result_error(r, sql);
    duckdb_destroy_result(&r);
  }

  duckdb_connection get() const noexcept { return con_; }
  duckdb_database database() const noexcept { return db_; }
  explicit operator bool() const noexcept { return con_ != nullptr; }

  /// Disconnects and closes the database (DuckDB closes it when its last connection goes).
  void close() noexcept {
    if (con_ != nullptr) duckdb_disconnect(&con_);
    if (db_ != nullptr) duckdb_close(&db_);
    con_ = nullptr;
    db_ = nullptr;
  }

 private:
  duckdb_database db_ = nullptr;
  duckdb_connection con_ = nullptr;
};

}  // namespace egret::duckdb
