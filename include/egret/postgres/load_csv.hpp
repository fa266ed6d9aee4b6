// Defines CSV / TPC-H .tbl loading for the PostgreSQL backend: the code of connection::load_csv(). egret's CSV
// reader parses and checks every field as its column's type (bad input is an egret::load_error naming the file,
// line and column), and the rows stream to the server with COPY ... FROM STDIN, in one transaction. Opt-in (the
// reader costs compile time): a program that calls db.load_csv<T>(...) includes this header.
#pragma once

#include <charconv>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/core/error.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/postgres/connection.hpp>

namespace egret::postgres::detail {

/// Appends one value in COPY's text format (tab-separated, `\N` for NULL, backslash escapes).
inline void copy_value(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}
inline void copy_value(std::string& out, std::string const& s) { copy_value(out, std::string_view(s)); }
inline void copy_value(std::string& out, bool b) { out.push_back(b ? 't' : 'f'); }
template <class N>
  requires std::is_arithmetic_v<N>
inline void copy_value(std::string& out, N v) {
  char b[32];
  out.append(b, std::to_chars(b, b + sizeof b, v).ptr);  // doubles: the shortest text that reads back exactly
}
inline void copy_value(std::string& out, egret::date d) {
  char b[egret::date_max_chars];
  out.append(b, egret::format_to_chars(b, d));
}
inline void copy_value(std::string& out, egret::timestamp const& t) {
  char b[egret::timestamp_max_chars];
  out.append(b, egret::format_to_chars(b, t));
}
template <class T>
void copy_value(std::string& out, std::optional<T> const& v) {
  if (v)
    copy_value(out, *v);
  else
    out += "\\N";
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
    static std::string const sql = [] {
      std::string s = "COPY " + connection::quoted(T::egret_name.view()) + " (";
      auto const names = connection::column_names(columns{});
      for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + connection::quoted(names[i]);
      return s + ") FROM STDIN";
    }();
    PGconn* const c = db.c_;
    auto const t = db.opts_.read_timeout;
    auto tx = db.transaction();
    {
      PGresult* start = exec(c, t, sql.c_str());
      result owner(start, sql);
      if (!start || PQresultStatus(start) != PGRES_COPY_IN) throw_result_error(c, start, sql);
    }
    std::size_t n = 0;
    line_map lines;
    try {
      std::vector<csv::field> fields;
      std::string buf;
      buf.reserve(chunk + 4096);
      while (r.next(fields)) {
        if (fields.size() != columns::size) {
          auto const& last = fields.empty() ? csv::field{} : fields.back();
          throw load_error(r.file_name(), fields.empty() ? r.record_line() : last.line,
                           fields.empty() ? 1 : last.column,
                           "expected " + std::to_string(columns::size) + " fields, found " +
                               std::to_string(fields.size()));
        }
        for (csv::field const& f : fields)
          if (f.text.find('\0') != std::string_view::npos) [[unlikely]]
            throw load_error(r.file_name(), f.line, f.column,
                             "the field holds a NUL byte: PostgreSQL text cannot contain NUL");
        encode_fields(buf, fields, r.file_name(), columns{});
        lines.add(++n, r.record_line());
        if (buf.size() >= chunk) {
          send(c, buf, sql, t);
          buf.clear();
        }
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
  static constexpr std::size_t chunk = 1 << 16;

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
  static void send(PGconn* c, std::string const& buf, std::string const& sql, std::chrono::seconds t) {
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

  template <class... Cs>
  static void encode_fields(std::string& out, std::vector<csv::field> const& f, std::string const& file,
                            type_list<Cs...>) {
    encode_impl<Cs...>(out, f, file, std::index_sequence_for<Cs...>{});
  }
  template <class... Cs, std::size_t... Is>
  static void encode_impl(std::string& out, std::vector<csv::field> const& f, std::string const& file,
                          std::index_sequence<Is...>) {
    ((out.append(Is == 0 ? "" : "\t"),
      copy_value(out, csv::parse_field<std::conditional_t<nullable_v<Cs>, std::optional<typename Cs::value_type>,
                                                          typename Cs::value_type>>(f[Is], file))),
     ...);
    out.push_back('\n');
  }
};

}  // namespace egret::postgres::detail
