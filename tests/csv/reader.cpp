// Tests egret::csv::reader and expect_header: RFC 4180 rules, .tbl records, positions, buffer refills, errors.
#include <egret/csv/reader.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using egret::csv::field;
using egret::csv::options;
using egret::csv::reader;

// A field copied out of the reader, so it outlives the next call to next().
struct cell {
  std::string text;
  std::size_t line;
  std::size_t column;
  bool quoted;
  bool operator==(cell const&) const = default;
};

struct record {
  std::size_t line;  // reader::record_line()
  std::vector<cell> cells;
  bool operator==(record const&) const = default;
};

std::vector<record> read_all(reader& r) {
  std::vector<record> out;
  std::vector<field> fields;
  while (r.next(fields)) {
    record rec{r.record_line(), {}};
    for (field const& f : fields) rec.cells.push_back({std::string(f.text), f.line, f.column, f.quoted});
    out.push_back(std::move(rec));
  }
  return out;
}

std::vector<record> read_string(std::string const& input, options opts = {},
                                std::size_t buffer_size = reader::default_buffer_size) {
  std::istringstream in(input);
  reader r(in, "test.csv", opts, buffer_size);
  return read_all(r);
}

// Just the texts, for tests that do not care about positions.
std::vector<std::vector<std::string>> texts(std::vector<record> const& records) {
  std::vector<std::vector<std::string>> out;
  for (record const& r : records) {
    out.emplace_back();
    for (cell const& c : r.cells) out.back().push_back(c.text);
  }
  return out;
}

using table = std::vector<std::vector<std::string>>;

constexpr options no_header{',', false, false};
constexpr options tbl{'|', true, false};

template <class F>
std::optional<egret::load_error> load_error_of(F&& f) {
  try {
    f();
  } catch (egret::load_error const& e) {
    return e;
  }
  return std::nullopt;
}

#define CHECK_LOAD_ERROR(expr, file_, line_, column_, reason_)           \
  do {                                                                  \
    auto const err_ = load_error_of([&] { (void)(expr); });             \
    REQUIRE(err_.has_value());                                          \
    CHECK(err_->file() == (file_));                                     \
    CHECK(err_->line() == (line_));                                     \
    CHECK(err_->column() == (column_));                                 \
    CHECK(err_->reason() == (reason_));                                 \
  } while (false)

// A fresh directory under the system temp dir, removed with everything in it.
struct temp_dir {
  fs::path path;
  temp_dir() {
    std::random_device rd;
    for (;;) {
      path = fs::temp_directory_path() / ("egret-csv-test-" + std::to_string(rd()) + std::to_string(rd()));
      if (fs::create_directory(path)) break;
    }
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  temp_dir(temp_dir const&) = delete;
  temp_dir& operator=(temp_dir const&) = delete;

  fs::path write(std::string const& name, std::string const& content) const {
    fs::path const p = path / name;
    std::ofstream out(p, std::ios::binary);
    out << content;
    REQUIRE(out.good());
    return p;
  }
};

// Streams `records` copies of a line without holding them in memory: the reader must stream, not slurp.
class generated_buf : public std::streambuf {
 public:
  generated_buf(std::string line, std::size_t records) : line_(std::move(line)), left_(records) {}

 protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    --left_;
    setg(line_.data(), line_.data(), line_.data() + line_.size());
    return traits_type::to_int_type(line_[0]);
  }

 private:
  std::string line_;
  std::size_t left_;
};

}  // namespace

TEST_CASE("LF file with a header: the header is skipped, positions are 1-based", "[csv]") {
  auto const recs = read_string("id,name,amount\n1,alice,10\n22,bob,\n");
  REQUIRE(recs.size() == 2);
  CHECK(recs[0] == record{2, {{"1", 2, 1, false}, {"alice", 2, 3, false}, {"10", 2, 9, false}}});
  CHECK(recs[1] == record{3, {{"22", 3, 1, false}, {"bob", 3, 4, false}, {"", 3, 8, false}}});
}

