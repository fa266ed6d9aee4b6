// Defines CSV loading for the MySQL / MariaDB backend: the code of connection::load_csv() (egret::csv::reader
// and parse_field), opt-in like SQLite's (<egret/sqlite/load_csv.hpp>). Inside a transaction (a savepoint when one
// is open): all rows or none.
//
// The rows, parsed and checked as their C++ types, stream to the server through `LOAD DATA LOCAL INFILE` (egret's
// own local-infile handler writes them, escaped, as the read callback asks: no file and no copy of the input).
// LOAD DATA LOCAL cannot stop the client mid-file, so the server turns a row it refuses (a duplicate key, a value
// the column cannot take) into a warning and goes on: any warning, or a row count not the one sent, rolls the load
// back and loads the input again through prepared multi-row INSERTs, which fail at the refused row (its file line
// in an egret::load_error). A server or client that does not take LOAD DATA LOCAL gets the INSERTs alike, and so
// does a stream that cannot be read twice (a tellg() of -1: the gzip stream of a .tbl.gz).
#pragma once

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <tuple>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/record_width.hpp>
#include <egret/backend/type_traits.hpp>
#include <egret/core/error.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/mysql/connection.hpp>

namespace egret::mysql::detail {

template <class T>
struct csv_loader {
  using columns = typename T::egret_columns;
  /// Rows per INSERT: at most 1000, and fewer than the server's 65535 placeholders per statement.
  static constexpr std::size_t batch_rows = std::min<std::size_t>(1000, 65535 / columns::size);

  static std::size_t load_file(connection& db, std::string const& file, csv::options opts) {
    {
      csv::reader r(file, opts);
      if (auto const n = load_data(db, r)) return *n;
    }
    csv::reader r(file, opts);  // the server refused a row: again, through INSERTs that say which
    return load(db, r);
  }

  template <class Stream>
  static std::size_t load_stream(connection& db, Stream& in, std::string display_name, csv::options opts) {
    auto const start = in.tellg();
    if (start != decltype(start)(-1)) {
      {
        csv::reader r(in, display_name, opts);
        if (auto const n = load_data(db, r)) return *n;
      }
      in.clear();
      in.seekg(start);
      if (!in) throw egret::error("egret::mysql: load_csv could not read " + display_name + " again (seekg failed)");
    }
    csv::reader r(in, std::move(display_name), opts);
    return load(db, r);
  }

  /// `LOAD DATA LOCAL INFILE ... INTO TABLE `T` ... (`c1`, ...)` in the format infile_source writes.
  static std::string const& load_data_sql() {
    static std::string const sql = [] {
      std::string s = "LOAD DATA LOCAL INFILE 'egret-load_csv' INTO TABLE " + quoted<dialect_type>(T::egret_name.view()) +
                      " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ENCLOSED BY '' ESCAPED BY '\\\\' "
                      "LINES TERMINATED BY '\\n' STARTING BY '' (";
      names(s, columns{});
      return s + ")";
    }();
    return sql;
  }

  /// Checks the header (if any), then streams every record through LOAD DATA LOCAL INFILE in one transaction. The
  /// count loaded; nullopt when the server warned about a row (the load is rolled back) or did not take LOAD DATA
  /// LOCAL at all: then the caller loads through INSERTs. Bad input throws egret::load_error, nothing loaded.
  static std::optional<std::size_t> load_data(connection& db, csv::reader& r) {
    if (r.opts().has_header) csv::expect_header(r, connection::column_names(columns{}));
    MYSQL* const h = db.h_.get();
    auto tx = db.transaction();
    infile_source src{r};
    {
      handler_scope const scope(h, &src);
      std::string const& sql = load_data_sql();
      if (mysql_real_query(h, sql.data(), sql.size()) != 0) {
        if (src.error) std::rethrow_exception(src.error);
        if (!src.started) return std::nullopt;  // no LOAD DATA LOCAL here (or no such table: INSERT says so)
        detail::throw_error(h, sql);
      }
    }
    if (src.error) std::rethrow_exception(src.error);
    if (mysql_warning_count(h) != 0 || mysql_affected_rows(h) != static_cast<my_ulonglong>(src.rows))
      return std::nullopt;  // tx rolls back
    tx.commit();
    return src.rows;
  }

  /// `INSERT INTO `T` (`c1`, ...) VALUES (?, ...), (?, ...) ...` for `rows` rows.
  static std::string insert_text(std::size_t rows) {
    std::string s = "INSERT INTO " + quoted<dialect_type>(T::egret_name.view()) + " (";
    names(s, columns{});
    s += ") VALUES ";
    std::string one = "(";
    for (std::size_t c = 0; c < columns::size; ++c) one += c ? ", ?" : "?";
    one += ')';
    for (std::size_t r = 0; r < rows; ++r) {
      if (r) s += ", ";
      s += one;
    }
    return s;
  }

