// Defines egret::sqlite::transaction (BEGIN/COMMIT) and egret::sqlite::savepoint (nestable), both rolling back unless committed.
#pragma once

#include <sqlite3.h>

#include <egret/core/error.hpp>
#include <egret/sqlite/error.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace egret::sqlite {

/// How BEGIN takes its locks: deferred (on first access), immediate (write lock now, so a later write
/// cannot fail with SQLITE_BUSY), exclusive.
enum class begin_mode { deferred, immediate, exclusive };

namespace detail {
inline void exec_simple(sqlite3* db, char const* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }

/// Whether the engine has a transaction open: the truth, which SQLite may change behind egret's back (it
/// rolls a transaction back by itself after SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM...).
inline bool in_transaction(sqlite3* db) noexcept { return sqlite3_get_autocommit(db) == 0; }

// Best effort for destructors: nothing to undo once SQLite is back in autocommit mode (it may already have
// rolled back on its own, e.g. after SQLITE_FULL, or user SQL ended the transaction).
inline void exec_quietly_in_transaction(sqlite3* db, char const* sql) noexcept {
  if (in_transaction(db)) sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
}

inline constexpr char const* rolled_back_by_sqlite =
    "SQLite rolled the transaction back by itself after an earlier error (such as SQLITE_FULL, SQLITE_IOERR or "
    "SQLITE_NOMEM; or SQL run through exec() ended it): nothing of it was committed";

/// commit() of a transaction or savepoint that is no longer open in the engine: say why, rather than
/// SQLite's "no transaction is active".
[[noreturn, gnu::cold]] inline void throw_rolled_back(std::string_view sql) {
  throw_message(SQLITE_ABORT_ROLLBACK, rolled_back_by_sqlite, sql);
}

/// The failure of `sql` (code and message copied before anything else runs on the connection).
struct failure {
  int code;
  std::string message;
};
inline failure last_failure(sqlite3* db, int rc) {
  int const code = (sqlite3_extended_errcode(db) & 0xff) == (rc & 0xff) ? sqlite3_extended_errcode(db) : rc;
  return {code, (sqlite3_errcode(db) & 0xff) == (rc & 0xff) ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
}
}  // namespace detail

/// BEGIN on construction; commit() makes it durable; otherwise the destructor rolls back (never throws).
/// Not nestable (SQLite refuses BEGIN inside a transaction): nest with savepoint.
/// Its state follows the engine's: when SQLite rolls the transaction back by itself (after SQLITE_FULL, say),
/// active() turns false and commit() throws saying so.
class transaction {
 public:
  explicit transaction(sqlite3* db, begin_mode mode = begin_mode::deferred) : db_(db) {
    detail::exec_simple(db_, mode == begin_mode::immediate   ? "BEGIN IMMEDIATE"
                             : mode == begin_mode::exclusive ? "BEGIN EXCLUSIVE"
                                                             : "BEGIN DEFERRED");
    active_ = true;
  }
  transaction(transaction const&) = delete;
  transaction& operator=(transaction const&) = delete;
  ~transaction() {
    if (active_) detail::exec_quietly_in_transaction(db_, "ROLLBACK");
  }

  /// COMMIT. If it fails and the transaction is still open (SQLITE_BUSY: another connection reads), it stays
  /// open: retry, or let the destructor roll back. If SQLite already rolled it back, throws saying so.
  void commit() {
    require_active("commit");
    if (!detail::in_transaction(db_)) {
      active_ = false;
      detail::throw_rolled_back("COMMIT");
    }
    int const rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      auto f = detail::last_failure(db_, rc);
      if (detail::in_transaction(db_)) throw_message(f.code, std::move(f.message), "COMMIT");
      active_ = false;  // the failed COMMIT rolled back (e.g. SQLITE_IOERR while writing)
      throw_message(f.code, f.message + "; SQLite rolled the transaction back", "COMMIT");
    }
    active_ = false;
  }
  /// ROLLBACK now (throws on failure, unlike the destructor); nothing to do if SQLite already rolled back.
  void rollback() {
    require_active("rollback");
    if (detail::in_transaction(db_)) detail::exec_simple(db_, "ROLLBACK");
    active_ = false;
  }
  /// Neither committed nor rolled back yet, by egret or by SQLite itself.
  bool active() const noexcept { return active_ && detail::in_transaction(db_); }

 private:
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("transaction::") + what + ": already committed or rolled back");
  }

  sqlite3* db_;
  bool active_ = false;
};

