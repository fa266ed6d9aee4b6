// Defines egret::duckdb::result, the move-only owner of one execution's duckdb_result, read a data chunk at a time
// (duckdb_fetch_chunk, duckdb_vector_get_data, validity masks: none of the deprecated value-by-value calls), and the
// typed reads of the current row's columns that fill egret's rows and users' structs.
#pragma once

#include <duckdb.h>

#include <egret/core/error.hpp>
#include <egret/duckdb/error.hpp>
#include <egret/duckdb/temporal.hpp>
#include <egret/types/temporal.hpp>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace egret::duckdb {

template <class Cols>
class cursor;

namespace detail {
template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;
template <class T>
inline constexpr bool dependent_false = false;

/// 10^n as a double, for DECIMAL scales (at most 38).
inline double power_of_ten(unsigned n) noexcept {
  double p = 1.0;
  while (n-- > 0) p *= 10.0;
  return p;
}
inline double hugeint_to_double(duckdb_hugeint h) noexcept {
  return static_cast<double>(h.upper) * 18446744073709551616.0 + static_cast<double>(h.lower);
}
/// DuckDB's name of a type, for messages.
inline std::string type_name(duckdb_type t) {
  switch (t) {
    case DUCKDB_TYPE_BOOLEAN: return "BOOLEAN";
    case DUCKDB_TYPE_TINYINT: return "TINYINT";
    case DUCKDB_TYPE_SMALLINT: return "SMALLINT";
    case DUCKDB_TYPE_INTEGER: return "INTEGER";
    case DUCKDB_TYPE_BIGINT: return "BIGINT";
    case DUCKDB_TYPE_UTINYINT: return "UTINYINT";
    case DUCKDB_TYPE_USMALLINT: return "USMALLINT";
    case DUCKDB_TYPE_UINTEGER: return "UINTEGER";
    case DUCKDB_TYPE_UBIGINT: return "UBIGINT";
    case DUCKDB_TYPE_FLOAT: return "FLOAT";
    case DUCKDB_TYPE_DOUBLE: return "DOUBLE";
    case DUCKDB_TYPE_TIMESTAMP: return "TIMESTAMP";
    case DUCKDB_TYPE_DATE: return "DATE";
    case DUCKDB_TYPE_TIME: return "TIME";
    case DUCKDB_TYPE_INTERVAL: return "INTERVAL";
    case DUCKDB_TYPE_HUGEINT: return "HUGEINT";
    case DUCKDB_TYPE_UHUGEINT: return "UHUGEINT";
    case DUCKDB_TYPE_VARCHAR: return "VARCHAR";
    case DUCKDB_TYPE_BLOB: return "BLOB";
    case DUCKDB_TYPE_DECIMAL: return "DECIMAL";
    case DUCKDB_TYPE_TIMESTAMP_S: return "TIMESTAMP_S";
    case DUCKDB_TYPE_TIMESTAMP_MS: return "TIMESTAMP_MS";
    case DUCKDB_TYPE_TIMESTAMP_NS: return "TIMESTAMP_NS";
    case DUCKDB_TYPE_TIMESTAMP_TZ: return "TIMESTAMP WITH TIME ZONE";
    case DUCKDB_TYPE_ENUM: return "ENUM";
    case DUCKDB_TYPE_LIST: return "LIST";
    case DUCKDB_TYPE_STRUCT: return "STRUCT";
    case DUCKDB_TYPE_MAP: return "MAP";
    case DUCKDB_TYPE_UUID: return "UUID";
    default: return "type " + std::to_string(static_cast<int>(t));
  }
}
inline bool hugeint_fits_int64(duckdb_hugeint h) noexcept {
  return h.upper == ((h.lower >> 63) != 0 ? -1 : 0);
}
}  // namespace detail

