// Defines egret::duckdb::statement, the move-only RAII owner of a duckdb_prepared_statement, with typed binds
// (duckdb_bind_*) and execution into a result.
#pragma once

#include <duckdb.h>

#include <egret/backend/bind_convenience.hpp>
#include <egret/backend/type_traits.hpp>
#include <egret/core/error.hpp>
#include <egret/duckdb/error.hpp>
#include <egret/duckdb/result.hpp>
#include <egret/duckdb/temporal.hpp>
#include <egret/types/temporal.hpp>

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace egret::duckdb {

namespace detail {
using backend::other_integer;  // backend/type_traits.hpp
}  // namespace detail

class statement : public backend::bind_convenience<statement> {
 public:
  statement() noexcept = default;

  /// Prepares one statement (duckdb_prepare). Throws egret::duckdb::error carrying the SQL when DuckDB rejects it.
  statement(duckdb_connection con, std::string_view sql) : sql_(std::make_shared<std::string const>(sql)) {
    if (con == nullptr) throw_message(DUCKDB_ERROR_CONNECTION, "no connection to prepare on", sql);
    std::string const& text = *sql_;
    if (auto const at = text.find('\0'); at != std::string::npos) [[unlikely]]  // duckdb_prepare reads a C string
      throw_message(DUCKDB_ERROR_INVALID_INPUT,
                    "the SQL text holds a NUL byte at offset " + std::to_string(at) +
                        " (in a name chosen at run time, such as a dyn::as alias): DuckDB would read the text only up "
                        "to it; nothing was prepared",
                    text.substr(0, at));
    if (duckdb_prepare(con, text.c_str(), &stmt_) != DuckDBSuccess) {
      char const* m = stmt_ != nullptr ? duckdb_prepare_error(stmt_) : nullptr;
      std::string message = m != nullptr ? m : "duckdb_prepare failed";
      duckdb_destroy_prepare(&stmt_);
      stmt_ = nullptr;
      duckdb_error_type const type = detail::error_type_of_message(message);  // before message is moved from
      throw_message(type, std::move(message), text);
    }
  }
  statement(statement&& o) noexcept : stmt_(std::exchange(o.stmt_, nullptr)), sql_(std::move(o.sql_)) {}
  statement& operator=(statement&& o) noexcept {
    if (this != &o) {
      if (stmt_ != nullptr) duckdb_destroy_prepare(&stmt_);
      stmt_ = std::exchange(o.stmt_, nullptr);
      sql_ = std::move(o.sql_);
    }
    return *this;
  }
  statement(statement const&) = delete;
  statement& operator=(statement const&) = delete;
  ~statement() {
    if (stmt_ != nullptr) duckdb_destroy_prepare(&stmt_);
  }

  duckdb_prepared_statement get() const noexcept { return stmt_; }
  explicit operator bool() const noexcept { return stmt_ != nullptr; }
  /// The SQL text as prepared.
  std::string_view sql() const noexcept { return sql_ ? std::string_view(*sql_) : std::string_view(); }
  int parameter_count() const noexcept { return static_cast<int>(duckdb_nparams(stmt_)); }

  // ---- binding (1-based parameter index) ---------------------------------------------------------------

  // std::string, char const* (a null pointer binds NULL), std::nullopt and std::optional<T>.
  using backend::bind_convenience<statement>::bind;
  void bind(int index, std::int32_t v) { check_bind(duckdb_bind_int32(stmt_, at(index), v), index); }
  void bind(int index, std::int64_t v) { check_bind(duckdb_bind_int64(stmt_, at(index), v), index); }
  void bind(int index, double v) { check_bind(duckdb_bind_double(stmt_, at(index), v), index); }
  void bind(int index, bool v) { check_bind(duckdb_bind_boolean(stmt_, at(index), v), index); }
  template <detail::other_integer T>
  void bind(int index, T v) {
    check_bind(duckdb_bind_int64(stmt_, at(index), static_cast<std::int64_t>(v)), index);
  }
  /// Text is copied by DuckDB; its length is given, so it may hold NUL bytes. Text that is not UTF-8 is refused.
  void bind(int index, std::string_view v) {
    char const* p = v.data() != nullptr ? v.data() : "";
    check_bind(duckdb_bind_varchar_length(stmt_, at(index), p, v.size()), index);
  }
  void bind(int index, egret::date v) {
    egret::require_valid(v);
    check_bind(duckdb_bind_date(stmt_, at(index), detail::to_duckdb(v)), index);
  }
  void bind(int index, egret::timestamp const& v) {
    egret::require_valid(v);
    check_bind(duckdb_bind_timestamp(stmt_, at(index), detail::to_duckdb(v)), index);
  }
  void bind_null(int index) { check_bind(duckdb_bind_null(stmt_, at(index)), index); }

  /// Sets every parameter back to unbound.
  void clear_bindings() noexcept { duckdb_clear_bindings(stmt_); }

  // ---- execution ---------------------------------------------------------------------------------------

  /// Runs the statement with the values bound; its rows (all of them: DuckDB materializes the result). Throws
  /// egret::duckdb::error (constraint_error for a constraint) with the SQL on failure.
  duckdb::result execute() {
    duckdb_result r;
    if (duckdb_execute_prepared(stmt_, &r) != DuckDBSuccess) [[unlikely]]
      throw_result_error(r, *sql_);
    return duckdb::result(r, sql_);
  }

 private:
  static idx_t at(int index) noexcept { return static_cast<idx_t>(index); }
  void check_bind(duckdb_state s, int index) const {
    if (s != DuckDBSuccess) [[unlikely]]
      bind_failed(index);
  }
  [[noreturn, gnu::cold, gnu::noinline]] void bind_failed(int index) const {
    int const n = static_cast<int>(duckdb_nparams(stmt_));
    std::string why = index < 1 || index > n ? "the statement has " + std::to_string(n) + " parameters"
                                             : "DuckDB refused the value (text that is not valid UTF-8?)";
    throw_message(DUCKDB_ERROR_INVALID_INPUT, "cannot bind parameter " + std::to_string(index) + ": " + why, sql());
  }

  duckdb_prepared_statement stmt_ = nullptr;
  std::shared_ptr<std::string const> sql_;  // shared with the results, which may outlive the statement
};

}  // namespace egret::duckdb