/// SAVEPOINT on construction (named after the object's address, which no other live savepoint shares: unique
/// without a global counter, whose <atomic> would cost compile time); commit() is RELEASE; otherwise the destructor
/// undoes it (never throws). Nests inside a transaction or another savepoint; outside any transaction it starts
/// one (it is outermost), and committing it commits that transaction.
///
/// Its state follows the engine's, so no transaction egret opened stays open behind it: a RELEASE that fails
/// (for the outermost, the COMMIT it runs is SQLITE_BUSY while another connection reads) undoes the savepoint
/// (the outermost with ROLLBACK, back to autocommit) and throws saying the changes were rolled back; the
/// destructor of an outermost savepoint ends its transaction with ROLLBACK (ROLLBACK TO + RELEASE would commit,
/// and that COMMIT can be busy too).
class savepoint {
 public:
  explicit savepoint(sqlite3* db) : db_(db), outermost_(!detail::in_transaction(db)) {
    constexpr std::string_view prefix = "egret_sp_";
    std::memcpy(name_, prefix.data(), prefix.size());
    auto const res = std::to_chars(name_ + prefix.size(), name_ + sizeof(name_) - 1,
                                   reinterpret_cast<std::uintptr_t>(this), 16);
    *res.ptr = '\0';
    run("SAVEPOINT ");
    active_ = true;
  }
  savepoint(savepoint const&) = delete;
  savepoint& operator=(savepoint const&) = delete;
  ~savepoint() {
    if (active_) undo_quietly();
  }

  /// RELEASE: the changes become part of the enclosing transaction (or are committed, for the outermost).
  /// On failure the savepoint's changes are rolled back (see the class comment) and egret::sqlite::error says
  /// so, with the engine's code and message.
  void commit() {
    require_active("commit");
    char sql[sql_size];
    compose(sql, "RELEASE ");
    if (!detail::in_transaction(db_)) {
      active_ = false;
      detail::throw_rolled_back(sql);
    }
    int const rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) {
      active_ = false;
      return;
    }
    auto f = detail::last_failure(db_, rc);
    if (!detail::in_transaction(db_)) {
      active_ = false;
      throw_message(f.code, f.message + "; SQLite rolled the transaction back", sql);
    }
    undo_quietly();
    active_ = outermost_ ? detail::in_transaction(db_) : false;
    throw_message(f.code,
                  f.message + (outermost_ ? "; the transaction the savepoint started was rolled back"
                                          : "; the changes since the savepoint were rolled back"),
                  sql);
  }
  /// Undoes everything since the savepoint and removes it (throws on failure, unlike the destructor); nothing
  /// to do if SQLite already rolled the transaction back.
  void rollback() {
    require_active("rollback");
    if (detail::in_transaction(db_)) {
      run("ROLLBACK TO ");  // undoes, but leaves the savepoint on the stack...
      if (outermost_)
        detail::exec_simple(db_, "ROLLBACK");  // ...so end the transaction it started (RELEASE would COMMIT)
      else
        run("RELEASE ");  // ...so pop it
    }
    active_ = false;
  }
  /// Neither committed nor rolled back yet, by egret or by SQLite itself.
  bool active() const noexcept { return active_ && detail::in_transaction(db_); }
  /// Whether it started the transaction (no transaction was open when it was created).
  bool outermost() const noexcept { return outermost_; }
  std::string_view name() const noexcept { return name_; }

 private:
  static constexpr std::size_t name_size = 32;             // "egret_sp_" + up to 16 hex digits + NUL
  static constexpr std::size_t sql_size = name_size + 16;  // + "ROLLBACK TO "

  char const* compose(char* out, std::string_view verb) const noexcept {
    std::size_t const n = std::strlen(name_);
    std::memcpy(out, verb.data(), verb.size());
    std::memcpy(out + verb.size(), name_, n + 1);
    return out;
  }
  void run(std::string_view verb) {
    char sql[sql_size];
    detail::exec_simple(db_, compose(sql, verb));
  }
  // The destructor's undo (and a failed commit's): never throws, never leaves open a transaction it started.
  void undo_quietly() noexcept {
    char sql[sql_size];
    if (outermost_) {
      detail::exec_quietly_in_transaction(db_, "ROLLBACK");
    } else {
      detail::exec_quietly_in_transaction(db_, compose(sql, "ROLLBACK TO "));
      detail::exec_quietly_in_transaction(db_, compose(sql, "RELEASE "));
    }
  }
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("savepoint::") + what + ": already committed or rolled back");
  }

  sqlite3* db_;
  bool outermost_;
  char name_[name_size];
  bool active_ = false;
};

}  // namespace egret::sqlite
