// Defines egret::postgres::transaction: BEGIN ... COMMIT, or a SAVEPOINT when a transaction is already open
// (so transactions nest), rolled back unless committed.
#pragma once

#include <libpq-fe.h>

#include <egret/core/error.hpp>
#include <egret/postgres/error.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace egret::postgres {

namespace detail {
/// Runs SQL without parameters or rows; throws egret::postgres::error on failure.
inline void exec_simple(PGconn* c, char const* sql) {
  PGresult* r = PQexec(c, sql);
  ExecStatusType const st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
    struct clear {
      PGresult* r;
      ~clear() { PQclear(r); }
    } const guard{r};
    throw_result_error(c, r, sql);
  }
  PQclear(r);
}
}  // namespace detail

/// Opens a transaction on construction: BEGIN when the connection is idle, otherwise (inside a transaction
/// already) a SAVEPOINT, which nests. commit() makes it part of the enclosing transaction or durable; the
/// destructor rolls back everything since the start unless commit() or rollback() ran (and never throws).
/// A PostgreSQL transaction in which a statement failed accepts nothing but a rollback: roll back (or let the
/// destructor) and start again; a nested one (a savepoint) undoes the failure and the enclosing one goes on.
class transaction {
 public:
  explicit transaction(PGconn* c) : c_(c) {
    nested_ = PQtransactionStatus(c) != PQTRANS_IDLE;
    if (nested_) {
      constexpr std::string_view prefix = "egret_sp_";
      name_.assign(prefix);
      char buf[24];
      auto const r = std::to_chars(buf, buf + sizeof buf, reinterpret_cast<std::uintptr_t>(this), 16);
      name_.append(buf, r.ptr);
      detail::exec_simple(c_, ("SAVEPOINT " + name_).c_str());
    } else {
      detail::exec_simple(c_, "BEGIN");
    }
    active_ = true;
  }
  transaction(transaction const&) = delete;
  transaction& operator=(transaction const&) = delete;
  ~transaction() {
    if (!active_ || PQtransactionStatus(c_) == PQTRANS_IDLE) return;
    if (nested_) {
      quietly(("ROLLBACK TO SAVEPOINT " + name_).c_str());
      quietly(("RELEASE SAVEPOINT " + name_).c_str());
    } else {
      quietly("ROLLBACK");
    }
  }

  /// COMMIT (RELEASE for a savepoint). After a failed statement PostgreSQL turns COMMIT into a rollback:
  /// then this throws egret::postgres::error (SQLSTATE 25P02) and nothing was committed.
  void commit() {
    require_active("commit");
    if (nested_) {
      detail::exec_simple(c_, ("RELEASE SAVEPOINT " + name_).c_str());
    } else {
      bool const failed = PQtransactionStatus(c_) == PQTRANS_INERROR;
      active_ = false;
      detail::exec_simple(c_, "COMMIT");
      if (failed)
        detail::throw_error("25P02", "commit: the transaction was rolled back, a statement in it had failed", "COMMIT");
    }
    active_ = false;
  }
  /// ROLLBACK (ROLLBACK TO and RELEASE for a savepoint), throwing on failure unlike the destructor.
  void rollback() {
    require_active("rollback");
    active_ = false;
    if (nested_) {
      detail::exec_simple(c_, ("ROLLBACK TO SAVEPOINT " + name_).c_str());
      detail::exec_simple(c_, ("RELEASE SAVEPOINT " + name_).c_str());
    } else if (PQtransactionStatus(c_) != PQTRANS_IDLE) {
      detail::exec_simple(c_, "ROLLBACK");
    }
  }
  /// Neither committed nor rolled back yet.
  bool active() const noexcept { return active_; }
  /// Whether this is a savepoint inside an enclosing transaction.
  bool nested() const noexcept { return nested_; }

 private:
  void quietly(char const* sql) noexcept { PQclear(PQexec(c_, sql)); }
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("transaction::") + what + ": already committed or rolled back");
  }

  PGconn* c_;
  std::string name_;
  bool nested_ = false;
  bool active_ = false;
};

}  // namespace egret::postgres
