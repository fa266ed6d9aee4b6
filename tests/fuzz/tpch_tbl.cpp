// libFuzzer harness: the TPC-H loader (examples/tpch/load.hpp: tpch::load_table, db.load_csv with dbgen's '|'
// format, gzip_streambuf for .tbl.gz) on a real SQLite table.
//
// Input: byte 0 chooses the table (low 3 bits) and the file's form (bits 3-4: plain .tbl, the rest gzip-
// compressed into .tbl.gz, or the rest written as .tbl.gz as it is: compressed bytes from the fuzzer); the
// rest is the file. Checked, for every input:
//  * load_table either returns the number of rows the table then holds, and which the '|' reader counts in
//    the same text, or throws egret::load_error naming the file, with a line and column inside the text (or
//    line >= 1 for a broken gzip stream) -- and the table is then empty;
//  * anything else (another exception, a sanitizer report, a hang) is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <vector>

#include <zlib.h>

#include "fuzz/check.hpp"
#include "load.hpp"  // examples/tpch/

namespace {

std::filesystem::path const& work_dir() {
  static std::filesystem::path const dir = [] {
    auto d = std::filesystem::path(EGRET_FUZZ_TMP_DIR) / ("tpch_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

void write_file(std::filesystem::path const& file, std::string const& bytes) {
  std::FILE* f = std::fopen(file.c_str(), "wb");
  EGRET_FUZZ_CHECK(f != nullptr, "cannot write " + file.string());
  EGRET_FUZZ_CHECK(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(), "short write");
  std::fclose(f);
}

// gzip (not zlib) framing, as dbgen users' gzip writes it.
std::string gzip(std::string const& text) {
  z_stream z{};
  EGRET_FUZZ_CHECK(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EGRET_FUZZ_CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

egret::sqlite::connection& database() {
  static egret::sqlite::connection db(":memory:");
  return db;
}

std::int64_t count_rows(egret::sqlite::connection& db, std::string_view table) {
  std::int64_t n = -1;
  auto& s = db.dynamic_statement("SELECT count(*) FROM \"" + std::string(table) + "\"");
  egret::sqlite::reset_guard g{s};
  EGRET_FUZZ_CHECK(s.step(), "count(*) gave no row");
  n = sqlite3_column_int64(s.get(), 0);
  return n;
}

// What the '|' reader makes of the text: the number of records, or that it fails somewhere.
struct reading {
  std::size_t records = 0;
  bool fails = false;
};
reading read_tbl(std::string const& text) {
  std::istringstream in(text);
  egret::csv::reader r(in, "text", tpch::detail::tbl_format);
  std::vector<egret::csv::field> fields;
  reading out;
  try {
    while (r.next(fields)) ++out.records;
  } catch (egret::load_error const&) {
    out.fails = true;
  }
  return out;
}

std::size_t lines_of(std::string const& text) {
  std::size_t n = 1;
  for (char c : text) n += c == '\n';
  return n;
}

template <class T>
void run(std::string const& bytes, unsigned form) {
  auto& db = database();
  std::string_view const name = T::egret_name.view();
  auto const plain = work_dir() / (std::string(name) + ".tbl");
  auto gz = plain;
  gz += ".gz";
  std::error_code ec;
  std::filesystem::remove(plain, ec);
  std::filesystem::remove(gz, ec);
  bool const compressed = form != 0;
  bool const raw_gzip = form == 3;  // the fuzzer's bytes are the compressed stream
  std::string const& text = bytes;  // the .tbl text (forms 0-2)
  write_file(compressed ? gz : plain, form == 0 || raw_gzip ? bytes : gzip(bytes));
  auto const file = compressed ? gz : plain;

  try {
    auto const loaded = tpch::load_table<T>(db, work_dir());
    EGRET_FUZZ_CHECK(loaded.file == file, "load_table read " + loaded.file.string());
    EGRET_FUZZ_CHECK(count_rows(db, name) == static_cast<std::int64_t>(loaded.rows),
                     "load_table returned " + std::to_string(loaded.rows) + " rows, the table holds " +
                         std::to_string(count_rows(db, name)));
    if (!raw_gzip) {
      reading const r = read_tbl(text);
      EGRET_FUZZ_CHECK(!r.fails && r.records == loaded.rows, "load_table's rows differ from the reader's records");
    }
  } catch (egret::load_error const& e) {
    EGRET_FUZZ_CHECK(e.file() == file.string(), "load_error names " + e.file() + ", not " + file.string());
    EGRET_FUZZ_CHECK(e.line() >= 1 && e.column() >= 1, std::string("load_error without a position: ") + e.what());
    if (!raw_gzip) {
      EGRET_FUZZ_CHECK(e.line() <= lines_of(text), std::string("load_error past the last line: ") + e.what());
      // A field that does not parse, a record with the wrong number of fields, a record the table refuses:
      // the position is where a field starts (after a '|' or at the start of a line).
      std::string_view const reason = e.reason();
      bool const at_field = reason.starts_with("expected ") || reason.starts_with("missing value") ||
                            reason.starts_with("integer out of range") || reason.starts_with("number out of range") ||
                            reason.starts_with("refused by the database") || reason.starts_with("NaN ");
      if (at_field && reason.find("read error") == std::string_view::npos) {
        std::size_t at = 0;
        for (std::size_t l = 1; l < e.line(); ++l) at = text.find('\n', at) + 1;
        if (e.line() == 1 && text.starts_with("\xEF\xBB\xBF")) at += 3;
        at += e.column() - 1;
        std::size_t const line_end = std::min(text.find('\n', at - (e.column() - 1)), text.size());
        EGRET_FUZZ_CHECK(at <= line_end, std::string("load_error column past its line: ") + e.what());
        bool const field_start = at == 0 || text[at - 1] == '|' || text[at - 1] == '\n' ||
                                 (e.line() == 1 && at == 3 && text.starts_with("\xEF\xBB\xBF"));
        EGRET_FUZZ_CHECK(field_start, std::string("load_error does not point at a field: ") + e.what());
      }
    }
    EGRET_FUZZ_CHECK(count_rows(db, name) == 0, std::string("a failed load left rows in the table: ") + e.what());
  } catch (egret::database_error const& e) {
    EGRET_FUZZ_FAIL(std::string("load_table threw database_error, not load_error (no line/column): ") + e.what());
  } catch (std::exception const& e) {
    EGRET_FUZZ_FAIL(std::string("load_table threw an unexpected exception: ") + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size < 1) return 0;
  unsigned const table = data[0] & 7;
  unsigned const form = (data[0] >> 3) & 3;
  std::string const bytes(reinterpret_cast<char const*>(data) + 1, size - 1);
  switch (table) {
    case 0: run<tpch::region>(bytes, form); break;
    case 1: run<tpch::nation>(bytes, form); break;
    case 2: run<tpch::part>(bytes, form); break;
    case 3: run<tpch::supplier>(bytes, form); break;
    case 4: run<tpch::partsupp>(bytes, form); break;
    case 5: run<tpch::customer>(bytes, form); break;
    case 6: run<tpch::orders>(bytes, form); break;
    default: run<tpch::lineitem>(bytes, form); break;
  }
  return 0;
}
