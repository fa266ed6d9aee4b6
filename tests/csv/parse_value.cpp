// Tests egret::csv::parse_field: each supported type, NULL handling, and located error messages.
#include <egret/csv/parse_value.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using egret::csv::field;
using egret::csv::parse_field;

std::string const file = "values.csv";

field unquoted(std::string_view text) { return field{text, 7, 12, false}; }
field quoted(std::string_view text) { return field{text, 7, 12, true}; }

template <class T>
std::optional<egret::load_error> error_of(field const& f) {
  try {
    (void)parse_field<T>(f, file);
  } catch (egret::load_error const& e) {
    return e;
  }
  return std::nullopt;
}

// Every error carries the field's own position and the file name.
template <class T>
std::string reason_of(field const& f) {
  auto const e = error_of<T>(f);
  if (!e) return "(no error)";
  CHECK(e->file() == file);
  CHECK(e->line() == f.line);
  CHECK(e->column() == f.column);
  return e->reason();
}

}  // namespace

TEST_CASE("integers", "[csv][parse]") {
  CHECK(parse_field<std::int32_t>(unquoted("42"), file) == 42);
  CHECK(parse_field<std::int32_t>(unquoted("-7"), file) == -7);
  CHECK(parse_field<std::int32_t>(unquoted("+7"), file) == 7);
  CHECK(parse_field<std::int32_t>(quoted("15"), file) == 15);
  CHECK(parse_field<std::int32_t>(unquoted("2147483647"), file) == 2147483647);
  CHECK(parse_field<std::int32_t>(unquoted("-2147483648"), file) == std::numeric_limits<std::int32_t>::min());
  CHECK(parse_field<std::int64_t>(unquoted("9223372036854775807"), file) == std::numeric_limits<std::int64_t>::max());
  CHECK(parse_field<std::int64_t>(unquoted("-9223372036854775808"), file) == std::numeric_limits<std::int64_t>::min());
  CHECK(parse_field<std::int64_t>(unquoted("007"), file) == 7);

  CHECK(reason_of<std::int64_t>(unquoted("12x")) == "expected an integer (BIGINT), got \"12x\"");
  CHECK(reason_of<std::int32_t>(unquoted("1.0")) == "expected an integer (INTEGER), got \"1.0\"");
  CHECK(reason_of<std::int32_t>(unquoted(" 1")) == "expected an integer (INTEGER), got \" 1\"");
  CHECK(reason_of<std::int32_t>(unquoted("1 ")) == "expected an integer (INTEGER), got \"1 \"");
  CHECK(reason_of<std::int32_t>(unquoted("+")) == "expected an integer (INTEGER), got \"+\"");
  CHECK(reason_of<std::int32_t>(unquoted("+-1")) == "expected an integer (INTEGER), got \"+-1\"");
  CHECK(reason_of<std::int32_t>(unquoted("-")) == "expected an integer (INTEGER), got \"-\"");
  CHECK(reason_of<std::int32_t>(unquoted("0x10")) == "expected an integer (INTEGER), got \"0x10\"");
  CHECK(reason_of<std::int32_t>(quoted("")) == "expected an integer (INTEGER), got \"\"");
  CHECK(reason_of<std::int32_t>(unquoted("2147483648")) ==
        "integer out of range for INTEGER (-2147483648..2147483647), got \"2147483648\"");
  CHECK(reason_of<std::int32_t>(unquoted("-2147483649")) ==
        "integer out of range for INTEGER (-2147483648..2147483647), got \"-2147483649\"");
  CHECK(reason_of<std::int64_t>(unquoted("9223372036854775808")) ==
        "integer out of range for BIGINT (-9223372036854775808..9223372036854775807), got \"9223372036854775808\"");
  CHECK(reason_of<std::int64_t>(unquoted("99999999999999999999x")) ==
        "expected an integer (BIGINT), got \"99999999999999999999x\"");
}