  /// Checks the header (if any), then inserts every record through the multi-row INSERTs, in one transaction: all
  /// rows or none (the way of a load LOAD DATA LOCAL could not make, and the one that names a refused row).
  static std::size_t load(connection& db, csv::reader& r) {
    if (r.opts().has_header) csv::expect_header(r, connection::column_names(columns{}));
    auto tx = db.transaction();
    std::vector<csv::field> fields;
    std::vector<row_values> batch;
    std::vector<std::size_t> lines;  // the file line of each row of the batch
    batch.reserve(batch_rows);
    lines.reserve(batch_rows);
    std::size_t n = 0;
    while (r.next(fields)) {
      backend::require_record_width(r, fields, columns::size);
      batch.push_back(parse_row(fields, r.file_name(), std::make_index_sequence<columns::size>{}));
      lines.push_back(r.record_line());
      ++n;
      if (batch.size() == batch_rows) flush(db, batch, lines, r.file_name());
    }
    if (!batch.empty()) flush(db, batch, lines, r.file_name());
    tx.commit();
    return n;
  }

 private:
  template <class C>
  using value_of = std::conditional_t<nullable_v<C>, std::optional<typename C::value_type>, typename C::value_type>;
  template <class L>
  struct tuple_of;
  template <class... Cs>
  struct tuple_of<type_list<Cs...>> {
    using type = std::tuple<value_of<Cs>...>;
  };
  /// One record, parsed: a value per column.
  using row_values = typename tuple_of<columns>::type;

  template <std::size_t... Is>
  static row_values parse_row(std::vector<csv::field> const& f, std::string const& file, std::index_sequence<Is...>) {
    return row_values{csv::parse_field<std::tuple_element_t<Is, row_values>>(f[Is], file)...};
  }

  /// Inserts the rows of `batch` with one multi-row INSERT (prepared once per batch size), then empties it. When
  /// the server refuses a row (a duplicate key, a NULL for a NOT NULL column, a value out of range), finds which
  /// and throws egret::load_error at its line (see locate).
  static void flush(connection& db, std::vector<row_values>& batch, std::vector<std::size_t>& lines,
                    std::string const& file) {
    static std::string const full_sql = insert_text(batch_rows);
    statement& s = db.cache_.get_dynamic(db.h_.get(), batch.size() == batch_rows ? full_sql : insert_text(batch.size()));
    int index = 0;
    for (auto const& row : batch) std::apply([&](auto const&... v) { (s.bind(++index, v), ...); }, row);
    try {
      s.execute();
    } catch (error const& e) {
      if (!row_error(e)) throw;
      locate(db, batch, lines, file);
    }
    batch.clear();
    lines.clear();
  }

  // Whether the server refused a row's values (SQLSTATE class 22 or 23, or a value the column cannot take):
  // InnoDB then undid the whole statement and the transaction goes on. Anything else (a deadlock, which rolls
  // the transaction back; a lost connection) is not retried.
  static bool row_error(error const& e) {
    std::string const& st = e.sqlstate();
    unsigned const n = e.error_number();
    return st.starts_with("22") || st.starts_with("23") || n == ER_TRUNCATED_WRONG_VALUE_FOR_FIELD ||
           n == ER_TRUNCATED_WRONG_VALUE;
  }

  /// The multi-row INSERT failed as a whole (InnoDB undid it): inserts the batch again one row at a time, in the
  /// load's transaction, and throws egret::load_error at the line of the first row refused (the rows before it are
  /// rolled back with the load). Should every row go in alone, the batch is loaded and the load goes on.
  static void locate(connection& db, std::vector<row_values> const& batch, std::vector<std::size_t> const& lines,
                     std::string const& file) {
    static std::string const one_sql = insert_text(1);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      statement& one = db.cache_.get_dynamic(db.h_.get(), one_sql);
      int index = 0;
      std::apply([&](auto const&... v) { (one.bind(++index, v), ...); }, batch[i]);
      try {
        one.execute();
      } catch (error const& e) {
        if (!row_error(e)) throw;
        throw load_error(file, lines[i], 1,
                         "the server refused the row: " + e.message() + " [error " + std::to_string(e.error_number()) +
                             ", SQLSTATE " + e.sqlstate() + "]");
      }
    }
  }

  /// The rows of a LOAD DATA LOCAL INFILE, written as libmariadb's read callback asks for them: each record
  /// parsed as its columns' C++ types (csv::parse_field, so the same checks and errors as the INSERTs), then
  /// written tab-separated with LOAD DATA's escapes (`\N` NULL, `\\`, `\t`, `\n`, `\r`, `\0`).
  struct infile_source {
    csv::reader& r;
    std::vector<csv::field> fields{};
    std::string buf{};
    std::size_t at = 0;     // what of buf the callback took
    std::size_t rows = 0;   // records written
    bool done = false;      // the reader is at its end
    bool started = false;   // the server asked for the rows
    std::exception_ptr error{};

