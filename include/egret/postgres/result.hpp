// Defines egret::postgres::result, the move-only owner of a PGresult, and the row source that reads its
// fields into the C++ types egret declares. A value is converted according to the column's type OID and the
// result's format (text or binary), so that NUMERIC (SUM of a BIGINT), INTEGER (a COUNT the server narrowed),
// REAL and the rest read into whatever C++ type the query's columns say.
#pragma once

#include <libpq-fe.h>

#include <egret/backend/column_error.hpp>
#include <egret/backend/type_traits.hpp>
#include <egret/core/error.hpp>
#include <egret/core/type_list.hpp>
#include <egret/postgres/error.hpp>
#include <egret/types/temporal.hpp>

#include <array>
#include <bit>
#include <charconv>
#include <climits>
#include <limits>
#include <memory>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace egret::postgres {

/// How result rows travel: as text (the server formats, the client parses) or in the binary wire format
/// (fixed-width big-endian numbers, dates as day counts). Both read into the same C++ types; binary is the
/// default (faster, see docs/postgres.md).
enum class result_format : int { text = 0, binary = 1 };

/// The type OIDs egret reads (pg_type.oid, fixed for built-in types).
namespace oid {
inline constexpr Oid bool_ = 16, bytea = 17, name = 19, int8 = 20, int2 = 21, int4 = 23, text = 25, oid = 26,
                     json = 114, float4 = 700, float8 = 701, unknown = 705, bpchar = 1042, varchar = 1043,
                     date = 1082, time = 1083, timestamp = 1114, timestamptz = 1184, numeric = 1700;
}  // namespace oid

namespace detail {

using backend::is_optional_v;  // backend/type_traits.hpp
using backend::unoptional;
using egret::dependent_false;  // core/type_list.hpp

/// The type and format of a result column.
struct column_info {
  Oid type = 0;
  Oid binary_type = 0;  // type if the column's values are binary, else 0 (a server never sends OID 0)
};
inline constexpr unsigned described_columns = 16;
/// What the results of one prepared statement look like (its columns' types and formats, for the first
/// described_columns), the same for every execution: PostgreSQL fails an execution whose result types would
/// change ("cached plan must not change result type", which prepares the statement again) rather than change
/// them. Kept by the statement cache so that a result need not ask libpq for them each time; cols -1: not yet.
struct result_description {
  int cols = -1;
  int binary = -1;  // PQbinaryTuples of the results described
  std::array<column_info, described_columns> info{};
};

/// Days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for binary dates and timestamps.
inline constexpr std::int64_t pg_epoch_days = 10957;
inline constexpr std::int64_t usecs_per_day = 86'400'000'000;

/// A big-endian (network order) integer of sizeof(U) bytes at p, which need not be aligned.
template <class U>
U load_be(char const* p) noexcept {
  static_assert(std::is_integral_v<U> && (sizeof(U) == 1 || sizeof(U) == 2 || sizeof(U) == 4 || sizeof(U) == 8));
  static_assert(std::endian::native == std::endian::little || std::endian::native == std::endian::big);
  using W = std::make_unsigned_t<U>;
  W v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::little) {
    if constexpr (sizeof(W) == 8)
      v = __builtin_bswap64(v);
    else if constexpr (sizeof(W) == 4)
      v = __builtin_bswap32(v);
    else if constexpr (sizeof(W) == 2)
      v = __builtin_bswap16(v);
  }
  return static_cast<U>(v);
}

