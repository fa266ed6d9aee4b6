// Defines egret::duckdb::appender, the move-only RAII owner of a duckdb_appender: DuckDB's bulk load, a row at a
// time into a table, with typed appends (duckdb_append_*), flushed into the table when closed.
#pragma once

#include <duckdb.h>

#include <egret/duckdb/error.hpp>
#include <egret/duckdb/temporal.hpp>
#include <egret/types/temporal.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace egret::duckdb {

class appender {
 public:
  /// An appender into `table` (a name, not quoted: DuckDB quotes it), in the connection's current transaction.
  appender(duckdb_connection con, std::string const& table) : table_(table) {
    if (duckdb_appender_create(con, nullptr, table_.c_str(), &a_) != DuckDBSuccess) {
      if (a_ == nullptr) throw_message(DUCKDB_ERROR_INVALID, "duckdb_appender_create failed", "appender on " + table_);
      fail_and_destroy();
    }
  }
  appender(appender&& o) noexcept : a_(std::exchange(o.a_, nullptr)), table_(std::move(o.table_)) {}
  appender& operator=(appender&&) = delete;
  appender(appender const&) = delete;
  appender& operator=(appender const&) = delete;
  /// Destroys without a word: rows appended but not flushed by close() are lost with it (an exception is
  /// unwinding, or close() was not called).
  ~appender() { destroy(); }

  void append(std::int32_t v) { check(duckdb_append_int32(a_, v)); }
  void append(std::int64_t v) { check(duckdb_append_int64(a_, v)); }
  void append(double v) { check(duckdb_append_double(a_, v)); }
  void append(bool v) { check(duckdb_append_bool(a_, v)); }
  void append(std::string_view v) { check(duckdb_append_varchar_length(a_, v.data() != nullptr ? v.data() : "", v.size())); }
  void append(egret::date v) {
    egret::require_valid(v);
    check(duckdb_append_date(a_, detail::to_duckdb(v)));
  }
  void append(egret::timestamp const& v) {
    egret::require_valid(v);
    check(duckdb_append_timestamp(a_, detail::to_duckdb(v)));
  }
  void append_null() { check(duckdb_append_null(a_)); }
  template <class T>
  void append(std::optional<T> const& v) {
    if (v)
      append(*v);
    else
      append_null();
  }
  /// Ends the row of the values appended since the last one (checks their count).
  void end_row() { check(duckdb_appender_end_row(a_)); }

  /// Appends a whole data chunk of rows (the table's column types, in order): DuckDB's fastest way in.
  void append_chunk(duckdb_data_chunk chunk) { check(duckdb_append_data_chunk(a_, chunk)); }

  std::size_t column_count() const noexcept { return static_cast<std::size_t>(duckdb_appender_column_count(a_)); }
  /// The type of the table's column `col` (a logical type the caller destroys with duckdb_destroy_logical_type).
  duckdb_logical_type column_type(std::size_t col) const noexcept {
    return duckdb_appender_column_type(a_, static_cast<idx_t>(col));
  }

  /// Flushes what was appended into the table (constraints are checked here) and closes. Throws
  /// egret::duckdb::error with DuckDB's message on failure.
  void close() {
    check(duckdb_appender_close(a_));
  }

 private:
  void check(duckdb_state s) {
    if (s != DuckDBSuccess) [[unlikely]]
      fail();
  }
  // The appender's error (duckdb_appender_error_data: its type and message).
  [[noreturn, gnu::cold, gnu::noinline]] void fail() const {
    duckdb_error_data e = duckdb_appender_error_data(a_);
    duckdb_error_type type = e != nullptr ? duckdb_error_data_error_type(e) : DUCKDB_ERROR_INVALID;
    char const* text = e != nullptr ? duckdb_error_data_message(e) : nullptr;
    std::string const m = text != nullptr ? text : "the DuckDB appender failed";
    if (e != nullptr) duckdb_destroy_error_data(&e);
    if (type == DUCKDB_ERROR_INVALID) type = detail::error_type_of_message(m);
    throw_message(type, m, "appender on " + table_);
  }
  [[noreturn, gnu::cold, gnu::noinline]] void fail_and_destroy() {
    try {
      fail();
    } catch (...) {
      destroy();
      throw;
    }
  }
  void destroy() noexcept {
    if (a_ != nullptr) duckdb_appender_destroy(&a_);
    a_ = nullptr;
  }

  duckdb_appender a_ = nullptr;
  std::string table_;
};

}  // namespace egret::duckdb
