// Defines egret::postgres::transaction: BEGIN ... COMMIT, or a SAVEPOINT when a transaction is already open
// (so transactions nest), rolled back unless committed.
#pragma once

#include <libpq-fe.h>

#include <egret/core/error.hpp>
#include <egret/postgres/error.hpp>
#include <egret/postgres/io.hpp>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace egret::postgres {

/// Opens a transaction on construction: BEGIN when the connection is idle, otherwise (inside a transaction
/// already) a SAVEPOINT, which nests. commit() makes it part of the enclosing transaction or durable; the
/// destructor rolls back everything since the start unless commit() or rollback() ran (and never throws).
/// A PostgreSQL transaction in which a statement failed accepts nothing but a rollback (aborted() says so):
/// roll back (or let the destructor) and start again; a nested one (a savepoint) undoes the failure and the
/// enclosing one goes on. What active() and commit() report is the server's state, asked at each call
/// (PQtransactionStatus), not only what this object did: a transaction the server ended (the connection lost,
/// the session terminated, a COMMIT or ROLLBACK run as SQL text) is not active, and commit() of it throws.
class transaction {
 public:
  /// Every statement waits at most `read_timeout` for the server (connection_options::read_timeout).
  explicit transaction(PGconn* c, std::chrono::seconds read_timeout = connection_options{}.read_timeout)
      : c_(c), timeout_(read_timeout) {
    nested_ = PQtransactionStatus(c) != PQTRANS_IDLE;
    if (nested_) {
      constexpr std::string_view prefix = "egret_sp_";
      name_.assign(prefix);
      char buf[24];
      auto const r = std::to_chars(buf, buf + sizeof buf, reinterpret_cast<std::uintptr_t>(this), 16);
      name_.append(buf, r.ptr);
      detail::exec_simple(c_, ("SAVEPOINT " + name_).c_str(), timeout_);
    } else {
      detail::exec_simple(c_, "BEGIN", timeout_);
    }
    active_ = true;
  }
  transaction(transaction const&) = delete;
  transaction& operator=(transaction const&) = delete;
  ~transaction() {
    if (!active_ || !server_open()) return;
    if (nested_) {
      quietly(("ROLLBACK TO SAVEPOINT " + name_).c_str());
      quietly(("RELEASE SAVEPOINT " + name_).c_str());
    } else {
      quietly("ROLLBACK");
    }
  }

  /// COMMIT (RELEASE for a savepoint). After a failed statement PostgreSQL turns COMMIT into a rollback:
  /// then this throws egret::postgres::error (SQLSTATE 25P02) and nothing was committed. When the server holds
  /// no open transaction any more (it ended it, or the connection is lost), throws (SQLSTATE 25P01 or 08006):
  /// a plain COMMIT would only warn "there is no transaction in progress", and the changes are gone.
  void commit() {
    require_active("commit");
    if (PQstatus(c_) != CONNECTION_OK) {
      active_ = false;
      detail::throw_error("08006", "commit: the connection to the server is lost; the transaction was not committed",
                          "COMMIT");
    }
    if (!server_open()) {
      active_ = false;
      detail::throw_error("25P01", "commit: the server has no transaction open: it ended outside this object (the server "
                          "ended the session, or SQL text ran COMMIT / ROLLBACK), and this commit did nothing",
                          "COMMIT");
    }
    if (nested_) {
      detail::exec_simple(c_, ("RELEASE SAVEPOINT " + name_).c_str(), timeout_);
    } else {
      bool const failed = PQtransactionStatus(c_) == PQTRANS_INERROR;
      active_ = false;
      detail::exec_simple(c_, "COMMIT", timeout_);
      if (failed)
        detail::throw_error("25P02", "commit: the transaction was rolled back, a statement in it had failed", "COMMIT");
    }
    active_ = false;
  }
  /// ROLLBACK (ROLLBACK TO and RELEASE for a savepoint), throwing on failure unlike the destructor.
  void rollback() {
    require_active("rollback");
    active_ = false;
    if (!server_open()) return;  // ended already: nothing is left to undo
    if (nested_) {
      detail::exec_simple(c_, ("ROLLBACK TO SAVEPOINT " + name_).c_str(), timeout_);
      detail::exec_simple(c_, ("RELEASE SAVEPOINT " + name_).c_str(), timeout_);
    } else {
      detail::exec_simple(c_, "ROLLBACK", timeout_);
    }
  }
  /// Neither committed nor rolled back yet, and still open on the server (an aborted one is open: it awaits
  /// its rollback).
  bool active() const noexcept { return active_ && server_open(); }
  /// Open, but a statement in it failed: the server takes nothing but a rollback, and commit() would throw.
  /// For a savepoint, the failure is its own or an enclosed one's not yet rolled back.
  bool aborted() const noexcept { return active() && PQtransactionStatus(c_) == PQTRANS_INERROR; }
  /// Whether this is a savepoint inside an enclosing transaction.
  bool nested() const noexcept { return nested_; }

 private:
  bool server_open() const noexcept {
    if (PQstatus(c_) != CONNECTION_OK) return false;
    PGTransactionStatusType const st = PQtransactionStatus(c_);
    return st == PQTRANS_INTRANS || st == PQTRANS_INERROR || st == PQTRANS_ACTIVE;
  }
  void quietly(char const* sql) noexcept {
    try {
      PQclear(detail::exec(c_, timeout_, sql));
    } catch (...) {  // timed out: the connection is closed, nothing more to undo on it
    }
  }
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("transaction::") + what + ": already committed or rolled back");
  }

  PGconn* c_;
  std::chrono::seconds timeout_;
  std::string name_;
  bool nested_ = false;
  bool active_ = false;
};

}  // namespace egret::postgres
