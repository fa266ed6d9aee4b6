// Defines egret::mysql::error, what the MySQL / MariaDB backend throws when the server or the client library
// refuses something: the server's error number (1062 duplicate key, 1064 syntax...), its SQLSTATE, message
// and the SQL text.
#pragma once

#include <mysql.h>

#include <string>
#include <string_view>
#include <utility>

#include <egret/core/error.hpp>

namespace egret::mysql {

/// The server (or the client library) refused something: code() is the error number (ER_DUP_ENTRY = 1062,
/// ER_PARSE_ERROR = 1064, client errors 2000 and up), sqlstate() the five-character SQLSTATE ("23000",
/// "42000"), message() the server's text, sql() the statement.
class error : public egret::database_error {
 public:
  error(unsigned number, std::string sqlstate, std::string message, std::string sql)
      : database_error(static_cast<int>(number), std::move(message), std::move(sql)), sqlstate_(std::move(sqlstate)) {}

  /// The server's error number (same as code()).
  unsigned error_number() const noexcept { return static_cast<unsigned>(code()); }
  /// The SQLSTATE: "23000" for integrity constraint violations, "42000" for syntax errors and access rules...
  std::string const& sqlstate() const noexcept { return sqlstate_; }
  /// Whether this is an integrity constraint violation (SQLSTATE class 23: duplicate key, NOT NULL, foreign key).
  bool is_constraint_violation() const noexcept { return sqlstate_.size() >= 2 && sqlstate_.compare(0, 2, "23") == 0; }

 private:
  std::string sqlstate_;
};

namespace detail {
/// Throws the connection's last error.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_error(MYSQL* db, std::string_view sql) {
  throw error(mysql_errno(db), mysql_sqlstate(db), mysql_error(db), std::string(sql));
}
/// Throws a statement's last error.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_error(MYSQL_STMT* s, std::string_view sql) {
  throw error(mysql_stmt_errno(s), mysql_stmt_sqlstate(s), mysql_stmt_error(s), std::string(sql));
}
}  // namespace detail

}  // namespace egret::mysql