TEST_CASE("CRLF file read through the path constructor", "[csv]") {
  temp_dir dir;
  fs::path const p = dir.write("orders.csv",
                               "id,user_id,order_date,status\r\n"
                               "1,1,2018-01-01,returned\r\n"
                               "2,3,2018-01-02,completed\r\n"
                               "3,94,2018-01-04,\"return_pending\"\r\n");
  reader r(p);
  CHECK(r.file_name() == p.string());
  std::vector<field> fields;
  REQUIRE(r.next(fields));
  CHECK(r.record_line() == 2);
  REQUIRE(fields.size() == 4);
  CHECK(fields[3].text == "returned");  // no CR left over
  REQUIRE(r.next(fields));
  CHECK(fields[3].text == "completed");
  REQUIRE(r.next(fields));
  CHECK(r.record_line() == 4);
  CHECK(fields[3].text == "return_pending");
  CHECK(fields[3].quoted);
  CHECK(fields[3].line == 4);
  CHECK(fields[3].column == 17);
  CHECK_FALSE(r.next(fields));
  CHECK_FALSE(r.next(fields));  // stays at the end
}

TEST_CASE("LF and CRLF may be mixed, a lone CR is data", "[csv]") {
  CHECK(texts(read_string("a,b\r\nc,d\ne,f\r\n", no_header)) == table{{"a", "b"}, {"c", "d"}, {"e", "f"}});
  CHECK(texts(read_string("a\rb,c\n", no_header)) == table{{"a\rb", "c"}});
  CHECK(texts(read_string("a,b\r\r\n", no_header)) == table{{"a", "b\r"}});
  CHECK(texts(read_string("a,b\r", no_header)) == table{{"a", "b\r"}});
  CHECK(texts(read_string("\ra\n", no_header)) == table{{"\ra"}});
}

TEST_CASE("quoted fields: doubled quotes, delimiters and line breaks", "[csv]") {
  std::string const input =
      "\"say \"\"hi\"\"\",\"a,b\",plain\n"
      "\"two\nlines\",x\n"
      "\"crlf\r\ninside\",\"\"\"\",\"\"\r\n"
      "last,\"\"\n";
  auto const recs = read_string(input, no_header);
  REQUIRE(recs.size() == 4);
  CHECK(recs[0] == record{1, {{"say \"hi\"", 1, 1, true}, {"a,b", 1, 14, true}, {"plain", 1, 20, false}}});
  // The embedded LF moves later fields to the next line; their columns count from that line's start.
  CHECK(recs[1] == record{2, {{"two\nlines", 2, 1, true}, {"x", 3, 8, false}}});
  // A CRLF inside quotes is kept byte for byte.
  CHECK(recs[2] == record{4, {{"crlf\r\ninside", 4, 1, true}, {"\"", 5, 9, true}, {"", 5, 14, true}}});
  CHECK(recs[3] == record{6, {{"last", 6, 1, false}, {"", 6, 6, true}}});
}

TEST_CASE("empty fields and the final line", "[csv]") {
  CHECK(texts(read_string(",,\n", no_header)) == table{{"", "", ""}});
  CHECK(texts(read_string("a,b\nc,d", no_header)) == table{{"a", "b"}, {"c", "d"}});      // no final newline
  CHECK(texts(read_string("a,b\nc,\"d\"", no_header)) == table{{"a", "b"}, {"c", "d"}});  // ends in a quote
  CHECK(texts(read_string("a,b\nc,", no_header)) == table{{"a", "b"}, {"c", ""}});
  CHECK(texts(read_string("a\n\n", no_header)) == table{{"a"}});          // empty final line: not a record
  CHECK(texts(read_string("a\r\n\r\n", no_header)) == table{{"a"}});
  CHECK(texts(read_string("a\n\nb\n", no_header)) == table{{"a"}, {""}, {"b"}});  // an inner empty line is
  CHECK(texts(read_string("\"\"\n", no_header)) == table{{""}});                   // a quoted empty field is
  CHECK(texts(read_string("", no_header)).empty());
  CHECK(texts(read_string("\n", no_header)).empty());
  CHECK(texts(read_string("h\n")).empty());  // header only
  CHECK(texts(read_string("")).empty());
}

TEST_CASE("other delimiters", "[csv]") {
  CHECK(texts(read_string("a;b,c;\"d;e\"\n", {';', false, false})) == table{{"a", "b,c", "d;e"}});
  CHECK(texts(read_string("a\tb c\n", {'\t', false, false})) == table{{"a", "b c"}});
}