/// Where, from the start of a PGresult, libpq keeps the empty string that PQgetvalue returns for every NULL
/// field of that result (libpq points a NULL field's value at it, and a value that is not NULL at bytes of its
/// own), so that one PQgetvalue tells a NULL from a value without PQgetisnull or PQgetlength; -1 when this
/// libpq does not behave so. Found once per process, through libpq's public calls, on two results of its own:
/// the same offset for both, within the struct, and a value not at it.
inline std::ptrdiff_t null_value_offset() noexcept {
  static std::ptrdiff_t const offset = [] () noexcept -> std::ptrdiff_t {
    auto probe = []() noexcept -> std::ptrdiff_t {
      PGresult* r = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
      if (r == nullptr) return -1;
      char name[] = "x";
      PGresAttDesc d{};
      d.name = name;
      d.format = 1;
      d.typid = 20;
      d.typlen = 8;
      d.atttypmod = -1;
      char value[] = "12345678";
      std::ptrdiff_t at = -1;
      if (PQsetResultAttrs(r, 1, &d) && PQsetvalue(r, 0, 0, nullptr, -1) && PQsetvalue(r, 1, 0, value, 8) &&
          PQgetisnull(r, 0, 0) == 1 && PQgetisnull(r, 1, 0) == 0) {
        auto const base = reinterpret_cast<std::uintptr_t>(r);
        auto const null_at = reinterpret_cast<std::uintptr_t>(PQgetvalue(r, 0, 0));
        auto const value_at = reinterpret_cast<std::uintptr_t>(PQgetvalue(r, 1, 0));
        if (null_at > base && null_at - base < 4096 && value_at != null_at)
          at = static_cast<std::ptrdiff_t>(null_at - base);
      }
      PQclear(r);
      return at;
    };
    std::ptrdiff_t const a = probe();
    std::ptrdiff_t const b = probe();
    return a == b ? a : -1;
  }();
  return offset;
}

/// Whether the fast NULL test (null_value_offset) is confirmed on a real server result: 0 not yet, 1 yes, -1 no.
/// The probe above runs on results libpq made itself (PQsetvalue); the first connection of the process also
/// checks a result the server sent (connection's constructor, confirm_null_value_offset), so that a libpq that
/// points server NULLs elsewhere, or an empty string at the same place, reads through PQgetisnull as before.
inline std::atomic<signed char>& null_value_offset_state() noexcept {
  static std::atomic<signed char> state{0};
  return state;
}

inline bool is_text_oid(Oid t) noexcept {
  return t == oid::text || t == oid::varchar || t == oid::bpchar || t == oid::name || t == oid::unknown ||
         t == oid::json;
}

/// A binary NUMERIC written as decimal text ("-12.50", "NaN", "Infinity"); false if malformed.
inline bool numeric_binary_to_text(char const* p, int len, std::string& out) {
  if (len < 8) return false;
  int const ndigits = load_be<std::int16_t>(p);
  int const weight = load_be<std::int16_t>(p + 2);
  unsigned const sign = load_be<std::uint16_t>(p + 4);
  int const dscale = load_be<std::int16_t>(p + 6);
  if (ndigits < 0 || len < 8 + 2 * ndigits) return false;
  out.clear();
  if (sign == 0xC000) return out.assign("NaN"), true;
  if (sign == 0xD000) return out.assign("Infinity"), true;
  if (sign == 0xF000) return out.assign("-Infinity"), true;
  if (sign == 0x4000) out.push_back('-');
  auto digit = [&](int i) -> int { return i >= 0 && i < ndigits ? load_be<std::int16_t>(p + 8 + 2 * i) : 0; };
  // Integer part: base-10000 digits 0 .. weight.
  if (weight < 0) {
    out.push_back('0');
  } else {
    for (int i = 0; i <= weight; ++i) {
      char buf[5];
      int d = digit(i);
      for (int k = 3; k >= 0; --k, d /= 10) buf[k] = static_cast<char>('0' + d % 10);
      int skip = 0;
      if (i == 0)
        while (skip < 3 && buf[skip] == '0') ++skip;
      out.append(buf + skip, buf + 4);
    }
  }
  if (dscale > 0) {
    out.push_back('.');
    int written = 0;
    for (int i = weight + 1; written < dscale; ++i) {
      int d = digit(i);
      char buf[4];
      for (int k = 3; k >= 0; --k, d /= 10) buf[k] = static_cast<char>('0' + d % 10);
      for (int k = 0; k < 4 && written < dscale; ++k, ++written) out.push_back(buf[k]);
    }
  }
  return true;
}

