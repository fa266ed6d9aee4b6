// Defines CSV / TPC-H .tbl loading for the PostgreSQL backend: the code of connection::load_csv(). egret's CSV
// reader parses and checks every field as its column's type (bad input is an egret::load_error naming the file,
// line and column), and the rows stream to the server with COPY ... FROM STDIN, in one transaction. When every
// column of the table has the type egret writes for its C++ type (BIGINT for std::int64_t, TEXT / VARCHAR /
// CHAR for std::string, ...), the rows travel in COPY's binary format, which the server reads in about half the
// time of text (no number or date to parse again); otherwise in COPY's text format, converted by the server.
// Opt-in (the reader costs compile time): a program that calls db.load_csv<T>(...) includes this header.
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/record_width.hpp>
#include <egret/backend/type_traits.hpp>
#include <egret/core/error.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/postgres/connection.hpp>

namespace egret::postgres::detail {

/// The bytes of one COPY chunk being built: written through raw pointers after one capacity check per row.
class copy_buffer {
 public:
  /// Room for `n` more bytes at the end: write them, then commit() the end.
  char* reserve(std::size_t n) {
    if (cap_ - size_ < n) grow(n);
    return data_.get() + size_;
  }
  void commit(char* end) noexcept { size_ = static_cast<std::size_t>(end - data_.get()); }
  char const* data() const noexcept { return data_.get(); }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  void clear() noexcept { size_ = 0; }

