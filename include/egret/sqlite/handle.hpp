// Defines egret::sqlite::handle, the move-only RAII owner of a sqlite3* connection.
#pragma once

#include <sqlite3.h>

#include <egret/sqlite/error.hpp>

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace egret::sqlite {

class handle {
 public:
  handle() noexcept = default;
  /// Adopts an open connection (closed by this handle).
  explicit handle(sqlite3* db) noexcept : db_(db) {}

  handle(handle&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  handle& operator=(handle&& other) noexcept {
    if (this != &other) {
      close();
      db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
  }
  handle(handle const&) = delete;
  handle& operator=(handle const&) = delete;
  ~handle() { close(); }

  /// Opens (by default creating) the database at `path`; ":memory:" gives a private in-memory database.
  /// The connection reports extended result codes and enforces foreign keys.
  static handle open(std::string const& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
#ifdef SQLITE_OPEN_EXRESCODE
    flags |= SQLITE_OPEN_EXRESCODE;  // so that even a failed open reports an extended code
#endif
    sqlite3* raw = nullptr;
    int const rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    handle h(raw);  // SQLite may hand back a connection even on failure; it must still be closed
    if (rc != SQLITE_OK) {
      std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
      throw_message(raw != nullptr ? sqlite3_extended_errcode(raw) : rc, msg + ": " + path, {});
    }
    sqlite3_extended_result_codes(raw, 1);
    int enabled = 0;
    check(sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_FKEY, 1, &enabled), raw, {});
    if (enabled != 1) throw_message(SQLITE_ERROR, "this SQLite build cannot enforce foreign keys", {});
    return h;
  }

  /// Runs one or more ';'-separated statements, discarding any rows. On failure the error's SQL is the
  /// failing statement (for a syntax error: the script from that statement on).
  void exec(std::string_view sql) {
    if (sql.size() > static_cast<std::size_t>(INT_MAX)) throw_message(SQLITE_TOOBIG, "SQL text too long", {});
    char const* p = sql.data();
    char const* const end = p + sql.size();
    while (true) {
      while (p < end && is_space(*p)) ++p;  // so error texts start at the statement, not a newline
      if (p == end) return;
      sqlite3_stmt* raw = nullptr;
      char const* tail = nullptr;
      int rc = sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &raw, &tail);
      if (rc != SQLITE_OK) throw_error(db_, rc, std::string_view(p, static_cast<std::size_t>(end - p)));
      if (raw == nullptr) return;  // only comments / semicolons left
      finalizer const stmt{raw};
      while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      }
      // The exception copies the message before `stmt` is finalized during unwinding.
      if (rc != SQLITE_DONE) throw_error(db_, rc, std::string_view(p, static_cast<std::size_t>(tail - p)));
      p = tail;
    }
  }

  sqlite3* get() const noexcept { return db_; }
  explicit operator bool() const noexcept { return db_ != nullptr; }

  /// Rows changed by the most recent INSERT/UPDATE/DELETE.
  std::int64_t changes() const noexcept { return sqlite3_changes64(db_); }
  std::int64_t last_insert_rowid() const noexcept { return sqlite3_last_insert_rowid(db_); }

  /// How long a statement waits on a lock held by another connection before failing with SQLITE_BUSY: a
  /// std::chrono::duration (`busy_timeout(std::chrono::seconds(5))`), cut to whole milliseconds; zero or less
  /// turns the waiting off. A template so that this header does without <chrono>, which is costly to include.
  template <class Duration>
    requires requires(Duration d) {
      d.count();
      Duration::period::num;
      Duration::period::den;
    }
  void busy_timeout(Duration timeout) {
    using period = typename Duration::period;
    long double const ms = static_cast<long double>(timeout.count()) * period::num * 1000 / period::den;
    int const n = ms <= 0 ? 0 : ms >= static_cast<long double>(INT_MAX) ? INT_MAX : static_cast<int>(ms);
    check(sqlite3_busy_timeout(db_, n), db_, {});
  }

  /// Gives up ownership without closing.
  sqlite3* release() noexcept { return std::exchange(db_, nullptr); }

  /// Closes now. close_v2 defers the real close until any statement still alive is finalized, so a
  /// statement outliving its handle is a leak until finalized, never a use-after-free.
  void close() noexcept {
    if (db_ != nullptr) sqlite3_close_v2(std::exchange(db_, nullptr));
  }

 private:
  // Finalizes the statement it holds when it goes out of scope.
  struct finalizer {
    sqlite3_stmt* s;
    ~finalizer() { sqlite3_finalize(s); }
  };
  static bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

  sqlite3* db_ = nullptr;
};

}  // namespace egret::sqlite
