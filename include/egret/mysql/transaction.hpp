// Defines egret::mysql::transaction: START TRANSACTION on construction, or a SAVEPOINT when the connection is
// already in a transaction egret started (nesting); rolled back unless commit() is called.
#pragma once

#include <mysql.h>

#include <cstddef>
#include <string>
#include <utility>

#include <egret/core/error.hpp>
#include <egret/mysql/error.hpp>

namespace egret::mysql {

namespace detail {
inline void exec_simple(MYSQL* db, std::string const& sql) {
  if (mysql_real_query(db, sql.data(), sql.size()) != 0) throw_error(db, sql);
}
}  // namespace detail

/// A transaction (depth 0) or a savepoint inside one (depth > 0). The connection's nesting depth is counted
/// in `depth`, which must outlive the object. Note: DDL (CREATE / DROP TABLE) commits implicitly on these
/// engines; a rollback cannot undo it.
class transaction {
 public:
  transaction(MYSQL* db, int& depth)
      : db_(db), depth_(&depth), level_(depth),
        // Nested, but a DDL statement since the enclosing START TRANSACTION committed it implicitly: no
        // transaction is open on the server, so this one starts its own instead of a savepoint of nothing.
        savepoint_(level_ > 0 && (db->server_status & SERVER_STATUS_IN_TRANS) != 0) {
    detail::exec_simple(db_, savepoint_ ? "SAVEPOINT " + name() : std::string("START TRANSACTION"));
    ++*depth_;
    active_ = true;
  }
  transaction(transaction&& o) noexcept
      : db_(o.db_), depth_(o.depth_), level_(o.level_), savepoint_(o.savepoint_),
        active_(std::exchange(o.active_, false)) {}
  transaction& operator=(transaction&&) = delete;
  transaction(transaction const&) = delete;
  transaction& operator=(transaction const&) = delete;
  ~transaction() {
    if (!active_) return;
    try {
      rollback();
    } catch (...) {  // the connection is gone or the server rolled back already: nothing left to undo
      active_ = false;
    }
  }

  /// COMMIT (RELEASE SAVEPOINT when nested: the changes become part of the enclosing transaction).
  void commit() {
    require_active("commit");
    detail::exec_simple(db_, savepoint_ ? "RELEASE SAVEPOINT " + name() : std::string("COMMIT"));
    finish();
  }
  /// ROLLBACK (ROLLBACK TO SAVEPOINT when nested).
  void rollback() {
    require_active("rollback");
    finish();
    if (!savepoint_) {
      detail::exec_simple(db_, "ROLLBACK");
    } else {
      detail::exec_simple(db_, "ROLLBACK TO SAVEPOINT " + name());
      detail::exec_simple(db_, "RELEASE SAVEPOINT " + name());
    }
  }
  /// Neither committed nor rolled back yet, and the connection is still there: a lost connection (the server
  /// killed, a read timeout, which closes it) took the transaction with it, rolled back on the server.
  bool active() const noexcept { return active_ && mysql_get_socket(db_) != MARIADB_INVALID_SOCKET; }
  /// 0 for the outermost transaction, n for the n-th nested savepoint.
  int level() const noexcept { return level_; }

 private:
  std::string name() const { return "egret_sp_" + std::to_string(level_); }
  void finish() {
    active_ = false;
    *depth_ = level_;
  }
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("transaction::") + what + ": already committed or rolled back");
  }

  MYSQL* db_;
  int* depth_;
  int level_;
  bool savepoint_;
  bool active_ = false;
};

}  // namespace egret::mysql