    // Fills buf with the next records (about 64 KB); empty at the end of the input.
    void refill() {
      buf.clear();
      at = 0;
      while (!done && buf.size() < (std::size_t{1} << 16)) {
        if (!r.next(fields)) {
          done = true;
          break;
        }
        backend::require_record_width(r, fields, columns::size);
        write_row(std::make_index_sequence<columns::size>{});
        ++rows;
      }
    }

    template <std::size_t... Is>
    void write_row(std::index_sequence<Is...>) {
      ((Is == 0 ? void() : buf.push_back('\t'), put_field<std::tuple_element_t<Is, row_values>>(fields[Is])), ...);
      buf.push_back('\n');
    }
    template <class V>
    void put_field(csv::field const& f) {
      using U = backend::unoptional_t<V>;
      if (f.text.empty() && !f.quoted) {
        if constexpr (!std::is_same_v<U, V>) {
          buf += "\\N";
          return;
        } else {
          (void)csv::parse_field<V>(f, r.file_name());  // throws "missing value for NOT NULL column"
        }
      }
      if constexpr (std::is_same_v<U, std::string>) {
        put_text(f.text);  // what csv::parse_field<std::string> would return, without the copy
      } else {
        U const v = csv::parse_field<U>(f, r.file_name());
        if constexpr (std::is_same_v<U, bool>) {
          buf.push_back(v ? '1' : '0');
        } else if constexpr (std::is_arithmetic_v<U>) {
          char b[32];
          buf.append(b, std::to_chars(b, b + sizeof b, v).ptr);  // doubles: the shortest text that reads back exactly
        } else if constexpr (std::is_same_v<U, egret::date>) {
          char b[egret::date_max_chars];
          buf.append(b, egret::format_to_chars(b, v));
        } else {
          static_assert(std::is_same_v<U, egret::timestamp>);
          char b[egret::timestamp_max_chars];
          buf.append(b, egret::format_to_chars(b, v));
        }
      }
    }
    void put_text(std::string_view t) {
      for (char c : t) {
        switch (c) {
          case '\\': buf += "\\\\"; break;
          case '\t': buf += "\\t"; break;
          case '\n': buf += "\\n"; break;
          case '\r': buf += "\\r"; break;
          case '\0': buf += "\\0"; break;
          default: buf.push_back(c);
        }
      }
    }
  };
  // libmariadb's local-infile callbacks (C: nothing may throw through them; an exception is kept in the source
  // and rethrown once mysql_real_query returns).
  static int infile_init(void** ptr, char const*, void* userdata) {
    *ptr = userdata;
    static_cast<infile_source*>(userdata)->started = true;
    return 0;
  }
  static int infile_read(void* ptr, char* out, unsigned int len) {
    auto& src = *static_cast<infile_source*>(ptr);
    try {
      if (src.at == src.buf.size()) src.refill();
    } catch (...) {
      src.error = std::current_exception();
      return -1;
    }
    std::size_t const n = std::min<std::size_t>(len, src.buf.size() - src.at);
    std::memcpy(out, src.buf.data() + src.at, n);
    src.at += n;
    return static_cast<int>(n);
  }
  static void infile_end(void*) {}
  static int infile_error(void*, char* msg, unsigned int len) {
    std::snprintf(msg, len, "%s", "egret: load_csv stopped on bad input");
    return CR_UNKNOWN_ERROR;
  }

  /// Installs egret's local-infile handler for one LOAD DATA, and puts back what the connection had.
  class handler_scope {
   public:
    handler_scope(MYSQL* h, infile_source* src)
        : h_(h), init_(h->options.local_infile_init), read_(h->options.local_infile_read),
          end_(h->options.local_infile_end), error_(h->options.local_infile_error),
          userdata_(h->options.local_infile_userdata) {
      mysql_set_local_infile_handler(h, &infile_init, &infile_read, &infile_end, &infile_error, src);
    }
    handler_scope(handler_scope const&) = delete;
    handler_scope& operator=(handler_scope const&) = delete;
    ~handler_scope() { mysql_set_local_infile_handler(h_, init_, read_, end_, error_, userdata_); }

   private:
    MYSQL* h_;
    decltype(MYSQL::options.local_infile_init) init_;
    decltype(MYSQL::options.local_infile_read) read_;
    decltype(MYSQL::options.local_infile_end) end_;
    decltype(MYSQL::options.local_infile_error) error_;
    void* userdata_;
  };

  template <class... Cs>
  static void names(std::string& s, type_list<Cs...>) {
    bool first = true;
    ((s += first ? "" : ", ", first = false, s += quoted<dialect_type>(Cs::name.view())), ...);
  }
};

}  // namespace egret::mysql::detail