/// One execution's rows, materialized by DuckDB, read a chunk at a time. `next()` moves to the next row;
/// `read<T>(col)` reads column col of the current row (0-based) as T. A row's text (std::string_view) stays
/// valid until next() moves past the chunk holding it (at most 2048 rows, DuckDB's vector size).
class result {
 public:
  result() noexcept = default;
  /// Adopts `r` (a successful result) of the statement `sql`, shared with the statement and kept for error
  /// messages: the result may outlive the statement (evicted from the cache, or destroyed).
  result(duckdb_result r, std::shared_ptr<std::string const> sql) : r_(r), owns_(true), sql_(std::move(sql)) {
    std::size_t const n = duckdb_column_count(&r_);
    cols_.resize(n);
    for (std::size_t c = 0; c < n; ++c) {
      column& col = cols_[c];
      col.type = duckdb_column_type(&r_, c);
      if (col.type == DUCKDB_TYPE_DECIMAL) {
        duckdb_logical_type t = duckdb_column_logical_type(&r_, c);
        col.internal = duckdb_decimal_internal_type(t);
        col.scale = duckdb_decimal_scale(t);
        duckdb_destroy_logical_type(&t);
      }
    }
  }
  result(result&& o) noexcept
      : r_(o.r_), owns_(std::exchange(o.owns_, false)), sql_(std::move(o.sql_)), cols_(std::move(o.cols_)),
        chunk_(std::exchange(o.chunk_, nullptr)), size_(std::exchange(o.size_, 0)), row_(std::exchange(o.row_, 0)),
        started_(o.started_), done_(o.done_) {}
  result& operator=(result&& o) noexcept {
    if (this != &o) {
      release();
      r_ = o.r_;
      owns_ = std::exchange(o.owns_, false);
      sql_ = std::move(o.sql_);
      cols_ = std::move(o.cols_);
      chunk_ = std::exchange(o.chunk_, nullptr);
      size_ = std::exchange(o.size_, 0);
      row_ = std::exchange(o.row_, 0);
      started_ = o.started_;
      done_ = o.done_;
    }
    return *this;
  }
  result(result const&) = delete;
  result& operator=(result const&) = delete;
  ~result() { release(); }

  std::size_t column_count() const noexcept { return cols_.size(); }
  std::string_view column_name(int col) const noexcept {
    char const* n = owns_ ? duckdb_column_name(const_cast<duckdb_result*>(&r_), static_cast<idx_t>(col)) : nullptr;
    return n != nullptr ? std::string_view(n) : std::string_view();
  }
  /// The column's DuckDB type (DUCKDB_TYPE_BIGINT, DUCKDB_TYPE_VARCHAR, ...).
  duckdb_type column_type(int col) const noexcept { return cols_[static_cast<std::size_t>(col)].type; }
  /// Rows an INSERT, UPDATE or DELETE changed.
  std::int64_t rows_changed() noexcept { return owns_ ? static_cast<std::int64_t>(duckdb_rows_changed(&r_)) : 0; }
  std::string_view sql() const noexcept { return sql_ ? std::string_view(*sql_) : std::string_view(); }

  /// Moves to the next row (the first, on the first call); false at the end.
  bool next() {
    if (done_) return false;
    if (started_ && ++row_ < size_) [[likely]]
      return true;
    started_ = true;
    return next_chunk();
  }
  bool done() const noexcept { return done_; }

  bool is_null(int col) const noexcept {
    std::uint64_t const* v = cols_[static_cast<std::size_t>(col)].validity;
    return v != nullptr && ((v[row_ >> 6] >> (row_ & 63)) & 1) == 0;
  }

  /// Reads column `col` of the current row as T: std::int32_t, std::int64_t, double, bool, std::string_view (valid
  /// until the chunk changes), std::string, egret::date, egret::timestamp, or std::optional of one. A column of
  /// another DuckDB type is converted where no value is lost (any integer to std::int64_t when it fits, HUGEINT
  /// from SUM, DECIMAL and integers to double, DATE to timestamp); NULL into a non-optional T, a value that does not
  /// fit or a type that does not convert throws egret::type_error naming the column and the SQL.
  template <class T>
  [[gnu::always_inline]] T read(int col) const {
    if constexpr (detail::is_optional_v<T>) {
      if (is_null(col)) return std::nullopt;
      return T(std::in_place, read_valid<typename T::value_type>(col));  // NULL tested once
    } else {
      if (is_null(col)) [[unlikely]]
        column_error(col, "is NULL but the query's type says NOT NULL");
      return read_valid<T>(col);
    }
  }