 private:
  void grow(std::size_t n) {
    std::size_t cap = cap_ ? cap_ * 2 : 4096;
    while (cap - size_ < n) cap *= 2;
    auto bigger = std::make_unique_for_overwrite<char[]>(cap);
    if (size_) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    cap_ = cap;
  }
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, cap_ = 0;
};

/// The type OID a column must have for the binary COPY of C++ type V (its NOT NULL form); 0 for std::string,
/// which takes any of TEXT, VARCHAR and CHAR (their binary form is their text, checked and padded as text is).
template <class V>
inline constexpr Oid binary_copy_oid = std::is_same_v<V, std::int64_t>  ? oid::int8
                                       : std::is_same_v<V, std::int32_t> ? oid::int4
                                       : std::is_same_v<V, double>       ? oid::float8
                                       : std::is_same_v<V, bool>         ? oid::bool_
                                       : std::is_same_v<V, egret::date>  ? oid::date
                                       : std::is_same_v<V, egret::timestamp> ? oid::timestamp
                                                                             : Oid{0};

inline bool binary_copy_accepts(Oid want, Oid have) noexcept {
  return want == 0 ? have == oid::text || have == oid::varchar || have == oid::bpchar : want == have;
}

/// The most bytes one field of V takes in COPY's text (escaped, with its delimiter) or binary (with its length)
/// form.
template <class V>
std::size_t copy_bound(csv::field const& f, bool binary) noexcept {
  using U = backend::unoptional_t<V>;
  if constexpr (std::is_same_v<U, std::string>) return binary ? 4 + f.text.size() : 3 + 2 * f.text.size();
  else if constexpr (std::is_same_v<U, egret::timestamp>) return 4 + timestamp_max_chars;
  else if constexpr (std::is_same_v<U, egret::date>) return 4 + date_max_chars;
  else return 36;  // to_chars of a number: at most 24 characters
}

inline char* put_be16(char* p, std::uint16_t v) noexcept {
  v = __builtin_bswap16(v);
  std::memcpy(p, &v, 2);
  return p + 2;
}
inline char* put_be32(char* p, std::uint32_t v) noexcept {
  v = __builtin_bswap32(v);
  std::memcpy(p, &v, 4);
  return p + 4;
}
inline char* put_be64(char* p, std::uint64_t v) noexcept {
  v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
  return p + 8;
}

/// The text of a text field (no copy), checked as csv::parse_field<std::string> checks it, and for a NUL byte.
inline std::string_view text_field(csv::field const& f, std::string const& file) {
  if (f.text.find('\0') != std::string_view::npos) [[unlikely]]
    throw load_error(file, f.line, f.column, "the field holds a NUL byte: PostgreSQL text cannot contain NUL");
  return f.text;
}

/// A date in PostgreSQL's range: egret reads years 0000-9999, and PostgreSQL has no year 0 (its text input refuses
/// 0000-01-01 too).
inline void check_pg_year(egret::date d, csv::field const& f, std::string const& file) {
  if (d.year < 1) [[unlikely]]
    throw load_error(file, f.line, f.column,
                     "date out of range for PostgreSQL (it has no year 0), got " + std::string(f.text));
}

/// Writes one field of V in COPY's binary form (length, then the value; length -1 for NULL), parsed and checked
/// as csv::parse_field<V> does.
template <class V>
char* put_binary(char* p, csv::field const& f, std::string const& file) {
  using U = backend::unoptional_t<V>;
  if (f.text.empty() && !f.quoted) {
    if constexpr (backend::is_optional_v<V>) return put_be32(p, 0xFFFFFFFFu);
    else (void)csv::parse_field<V>(f, file);  // throws "missing value for NOT NULL column"
  }
  if constexpr (std::is_same_v<U, std::string>) {
    std::string_view const t = text_field(f, file);
    p = put_be32(p, static_cast<std::uint32_t>(t.size()));
    if (!t.empty()) std::memcpy(p, t.data(), t.size());
    return p + t.size();
  } else {
    U const v = csv::parse_field<U>(f, file);
    if constexpr (std::is_same_v<U, std::int64_t>) {
      return put_be64(put_be32(p, 8), static_cast<std::uint64_t>(v));
    } else if constexpr (std::is_same_v<U, std::int32_t>) {
      return put_be32(put_be32(p, 4), static_cast<std::uint32_t>(v));
    } else if constexpr (std::is_same_v<U, double>) {
      return put_be64(put_be32(p, 8), std::bit_cast<std::uint64_t>(v));
    } else if constexpr (std::is_same_v<U, bool>) {
      p = put_be32(p, 1);
      *p = v ? 1 : 0;
      return p + 1;
    } else if constexpr (std::is_same_v<U, egret::date>) {
      check_pg_year(v, f, file);
      return put_be32(put_be32(p, 4), static_cast<std::uint32_t>(static_cast<std::int32_t>(
                                          egret::days_from_civil(v) - detail::pg_epoch_days)));
    } else {
      static_assert(std::is_same_v<U, egret::timestamp>);
      check_pg_year(v.date, f, file);
      std::int64_t const us =
          (egret::days_from_civil(v.date) - detail::pg_epoch_days) * detail::usecs_per_day +
          (std::int64_t{v.hour} * 3600 + std::int64_t{v.minute} * 60 + std::int64_t{v.second}) * 1'000'000 +
          std::int64_t{v.microsecond};
      return put_be64(put_be32(p, 8), static_cast<std::uint64_t>(us));
    }
  }
}

/// Writes one field of V in COPY's text form (`\N` for NULL, backslash escapes), parsed and checked as
/// csv::parse_field<V> does; the server converts it to the column's type.
template <class V>
char* put_text(char* p, csv::field const& f, std::string const& file) {
  using U = backend::unoptional_t<V>;
  if (f.text.empty() && !f.quoted) {
    if constexpr (backend::is_optional_v<V>) {
      std::memcpy(p, "\\N", 2);
      return p + 2;
    } else {
      (void)csv::parse_field<V>(f, file);  // throws "missing value for NOT NULL column"
    }
  }
  if constexpr (std::is_same_v<U, std::string>) {
    for (char c : text_field(f, file)) {
      switch (c) {
        case '\\': *p++ = '\\', *p++ = '\\'; break;
        case '\t': *p++ = '\\', *p++ = 't'; break;
        case '\n': *p++ = '\\', *p++ = 'n'; break;
        case '\r': *p++ = '\\', *p++ = 'r'; break;
        default: *p++ = c;
      }
    }
    return p;
  } else {
    U const v = csv::parse_field<U>(f, file);
    if constexpr (std::is_same_v<U, bool>) {
      *p = v ? 't' : 'f';
      return p + 1;
    } else if constexpr (std::is_arithmetic_v<U>) {
      return std::to_chars(p, p + 32, v).ptr;  // doubles: the shortest text that reads back exactly
    } else {
      return p + egret::format_to_chars(p, v);
    }
  }
}

template <class T>
struct csv_loader {
  static std::size_t load_file(connection& db, std::string const& file, csv::options opts) {
    csv::reader r(file, opts);
    return load(db, r);
  }

  template <class Stream>
  static std::size_t load_stream(connection& db, Stream& in, std::string display_name, csv::options opts) {
    csv::reader r(in, std::move(display_name), opts);
    return load(db, r);
  }

