// Defines CSV loading for the SQLite backend: the code of connection::load_csv() (egret::csv::reader and
// parse_field), opt-in because it costs every program that includes <egret/sqlite.hpp> ~10 MiB of compiler
// memory. A program that calls db.load_csv<T>(...) includes this header; without it the call stops with
// "egret: db.load_csv() needs #include <egret/sqlite/load_csv.hpp>".
//
// The loader is one ordinary function for every table: it walks T's csv::table_layout (a constant) and binds
// each field by its column's kind. Only the thin csv_loader<T> is a template.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/record_width.hpp>
#include <egret/core/error.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/csv/table_layout.hpp>
#include <egret/sqlite/connection.hpp>

namespace egret::sqlite::detail {

struct table_loader {
  /// Checks the header (if any), then inserts every record in one savepoint: all rows or none. A record the
  /// table refuses (a duplicate key, NULL in a NOT NULL column, a failed CHECK) is a load_error at its line.
  static std::size_t load(connection& db, csv::reader& r, csv::table_layout const& t, std::string_view insert) {
    std::size_t const width = t.columns.size();
    if (r.opts().has_header) csv::expect_header(r, csv::column_names(t));
    savepoint sp(db.h_.get());
    statement& s = db.cache_.get(db.h_.get(), insert);
    std::vector<csv::field> fields;
    std::size_t n = 0;
    while (r.next(fields)) {
      backend::require_record_width(r, fields, width);
      reset_guard g{s};
      try {
        for (std::size_t i = 0; i != width; ++i) bind_field(s, static_cast<int>(i) + 1, t.columns[i], fields[i], r.file_name());
        s.step();
      } catch (error const& e) {
        if (!refuses_record(e)) throw;  // the database's trouble (SQLITE_BUSY, SQLITE_FULL...), not the record's
        csv::field const* f = blamed_field(e.message(), t, fields);  // its own line: a quoted field may span lines
        throw load_error(r.file_name(), f ? f->line : r.record_line(), f ? f->column : 1,
                         "refused by the database: " + e.message());
      }
      ++n;
    }
    sp.commit();
    return n;
  }

 private:
  static void bind_field(statement& s, int index, csv::column_layout const& c, csv::field const& f,
                         std::string const& file) {
    if (csv::is_null_for(c, f, file))
      s.bind_null(index);
    else
      csv::parse_as(c, f, file, [&](auto v) {
        if constexpr (std::is_same_v<decltype(v), std::string_view>)
          s.bind_static_text(index, v);  // the field's text outlives the step (reset_guard) that reads it
        else
          s.bind(index, v);
      });
  }

  // A constraint (UNIQUE, PRIMARY KEY, NOT NULL, CHECK, FOREIGN KEY), a type or a size the table refuses:
  // bad input, so a load_error at the record's line, like a field that does not parse.
  static bool refuses_record(error const& e) noexcept {
    return e.primary_code() == SQLITE_CONSTRAINT || e.primary_code() == SQLITE_MISMATCH ||
           e.primary_code() == SQLITE_TOOBIG;
  }

  // The field SQLite's message names ("UNIQUE constraint failed: t.c[, t.d]", "NOT NULL constraint failed:
  // t.c"); the record's first field when it names none of T's columns (a CHECK); null for an empty record.
  static csv::field const* blamed_field(std::string const& message, csv::table_layout const& t,
                                        std::vector<csv::field> const& fields) {
    std::size_t const at = message.find("constraint failed: ");
    if (at != std::string::npos) {
      std::string_view rest = std::string_view(message).substr(at + 19);
      std::string_view const table = t.name;
      if (rest.size() > table.size() && rest.substr(0, table.size()) == table && rest[table.size()] == '.') {
        rest.remove_prefix(table.size() + 1);
        rest = rest.substr(0, rest.find(','));
        for (std::size_t i = 0; i < t.columns.size() && i < fields.size(); ++i)
          if (t.columns[i].name == rest) return &fields[i];
      }
    }
    return fields.empty() ? nullptr : &fields.front();
  }
};

template <class T>
struct csv_loader {
  static std::size_t load_file(connection& db, std::string const& file, csv::options opts) {
    csv::reader r(file, opts);
    return table_loader::load(db, r, csv::layout_of<T>, insert_sql<dialect_type, T>());
  }

  template <class Stream>
  static std::size_t load_stream(connection& db, Stream& in, std::string display_name, csv::options opts) {
    csv::reader r(in, std::move(display_name), opts);
    return table_loader::load(db, r, csv::layout_of<T>, insert_sql<dialect_type, T>());
  }
};

}  // namespace egret::sqlite::detail
