// libFuzzer harness: the CSV reader (include/egret/csv/reader.hpp), typed field parsing (parse_value.hpp) and
// db.load_csv() into a real SQLite table (include/egret/sqlite/load_csv.hpp).
//
// Input: byte 0 chooses the layout (delimiter, trailing delimiter, header, whether the right header line is
// put in front, a sentinel row in the table before loading), byte 1 the reader's buffer size; the rest is the
// file. Checked, for every input:
//  * the reader gives the same records, positions and errors whatever its buffer size, from a stream or a file;
//  * every field's line/column point at its bytes in the input (its opening quote; the unquoted text itself);
//  * a reader error is an egret::load_error with a line and column inside the input;
//  * parse_field<T> for every T either returns or throws load_error at the field's position; an integer it
//    returns prints back to the same number;
//  * load_csv() succeeds exactly when the reader and every field's parse do, with the rows the reader saw
//    (read back from SQLite and compared with parse_field's values); otherwise it throws load_error at the first
//    bad field (or record, or header) and leaves the table as it was. Anything else aborts (a finding).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <unistd.h>
#include <utility>
#include <variant>
#include <vector>

#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "fuzz/check.hpp"

#ifndef EGRET_FUZZ_STRICT
#define EGRET_FUZZ_STRICT 0  // 1: known findings fail too (cmake -DEGRET_FUZZ_STRICT=ON)
#endif