  /// Checks the header (if any), then sends every record through one COPY in one transaction: all rows or none.
  /// A row the server refuses (a duplicate key, a NULL in a NOT NULL column) throws egret::load_error at the
  /// file line of that record: the server names the COPY line ("CONTEXT: COPY t, line 3"), the n-th row sent,
  /// and `lines` maps it back (the header and records spanning several lines make them differ).
  static std::size_t load(connection& db, csv::reader& r) {
    using columns = typename T::egret_columns;
    if (r.opts().has_header) csv::expect_header(r, connection::column_names(columns{}));
    PGconn* const c = db.c_;
    auto const t = db.opts_.read_timeout;
    auto tx = db.transaction();
    bool const binary = binary_columns(c, t);
    std::string const& sql = copy_sql(binary);
    {
      PGresult* start = exec(c, t, sql.c_str());
      result owner(start, sql);
      if (!start || PQresultStatus(start) != PGRES_COPY_IN) throw_result_error(c, start, sql);
    }
    std::size_t n = 0;
    line_map lines;
    try {
      std::vector<csv::field> fields;
      copy_buffer buf;
      if (binary) {  // the signature, no flags, no header extension
        char* p = buf.reserve(19);
        std::memcpy(p, "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19);
        buf.commit(p + 19);
      }
      while (r.next(fields)) {
        backend::require_record_width(r, fields, columns::size);
        if (binary)
          encode_row<true>(buf, fields, r.file_name(), columns{});
        else
          encode_row<false>(buf, fields, r.file_name(), columns{});
        lines.add(++n, r.record_line());
        if (buf.size() >= chunk) {
          send(c, buf, sql, t);
          buf.clear();
        }
      }
      if (binary) {  // the trailer: a field count of -1
        buf.commit(put_be16(buf.reserve(2), 0xFFFFu));
      }
      if (!buf.empty()) send(c, buf, sql, t);
    } catch (...) {
      // Abort the COPY (the server discards every row) before the transaction rolls back.
      try {
        if (end_copy(c, "egret: load_csv stopped on bad input", sql, t)) drain(c, t, sql);
      } catch (...) {  // timed out: the connection is closed; keep the first error
      }
      throw;
    }
    if (!end_copy(c, nullptr, sql, t)) throw_error("08006", PQerrorMessage(c), sql);
    PGresult* end = next_result(c, t, sql);
    {
      result owner(end, sql);
      if (!end || PQresultStatus(end) != PGRES_COMMAND_OK) {
        drain(c, t, sql);
        refused(c, end, sql, r.file_name(), lines);
      }
    }
    drain(c, t, sql);
    tx.commit();
    db.changes_ = static_cast<std::int64_t>(n);
    return n;
  }

 private:
  // Bytes per PQputCopyData: one CopyData message each.
  static constexpr std::size_t chunk = std::size_t{1} << 17;

  /// `COPY "T" ("c1", ...) FROM STDIN`, in the binary format or the text one.
  static std::string const& copy_sql(bool binary) {
    static std::string const text = [] {
      std::string s = "COPY " + connection::quoted(T::egret_name.view()) + " (";
      auto const names = connection::column_names(typename T::egret_columns{});
      for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + connection::quoted(names[i]);
      return s + ") FROM STDIN";
    }();
    static std::string const bin = text + " (FORMAT binary)";
    return binary ? bin : text;
  }

  /// Whether every column of T has in the table the type the binary format writes for it (binary_copy_oid):
  /// asked of the catalog, which answers for any name (a missing table, a view: then the text COPY reports
  /// it). Another type (INTEGER for an std::int64_t, NUMERIC for a double, a domain, TIMESTAMPTZ) gets text,
  /// which the server converts.
  static bool binary_columns(PGconn* c, std::chrono::seconds t) {
    std::string const name = connection::quoted(T::egret_name.view());
    std::unique_ptr<char, decltype(&PQfreemem)> lit(PQescapeLiteral(c, name.data(), name.size()), &PQfreemem);
    if (!lit) return false;
    std::string const sql = std::string("SELECT a.attname, a.atttypid FROM pg_catalog.pg_attribute a "
                                        "WHERE a.attrelid = pg_catalog.to_regclass(") +
                            lit.get() + ") AND a.attnum > 0 AND NOT a.attisdropped";
    PGresult* res = exec(c, t, sql.c_str());
    result owner(res, sql);
    if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) throw_result_error(c, res, sql);
    auto const names = connection::column_names(typename T::egret_columns{});
    std::array<Oid, T::egret_columns::size> const want = wanted_oids(typename T::egret_columns{});
    int const rows = PQntuples(res);
    for (std::size_t i = 0; i < names.size(); ++i) {
      bool found = false;
      for (int row = 0; row < rows && !found; ++row) {
        if (std::string_view(PQgetvalue(res, row, 0)) != names[i]) continue;
        found = binary_copy_accepts(want[i], static_cast<Oid>(std::strtoul(PQgetvalue(res, row, 1), nullptr, 10)));
        if (!found) return false;
      }
      if (!found) return false;
    }
    return true;
  }
  template <class... Cs>
  static constexpr std::array<Oid, sizeof...(Cs)> wanted_oids(type_list<Cs...>) {
    return {binary_copy_oid<typename Cs::value_type>...};
  }