TEST_CASE("TPC-H .tbl records end with the delimiter", "[csv][tbl]") {
  temp_dir dir;
  fs::path const p = dir.write("nation.tbl",
                               "0|ALGERIA|0| haggle. carefully final deposits detect slyly agai|\n"
                               "1|ARGENTINA|1|al foxes promise slyly according to the regular accounts|\n"
                               "2|BRAZIL|1||");  // empty comment, and no final newline
  reader r(p, tbl);
  auto const recs = read_all(r);
  REQUIRE(recs.size() == 3);
  CHECK(recs[0].cells.size() == 4);
  CHECK(recs[0].cells[1].text == "ALGERIA");
  CHECK(recs[1].cells[3].column == 15);
  CHECK(texts({recs[2]}) == table{{"2", "BRAZIL", "1", ""}});

  CHECK(texts(read_string("|\n", tbl)) == table{{""}});
  CHECK(texts(read_string("a|b|\r\nc|d|\r\n\r\n", tbl)) == table{{"a", "b"}, {"c", "d"}});
  CHECK(texts(read_string("\"x|y\"|z|\n", tbl)) == table{{"x|y", "z"}});
}

TEST_CASE("a .tbl record without the trailing delimiter is an error at its end", "[csv][tbl][error]") {
  CHECK_LOAD_ERROR(read_string("1|a|b|\n2|c|d\n3|e|f|\n", tbl), "test.csv", 2, 6,
                   "record does not end with the delimiter '|'");
  CHECK_LOAD_ERROR(read_string("1|a|b|\r\n2|c|d\r\n", tbl), "test.csv", 2, 6,
                   "record does not end with the delimiter '|'");
  CHECK_LOAD_ERROR(read_string("1|a|b|\n2|c|d", tbl), "test.csv", 2, 6, "record does not end with the delimiter '|'");
  CHECK_LOAD_ERROR(read_string("1|a|\"\"\n", tbl), "test.csv", 1, 7, "record does not end with the delimiter '|'");
  CHECK_LOAD_ERROR(read_string("1|a|\n\n2|b|\n", tbl), "test.csv", 2, 1, "record does not end with the delimiter '|'");
}

TEST_CASE("malformed quoting is an error at the offending byte", "[csv][error]") {
  CHECK_LOAD_ERROR(read_string("a,b\nx,\"y\"z,w\n", no_header), "test.csv", 2, 6,
                   "unexpected character after closing quote");
  CHECK_LOAD_ERROR(read_string("\"y\" ,w\n", no_header), "test.csv", 1, 4, "unexpected character after closing quote");
  CHECK_LOAD_ERROR(read_string("\"y\"\rw\n", no_header), "test.csv", 1, 4, "unexpected character after closing quote");
  CHECK_LOAD_ERROR(read_string("a,b\ncd,ef\"g\n", no_header), "test.csv", 2, 6,
                   "quote inside an unquoted field; quote the whole field");
  CHECK_LOAD_ERROR(read_string(" \"a\"\n", no_header), "test.csv", 1, 2,
                   "quote inside an unquoted field; quote the whole field");
}

TEST_CASE("end of input inside quotes names where the quoted field started", "[csv][error]") {
  CHECK_LOAD_ERROR(read_string("id,note\n1,\"never\nclosed\n2,x\n"), "test.csv", 2, 3, "unterminated quoted field");
  CHECK_LOAD_ERROR(read_string("\"", no_header), "test.csv", 1, 1, "unterminated quoted field");
  CHECK_LOAD_ERROR(read_string("a,\"b\"\"", no_header), "test.csv", 1, 3, "unterminated quoted field");

  temp_dir dir;
  fs::path const p = dir.write("bad.csv", "a,b\r\n1,2\r\n3,\"x\r\ny\r\n");
  reader r(p);
  std::vector<field> fields;
  REQUIRE(r.next(fields));
  auto const err = load_error_of([&] { r.next(fields); });
  REQUIRE(err);
  CHECK(err->file() == p.string());
  CHECK(err->line() == 3);
  CHECK(err->column() == 3);
  CHECK(err->reason() == "unterminated quoted field");
  CHECK(std::string(err->what()) == p.string() + ":3:3: unterminated quoted field");
}