  /// Reads column `col` of the current row, known not to be NULL, as T (read's conversions).
  template <class T>
  [[gnu::always_inline]] T read_valid(int col) const {
    {
      column const& c = cols_[static_cast<std::size_t>(col)];
      if constexpr (std::is_same_v<T, std::int64_t>) {
        if (c.type == DUCKDB_TYPE_BIGINT) [[likely]]  // the declared type: no conversion to choose
          return at<std::int64_t>(c);
        return read_integer(c, col);
      } else if constexpr (std::is_same_v<T, std::int32_t>) {
        if (c.type == DUCKDB_TYPE_INTEGER) [[likely]]
          return at<std::int32_t>(c);
        std::int64_t const v = read_integer(c, col);
        if (v < INT32_MIN || v > INT32_MAX) [[unlikely]]
          column_error(col, "holds " + std::to_string(v) + ", which does not fit a 32-bit INTEGER");
        return static_cast<std::int32_t>(v);
      } else if constexpr (std::is_same_v<T, double>) {
        if (c.type == DUCKDB_TYPE_DOUBLE) [[likely]]
          return at<double>(c);
        return read_double(c, col);
      } else if constexpr (std::is_same_v<T, bool>) {
        if (c.type == DUCKDB_TYPE_BOOLEAN) [[likely]]
          return at<bool>(c);
        return read_integer(c, col) != 0;
      } else if constexpr (std::is_same_v<T, std::string_view>) {
        if (c.type != DUCKDB_TYPE_VARCHAR && c.type != DUCKDB_TYPE_BLOB) [[unlikely]]
          wrong_type(col, "text");
        return text_at(c.data, row_);
      } else if constexpr (std::is_same_v<T, std::string>) {
        return std::string(read_valid<std::string_view>(col));
      } else if constexpr (std::is_same_v<T, egret::date>) {
        if (c.type != DUCKDB_TYPE_DATE) [[unlikely]]
          wrong_type(col, "a DATE");
        return date_from_days(at<duckdb_date>(c).days, col);
      } else if constexpr (std::is_same_v<T, egret::timestamp>) {
        return read_timestamp(c, col);
      } else {
        static_assert(detail::dependent_false<T>, "egret::duckdb::result::read: unsupported type");
      }
    }
  }

  /// Throws egret::type_error as `column <col> "<name>" <problem>; in SQL: <sql>`.
  [[noreturn, gnu::cold, gnu::noinline]] void column_error(int col, std::string_view problem) const {
    std::string msg = "column " + std::to_string(col);
    if (col < 0 || static_cast<std::size_t>(col) >= cols_.size()) {
      msg += " does not exist (the query has " + std::to_string(cols_.size()) + " columns)";
    } else {
      msg += " \"";
      msg += column_name(col);
      msg += "\" ";
      msg += problem;
    }
    msg += "; in SQL: ";
    msg += sql();
    throw egret::type_error(msg);
  }

 private:
  struct column {
    duckdb_type type = DUCKDB_TYPE_INVALID;
    duckdb_type internal = DUCKDB_TYPE_INVALID;  // a DECIMAL's storage type
    std::uint8_t scale = 0;                      // a DECIMAL's scale
    void const* data = nullptr;                  // the current chunk's vector data
    std::uint64_t const* validity = nullptr;     // its validity mask; nullptr: no NULL in the chunk
  };

  template <class V>
  V const& at(column const& c) const noexcept {
    return static_cast<V const*>(c.data)[row_];
  }

  static std::string_view text_at(void const* data, idx_t row) noexcept {
    duckdb_string_t const& s = static_cast<duckdb_string_t const*>(data)[row];
    std::uint32_t const n = s.value.inlined.length;
    return n <= 12 ? std::string_view(s.value.inlined.inlined, n) : std::string_view(s.value.pointer.ptr, n);
  }
  egret::date date_from_days(std::int32_t days, int col) const {
    if (days == INT32_MAX || days == -INT32_MAX) [[unlikely]]
      column_error(col, "holds an infinite DATE, which egret::date cannot hold");
    return egret::civil_from_days(days);
  }
  egret::timestamp timestamp_from(std::int64_t micros, int col) const {
    if (micros == INT64_MAX || micros == -INT64_MAX) [[unlikely]]
      column_error(col, "holds an infinite TIMESTAMP, which egret::timestamp cannot hold");
    return detail::timestamp_from_micros(micros);
  }

  // ---- the chunk-at-a-time reads of cursor::as<S>(): each column's vector taken once a chunk, its rows read with
  // no per-value test of the chunk's end or of the column's type ----------------------------------------------------
  template <class>
  friend class cursor;

  /// A column's vector in the current chunk.
  struct vector_ref {
    void const* data = nullptr;
    std::uint64_t const* validity = nullptr;  // nullptr: no NULL in the chunk
  };
  vector_ref vector_of(int col) const noexcept {
    column const& c = cols_[static_cast<std::size_t>(col)];
    return {c.data, c.validity};
  }
  idx_t row_index() const noexcept { return row_; }
  idx_t chunk_rows() const noexcept { return size_; }
  /// Makes `row` of the current chunk the current row.
  void seek(idx_t row) noexcept { row_ = row; }

