// Defines CSV loading for the SQLite backend: the code of connection::load_csv() (egret::csv::reader and
// parse_field), opt-in because it costs every program that includes <egret/sqlite.hpp> ~10 MiB of compiler
// memory. A program that calls db.load_csv<T>(...) includes this header; without it the call stops with
// "egret: db.load_csv() needs #include <egret/sqlite/load_csv.hpp>".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
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

  /// Checks the header (if any), then inserts every record in one savepoint: all rows or none.
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
      bind_fields(s, fields, r.file_name(), columns{});
      s.step();
      ++n;
    }
    sp.commit();
    return n;
  }

 private:
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