namespace {

EGRET_TABLE(fz, (i32, std::int32_t), (i64, std::int64_t), (d, double), (b, bool), (s, std::string), (dt, egret::date),
            (ts, egret::timestamp), (oi, std::optional<std::int64_t>), (os, std::optional<std::string>),
            (od, std::optional<double>));
constexpr std::string_view header_names[] = {"i32", "i64", "d", "b", "s", "dt", "ts", "oi", "os", "od"};
constexpr std::size_t n_columns = std::size(header_names);

struct rec_field {
  std::string text;
  std::size_t line, column;
  bool quoted;
  friend bool operator==(rec_field const&, rec_field const&) = default;
};
struct record {
  std::vector<rec_field> fields;
  std::size_t line;
  egret::csv::position end;
  friend bool operator==(record const& a, record const& b) {
    return a.fields == b.fields && a.line == b.line && a.end.line == b.end.line && a.end.column == b.end.column;
  }
};
struct located {
  std::size_t line = 0, column = 0;
  std::string reason;
  friend bool operator==(located const&, located const&) = default;
};
struct parse_result {
  std::vector<record> records;   // header included when has_header
  std::optional<located> error;  // where reading stopped
  friend bool operator==(parse_result const&, parse_result const&) = default;
};

parse_result read_all(egret::csv::reader& r) {
  parse_result out;
  std::vector<egret::csv::field> fields;
  try {
    for (;;) {
      bool const got = (r.opts().has_header && out.records.empty()) ? r.read_header(fields) : r.next(fields);
      if (!got) break;
      record rec{{}, r.record_line(), r.record_end()};
      for (auto const& f : fields) rec.fields.push_back({std::string(f.text), f.line, f.column, f.quoted});
      out.records.push_back(std::move(rec));
    }
  } catch (egret::load_error const& e) {
    out.error = located{e.line(), e.column(), e.reason()};
  }
  return out;
}

parse_result read_stream(std::string const& data, egret::csv::options opts, std::size_t buffer) {
  std::istringstream in(data);
  egret::csv::reader r(in, "input.csv", opts, buffer);
  return read_all(r);
}

std::string const& temp_file() {
  static std::string const name = std::string(EGRET_FUZZ_TMP_DIR) + "/csv_" + std::to_string(::getpid()) + ".csv";
  return name;
}

parse_result read_file(std::string const& data, egret::csv::options opts, std::size_t buffer) {
  std::FILE* f = std::fopen(temp_file().c_str(), "wb");
  EGRET_FUZZ_CHECK(f != nullptr, "cannot write " + temp_file());
  EGRET_FUZZ_CHECK(std::fwrite(data.data(), 1, data.size(), f) == data.size(), "short write");
  std::fclose(f);
  egret::csv::reader r(temp_file(), opts, buffer);
  return read_all(r);
}

// Offsets where each 1-based line starts (the reader counts LF only, inside quotes too).
std::vector<std::size_t> line_starts(std::string const& data) {
  std::vector<std::size_t> out{0};
  for (std::size_t i = 0; i < data.size(); ++i)
    if (data[i] == '\n') out.push_back(i + 1);
  return out;
}

bool has_bom(std::string const& data) { return data.size() >= 3 && data.compare(0, 3, "\xEF\xBB\xBF") == 0; }

std::size_t offset_of(std::string const& data, std::vector<std::size_t> const& starts, std::size_t line,
                      std::size_t column) {
  EGRET_FUZZ_CHECK(line >= 1 && line <= starts.size(), "line " + std::to_string(line) + " is not in the input");
  EGRET_FUZZ_CHECK(column >= 1, "column 0 in a located error or field");
  std::size_t const base = starts[line - 1] + (line == 1 && has_bom(data) ? 3 : 0);
  return base + column - 1;
}

void check_positions(std::string const& data, parse_result const& r, char delimiter) {
  auto const starts = line_starts(data);
  for (auto const& rec : r.records) {
    for (auto const& f : rec.fields) {
      std::size_t const at = offset_of(data, starts, f.line, f.column);
      if (f.quoted) {
        std::string enc = "\"";
        for (char c : f.text) enc += c == '"' ? std::string("\"\"") : std::string(1, c);
        enc += '"';
        EGRET_FUZZ_CHECK(data.compare(at, enc.size(), enc) == 0,
                         "quoted field at " + std::to_string(f.line) + ":" + std::to_string(f.column) +
                             " is not its bytes in the input");
      } else {
        EGRET_FUZZ_CHECK(at <= data.size() && data.compare(at, f.text.size(), f.text) == 0,
                         "unquoted field at " + std::to_string(f.line) + ":" + std::to_string(f.column) +
                             " is not its bytes in the input");
        std::size_t const after = at + f.text.size();
        EGRET_FUZZ_CHECK(after == data.size() || data[after] == delimiter || data[after] == '\n' ||
                             (data[after] == '\r' && after + 1 < data.size() && data[after + 1] == '\n'),
                         "unquoted field does not end at a delimiter or line break");
      }
    }
  }
  if (r.error) {
    // A located error names a line of the input and a column at most one past that line's end.
    EGRET_FUZZ_CHECK(r.error->line >= 1 && r.error->line <= starts.size(),
                     "error line " + std::to_string(r.error->line) + " is not in the input");
    std::size_t const at = offset_of(data, starts, r.error->line, r.error->column);
    std::size_t const line_end = r.error->line < starts.size() ? starts[r.error->line] : data.size() + 1;
    EGRET_FUZZ_CHECK(at <= line_end, "error column " + std::to_string(r.error->column) + " is past its line");
    EGRET_FUZZ_CHECK(!r.error->reason.empty(), "load_error without a reason");
  }
}

// parse_field<T> on one field: its value, or where it failed (which must be the field's position).
template <class T>
std::optional<T> parse_one(rec_field const& rf) {
  egret::csv::field const f{rf.text, rf.line, rf.column, rf.quoted};
  try {
    return egret::csv::parse_field<T>(f, "input.csv");
  } catch (egret::load_error const& e) {
    EGRET_FUZZ_CHECK(e.line() == rf.line && e.column() == rf.column && e.file() == "input.csv",
                     "parse_field's error is not at the field");
    return std::nullopt;
  }
}

template <class Int>
void check_integer(rec_field const& f) {
  if (auto const v = parse_one<Int>(f)) {
    std::string t = f.text;
    if (!t.empty() && t[0] == '+') t.erase(0, 1);
    bool const neg = !t.empty() && t[0] == '-';
    std::string digits = neg ? t.substr(1) : t;
    while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
    std::string const canonical = (neg && digits != "0" ? "-" : "") + digits;
    EGRET_FUZZ_CHECK(std::to_string(*v) == canonical, "integer " + f.text + " parsed as " + std::to_string(*v));
  }
}

// Every type on every field: no crash, errors located at the field.
void check_parse_all(rec_field const& f) {
  check_integer<std::int32_t>(f);
  check_integer<std::int64_t>(f);
  (void)parse_one<double>(f);
  (void)parse_one<bool>(f);
  (void)parse_one<std::string>(f);
  (void)parse_one<egret::date>(f);
  (void)parse_one<egret::timestamp>(f);
  (void)parse_one<std::optional<std::int64_t>>(f);
  (void)parse_one<std::optional<egret::date>>(f);
  (void)parse_one<std::optional<egret::timestamp>>(f);
}

using expected_row = std::tuple<std::int32_t, std::int64_t, double, bool, std::string, egret::date, egret::timestamp,
                                std::optional<std::int64_t>, std::optional<std::string>, std::optional<double>>;

// The row load_csv must insert for a record, or the position of the first field that does not parse.
std::variant<expected_row, located> expected_of(record const& rec) {
  auto const& f = rec.fields;
  expected_row row;
  std::optional<located> bad;
  auto take = [&](std::size_t i, auto& slot) {
    using T = std::remove_cvref_t<decltype(slot)>;
    if (bad) return;
    if (auto v = parse_one<T>(f[i]))
      slot = std::move(*v);
    else
      bad = located{f[i].line, f[i].column, ""};
  };
  take(0, std::get<0>(row));
  take(1, std::get<1>(row));
  take(2, std::get<2>(row));
  take(3, std::get<3>(row));
  take(4, std::get<4>(row));
  take(5, std::get<5>(row));
  take(6, std::get<6>(row));
  take(7, std::get<7>(row));
  take(8, std::get<8>(row));
  take(9, std::get<9>(row));
  if (bad) return *bad;
  // "nan" is refused by parse_field<double> (SQLite would store NULL in its place: regressions/csv/
  // nan_into_nullable_double), so a parsed row holds no NaN.
  EGRET_FUZZ_CHECK(!std::isnan(std::get<2>(row)), "parse_field<double> returned NaN");
  if (auto const& od = std::get<9>(row)) EGRET_FUZZ_CHECK(!std::isnan(*od), "parse_field<double> returned NaN");
  return row;
}

bool same_double(double a, double b) { return a == b || (a != a && b != b); }

egret::sqlite::connection& database() {
  static egret::sqlite::connection db(":memory:");
  static bool const created = [] {
    db.create_table<fz>();
    return true;
  }();
  (void)created;
  return db;
}

std::int64_t row_count(egret::sqlite::connection& db) {
  constexpr fz t{};
  return db.execute(t.aggregate(egret::count().as<"n">())).first()->get<"n">();
}

void check_load(std::string const& data, egret::csv::options opts, parse_result const& parsed, bool sentinel) {
  auto& db = database();
  constexpr fz t{};
  db.exec("DELETE FROM fz");
  if (sentinel)
    db.insert<fz>(std::int32_t{-1}, std::int64_t{-1}, 0.5, true, "sentinel", egret::date{2000, 1, 1},
                  egret::timestamp{egret::date{2000, 1, 1}, 0}, std::nullopt, std::nullopt, std::nullopt);
  std::int64_t const before = sentinel ? 1 : 0;

  // What the load must do: the first failure in reading order, or these rows.
  std::optional<located> expect_error;
  std::vector<expected_row> expect_rows;
  std::size_t first = 0;
  if (opts.has_header) {
    first = 1;
    if (parsed.records.empty()) {
      expect_error = parsed.error ? *parsed.error : located{1, 1, ""};  // an empty file: 1:1
    } else {
      auto const& h = parsed.records[0].fields;
      bool ok = h.size() == n_columns;
      for (std::size_t i = 0; ok && i < n_columns; ++i) ok = h[i].text == header_names[i];
      if (!ok) expect_error = located{0, 0, "header"};  // position: expect_header's own rules
    }
  }
  for (std::size_t i = first; !expect_error && i < parsed.records.size(); ++i) {
    auto const& rec = parsed.records[i];
    if (rec.fields.size() != n_columns) {
      auto const& last = rec.fields.back();
      expect_error = located{last.line, last.column, ""};
      break;
    }
    auto e = expected_of(rec);
    if (auto const* l = std::get_if<located>(&e))
      expect_error = *l;
    else
      expect_rows.push_back(std::get<expected_row>(std::move(e)));
  }
  if (!expect_error && parsed.error) expect_error = parsed.error;

  std::istringstream in(data);
  try {
    std::size_t const n = db.load_csv<fz>(in, "input.csv", opts);
    EGRET_FUZZ_CHECK(!expect_error, "load_csv succeeded where a load_error was expected at " +
                                        std::to_string(expect_error->line) + ":" +
                                        std::to_string(expect_error->column));
    EGRET_FUZZ_CHECK(n == expect_rows.size(), "load_csv returned " + std::to_string(n) + " rows, the reader saw " +
                                                   std::to_string(expect_rows.size()));
    EGRET_FUZZ_CHECK(row_count(db) == before + static_cast<std::int64_t>(n), "row count after load");
    // The table's rows in insertion order (rowid order, no index): the sentinel first, then the loaded ones.
    std::size_t i = 0;
    bool skip = sentinel;
    for (auto const& r : db.execute(t.select(t.i32, t.i64, t.d, t.b, t.s, t.dt, t.ts, t.oi, t.os, t.od))) {
      if (std::exchange(skip, false)) continue;
      EGRET_FUZZ_CHECK(i < expect_rows.size(), "more rows in the table than loaded");
      auto const& e = expect_rows[i++];
      EGRET_FUZZ_CHECK(r.get<"i32">() == std::get<0>(e) && r.get<"i64">() == std::get<1>(e), "integers differ");
      EGRET_FUZZ_CHECK(same_double(r.get<"d">(), std::get<2>(e)), "double differs");
      EGRET_FUZZ_CHECK(r.get<"b">() == std::get<3>(e), "boolean differs");
      EGRET_FUZZ_CHECK(r.get<"s">() == std::get<4>(e), "text differs after a round trip through SQLite");
      EGRET_FUZZ_CHECK(r.get<"dt">() == std::get<5>(e) && r.get<"ts">() == std::get<6>(e), "date/timestamp differs");
      EGRET_FUZZ_CHECK(r.get<"oi">() == std::get<7>(e), "nullable integer differs");
      auto const os = r.get<"os">();
      EGRET_FUZZ_CHECK(os.has_value() == std::get<8>(e).has_value() && (!os || *os == *std::get<8>(e)),
                       "nullable text differs");
      auto const od = r.get<"od">();
      EGRET_FUZZ_CHECK(od.has_value() == std::get<9>(e).has_value() && (!od || same_double(*od, *std::get<9>(e))),
                       "nullable double differs");
    }
    EGRET_FUZZ_CHECK(i == expect_rows.size(), "fewer rows in the table than loaded");
  } catch (egret::load_error const& e) {
    EGRET_FUZZ_CHECK(expect_error.has_value(), std::string("load_csv failed on input the reader and parse_field "
                                                           "accept: ") + e.what());
    EGRET_FUZZ_CHECK(e.file() == "input.csv", "load_error names another file");
    if (expect_error->line != 0) {
      EGRET_FUZZ_CHECK(e.line() == expect_error->line && e.column() == expect_error->column,
                       std::string("load_error at the wrong place: ") + e.what() + ", expected " +
                           std::to_string(expect_error->line) + ":" + std::to_string(expect_error->column));
    } else {
      EGRET_FUZZ_CHECK(e.line() >= 1 && e.column() >= 1, std::string("header error without a position: ") + e.what());
    }
    EGRET_FUZZ_CHECK(row_count(db) == before, "a failed load_csv changed the table");
  } catch (egret::database_error const& e) {
    EGRET_FUZZ_FAIL(std::string("load_csv threw database_error, not load_error (no line/column): ") + e.what());
  } catch (std::exception const& e) {
    EGRET_FUZZ_FAIL(std::string("load_csv threw an unexpected exception: ") + e.what());
  }
}

constexpr std::size_t buffer_sizes[] = {1, 2, 3, 4, 5, 7, 8, 13, 64, 4096};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* bytes, std::size_t size) {
  if (size < 2) return 0;
  unsigned const flags = bytes[0];
  std::size_t const buffer = buffer_sizes[bytes[1] % std::size(buffer_sizes)];
  std::string data(reinterpret_cast<char const*>(bytes) + 2, size - 2);

  egret::csv::options opts;
  constexpr char delimiters[] = {',', '|', ';', '\t'};
  opts.delimiter = delimiters[flags & 3];
  opts.trailing_delimiter = (flags & 4) != 0;
  opts.has_header = (flags & 8) != 0;
  bool const sentinel = (flags & 16) != 0;
  if (opts.has_header && (flags & 32) != 0) {  // put the right header in front, so that records get loaded
    std::string h;
    for (auto n : header_names) h += std::string(n) + opts.delimiter;
    if (!opts.trailing_delimiter) h.pop_back();
    data = h + ((flags & 64) ? "\r\n" : "\n") + data;
  }

  parse_result const reference = read_stream(data, opts, egret::csv::reader::default_buffer_size);
  EGRET_FUZZ_CHECK(read_stream(data, opts, buffer) == reference,
                   "the reader's records or error depend on its buffer size (" + std::to_string(buffer) + ")");
  if ((flags & 128) != 0)
    EGRET_FUZZ_CHECK(read_file(data, opts, buffer) == reference, "reading a file differs from reading a stream");
  check_positions(data, reference, opts.delimiter);
  // Every type on the first fields (each failed parse is a throw: all of them would halve the speed).
  std::size_t budget = 24;
  for (auto const& rec : reference.records)
    for (auto const& f : rec.fields)
      if (budget > 0) {
        --budget;
        check_parse_all(f);
      }
  check_load(data, opts, reference, sentinel);
  return 0;
}
