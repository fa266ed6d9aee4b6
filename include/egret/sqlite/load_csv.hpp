// Defines CSV loading for the SQLite backend: the code of connection::load_csv() (egret::csv::reader and
// parse_field), opt-in because it costs every program that includes <egret/sqlite.hpp> ~10 MiB of compiler
// memory. A program that calls db.load_csv<T>(...) includes this header; without it the call stops with
// "egret: db.load_csv() needs #include <egret/sqlite/load_csv.hpp>".
#pragma once

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
#include <egret/sqlite/connection.hpp>

namespace egret::sqlite::detail {

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

  /// Checks the header (if any), then inserts every record in one savepoint: all rows or none. A record the
  /// table refuses (a duplicate key, NULL in a NOT NULL column, a failed CHECK) is a load_error at its line.
  static std::size_t load(connection& db, csv::reader& r) {
    using columns = typename T::egret_columns;
    if (r.opts().has_header) csv::expect_header(r, connection::column_names(columns{}));
    savepoint sp(db.h_.get());
    statement& s = db.cache_.get(db.h_.get(), insert_sql<dialect_type, T>());
    std::vector<csv::field> fields;
    std::size_t n = 0;
    while (r.next(fields)) {
      if (fields.size() != columns::size) {
        auto const& last = fields.empty() ? csv::field{} : fields.back();
        throw load_error(r.file_name(), fields.empty() ? r.record_line() : last.line,
                         fields.empty() ? 1 : last.column,
                         "expected " + std::to_string(columns::size) + " fields, found " +
                             std::to_string(fields.size()));
      }
      reset_guard g{s};
      try {
        bind_fields(s, fields, r.file_name(), columns{});
        s.step();
      } catch (error const& e) {
        if (!refuses_record(e)) throw;  // the database's trouble (SQLITE_BUSY, SQLITE_FULL...), not the record's
        csv::field const* f = blamed_field(e.message(), fields);  // its own line: a quoted field may span lines
        throw load_error(r.file_name(), f ? f->line : r.record_line(), f ? f->column : 1,
                         "refused by the database: " + e.message());
      }
      ++n;
    }
    sp.commit();
    return n;
  }

 private:
  // A constraint (UNIQUE, PRIMARY KEY, NOT NULL, CHECK, FOREIGN KEY), a type or a size the table refuses:
  // bad input, so a load_error at the record's line, like a field that does not parse.
  static bool refuses_record(error const& e) noexcept {
    return e.primary_code() == SQLITE_CONSTRAINT || e.primary_code() == SQLITE_MISMATCH ||
           e.primary_code() == SQLITE_TOOBIG;
  }

  // The field SQLite's message names ("UNIQUE constraint failed: t.c[, t.d]", "NOT NULL constraint failed:
  // t.c"); the record's first field when it names none of T's columns (a CHECK); null for an empty record.
  static csv::field const* blamed_field(std::string const& message, std::vector<csv::field> const& fields) {
    std::size_t const at = message.find("constraint failed: ");
    if (at != std::string::npos) {
      std::string_view rest = std::string_view(message).substr(at + 19);
      std::string_view const table = T::egret_name.view();
      if (rest.size() > table.size() && rest.substr(0, table.size()) == table && rest[table.size()] == '.') {
        rest.remove_prefix(table.size() + 1);
        rest = rest.substr(0, rest.find(','));
        auto const names = connection::column_names(typename T::egret_columns{});
        for (std::size_t i = 0; i < names.size() && i < fields.size(); ++i)
          if (names[i] == rest) return &fields[i];
      }
    }
    return fields.empty() ? nullptr : &fields.front();
  }

  template <class... Cs>
  static void bind_fields(statement& s, std::vector<csv::field> const& f, std::string const& file, type_list<Cs...>) {
    bind_fields_impl<Cs...>(s, f, file, std::index_sequence_for<Cs...>{});
  }
  template <class... Cs, std::size_t... Is>
  static void bind_fields_impl(statement& s, std::vector<csv::field> const& f, std::string const& file,
                               std::index_sequence<Is...>) {
    (s.bind(static_cast<int>(Is) + 1,
            csv::parse_field<std::conditional_t<nullable_v<Cs>, std::optional<typename Cs::value_type>,
                                                typename Cs::value_type>>(f[Is], file)),
     ...);
  }
};

}  // namespace egret::sqlite::detail