  /// True when column col is of the DuckDB type that M (or an optional M's value type) reads as without conversion:
  /// fill<M> reads only such a column (the others go through read<M>, which converts). Column types do not change
  /// from chunk to chunk.
  template <class M>
  bool reads_directly(int col) const noexcept {
    if constexpr (detail::is_optional_v<M>) {
      return reads_directly<typename M::value_type>(col);
    } else {
      duckdb_type const t = cols_[static_cast<std::size_t>(col)].type;
      if constexpr (std::is_same_v<M, std::int64_t>) return t == DUCKDB_TYPE_BIGINT;
      else if constexpr (std::is_same_v<M, std::int32_t>) return t == DUCKDB_TYPE_INTEGER;
      else if constexpr (std::is_same_v<M, double>) return t == DUCKDB_TYPE_DOUBLE;
      else if constexpr (std::is_same_v<M, bool>) return t == DUCKDB_TYPE_BOOLEAN;
      else if constexpr (std::is_same_v<M, std::string_view> || std::is_same_v<M, std::string>)
        return t == DUCKDB_TYPE_VARCHAR || t == DUCKDB_TYPE_BLOB;
      else if constexpr (std::is_same_v<M, egret::date>) return t == DUCKDB_TYPE_DATE;
      else if constexpr (std::is_same_v<M, egret::timestamp>)
        return t == DUCKDB_TYPE_TIMESTAMP || t == DUCKDB_TYPE_TIMESTAMP_TZ;
      else return false;
    }
  }

  /// Reads row `row` of column col's vector v (a column reads_directly<M>) into m, as read<M>(col) on that row
  /// would: NULL is std::nullopt in an optional M and the same error in another; text is assigned into a
  /// std::string's buffer.
  template <class M>
  [[gnu::always_inline]] void fill(M& m, vector_ref v, idx_t row, int col) const {
    bool const valid = v.validity == nullptr || ((v.validity[row >> 6] >> (row & 63)) & 1) != 0;
    if constexpr (detail::is_optional_v<M>) {
      using V = typename M::value_type;
      if (!valid) {
        m.reset();
      } else if constexpr (std::is_same_v<V, std::string>) {
        std::string_view const s = text_at(v.data, row);
        if (m.has_value())
          m->assign(s);
        else
          m.emplace(s);
      } else {
        m = direct<V>(v, row, col);
      }
    } else {
      if (!valid) [[unlikely]]
        column_error(col, "is NULL but the query's type says NOT NULL");
      if constexpr (std::is_same_v<M, std::string>)
        m.assign(text_at(v.data, row));
      else
        m = direct<M>(v, row, col);
    }
  }

  template <class V>
  [[gnu::always_inline]] V direct(vector_ref v, idx_t row, int col) const {
    if constexpr (std::is_same_v<V, std::string_view>)
      return text_at(v.data, row);
    else if constexpr (std::is_same_v<V, egret::date>)
      return date_from_days(static_cast<duckdb_date const*>(v.data)[row].days, col);
    else if constexpr (std::is_same_v<V, egret::timestamp>)
      return timestamp_from(static_cast<std::int64_t const*>(v.data)[row], col);
    else
      return static_cast<V const*>(v.data)[row];
  }

  bool next_chunk() {
    while (true) {
      if (chunk_ != nullptr) duckdb_destroy_data_chunk(&chunk_);
      chunk_ = owns_ ? duckdb_fetch_chunk(r_) : nullptr;
      if (chunk_ == nullptr) {
        done_ = true;
        size_ = 0;
        row_ = 0;
        return false;
      }
      size_ = duckdb_data_chunk_get_size(chunk_);
      row_ = 0;
      if (size_ == 0) continue;
      for (std::size_t c = 0; c < cols_.size(); ++c) {
        duckdb_vector v = duckdb_data_chunk_get_vector(chunk_, c);
        cols_[c].data = duckdb_vector_get_data(v);
        cols_[c].validity = duckdb_vector_get_validity(v);
      }
      return true;
    }
  }