  /// The file line of each row sent (1-based): kept as the runs where the line grows by one per row, so a
  /// file of one-line records costs one entry.
  class line_map {
   public:
    void add(std::size_t row, std::size_t line) {
      if (runs_.empty() || line != runs_.back().line + (row - runs_.back().row)) runs_.push_back({row, line});
      rows_ = row;
    }
    /// The line of row `row`, or 0 when no such row was sent.
    std::size_t line_of(std::size_t row) const {
      if (row == 0 || row > rows_) return 0;
      for (auto it = runs_.rbegin(); it != runs_.rend(); ++it)  // the error path only: a scan is fine
        if (it->row <= row) return it->line + (row - it->row);
      return 0;
    }

   private:
    struct run {
      std::size_t row, line;
    };
    std::vector<run> runs_;
    std::size_t rows_ = 0;
  };

  /// The row number in the server's "COPY t, line N[, column c: ...]" context, 0 if it names none (the first
  /// number after the table's name: the word "line" may be translated).
  static std::size_t copy_line(PGresult const* r) {
    char const* ctx = r ? PQresultErrorField(r, PG_DIAG_CONTEXT) : nullptr;
    if (ctx == nullptr) return 0;
    std::string_view text(ctx);
    std::string const prefix = "COPY " + std::string(T::egret_name.view()) + ", ";
    auto at = text.find(prefix);
    if (at == std::string_view::npos) return 0;
    text.remove_prefix(at + prefix.size());
    text = text.substr(0, text.find('\n'));
    std::size_t i = 0;
    while (i < text.size() && (text[i] < '0' || text[i] > '9') && text[i] != ',' && text[i] != ':') ++i;
    std::size_t row = 0;
    auto const res = std::from_chars(text.data() + i, text.data() + text.size(), row);
    return res.ec == std::errc{} ? row : 0;
  }

  /// Throws for the COPY the server refused: egret::load_error at the refused record's line when the server
  /// names its row, with the server's message and SQLSTATE; else (the connection lost...) the server's error.
  [[noreturn]] static void refused(PGconn* c, PGresult const* r, std::string const& sql, std::string const& file,
                                   line_map const& lines) {
    std::size_t const row = copy_line(r);
    std::size_t const line = row ? lines.line_of(row) : 0;
    if (line == 0) throw_result_error(c, r, sql);
    char const* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    char const* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    std::string reason = primary ? primary : PQresultErrorMessage(r);
    if (char const* d = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) reason += std::string(" (") + d + ")";
    if (state) reason += std::string(" [SQLSTATE ") + state + "]";
    throw load_error(file, line, 1, "the server refused the row: " + reason);
  }

  // PQputCopyData in non-blocking mode: 0 means libpq's buffer is full; send it (waiting within the timeout)
  // and queue again.
  static void send(PGconn* c, copy_buffer const& buf, std::string const& sql, std::chrono::seconds t) {
    for (;;) {
      int const rc = PQputCopyData(c, buf.data(), static_cast<int>(buf.size()));
      if (rc == 1) break;
      if (rc < 0) throw_error("08006", PQerrorMessage(c), sql);
      wait_socket(c, POLLOUT, t, sql);
      flush(c, t, sql);
    }
    flush(c, t, sql);
  }
  // PQputCopyEnd, waiting in the same way; false if libpq refuses.
  static bool end_copy(PGconn* c, char const* error, std::string const& sql, std::chrono::seconds t) {
    for (;;) {
      int const rc = PQputCopyEnd(c, error);
      if (rc < 0) return false;
      if (rc == 1) break;
      wait_socket(c, POLLOUT, t, sql);
      flush(c, t, sql);
    }
    flush(c, t, sql);
    return true;
  }

  template <class C>
  using value_of = std::conditional_t<nullable_v<C>, std::optional<typename C::value_type>, typename C::value_type>;

  /// One record in COPY's binary form (a field count, then each field) or text form (tab-separated, a newline).
  template <bool Binary, class... Cs>
  static void encode_row(copy_buffer& out, std::vector<csv::field> const& f, std::string const& file,
                         type_list<Cs...>) {
    encode_impl<Binary, Cs...>(out, f, file, std::index_sequence_for<Cs...>{});
  }
  template <bool Binary, class... Cs, std::size_t... Is>
  static void encode_impl(copy_buffer& out, std::vector<csv::field> const& f, std::string const& file,
                          std::index_sequence<Is...>) {
    std::size_t const bound = 2 + (copy_bound<value_of<Cs>>(f[Is], Binary) + ...);
    char* p = out.reserve(bound);
    if constexpr (Binary) {
      p = put_be16(p, static_cast<std::uint16_t>(sizeof...(Cs)));
      ((p = put_binary<value_of<Cs>>(p, f[Is], file)), ...);
    } else {
      ((Is == 0 ? void() : void(*p++ = '\t'), p = put_text<value_of<Cs>>(p, f[Is], file)), ...);
      *p++ = '\n';
    }
    out.commit(p);
  }
};

}  // namespace egret::postgres::detail