TEST_CASE("the path constructor reports files it cannot open", "[csv][error]") {
  temp_dir dir;
  fs::path const missing = dir.path / "missing.csv";
  CHECK_LOAD_ERROR(reader(missing), missing.string(), 0, 0, "cannot open: No such file or directory");
  CHECK_LOAD_ERROR(reader(dir.path), dir.path.string(), 0, 0, "cannot open: Is a directory");
}

TEST_CASE("a UTF-8 byte order mark is skipped and not counted in columns", "[csv]") {
  auto const recs = read_string("\xEF\xBB\xBFid,v\n1,\xEF\xBB\xBF\n");
  REQUIRE(recs.size() == 1);
  CHECK(recs[0] == record{2, {{"1", 2, 1, false}, {"\xEF\xBB\xBF", 2, 3, false}}});  // only at the very start
  std::istringstream in("\xEF\xBB\xBFid,v\n");
  reader r(in, "bom.csv");
  REQUIRE_NOTHROW(egret::csv::expect_header(r, {"id", "v"}));
}

TEST_CASE("string_views stay valid for the whole record, even one much larger than the buffer", "[csv]") {
  std::string big(10000, 'x');
  std::string input;
  for (int i = 0; i < 50; ++i) input += big + std::to_string(i) + ",\"" + big + "\"\"\",";
  input += "end\n";
  std::istringstream in(input);
  reader r(in, "big.csv", no_header, 64);
  std::vector<field> fields;
  REQUIRE(r.next(fields));
  REQUIRE(fields.size() == 101);
  for (int i = 0; i < 50; ++i) {
    CHECK(fields[2 * i].text == big + std::to_string(i));
    CHECK(fields[2 * i + 1].text == big + "\"");
  }
  CHECK(fields[100].text == "end");
  CHECK_FALSE(r.next(fields));
}

TEST_CASE("buffer refills anywhere in a record do not change the result", "[csv][stress]") {
  // Every construct next to every possible buffer boundary: quotes, doubled quotes, CRLF and LF (inside quotes
  // too), lone CRs, empty fields, a byte order mark, and a last line without newline.
  std::string const input =
      "\xEF\xBB\xBF"
      "id,text,n\r\n"
      "1,\"a \"\"quoted\"\" word\",10\r\n"
      "2,\"multi\r\nline, with comma\",\r\n"
      "3,\"\",\"\"\"\"\n"
      "4,lone\rcr,\"\n\"\n"
      "\n"
      "5,,\"x\"\"\"\r\n"
      "66,\"\"\"\"\"\",last";
  auto const expected = read_string(input);
  REQUIRE(texts(expected) == table{{"1", "a \"quoted\" word", "10"},
                                   {"2", "multi\r\nline, with comma", ""},
                                   {"3", "", "\""},
                                   {"4", "lone\rcr", "\n"},
                                   {""},
                                   {"5", "", "x\""},
                                   {"66", "\"\"", "last"}});
  for (std::size_t size = 1; size <= 40; ++size) {
    INFO("buffer size " << size);
    CHECK(read_string(input, {}, size) == expected);
  }

  // The same for a .tbl input, and for errors: their positions must not depend on the buffer either.
  std::string const tbl_input = "1|\"a|b\"|\r\n2||\r\n3|x\"\"y|\n";
  for (std::size_t size = 1; size <= 12; ++size) {
    INFO("buffer size " << size);
    CHECK(read_string("1|a|\r\n22|bb|\r\n", tbl, size) == read_string("1|a|\r\n22|bb|\r\n", tbl));
    CHECK_LOAD_ERROR(read_string(tbl_input, tbl, size), "test.csv", 3, 4,
                     "quote inside an unquoted field; quote the whole field");
    CHECK_LOAD_ERROR(read_string("a,b\r\nc,\"d\r\n\"\"e\r\n", {}, size), "test.csv", 2, 3, "unterminated quoted field");
    CHECK_LOAD_ERROR(read_string("a,b\r\nc,\"d\"\r\r\n", {}, size), "test.csv", 2, 6,
                     "unexpected character after closing quote");
    CHECK_LOAD_ERROR(read_string("1|a|\r\n2|b\r\n", tbl, size), "test.csv", 2, 4,
                     "record does not end with the delimiter '|'");
  }
}

