// Defines egret's exception hierarchy, shared by every stage and backend.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace egret {

/// Base of every exception egret throws.
class error : public std::runtime_error {
 public:
  explicit error(std::string const& what) : std::runtime_error(what) {}
};

/// An engine refused a statement: carries the engine's code, its message and the SQL text.
class database_error : public error {
 public:
  database_error(int code, std::string message, std::string sql)
      : error(compose(code, message, sql)), code_(code), message_(std::move(message)), sql_(std::move(sql)) {}

  /// The engine's own error code (SQLite extended result code, SQLSTATE-derived code, server errno).
  int code() const noexcept { return code_; }
  /// The engine's message, unchanged.
  std::string const& message() const noexcept { return message_; }
  /// The SQL text that failed; empty when the failure was not tied to a statement (e.g. opening).
  std::string const& sql() const noexcept { return sql_; }

 private:
  static std::string compose(int code, std::string const& message, std::string const& sql) {
    std::string s = "database error " + std::to_string(code) + ": " + message;
    if (!sql.empty()) s += "\n  in SQL: " + sql;
    return s;
  }
  int code_;
  std::string message_;
  std::string sql_;
};

/// Bad input while loading a file (CSV, .tbl): names the file, the 1-based line and column.
class load_error : public error {
 public:
  load_error(std::string file, std::size_t line, std::size_t column, std::string reason)
      : error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + reason),
        file_(std::move(file)), line_(line), column_(column), reason_(std::move(reason)) {}

  std::string const& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  std::string const& reason() const noexcept { return reason_; }

 private:
  std::string file_;
  std::size_t line_;
  std::size_t column_;
  std::string reason_;
};

/// A value read from the database does not fit the C++ type the query promised (e.g. NULL in a NOT NULL column).
class type_error : public error {
 public:
  using error::error;
};

}  // namespace egret