/// Decimal text to an integer: "42", "-7", and NUMERIC's "42.000" (a fraction must be zero).
template <class I>
bool parse_integer_text(std::string_view s, I& out) {
  std::size_t const dot = s.find('.');
  std::string_view const whole = s.substr(0, dot);
  if (dot != std::string_view::npos)
    for (char c : s.substr(dot + 1))
      if (c != '0') return false;
  std::int64_t v = 0;
  auto const r = std::from_chars(whole.data(), whole.data() + whole.size(), v);
  if (r.ec != std::errc() || r.ptr != whole.data() + whole.size() || whole.empty()) return false;
  if (v < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
      v > static_cast<std::int64_t>(std::numeric_limits<I>::max()))
    return false;
  out = static_cast<I>(v);
  return true;
}

inline bool parse_double_text(std::string_view s, double& out) {
  if (s == "Infinity") return out = std::numeric_limits<double>::infinity(), true;
  if (s == "-Infinity") return out = -std::numeric_limits<double>::infinity(), true;
  auto const r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace detail

/// Owns one PGresult (PQclear on destruction) and reads its fields: the row source of cursors
/// (`read<T>(col)` on the current row, see relation/read_row.hpp).
class result {
 public:
  result() noexcept = default;
  result(PGresult* r, std::string_view sql) noexcept : r_(r), sql_(sql) {
    rows_ = r ? PQntuples(r) : 0;
    cols_ = r ? PQnfields(r) : 0;
    if (rows_ > 0) describe();
  }
  /// Keeps the SQL text alive with the result (a statement cache may drop its statement while a cursor reads).
  result(PGresult* r, std::shared_ptr<std::string const> sql) noexcept : result(r, std::string_view(*sql)) {
    keep_ = std::move(sql);
  }
  /// The same, for a result of a statement whose results look like `known` (same column count and format:
  /// its description is taken from there) or, the first time, are described here and kept in `known`.
  result(PGresult* r, std::shared_ptr<std::string const> const& sql, detail::result_description& known) noexcept
      : r_(r), sql_(*sql), keep_(sql), info_(known.info) {
    rows_ = r ? PQntuples(r) : 0;
    cols_ = r ? PQnfields(r) : 0;
    if (rows_ > 0) {
      if (known.cols == cols_ && known.binary == PQbinaryTuples(r)) [[likely]] {
        set_null();  // and info_ is known.info
      } else {
        describe();
        known.cols = cols_;
        known.binary = PQbinaryTuples(r);
        known.info = info_;
      }
    }
  }
  result(result&& o) noexcept
      : r_(std::exchange(o.r_, nullptr)), sql_(o.sql_), keep_(std::move(o.keep_)), rows_(std::exchange(o.rows_, 0)),
        cols_(o.cols_), row_(o.row_), null_(o.null_), info_(o.info_) {}
  result& operator=(result&& o) noexcept {
    if (this != &o) {
      if (r_) PQclear(r_);
      r_ = std::exchange(o.r_, nullptr);
      sql_ = o.sql_;
      keep_ = std::move(o.keep_);
      rows_ = std::exchange(o.rows_, 0);
      cols_ = o.cols_;
      row_ = o.row_;
      null_ = o.null_;
      info_ = o.info_;
    }
    return *this;
  }
  result(result const&) = delete;
  result& operator=(result const&) = delete;
  ~result() {
    if (r_) PQclear(r_);
  }

  PGresult* get() const noexcept { return r_; }
  std::string_view sql() const noexcept { return sql_; }
  int row_count() const noexcept { return rows_; }
  int column_count() const noexcept { return cols_; }
  std::string_view column_name(int col) const noexcept {
    char const* n = r_ ? PQfname(r_, col) : nullptr;
    return n ? std::string_view(n) : std::string_view();
  }
  Oid column_type(int col) const noexcept { return PQftype(r_, col); }

  /// The row read() reads (0-based).
  int current_row() const noexcept { return row_; }
  void set_row(int row) noexcept { row_ = row; }

  bool is_null(int col) const noexcept {
    return (!null_ || PQgetvalue(r_, row_, col) == null_) && PQgetisnull(r_, row_, col) != 0;
  }

  /// Reads column `col` of the current row as T: std::int32_t, std::int64_t, double, bool, std::string_view
  /// (valid as long as the result), std::string, egret::date, egret::timestamp, or std::optional of one of
  /// them. The server's type is converted: any integer type or an integral NUMERIC into an integer, any
  /// number into a double, DATE / TIMESTAMP into egret::date / egret::timestamp. NULL into a non-optional
  /// T, a value that does not fit T, or an unconvertible type throws egret::type_error naming the column.
  template <class T>
  T read(int col) const {
    if constexpr (detail::is_optional_v<T>) {
      if (col >= cols_) [[unlikely]]
        column_error(col, "");
      if ((!null_ || PQgetvalue(r_, row_, col) == null_) && PQgetisnull(r_, row_, col) != 0) return std::nullopt;
      return T(std::in_place, read<typename T::value_type>(col));
    } else {
      if (col >= cols_) [[unlikely]]
        column_error(col, "");
      // The common cases here: a text value, or a binary value of the type T reads without conversion. One
      // PQgetvalue tells a NULL (the result's null_) from a value; a binary value of a fixed-width type has its
      // type's width (PostgreSQL's send functions write it so: int8send 8 bytes, date_send 4, ...), so its
      // length is looked up only where libpq hides its NULLs (null_ unknown). Everything else (text results of
      // other types, conversions between types, NULL, infinite dates, errors) goes the general way.
      if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>) {
        if (Oid const t = binary_type(col); t == 0 || detail::is_text_oid(t)) [[likely]] {
          char const* const p = PQgetvalue(r_, row_, col);
          if (p == null_ && PQgetisnull(r_, row_, col)) [[unlikely]]  // asked only of a field at the NULL value
            null_error(col);
          int const len = PQgetlength(r_, row_, col);
          if (!null_ && len == 0 && PQgetisnull(r_, row_, col)) [[unlikely]]
            null_error(col);
          return T(p, static_cast<std::size_t>(len));
        }
      } else if constexpr (std::is_same_v<T, std::int64_t>) {
        if (binary_type(col) == oid::int8) [[likely]]
          if (char const* const p = fixed_value(col, 8)) [[likely]]
            return detail::load_be<std::int64_t>(p);
      } else if constexpr (std::is_same_v<T, std::int32_t>) {
        if (binary_type(col) == oid::int4) [[likely]]
          if (char const* const p = fixed_value(col, 4)) [[likely]]
            return detail::load_be<std::int32_t>(p);
      } else if constexpr (std::is_same_v<T, double>) {
        if (binary_type(col) == oid::float8) [[likely]]
          if (char const* const p = fixed_value(col, 8)) [[likely]]
            return std::bit_cast<double>(detail::load_be<std::uint64_t>(p));
      } else if constexpr (std::is_same_v<T, bool>) {
        if (binary_type(col) == oid::bool_) [[likely]]
          if (char const* const p = fixed_value(col, 1)) [[likely]]
            return p[0] != 0;
      } else if constexpr (std::is_same_v<T, egret::date>) {
        if (binary_type(col) == oid::date) [[likely]] {
          if (char const* const p = fixed_value(col, 4)) [[likely]] {
            std::int32_t const days = detail::load_be<std::int32_t>(p);
            if (days != INT32_MAX && days != INT32_MIN) [[likely]]
              return civil_from_days(days + detail::pg_epoch_days);
          }
        }
      } else if constexpr (!std::is_same_v<T, egret::timestamp>) {
        static_assert(detail::dependent_false<T>, "egret: postgres::result::read: unsupported C++ type");
      }
      return read_general<T>(col, type_of(col), binary(col));
    }
  }

  /// Whether read_checked<T>(col) may read column `col` of every row: the column exists and its values are
  /// of the form T reads without conversion (binary BIGINT for std::int64_t, INTEGER for std::int32_t, DOUBLE
  /// PRECISION for double, BOOLEAN for bool, DATE for egret::date, a text type (or text format) for text, each
  /// also for std::optional of it), and one PQgetvalue tells this result's NULLs. The same for every row of
  /// the result: a cursor asks once, then reads each row with read_checked.
  template <class T>
  bool checked_readable(int col) const noexcept {
    using U = typename detail::unoptional<T>::type;
    if (null_ == nullptr || col < 0 || col >= cols_ || static_cast<unsigned>(col) >= cached_columns) return false;
    Oid const t = info_[static_cast<unsigned>(col)].binary_type;
    if constexpr (std::is_same_v<U, std::string_view> || std::is_same_v<U, std::string>) return t == 0 || detail::is_text_oid(t);
    else if constexpr (std::is_same_v<U, std::int64_t>) return t == oid::int8;
    else if constexpr (std::is_same_v<U, std::int32_t>) return t == oid::int4;
    else if constexpr (std::is_same_v<U, double>) return t == oid::float8;
    else if constexpr (std::is_same_v<U, bool>) return t == oid::bool_;
    else if constexpr (std::is_same_v<U, egret::date>) return t == oid::date;
    else return false;  // egret::timestamp: read<T>
  }

  /// read<T>(col) for a column checked_readable<T>(col) said yes to: the same value, the same errors (NULL
  /// into a non-optional T, an infinite DATE), without looking at the column's type again.
  template <class T>
  [[gnu::always_inline]] T read_checked(int col) const {
    if constexpr (std::is_same_v<typename detail::unoptional<T>::type, egret::timestamp>) {
      return read<T>(col);  // (not reached: checked_readable says no)
    } else {
      char const* const p = PQgetvalue(r_, row_, col);
      if constexpr (detail::is_optional_v<T>) {
        if (p == null_ && PQgetisnull(r_, row_, col)) return std::nullopt;
        return T(std::in_place, decode_checked<typename T::value_type>(p, col));
      } else {
        if (p == null_ && PQgetisnull(r_, row_, col)) [[unlikely]]
          null_error(col);
        return decode_checked<T>(p, col);
      }
    }
  }


  /// Throws egret::type_error as `column <col> "<name>" <problem>; in SQL: <sql>`.
  [[noreturn, gnu::cold, gnu::noinline]] void column_error(int col, std::string_view problem) const {
    backend::throw_column_error(*this, col, problem);
  }

 private:
  template <class T>
  [[gnu::always_inline]] T decode_checked(char const* p, int col) const {
    if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>) {
      return T(p, static_cast<std::size_t>(PQgetlength(r_, row_, col)));
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      return detail::load_be<std::int64_t>(p);
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
      return detail::load_be<std::int32_t>(p);
    } else if constexpr (std::is_same_v<T, double>) {
      return std::bit_cast<double>(detail::load_be<std::uint64_t>(p));
    } else if constexpr (std::is_same_v<T, bool>) {
      return p[0] != 0;
    } else {
      static_assert(std::is_same_v<T, egret::date>);
      std::int32_t const days = detail::load_be<std::int32_t>(p);
      if (days == INT32_MAX || days == INT32_MIN) [[unlikely]]
        column_error(col, "holds an infinite DATE");
      return civil_from_days(days + detail::pg_epoch_days);
    }
  }

  // The value of a binary field of a fixed-width type (`width` bytes), or null for a NULL (or, null_ unknown,
  // a value of another length): read<T> then goes the general way, which says which.
  [[gnu::always_inline]] char const* fixed_value(int col, int width) const noexcept {
    char const* const p = PQgetvalue(r_, row_, col);
    if (null_) return p != null_ ? p : nullptr;
    return PQgetlength(r_, row_, col) == width ? p : nullptr;
  }

  // The column's type OID if its values are binary, else 0: one test for "binary, of type t". These and
  // type_of / binary come from the result's description, read once when it was made (for the first
  // cached_columns columns; libpq is asked for the others).
  Oid binary_type(int col) const noexcept {
    if (static_cast<unsigned>(col) < cached_columns) return info_[static_cast<unsigned>(col)].binary_type;
    return PQfformat(r_, col) == 1 ? PQftype(r_, col) : Oid{0};
  }
  Oid type_of(int col) const noexcept {
    return static_cast<unsigned>(col) < cached_columns ? info_[static_cast<unsigned>(col)].type : PQftype(r_, col);
  }
  bool binary(int col) const noexcept {
    return static_cast<unsigned>(col) < cached_columns ? info_[static_cast<unsigned>(col)].binary_type != 0
                                                        : PQfformat(r_, col) == 1;
  }

  // Every read of read<T> but the common cases it handles itself; the same checks in the same order.
  template <class T>
  [[gnu::noinline]] T read_general(int col, Oid t, bool bin) const {
    if (PQgetisnull(r_, row_, col)) [[unlikely]]
      null_error(col);
    char const* p = PQgetvalue(r_, row_, col);
    int const len = PQgetlength(r_, row_, col);
    if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>) {
      if (bin && !detail::is_text_oid(t)) [[unlikely]]
        column_error(col, type_problem(t, "text"));
      return T(p, static_cast<std::size_t>(len));
    } else if constexpr (std::is_same_v<T, bool>) {
      if (t == oid::bool_) return bin ? p[0] != 0 : p[0] == 't';
      return read_integer<std::int64_t>(col, p, len, t, bin, "BOOLEAN") != 0;
    } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::int32_t>) {
      return read_integer<T>(col, p, len, t, bin, std::is_same_v<T, std::int32_t> ? "INTEGER" : "BIGINT");
    } else if constexpr (std::is_same_v<T, double>) {
      return read_double(col, p, len, t, bin);
    } else if constexpr (std::is_same_v<T, egret::date>) {
      if (bin && t == oid::date && len == 4) {
        std::int32_t const days = detail::load_be<std::int32_t>(p);
        if (days == INT32_MAX || days == INT32_MIN) column_error(col, "holds an infinite DATE");
        return civil_from_days(days + detail::pg_epoch_days);
      }
      if (!bin) {
        std::string_view const text(p, static_cast<std::size_t>(len));
        if (auto d = egret::parse_date(text)) return *d;
        column_error(col, "holds \"" + std::string(text) + "\", which is not a DATE (YYYY-MM-DD)");
      }
      column_error(col, type_problem(t, "DATE"));
    } else if constexpr (std::is_same_v<T, egret::timestamp>) {
      if (bin && (t == oid::timestamp || t == oid::timestamptz) && len == 8) {
        std::int64_t const us = detail::load_be<std::int64_t>(p);
        if (us == INT64_MAX || us == INT64_MIN) column_error(col, "holds an infinite TIMESTAMP");
        std::int64_t days = us / detail::usecs_per_day, rem = us % detail::usecs_per_day;
        if (rem < 0) rem += detail::usecs_per_day, --days;
        auto const secs = static_cast<std::uint32_t>(rem / 1'000'000);
        return timestamp{civil_from_days(days + detail::pg_epoch_days), secs / 3600, secs / 60 % 60, secs % 60,
                         static_cast<std::uint32_t>(rem % 1'000'000)};
      }
      if (bin && t == oid::date) return timestamp{read<egret::date>(col)};
      if (!bin) {
        std::string_view text(p, static_cast<std::size_t>(len));
        if (t == oid::timestamptz && text.size() > 3 && text.substr(text.size() - 3) == "+00")
          text.remove_suffix(3);  // the session's time zone is UTC
        if (auto ts = egret::parse_timestamp(text)) return *ts;
        column_error(col, "holds \"" + std::string(text) + "\", which is not a TIMESTAMP");
      }
      column_error(col, type_problem(t, "TIMESTAMP"));
    } else {
      column_error(col, "");  // not reached: read<T> refuses T at compile time
    }
  }

  [[noreturn, gnu::cold, gnu::noinline]] void null_error(int col) const {
    column_error(col, "is NULL but the query's type says NOT NULL");
  }

  static std::string type_problem(Oid t, char const* wanted) {
    return "has PostgreSQL type OID " + std::to_string(t) + ", which does not convert to " + wanted;
  }

  template <class I>
  I read_integer(int col, char const* p, int len, Oid t, bool bin, char const* wanted) const {
    std::int64_t v = 0;
    if (bin) {
      if (t == oid::int8 && len == 8) {
        v = detail::load_be<std::int64_t>(p);
      } else if ((t == oid::int4 || t == oid::oid) && len == 4) {
        v = t == oid::oid ? std::int64_t{detail::load_be<std::uint32_t>(p)} : detail::load_be<std::int32_t>(p);
      } else if (t == oid::int2 && len == 2) {
        v = detail::load_be<std::int16_t>(p);
      } else if (t == oid::bool_ && len == 1) {
        v = p[0] != 0;
      } else if (t == oid::numeric) {
        std::string text;
        if (!detail::numeric_binary_to_text(p, len, text) || !detail::parse_integer_text(text, v))
          column_error(col, "holds NUMERIC " + text + ", which is not an integer that fits " + wanted);
      } else if (t == oid::float8 || t == oid::float4) {
        double const d = read_double(col, p, len, t, bin);
        if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18) || static_cast<double>(static_cast<std::int64_t>(d)) != d)
          column_error(col, "holds " + std::to_string(d) + ", which is not an integer");
        v = static_cast<std::int64_t>(d);
      } else {
        column_error(col, type_problem(t, wanted));
      }
    } else {
      std::string_view const text(p, static_cast<std::size_t>(len));
      if (t == oid::bool_) {
        v = text == "t";
      } else if (!detail::parse_integer_text(text, v)) {
        double d = 0;
        if (!((t == oid::float8 || t == oid::float4) && detail::parse_double_text(text, d) &&
              d >= -9.2233720368547758e18 && d < 9.2233720368547758e18 &&
              static_cast<double>(static_cast<std::int64_t>(d)) == d))
          column_error(col, "holds \"" + std::string(text) + "\", which is not an integer that fits " + wanted);
        v = static_cast<std::int64_t>(d);
      }
    }
    if constexpr (std::is_same_v<I, std::int32_t>) {
      if (v < INT32_MIN || v > INT32_MAX) [[unlikely]]
        column_error(col, "holds " + std::to_string(v) + ", which does not fit a 32-bit INTEGER");
    }
    return static_cast<I>(v);
  }

  double read_double(int col, char const* p, int len, Oid t, bool bin) const {
    if (bin) {
      if (t == oid::float8 && len == 8) return std::bit_cast<double>(detail::load_be<std::uint64_t>(p));
      if (t == oid::float4 && len == 4) return std::bit_cast<float>(detail::load_be<std::uint32_t>(p));
      if (t == oid::int8 || t == oid::int4 || t == oid::int2)
        return static_cast<double>(read_integer<std::int64_t>(col, p, len, t, bin, "DOUBLE PRECISION"));
      if (t == oid::numeric) {
        std::string text;
        double d = 0;
        if (detail::numeric_binary_to_text(p, len, text) && detail::parse_double_text(text, d)) return d;
        column_error(col, "holds a NUMERIC that does not convert to DOUBLE PRECISION");
      }
      column_error(col, type_problem(t, "DOUBLE PRECISION"));
    }
    std::string_view const text(p, static_cast<std::size_t>(len));
    double d = 0;
    if (t != oid::bool_ && detail::parse_double_text(text, d)) return d;
    column_error(col, "holds \"" + std::string(text) + "\", which is not a DOUBLE PRECISION");
  }

  // The type and format of the first columns, read once per result rather than once per field.
  static constexpr unsigned cached_columns = detail::described_columns;
  using column_info = detail::column_info;

  void set_null() noexcept {
    if (detail::null_value_offset_state().load(std::memory_order_acquire) != 1) return;  // not confirmed
    if (std::ptrdiff_t const at = detail::null_value_offset(); at >= 0)
      null_ = reinterpret_cast<char const*>(reinterpret_cast<std::uintptr_t>(r_) + static_cast<std::uintptr_t>(at));
  }
  void describe() noexcept {
    set_null();
    int const n = cols_ < int{cached_columns} ? cols_ : int{cached_columns};
    bool const all_binary = PQbinaryTuples(r_) == 1;  // libpq: true only if every column is binary
    for (int i = 0; i < n; ++i) {
      column_info& c = info_[static_cast<std::size_t>(i)];
      c.type = PQftype(r_, i);
      c.binary_type = all_binary || PQfformat(r_, i) == 1 ? c.type : Oid{0};
    }
  }

  PGresult* r_ = nullptr;
  std::string_view sql_;
  std::shared_ptr<std::string const> keep_;  // what sql_ points into, when the result must keep it
  int rows_ = 0;
  int cols_ = 0;
  int row_ = 0;
  char const* null_ = nullptr;  // where this result's NULL fields point (detail::null_value_offset), if known
  std::array<column_info, cached_columns> info_{};
};

}  // namespace egret::postgres