  std::int64_t read_integer(column const& c, int col) const {
    switch (c.type) {
      case DUCKDB_TYPE_BIGINT: return at<std::int64_t>(c);
      case DUCKDB_TYPE_INTEGER: return at<std::int32_t>(c);
      case DUCKDB_TYPE_SMALLINT: return at<std::int16_t>(c);
      case DUCKDB_TYPE_TINYINT: return at<std::int8_t>(c);
      case DUCKDB_TYPE_UTINYINT: return at<std::uint8_t>(c);
      case DUCKDB_TYPE_USMALLINT: return at<std::uint16_t>(c);
      case DUCKDB_TYPE_UINTEGER: return at<std::uint32_t>(c);
      case DUCKDB_TYPE_BOOLEAN: return at<bool>(c) ? 1 : 0;
      case DUCKDB_TYPE_UBIGINT: {
        std::uint64_t const v = at<std::uint64_t>(c);
        if (v > static_cast<std::uint64_t>(INT64_MAX)) [[unlikely]]
          column_error(col, "holds " + std::to_string(v) + ", which does not fit a 64-bit BIGINT");
        return static_cast<std::int64_t>(v);
      }
      case DUCKDB_TYPE_HUGEINT: {  // SUM of integers
        duckdb_hugeint const h = at<duckdb_hugeint>(c);
        if (!detail::hugeint_fits_int64(h)) [[unlikely]]
          column_error(col, "holds a HUGEINT that does not fit a 64-bit BIGINT");
        return static_cast<std::int64_t>(h.lower);
      }
      case DUCKDB_TYPE_DECIMAL:
        if (c.scale == 0) return decimal_unscaled(c, col);
        break;
      default: break;
    }
    wrong_type(col, "an integer");
  }

  std::int64_t decimal_unscaled(column const& c, int col) const {
    switch (c.internal) {
      case DUCKDB_TYPE_SMALLINT: return at<std::int16_t>(c);
      case DUCKDB_TYPE_INTEGER: return at<std::int32_t>(c);
      case DUCKDB_TYPE_BIGINT: return at<std::int64_t>(c);
      case DUCKDB_TYPE_HUGEINT: {
        duckdb_hugeint const h = at<duckdb_hugeint>(c);
        if (!detail::hugeint_fits_int64(h)) [[unlikely]]
          column_error(col, "holds a DECIMAL that does not fit a 64-bit integer");
        return static_cast<std::int64_t>(h.lower);
      }
      default: wrong_type(col, "a number");
    }
  }

  double read_double(column const& c, int col) const {
    switch (c.type) {
      case DUCKDB_TYPE_DOUBLE: return at<double>(c);
      case DUCKDB_TYPE_FLOAT: return at<float>(c);
      case DUCKDB_TYPE_HUGEINT: return detail::hugeint_to_double(at<duckdb_hugeint>(c));
      case DUCKDB_TYPE_DECIMAL: {
        double const unscaled = c.internal == DUCKDB_TYPE_HUGEINT ? detail::hugeint_to_double(at<duckdb_hugeint>(c))
                                                                  : static_cast<double>(decimal_unscaled(c, col));
        return unscaled / detail::power_of_ten(c.scale);
      }
      default: return static_cast<double>(read_integer(c, col));
    }
  }

  egret::timestamp read_timestamp(column const& c, int col) const {
    std::int64_t micros = 0;
    switch (c.type) {
      case DUCKDB_TYPE_TIMESTAMP:
      case DUCKDB_TYPE_TIMESTAMP_TZ: micros = at<std::int64_t>(c); break;
      case DUCKDB_TYPE_TIMESTAMP_S: micros = at<std::int64_t>(c) * 1'000'000; break;
      case DUCKDB_TYPE_TIMESTAMP_MS: micros = at<std::int64_t>(c) * 1'000; break;
      case DUCKDB_TYPE_TIMESTAMP_NS: {
        std::int64_t const ns = at<std::int64_t>(c);
        micros = ns / 1000 - (ns % 1000 < 0 ? 1 : 0);
        break;
      }
      case DUCKDB_TYPE_DATE: return egret::timestamp{read<egret::date>(col)};
      default: wrong_type(col, "a TIMESTAMP");
    }
    return timestamp_from(micros, col);
  }

  [[noreturn, gnu::cold, gnu::noinline]] void wrong_type(int col, std::string_view wanted) const {
    column_error(col, "is " + detail::type_name(cols_[static_cast<std::size_t>(col)].type) +
                          ", which does not read as " + std::string(wanted));
  }

  void release() noexcept {
    if (chunk_ != nullptr) duckdb_destroy_data_chunk(&chunk_);
    if (owns_) duckdb_destroy_result(&r_);
    owns_ = false;
  }

  duckdb_result r_{};
  bool owns_ = false;
  std::shared_ptr<std::string const> sql_;
  std::vector<column> cols_;
  duckdb_data_chunk chunk_ = nullptr;
  idx_t size_ = 0;  // rows in chunk_
  idx_t row_ = 0;   // the current row in chunk_
  bool started_ = false;
  bool done_ = false;
};

}  // namespace egret::duckdb