TEST_CASE("randomised inputs read the same with a 7-byte buffer and a large one", "[csv][stress]") {
  std::mt19937 rng(12345);
  std::string_view const alphabet = "ab,\"\r\n|";
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    std::size_t const n = rng() % 60;
    for (std::size_t i = 0; i < n; ++i) input += alphabet[rng() % alphabet.size()];
    for (options const opts : {no_header, tbl}) {
      INFO("input: " << input);
      std::optional<std::vector<record>> small, large;
      auto const small_err = load_error_of([&] { small = read_string(input, opts, 7); });
      auto const large_err = load_error_of([&] { large = read_string(input, opts); });
      REQUIRE(small_err.has_value() == large_err.has_value());
      if (small_err) {
        CHECK(std::string(small_err->what()) == std::string(large_err->what()));
      } else {
        CHECK(*small == *large);
      }
    }
  }
}

TEST_CASE("streams input far larger than its buffer", "[csv][large]") {
  // 128 MiB of records generated on the fly.
  std::string const line = "123456,\"Customer#000123456\",\"a, quoted \"\"comment\"\"\",2018-01-01 10:00:00|\r\n";
  std::size_t const count = (std::size_t{128} << 20) / line.size();
  generated_buf buf(line, count);
  std::istream in(&buf);
  reader r(in, "generated.csv", no_header);
  std::size_t bytes_per_record = 0;
  auto const one = read_string(line, no_header);
  for (cell const& c : one.at(0).cells) bytes_per_record += c.text.size();
  std::vector<field> fields;
  std::size_t n = 0;
  std::size_t bytes = 0;
  while (r.next(fields)) {
    ++n;
    for (field const& f : fields) bytes += f.text.size();
  }
  CHECK(n == count);
  CHECK(r.record_line() == count);
  CHECK(bytes == count * bytes_per_record);
}

TEST_CASE("expect_header checks names and count, pointing at the first difference", "[csv][header]") {
  std::array<std::string_view, 3> const names{"id", "name", "amount"};
  auto header_error = [&](std::string const& input) {
    std::istringstream in(input);
    reader r(in, "h.csv");
    return load_error_of([&] { egret::csv::expect_header(r, names); });
  };

  {
    std::istringstream in("id,name,amount\n1,a,2\n");
    reader r(in, "h.csv");
    egret::csv::expect_header(r, names);
    std::vector<field> fields;
    REQUIRE(r.next(fields));  // the header is not returned again
    CHECK(fields[0].text == "1");
    CHECK(r.record_line() == 2);
  }
  {
    std::istringstream in("\"id\",name,\"amount\"\r\n");
    reader r(in, "h.csv");
    CHECK_NOTHROW(egret::csv::expect_header(r, {"id", "name", "amount"}));
  }

  auto err = header_error("id,nmae,amount\n");
  REQUIRE(err);
  CHECK(err->line() == 1);
  CHECK(err->column() == 4);
  CHECK(err->reason() == "header has column \"nmae\" where \"name\" was expected");

  err = header_error("id,name,amount,extra\n");
  REQUIRE(err);
  CHECK(err->column() == 16);
  CHECK(err->reason() == "header has 4 columns, expected 3");

  err = header_error("id,name\r\n1,2\r\n");
  REQUIRE(err);
  CHECK(err->line() == 1);
  CHECK(err->column() == 8);  // where the missing third column should start
  CHECK(err->reason() == "header has 2 columns, expected 3");

  err = header_error("");
  REQUIRE(err);
  CHECK(err->file() == "h.csv");
  CHECK(err->line() == 1);
  CHECK(err->column() == 1);
  CHECK(err->reason() == "empty file, expected a header with 3 columns");

  std::istringstream in("id\n1\n");
  reader r(in, "h.csv");
  std::vector<field> fields;
  REQUIRE(r.next(fields));
  CHECK_THROWS_AS(r.read_header(fields), std::logic_error);
}

TEST_CASE("a reader can be moved", "[csv]") {
  temp_dir dir;
  fs::path const p = dir.write("m.csv", "a\n1\n2\n");
  reader r1(p);
  std::vector<field> fields;
  REQUIRE(r1.next(fields));
  reader r2 = std::move(r1);
  REQUIRE(r2.next(fields));
  CHECK(fields[0].text == "2");
  CHECK_FALSE(r2.next(fields));
}
