// Defines egret::duckdb::transaction: BEGIN TRANSACTION on construction, rolled back unless committed.
#pragma once

#include <duckdb.h>

#include <egret/core/error.hpp>
#include <egret/duckdb/error.hpp>

#include <string>
#include <utility>

namespace egret::duckdb {

namespace detail {
inline void exec_simple(duckdb_connection con, char const* sql) {
  duckdb_result r;
  if (duckdb_query(con, sql, &r) != DuckDBSuccess) throw_result_error(r, sql);
  duckdb_destroy_result(&r);
}
inline void exec_quietly(duckdb_connection con, char const* sql) noexcept {
  duckdb_result r;
  duckdb_query(con, sql, &r);
  duckdb_destroy_result(&r);
}
}  // namespace detail

/// BEGIN TRANSACTION on construction; commit() makes it durable; otherwise the destructor rolls back (never
/// throws). Not nestable: DuckDB has no savepoints, and refuses BEGIN inside a transaction.
/// `open` (optional) is a flag the transaction keeps true while it is active: the connection's, so that its
/// create_table_from() knows whether to start a transaction of its own.
class transaction {
 public:
  explicit transaction(duckdb_connection con, bool* open = nullptr) : con_(con), open_(open) {
    detail::exec_simple(con_, "BEGIN TRANSACTION");
    set_active(true);
  }
  transaction(transaction&& o) noexcept
      : con_(o.con_), open_(std::exchange(o.open_, nullptr)), active_(std::exchange(o.active_, false)) {}
  transaction& operator=(transaction&&) = delete;
  transaction(transaction const&) = delete;
  transaction& operator=(transaction const&) = delete;
  ~transaction() {
    if (active_) {
      detail::exec_quietly(con_, "ROLLBACK");
      set_active(false);
    }
  }

  /// COMMIT. If a statement of the transaction failed, DuckDB has aborted it and would take the COMMIT without a
  /// word, committing nothing: commit() rolls back and throws saying so. If the COMMIT itself fails (a conflict
  /// with another connection's transaction), DuckDB has rolled back: the exception says so. Either way active()
  /// is false afterwards.
  void commit() {
    require_active("commit");
    duckdb_result r;
    // An aborted transaction refuses every statement but ROLLBACK: the probe that says whether it was aborted.
    if (duckdb_query(con_, "SELECT 1", &r) != DuckDBSuccess) {
      duckdb_error_type const type = duckdb_result_error_type(&r);
      std::string message = duckdb_result_error(&r) != nullptr ? duckdb_result_error(&r) : "";
      duckdb_destroy_result(&r);
      detail::exec_quietly(con_, "ROLLBACK");
      set_active(false);
      throw_message(type, message + "; an earlier statement of the transaction failed, so DuckDB aborted it: "
                                    "it was rolled back and nothing of it was committed",
                    "COMMIT");
    }
    duckdb_destroy_result(&r);
    if (duckdb_query(con_, "COMMIT", &r) != DuckDBSuccess) {
      detail::exec_quietly(con_, "ROLLBACK");  // a transaction aborted by an earlier error must still be ended
      set_active(false);
      throw_result_error(r, "COMMIT");
    }
    duckdb_destroy_result(&r);
    set_active(false);
  }
  /// ROLLBACK now (throws on failure, unlike the destructor).
  void rollback() {
    require_active("rollback");
    set_active(false);
    detail::exec_simple(con_, "ROLLBACK");
  }
  /// Neither committed nor rolled back yet.
  bool active() const noexcept { return active_; }

 private:
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("transaction::") + what + ": already committed or rolled back");
  }
  void set_active(bool a) noexcept {
    active_ = a;
    if (open_ != nullptr) *open_ = a;
  }

  duckdb_connection con_;
  bool* open_;
  bool active_ = false;
};

}  // namespace egret::duckdb
