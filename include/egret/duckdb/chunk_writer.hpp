// Defines egret::duckdb::chunk_writer: rows written straight into a DuckDB data chunk of a table's column types
// (the vectors' own memory, validity masks, duckdb_vector_assign_string_element_len), appended through an appender a
// full chunk at a time (duckdb_append_data_chunk): the bulk load without a call per value.
#pragma once

#include <duckdb.h>

#include <egret/duckdb/appender.hpp>
#include <egret/duckdb/temporal.hpp>
#include <egret/types/temporal.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace egret::duckdb {

class chunk_writer {
 public:
  /// Writes rows for `a`'s table; `types` are the DuckDB types the values will be written as, one per column, and
  /// must be the table's (see matches()).
  explicit chunk_writer(appender& a) : a_(a), capacity_(duckdb_vector_size()) {
    std::size_t const n = a.column_count();
    std::vector<duckdb_logical_type> types(n);
    for (std::size_t c = 0; c < n; ++c) types[c] = a.column_type(c);
    chunk_ = duckdb_create_data_chunk(types.data(), static_cast<idx_t>(n));
    for (auto& t : types) duckdb_destroy_logical_type(&t);
    cols_.resize(n);
    refresh();
  }
  chunk_writer(chunk_writer const&) = delete;
  chunk_writer& operator=(chunk_writer const&) = delete;
  ~chunk_writer() { duckdb_destroy_data_chunk(&chunk_); }

  /// Whether the table's column types are exactly `expected` (the types the values will be written as).
  static bool matches(appender& a, std::vector<duckdb_type> const& expected) {
    if (a.column_count() != expected.size()) return false;
    for (std::size_t c = 0; c < expected.size(); ++c) {
      duckdb_logical_type t = a.column_type(c);
      duckdb_type const id = duckdb_get_type_id(t);
      duckdb_destroy_logical_type(&t);
      if (id != expected[c]) return false;
    }
    return true;
  }

  void put(std::size_t col, std::int32_t v) noexcept { at<std::int32_t>(col) = v; }
  void put(std::size_t col, std::int64_t v) noexcept { at<std::int64_t>(col) = v; }
  void put(std::size_t col, double v) noexcept { at<double>(col) = v; }
  void put(std::size_t col, bool v) noexcept { at<bool>(col) = v; }
  void put(std::size_t col, egret::date v) { egret::require_valid(v); at<duckdb_date>(col) = detail::to_duckdb(v); }
  void put(std::size_t col, egret::timestamp const& v) {
    egret::require_valid(v);
    at<duckdb_timestamp>(col) = detail::to_duckdb(v);
  }
  /// Text is copied into the chunk.
  void put(std::size_t col, std::string_view v) noexcept {
    duckdb_vector_assign_string_element_len(cols_[col].vector, row_, v.data() != nullptr ? v.data() : "", v.size());
  }
  void put_null(std::size_t col) noexcept {
    column& c = cols_[col];
    if (c.validity == nullptr) {
      duckdb_vector_ensure_validity_writable(c.vector);
      c.validity = duckdb_vector_get_validity(c.vector);
    }
    c.validity[row_ >> 6] &= ~(std::uint64_t{1} << (row_ & 63));
  }

  /// Ends the row; a full chunk goes to the appender.
  void end_row() {
    if (++row_ == capacity_) flush();
  }
  /// Hands the rows written so far to the appender (the appender's close() then flushes them into the table).
  void flush() {
    if (row_ == 0) return;
    duckdb_data_chunk_set_size(chunk_, row_);
    a_.append_chunk(chunk_);
    duckdb_data_chunk_reset(chunk_);
    row_ = 0;
    refresh();
  }

 private:
  struct column {
    duckdb_vector vector = nullptr;
    void* data = nullptr;
    std::uint64_t* validity = nullptr;  // made writable at the first NULL of a chunk
  };
  template <class V>
  V& at(std::size_t col) noexcept {
    return static_cast<V*>(cols_[col].data)[row_];
  }
  void refresh() noexcept {
    for (std::size_t c = 0; c < cols_.size(); ++c) {
      cols_[c].vector = duckdb_data_chunk_get_vector(chunk_, static_cast<idx_t>(c));
      cols_[c].data = duckdb_vector_get_data(cols_[c].vector);
      cols_[c].validity = nullptr;
    }
  }

  appender& a_;
  idx_t const capacity_;
  duckdb_data_chunk chunk_ = nullptr;
  std::vector<column> cols_;
  idx_t row_ = 0;
};

}  // namespace egret::duckdb
