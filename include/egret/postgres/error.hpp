// Defines egret::postgres::error (and constraint_error): what the server refused, with its SQLSTATE, its
// message and the SQL text; and the helpers that raise them from a failed libpq call or result.
#pragma once

#include <libpq-fe.h>

#include <egret/core/error.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace egret::postgres {

/// The server (or libpq) refused something: sqlstate() is the five-character SQLSTATE ("23505" unique
/// violation, "42601" syntax error, "08006" connection failure...), message() the server's primary message
/// (with its DETAIL / HINT lines when it sent them), sql() the statement text. code() is the SQLSTATE as a
/// number: the five digits when it has only digits (23505), else 100000 + its base-36 value (42P01).
class error : public egret::database_error {
 public:
  error(std::string sqlstate, std::string message, std::string sql)
      : database_error(code_of(sqlstate), std::move(message), std::move(sql)), sqlstate_(std::move(sqlstate)) {}

  std::string const& sqlstate() const noexcept { return sqlstate_; }
  /// The SQLSTATE class, its first two characters ("23" integrity constraint violation).
  std::string_view sqlstate_class() const noexcept { return std::string_view(sqlstate_).substr(0, 2); }

  /// The number code() gives for a SQLSTATE.
  static int code_of(std::string_view sqlstate) noexcept {
    bool digits = sqlstate.size() == 5;
    int dec = 0, b36 = 0;
    for (char c : sqlstate) {
      int const v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 0;
      if (v > 9) digits = false;
      dec = dec * 10 + v;
      b36 = b36 * 36 + v;
    }
    return digits ? dec : 100000 + b36;
  }

 private:
  std::string sqlstate_;
};

/// An integrity constraint violation (SQLSTATE class 23: unique, foreign key, NOT NULL, CHECK).
class constraint_error : public error {
 public:
  using error::error;
};

namespace detail {

[[noreturn, gnu::cold, gnu::noinline]] inline void throw_error(std::string sqlstate, std::string message,
                                                               std::string_view sql) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (sqlstate.size() == 5 && sqlstate.compare(0, 2, "23") == 0)
    throw constraint_error(std::move(sqlstate), std::move(message), std::string(sql));
  throw error(std::move(sqlstate), std::move(message), std::string(sql));
}

/// Throws for a failed result (or a null one: libpq out of memory or a lost connection).
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_result_error(PGconn* c, PGresult const* r,
                                                                      std::string_view sql) {
  if (r == nullptr) throw_error("08006", c ? PQerrorMessage(c) : "no connection", sql);
  char const* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  char const* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
  std::string message = primary ? primary : PQresultErrorMessage(r);
  if (char const* d = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) message += std::string("\nDETAIL: ") + d;
  if (char const* h = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT)) message += std::string("\nHINT: ") + h;
  if (char const* x = PQresultErrorField(r, PG_DIAG_CONTEXT)) message += std::string("\nCONTEXT: ") + x;
  // No SQLSTATE: an error libpq raised itself (connection lost...).
  throw_error(state ? state : (c && PQstatus(c) == CONNECTION_BAD ? "08006" : "XX000"), std::move(message), sql);
}

}  // namespace detail

}  // namespace egret::postgres
