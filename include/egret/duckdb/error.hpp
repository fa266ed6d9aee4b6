// Defines egret::duckdb::error / constraint_error and the helpers that raise them from DuckDB's C API results.
#pragma once

#include <duckdb.h>

#include <egret/core/error.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace egret::duckdb {

/// DuckDB refused something: code() is DuckDB's duckdb_error_type (DUCKDB_ERROR_CATALOG, DUCKDB_ERROR_CONSTRAINT,
/// ...), message() DuckDB's text ("Catalog Error: Table with name x does not exist! ..."), sql() the statement.
class error : public egret::database_error {
 public:
  error(int code, std::string message, std::string sql) : database_error(code, std::move(message), std::move(sql)) {}

  /// The kind of error, as DuckDB's C API names it.
  duckdb_error_type error_type() const noexcept { return static_cast<duckdb_error_type>(code()); }
};

/// A DUCKDB_ERROR_CONSTRAINT failure (PRIMARY KEY, UNIQUE, NOT NULL, CHECK, FOREIGN KEY).
class constraint_error : public error {
 public:
  using error::error;
};

namespace detail {
/// The error type a message names by its prefix ("Parser Error: ...", "Binder Error: ..."): duckdb_prepare_error
/// gives only the text. DUCKDB_ERROR_INVALID when the prefix is not one of these.
inline duckdb_error_type error_type_of_message(std::string_view m) noexcept {
  struct prefix {
    std::string_view text;
    duckdb_error_type type;
  };
  static constexpr prefix prefixes[] = {
      {"Parser Error", DUCKDB_ERROR_PARSER},           {"Binder Error", DUCKDB_ERROR_BINDER},
      {"Catalog Error", DUCKDB_ERROR_CATALOG},         {"Conversion Error", DUCKDB_ERROR_CONVERSION},
      {"Constraint Error", DUCKDB_ERROR_CONSTRAINT},   {"Invalid Input Error", DUCKDB_ERROR_INVALID_INPUT},
      {"Not implemented Error", DUCKDB_ERROR_NOT_IMPLEMENTED}, {"Out of Range Error", DUCKDB_ERROR_OUT_OF_RANGE},
      {"Transaction Error", DUCKDB_ERROR_TRANSACTION}, {"Syntax Error", DUCKDB_ERROR_SYNTAX},
      {"IO Error", DUCKDB_ERROR_IO},                   {"Dependency Error", DUCKDB_ERROR_DEPENDENCY},
      {"Type Mismatch Error", DUCKDB_ERROR_MISMATCH_TYPE}, {"Invalid Error", DUCKDB_ERROR_INVALID},
  };
  for (prefix const& p : prefixes)
    if (m.starts_with(p.text)) return p.type;
  return DUCKDB_ERROR_INVALID;
}
}  // namespace detail

/// Throws the exception matching `type` (constraint_error for DUCKDB_ERROR_CONSTRAINT, else error).
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_message(duckdb_error_type type, std::string message,
                                                                 std::string_view sql) {
  if (type == DUCKDB_ERROR_CONSTRAINT) throw constraint_error(type, std::move(message), std::string(sql));
  throw error(type, std::move(message), std::string(sql));
}

/// Throws for a failed query or execution, with the error stored in `r`, which it destroys.
[[noreturn, gnu::cold, gnu::noinline]] inline void throw_result_error(duckdb_result& r, std::string_view sql) {
  char const* m = duckdb_result_error(&r);
  std::string message = m != nullptr ? m : "DuckDB reported an error without a message";
  duckdb_error_type type = duckdb_result_error_type(&r);
  duckdb_destroy_result(&r);
  if (type == DUCKDB_ERROR_INVALID) type = detail::error_type_of_message(message);
  throw_message(type, std::move(message), sql);
}

}  // namespace egret::duckdb
