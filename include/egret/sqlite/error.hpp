// Defines egret::sqlite::error / constraint_error and the throw_error / check helpers that raise them.
#pragma once

#include <sqlite3.h>

#include <egret/core/error.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace egret::sqlite {

/// SQLite refused something: code() is the extended result code (e.g. 2067 = SQLITE_CONSTRAINT_UNIQUE),
/// message() the sqlite3_errmsg text, sql() the statement text.
class error : public egret::database_error {
 public:
  error(int extended_code, std::string message, std::string sql, int offset = -1)
      : database_error(extended_code, std::move(message), std::move(sql)), offset_(offset) {}

  int extended_code() const noexcept { return code(); }
  /// The primary result code (SQLITE_ERROR, SQLITE_CONSTRAINT, SQLITE_BUSY, ...).
  int primary_code() const noexcept { return code() & 0xff; }
  /// Byte offset into sql() of the token SQLite blamed, or -1 when it did not say.
  int offset() const noexcept { return offset_; }

 private:
  int offset_;
};

/// A SQLITE_CONSTRAINT_* failure (UNIQUE, NOT NULL, CHECK, FOREIGN KEY, PRIMARY KEY, ...).
class constraint_error : public error {
 public:
  using error::error;
};

/// Throws the exception matching `rc` (constraint_error for the SQLITE_CONSTRAINT family, else error).
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_message(int rc, std::string message,
                                                                 std::string_view sql, int offset = -1) {
  if ((rc & 0xff) == SQLITE_CONSTRAINT) throw constraint_error(rc, std::move(message), std::string(sql), offset);
  throw error(rc, std::move(message), std::string(sql), offset);
}

/// Throws for a failed call on `db`, taking the message from the connection. Kept out of line and cold so
/// the check() on every bind/step stays a single predictable branch.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_error(sqlite3* db, int rc, std::string_view sql) {
  if (db == nullptr) throw_message(rc, sqlite3_errstr(rc), sql);
  // The connection's message only describes `rc` if it records the same failure; otherwise fall back to
  // the generic text so we never report a stale message from an earlier call.
  int const db_rc = sqlite3_extended_errcode(db);
  if ((db_rc & 0xff) != (rc & 0xff)) throw_message(rc, sqlite3_errstr(rc), sql);
  // Prefer the extended code even when the caller only saw the primary one (extended codes switched off).
  int const code = (rc & ~0xff) != 0 ? rc : db_rc;
#if SQLITE_VERSION_NUMBER >= 3038000
  int const offset = sqlite3_error_offset(db);
#else
  int const offset = -1;
#endif
  throw_message(code, sqlite3_errmsg(db), sql, offset);
}

/// Throws unless rc == SQLITE_OK.
inline void check(int rc, sqlite3* db, std::string_view sql) {
  if (rc != SQLITE_OK) [[unlikely]]
    throw_error(db, rc, sql);
}

}  // namespace egret::sqlite
