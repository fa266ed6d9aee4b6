// Defines CSV / TPC-H .tbl loading for the PostgreSQL backend: the code of connection::load_csv(). egret's CSV
// reader parses and checks every field as its column's type (bad input is an egret::load_error naming the file,
// line and column), and the rows stream to the server with COPY ... FROM STDIN, in one transaction. Opt-in (the
// reader costs compile time): a program that calls db.load_csv<T>(...) includes this header.
#pragma once

#include <charconv>
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
    postgres::transaction tx(c);
    {
      PGresult* start = PQexec(c, sql.c_str());
      result owner(start, sql);
      if (!start || PQresultStatus(start) != PGRES_COPY_IN) throw_result_error(c, start, sql);
    }
    std::size_t n = 0;
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
        encode_fields(buf, fields, r.file_name(), columns{});
        ++n;
        if (buf.size() >= chunk) {
          send(c, buf, sql);
          buf.clear();
        }
      }
      if (!buf.empty()) send(c, buf, sql);
    } catch (...) {
      // Abort the COPY (the server discards every row) before the transaction rolls back.
      if (PQputCopyEnd(c, "egret: load_csv stopped on bad input") == 1) drain(c);
      throw;
    }
    if (PQputCopyEnd(c, nullptr) != 1) throw_error("08006", PQerrorMessage(c), sql);
    PGresult* end = PQgetResult(c);
    {
      result owner(end, sql);
      if (!end || PQresultStatus(end) != PGRES_COMMAND_OK) {
        drain(c);
        throw_result_error(c, end, sql);
      }
    }
    drain(c);
    tx.commit();
    db.changes_ = static_cast<std::int64_t>(n);
    return n;
  }

 private:
  static constexpr std::size_t chunk = 1 << 16;

  static void send(PGconn* c, std::string const& buf, std::string const& sql) {
    if (PQputCopyData(c, buf.data(), static_cast<int>(buf.size())) != 1) throw_error("08006", PQerrorMessage(c), sql);
  }
  // Reads the results that end a COPY, so the connection accepts the next command.
  static void drain(PGconn* c) noexcept {
    while (PGresult* r = PQgetResult(c)) PQclear(r);
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