TEST_CASE("doubles", "[csv][parse]") {
  CHECK(parse_field<double>(unquoted("1.5"), file) == 1.5);
  CHECK(parse_field<double>(unquoted("-0.25"), file) == -0.25);
  CHECK(parse_field<double>(unquoted("+2"), file) == 2.0);
  CHECK(parse_field<double>(unquoted("1e3"), file) == 1000.0);
  CHECK(parse_field<double>(unquoted("901.00"), file) == 901.0);
  CHECK(parse_field<double>(unquoted(".5"), file) == 0.5);
  CHECK(parse_field<double>(unquoted("0.1"), file) == 0.1);  // correctly rounded
  CHECK(std::isinf(parse_field<double>(unquoted("inf"), file)));
  // NaN does not survive every engine (SQLite stores NULL in its place): refused, with where it was (a fuzz find)
  CHECK_THAT(reason_of<double>(unquoted("nan")), Catch::StartsWith("NaN is not a value every engine keeps"));
  CHECK_THAT(reason_of<double>(unquoted("-NaN")), Catch::StartsWith("NaN is not a value every engine keeps"));

  CHECK(reason_of<double>(unquoted("1,5")) == "expected a number (DOUBLE), got \"1,5\"");
  CHECK(reason_of<double>(unquoted("abc")) == "expected a number (DOUBLE), got \"abc\"");
  CHECK(reason_of<double>(unquoted("1.5.")) == "expected a number (DOUBLE), got \"1.5.\"");
  CHECK(reason_of<double>(unquoted("0x1p3")) == "expected a number (DOUBLE), got \"0x1p3\"");
  CHECK(reason_of<double>(quoted("")) == "expected a number (DOUBLE), got \"\"");
  CHECK(reason_of<double>(unquoted("1e999")) == "number out of range for DOUBLE, got \"1e999\"");
}

TEST_CASE("booleans", "[csv][parse]") {
  for (char const* t : {"true", "TRUE", "True", "t", "T", "1"}) CHECK(parse_field<bool>(unquoted(t), file));
  for (char const* f : {"false", "FALSE", "fAlSe", "f", "F", "0"}) CHECK_FALSE(parse_field<bool>(unquoted(f), file));
  CHECK(reason_of<bool>(unquoted("yes")) == "expected a boolean (true/false/1/0/t/f), got \"yes\"");
  CHECK(reason_of<bool>(unquoted("2")) == "expected a boolean (true/false/1/0/t/f), got \"2\"");
  CHECK(reason_of<bool>(unquoted("truee")) == "expected a boolean (true/false/1/0/t/f), got \"truee\"");
  CHECK(reason_of<bool>(quoted("")) == "expected a boolean (true/false/1/0/t/f), got \"\"");
}

TEST_CASE("strings", "[csv][parse]") {
  CHECK(parse_field<std::string>(unquoted("hello"), file) == "hello");
  CHECK(parse_field<std::string>(quoted("a,\"b\"\n"), file) == "a,\"b\"\n");
  CHECK(parse_field<std::string>(quoted(""), file).empty());  // "" is an empty string, not NULL
  CHECK(reason_of<std::string>(unquoted("")) == "missing value for NOT NULL column");
}

TEST_CASE("dates and timestamps", "[csv][parse]") {
  CHECK(parse_field<egret::date>(unquoted("2018-01-01"), file) == egret::date{2018, 1, 1});
  CHECK(parse_field<egret::date>(quoted("2024-02-29"), file) == egret::date{2024, 2, 29});
  CHECK(reason_of<egret::date>(unquoted("2018-02-30")) == "expected a date YYYY-MM-DD, got \"2018-02-30\"");
  CHECK(reason_of<egret::date>(unquoted("2018-1-1")) == "expected a date YYYY-MM-DD, got \"2018-1-1\"");
  CHECK(reason_of<egret::date>(unquoted("2018-01-01 00:00:00")) ==
        "expected a date YYYY-MM-DD, got \"2018-01-01 00:00:00\"");
  CHECK(reason_of<egret::date>(quoted("")) == "expected a date YYYY-MM-DD, got \"\"");

  CHECK(parse_field<egret::timestamp>(unquoted("2018-01-01 10:11:12"), file) ==
        egret::timestamp{{2018, 1, 1}, 10, 11, 12, 0});
  CHECK(parse_field<egret::timestamp>(unquoted("2018-01-01T10:11:12.25"), file) ==
        egret::timestamp{{2018, 1, 1}, 10, 11, 12, 250000});
  CHECK(parse_field<egret::timestamp>(unquoted("2018-01-01"), file) == egret::timestamp{{2018, 1, 1}});
  CHECK(reason_of<egret::timestamp>(unquoted("2018-01-01 25:00:00")) ==
        "expected a timestamp YYYY-MM-DD HH:MM:SS[.ffffff], got \"2018-01-01 25:00:00\"");
  CHECK(reason_of<egret::timestamp>(unquoted("yesterday")) ==
        "expected a timestamp YYYY-MM-DD HH:MM:SS[.ffffff], got \"yesterday\"");
}

