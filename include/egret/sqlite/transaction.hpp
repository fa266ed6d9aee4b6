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

namespace egret::sqlite {

/// How BEGIN takes its locks: deferred (on first access), immediate (write lock now, so a later write
/// cannot fail with SQLITE_BUSY), exclusive.
enum class begin_mode { deferred, immediate, exclusive };

namespace detail {
inline void exec_simple(sqlite3* db, char const* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }

// Best effort for destructors: nothing to undo once SQLite is back in autocommit mode (it may already have
// rolled back on its own, e.g. after SQLITE_FULL, or user SQL ended the transaction).
inline void exec_quietly_in_transaction(sqlite3* db, char const* sql) noexcept {
  if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
}
}  // namespace detail

/// BEGIN on construction; commit() makes it durable; otherwise the destructor rolls back (never throws).
/// Not nestable (SQLite refuses BEGIN inside a transaction): nest with savepoint.
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

  /// COMMIT. If it fails (e.g. SQLITE_BUSY) the transaction stays open: retry, or let the destructor roll back.
  void commit() {
    require_active("commit");
    detail::exec_simple(db_, "COMMIT");
    active_ = false;
  }
  /// ROLLBACK now (throws on failure, unlike the destructor).
  void rollback() {
    require_active("rollback");
    if (sqlite3_get_autocommit(db_) == 0) detail::exec_simple(db_, "ROLLBACK");
    active_ = false;
  }
  /// Neither committed nor rolled back yet.
  bool active() const noexcept { return active_; }

 private:
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("transaction::") + what + ": already committed or rolled back");
  }

  sqlite3* db_;
  bool active_ = false;
};

/// SAVEPOINT on construction (named after the object's address, which no other live savepoint shares: unique
/// without a global counter, whose <atomic> would cost compile time); commit() is RELEASE; otherwise the destructor rolls
/// back to it and releases it (never throws). Nests inside a transaction or another savepoint; outside any
/// transaction it starts one, and committing the outermost savepoint commits it.
class savepoint {
 public:
  explicit savepoint(sqlite3* db) : db_(db) {
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
    if (!active_) return;
    char sql[sql_size];
    detail::exec_quietly_in_transaction(db_, compose(sql, "ROLLBACK TO "));
    detail::exec_quietly_in_transaction(db_, compose(sql, "RELEASE "));
  }

  /// RELEASE: the changes become part of the enclosing transaction (or are committed, for the outermost).
  void commit() {
    require_active("commit");
    run("RELEASE ");
    active_ = false;
  }
  /// Undoes everything since the savepoint and removes it (throws on failure, unlike the destructor).
  void rollback() {
    require_active("rollback");
    run("ROLLBACK TO ");  // undoes, but leaves the savepoint on the stack...
    run("RELEASE ");      // ...so pop it
    active_ = false;
  }
  bool active() const noexcept { return active_; }
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
  void require_active(char const* what) const {
    if (!active_) throw egret::error(std::string("savepoint::") + what + ": already committed or rolled back");
  }

  sqlite3* db_;
  char name_[name_size];
  bool active_ = false;
};

}  // namespace egret::sqlite