TEST_CASE("NULL: an empty unquoted field", "[csv][parse]") {
  CHECK(parse_field<std::optional<std::int32_t>>(unquoted(""), file) == std::nullopt);
  CHECK(parse_field<std::optional<std::int64_t>>(unquoted(""), file) == std::nullopt);
  CHECK(parse_field<std::optional<double>>(unquoted(""), file) == std::nullopt);
  CHECK(parse_field<std::optional<bool>>(unquoted(""), file) == std::nullopt);
  CHECK(parse_field<std::optional<std::string>>(unquoted(""), file) == std::nullopt);
  CHECK(parse_field<std::optional<egret::date>>(unquoted(""), file) == std::nullopt);
  CHECK(parse_field<std::optional<egret::timestamp>>(unquoted(""), file) == std::nullopt);

  CHECK(parse_field<std::optional<std::int32_t>>(unquoted("5"), file) == 5);
  CHECK(parse_field<std::optional<std::string>>(quoted(""), file) == std::string());
  CHECK(parse_field<std::optional<egret::date>>(unquoted("1998-12-01"), file) == egret::date{1998, 12, 1});
  CHECK(reason_of<std::optional<std::int32_t>>(quoted("")) == "expected an integer (INTEGER), got \"\"");
  CHECK(reason_of<std::optional<std::int64_t>>(unquoted("x")) == "expected an integer (BIGINT), got \"x\"");
  CHECK(reason_of<std::optional<egret::date>>(quoted("")) == "expected a date YYYY-MM-DD, got \"\"");

  for (auto const& reason : {reason_of<std::int32_t>(unquoted("")), reason_of<std::int64_t>(unquoted("")),
                             reason_of<double>(unquoted("")), reason_of<bool>(unquoted("")),
                             reason_of<egret::date>(unquoted("")), reason_of<egret::timestamp>(unquoted(""))}) {
    CHECK(reason == "missing value for NOT NULL column");
  }
}

TEST_CASE("error text is escaped and shortened", "[csv][parse]") {
  CHECK(reason_of<std::int32_t>(quoted("a\"b\\c\n\r\t\x01")) ==
        "expected an integer (INTEGER), got \"a\\\"b\\\\c\\n\\r\\t\\x01\"");
  std::string const longer(100, '9');
  CHECK(reason_of<std::int32_t>(unquoted(longer + "x")) ==
        "expected an integer (INTEGER), got \"" + std::string(60, '9') + "\"...");
  // Cutting never splits a UTF-8 sequence: "é" is 2 bytes and would straddle byte 60.
  std::string const accented = std::string(59, 'a') + "\xC3\xA9" + "zzz";
  CHECK(reason_of<std::int32_t>(unquoted(accented)) ==
        "expected an integer (INTEGER), got \"" + std::string(59, 'a') + "\"...");
}

TEST_CASE("fields straight from the reader carry their positions into errors", "[csv][parse]") {
  std::istringstream in("id,day,amount\r\n1,2018-01-01,3.5\r\n2,\"2018-02-30\",4\r\n");
  egret::csv::reader r(in, "orders.csv");
  std::vector<field> fields;
  REQUIRE(r.next(fields));
  CHECK(parse_field<std::int64_t>(fields[0], r.file_name()) == 1);
  CHECK(parse_field<egret::date>(fields[1], r.file_name()) == egret::date{2018, 1, 1});
  CHECK(parse_field<double>(fields[2], r.file_name()) == 3.5);
  REQUIRE(r.next(fields));
  try {
    (void)parse_field<egret::date>(fields[1], r.file_name());
    FAIL("expected a load_error");
  } catch (egret::load_error const& e) {
    CHECK(std::string(e.what()) == "orders.csv:3:3: expected a date YYYY-MM-DD, got \"2018-02-30\"");
  }
}
