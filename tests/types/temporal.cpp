// Tests egret::date / egret::timestamp: calendar arithmetic, validation, parsing and formatting.
#include <egret/types/format.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

// Readable values in failure messages.
namespace Catch {
template <>
struct StringMaker<egret::date> {
  static std::string convert(egret::date const& d) { return egret::to_string(d); }
};
template <>
struct StringMaker<egret::timestamp> {
  static std::string convert(egret::timestamp const& t) { return egret::to_string(t); }
};
}  // namespace Catch

namespace {

using egret::date;
using egret::timestamp;

// Constant-evaluated round trips: the header promises constexpr, so prove it at compile time.
constexpr bool round_trips_days(std::int64_t from, std::int64_t to) {
  for (std::int64_t n = from; n <= to; ++n) {
    if (egret::days_from_civil(egret::civil_from_days(n)) != n) return false;
  }
  return true;
}

constexpr bool formats_as(date d, std::string_view expected) {
  char buf[egret::date_max_chars]{};
  std::size_t const n = egret::format_to_chars(buf, d);
  return std::string_view(buf, n) == expected;
}

constexpr bool formats_as(timestamp const& t, std::string_view expected) {
  char buf[egret::timestamp_max_chars]{};
  std::size_t const n = egret::format_to_chars(buf, t);
  return std::string_view(buf, n) == expected;
}

constexpr bool text_round_trips(std::string_view s) {
  auto const t = egret::parse_timestamp(s);
  return t && formats_as(*t, s);
}

static_assert(egret::days_from_civil(date{1970, 1, 1}) == 0);
static_assert(egret::days_from_civil(date{2000, 3, 1}) == 11017);
static_assert(egret::days_from_civil(date{1969, 12, 31}) == -1);
static_assert(egret::civil_from_days(0) == date{1970, 1, 1});
static_assert(egret::civil_from_days(11016) == date{2000, 2, 29});
static_assert(egret::civil_from_days(-719528) == date{0, 1, 1});
static_assert(round_trips_days(-2000, 2000));
static_assert(round_trips_days(10956, 11400));  // 2000, a leap year divisible by 400
static_assert(egret::is_leap_year(2000) && egret::is_leap_year(2024) && !egret::is_leap_year(1900));
static_assert(egret::parse_date("2024-02-29") == date{2024, 2, 29});
static_assert(!egret::parse_date("2023-02-29"));
static_assert(egret::parse_timestamp("2024-02-29T23:59:59.5") == timestamp{{2024, 2, 29}, 23, 59, 59, 500000});
static_assert(formats_as(date{1992, 1, 2}, "1992-01-02"));
static_assert(formats_as(*egret::parse_date("1998-12-01"), "1998-12-01"));
static_assert(text_round_trips("2018-01-01 00:00:00"));
static_assert(text_round_trips("2018-01-01 12:34:56.000007"));
static_assert(date{2020, 1, 31} < date{2020, 2, 1});
static_assert(timestamp{{2020, 1, 1}, 0, 0, 0, 1} > timestamp{{2020, 1, 1}});

}  // namespace

TEST_CASE("leap years follow the Gregorian rules", "[temporal]") {
  CHECK(egret::is_leap_year(1996));
  CHECK(egret::is_leap_year(2000));
  CHECK(egret::is_leap_year(2400));
  CHECK(egret::is_leap_year(0));
  CHECK(egret::is_leap_year(-4));
  CHECK_FALSE(egret::is_leap_year(1900));
  CHECK_FALSE(egret::is_leap_year(2100));
  CHECK_FALSE(egret::is_leap_year(2023));
  CHECK_FALSE(egret::is_leap_year(-1));

  CHECK(egret::days_in_month(2024, 2) == 29);
  CHECK(egret::days_in_month(2023, 2) == 28);
  CHECK(egret::days_in_month(1900, 2) == 28);
  CHECK(egret::days_in_month(2000, 2) == 29);
  CHECK(egret::days_in_month(2023, 4) == 30);
  CHECK(egret::days_in_month(2023, 12) == 31);
  CHECK(egret::days_in_month(2023, 0) == 0);
  CHECK(egret::days_in_month(2023, 13) == 0);
}

// A date whose members were set one by one: the only way to hold an impossible date.
date raw_date(std::int32_t y, std::uint32_t m, std::uint32_t d) {
  date out;
  out.year = y;
  out.month = m;
  out.day = d;
  return out;
}
timestamp raw_timestamp(date d, std::uint32_t h, std::uint32_t mi, std::uint32_t s, std::uint32_t us) {
  timestamp out;
  out.date = d;
  out.hour = h;
  out.minute = mi;
  out.second = s;
  out.microsecond = us;
  return out;
}

TEST_CASE("validation rejects impossible dates and times", "[temporal]") {
  CHECK(egret::is_valid(date{2024, 2, 29}));
  CHECK(egret::is_valid(date{}));  // the epoch
  CHECK_FALSE(egret::is_valid(raw_date(2023, 2, 29)));
  CHECK_FALSE(egret::is_valid(raw_date(1900, 2, 29)));
  CHECK_FALSE(egret::is_valid(raw_date(2018, 2, 30)));
  CHECK_FALSE(egret::is_valid(raw_date(2018, 4, 31)));
  CHECK_FALSE(egret::is_valid(raw_date(2018, 0, 1)));
  CHECK_FALSE(egret::is_valid(raw_date(2018, 13, 1)));
  CHECK_FALSE(egret::is_valid(raw_date(2018, 1, 0)));

  CHECK(egret::is_valid(timestamp{{2018, 1, 1}, 23, 59, 59, 999999}));
  CHECK_FALSE(egret::is_valid(raw_timestamp({2018, 1, 1}, 24, 0, 0, 0)));
  CHECK_FALSE(egret::is_valid(raw_timestamp({2018, 1, 1}, 0, 60, 0, 0)));
  CHECK_FALSE(egret::is_valid(raw_timestamp({2018, 1, 1}, 0, 0, 60, 0)));
  CHECK_FALSE(egret::is_valid(raw_timestamp({2018, 1, 1}, 0, 0, 0, 1000000)));
  CHECK_FALSE(egret::is_valid(raw_timestamp(raw_date(2018, 2, 30), 0, 0, 0, 0)));
}

// Issue 12: `insert(date{2024, 13, 45})` stored "2024-13-45" on SQLite and 0000-00-00 on MariaDB. A date is now
// valid when made: a constant one does not compile (tests/compile_fail/types/), a run-time one throws.
TEST_CASE("an impossible date or time of day cannot be made", "[temporal]") {
  auto const make_date = [](std::int32_t y, std::uint32_t m, std::uint32_t d) { return date{y, m, d}; };
  CHECK_THROWS_AS(make_date(2024, 13, 45), egret::type_error);
  CHECK_THROWS_WITH(make_date(2024, 13, 45), Catch::Contains("invalid date 2024-13-45"));
  CHECK_THROWS_AS(make_date(2023, 2, 29), egret::type_error);
  CHECK_THROWS_AS(make_date(2024, 4, 31), egret::type_error);
  CHECK_THROWS_AS(make_date(2024, 0, 1), egret::type_error);
  CHECK_THROWS_AS(make_date(2024, 1, 0), egret::type_error);
  CHECK(make_date(2024, 2, 29) == date{2024, 2, 29});
  auto const make_ts = [](std::uint32_t h, std::uint32_t mi, std::uint32_t s, std::uint32_t us) {
    return timestamp{{2024, 1, 1}, h, mi, s, us};
  };
  CHECK_THROWS_AS(make_ts(24, 0, 0, 0), egret::type_error);
  CHECK_THROWS_AS(make_ts(0, 60, 0, 0), egret::type_error);
  CHECK_THROWS_AS(make_ts(0, 0, 60, 0), egret::type_error);
  CHECK_THROWS_WITH(make_ts(0, 0, 0, 1000000), Catch::Contains("invalid time of day"));
  CHECK(make_ts(23, 59, 59, 999999).microsecond == 999999);
  // the parsers still answer "no" rather than throwing
  CHECK_FALSE(egret::parse_date("2024-13-45").has_value());
  CHECK_FALSE(egret::parse_timestamp("2024-01-01 24:00:00").has_value());
}

TEST_CASE("days_from_civil and civil_from_days are inverse over a wide range", "[temporal]") {
  // Every day from 1600-01-01 to 2400-12-31 (both 400-year cycle boundaries), checked against a running calendar.
  date expected{1600, 1, 1};
  std::int64_t const first = egret::days_from_civil(expected);
  std::int64_t const last = egret::days_from_civil(date{2400, 12, 31});
  for (std::int64_t n = first; n <= last; ++n) {
    date const d = egret::civil_from_days(n);
    REQUIRE(d == expected);
    REQUIRE(egret::days_from_civil(d) == n);
    if (++expected.day > egret::days_in_month(expected.year, expected.month)) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
  }
  CHECK(expected == date{2401, 1, 1});
  CHECK(last - first + 1 == 2 * 146097 + 366);  // two full 400-year cycles plus the leap year 2400

  // Far and negative years.
  for (date const d : {date{-4713, 11, 24}, date{-1, 12, 31}, date{0, 2, 29}, date{9999, 12, 31}, date{275760, 9, 13},
                       date{-100000, 3, 1}}) {
    CHECK(egret::civil_from_days(egret::days_from_civil(d)) == d);
  }
  CHECK(egret::days_from_civil(date{2000, 1, 1}) == 10957);
  CHECK(egret::days_from_civil(date{1600, 3, 1}) - egret::days_from_civil(date{1600, 2, 28}) == 2);
  CHECK(egret::days_from_civil(date{1700, 3, 1}) - egret::days_from_civil(date{1700, 2, 28}) == 1);
}

TEST_CASE("parse_date accepts exactly YYYY-MM-DD", "[temporal]") {
  CHECK(egret::parse_date("1992-01-02") == date{1992, 1, 2});
  CHECK(egret::parse_date("0000-01-01") == date{0, 1, 1});
  CHECK(egret::parse_date("9999-12-31") == date{9999, 12, 31});
  CHECK(egret::parse_date("2000-02-29") == date{2000, 2, 29});
  for (char const* bad : {"", "2018-02-30", "2023-02-29", "1900-02-29", "2018-13-01", "2018-00-10", "2018-01-00",
                          "2018-1-01", "18-01-01", "2018/01/01", "2018-01-01 ", " 2018-01-01", "2018-01-0x",
                          "+018-01-01", "2018-01-01T00:00:00", "20180101", "2018-01-1a"}) {
    INFO(bad);
    CHECK_FALSE(egret::parse_date(bad));
  }
}

TEST_CASE("parse_timestamp accepts a space or T, fractions up to 6 digits, and a bare date", "[temporal]") {
  CHECK(egret::parse_timestamp("2018-01-01") == timestamp{{2018, 1, 1}});
  CHECK(egret::parse_timestamp("2018-01-01 13:14:15") == timestamp{{2018, 1, 1}, 13, 14, 15, 0});
  CHECK(egret::parse_timestamp("2018-01-01T13:14:15") == timestamp{{2018, 1, 1}, 13, 14, 15, 0});
  CHECK(egret::parse_timestamp("2018-01-01 13:14:15.1") == timestamp{{2018, 1, 1}, 13, 14, 15, 100000});
  CHECK(egret::parse_timestamp("2018-01-01 13:14:15.000120") == timestamp{{2018, 1, 1}, 13, 14, 15, 120});
  CHECK(egret::parse_timestamp("2018-01-01 13:14:15.999999") == timestamp{{2018, 1, 1}, 13, 14, 15, 999999});
  CHECK(egret::parse_timestamp("2024-02-29 00:00:00") == timestamp{{2024, 2, 29}});
  for (char const* bad : {"", "2018-01-01 ", "2018-01-01 13:14", "2018-01-01 13:14:1", "2018-01-01 24:00:00",
                          "2018-01-01 23:60:00", "2018-01-01 23:59:60", "2018-01-01 13:14:15.",
                          "2018-01-01 13:14:15.1234567", "2018-01-01 13:14:15.12a", "2018-01-01 13:14:15Z",
                          "2018-01-01 13:14:15+01:00", "2018-01-01x13:14:15", "2018-02-30 00:00:00",
                          "2018-01-01 1:14:15", "2018-01-01 13-14-15", "2018-01-01  13:14:15"}) {
    INFO(bad);
    CHECK_FALSE(egret::parse_timestamp(bad));
  }
}

TEST_CASE("format_to_chars and to_string write canonical text", "[temporal]") {
  char buf[egret::timestamp_max_chars];
  CHECK(egret::format_to_chars(buf, date{1992, 1, 2}) == 10);
  CHECK(std::string_view(buf, 10) == "1992-01-02");
  CHECK(egret::to_string(date{5, 6, 7}) == "0005-06-07");
  CHECK(egret::to_string(date{12345, 1, 1}) == "12345-01-01");
  CHECK(egret::to_string(date{-44, 3, 15}) == "-0044-03-15");
  CHECK(egret::to_string(date{std::numeric_limits<std::int32_t>::min(), 12, 31}) == "-2147483648-12-31");
  CHECK(egret::to_string(date{std::numeric_limits<std::int32_t>::min(), 12, 31}).size() == egret::date_max_chars);

  CHECK(egret::format_to_chars(buf, timestamp{{2018, 1, 1}, 1, 2, 3, 0}) == 19);
  CHECK(egret::to_string(timestamp{{2018, 1, 1}, 1, 2, 3, 0}) == "2018-01-01 01:02:03");
  CHECK(egret::to_string(timestamp{{2018, 1, 1}, 1, 2, 3, 40}) == "2018-01-01 01:02:03.000040");
  CHECK(egret::to_string(timestamp{{2018, 1, 1}, 23, 59, 59, 500000}) == "2018-01-01 23:59:59.500000");
  CHECK(egret::to_string(timestamp{{std::numeric_limits<std::int32_t>::min(), 12, 31}, 23, 59, 59, 999999}).size() ==
        egret::timestamp_max_chars);
}

TEST_CASE("text round trips", "[temporal]") {
  for (char const* s : {"0000-01-01", "1970-01-01", "2000-02-29", "9999-12-31"}) {
    CHECK(egret::to_string(*egret::parse_date(s)) == s);
  }
  for (char const* s : {"2018-01-01 00:00:00", "2018-06-30 12:00:00.000001", "2024-02-29 23:59:59.999999"}) {
    CHECK(egret::to_string(*egret::parse_timestamp(s)) == s);
  }
  // Non-canonical input comes back canonical.
  CHECK(egret::to_string(*egret::parse_timestamp("2018-01-01T10:00:00.5")) == "2018-01-01 10:00:00.500000");
  CHECK(egret::to_string(*egret::parse_timestamp("2018-01-01")) == "2018-01-01 00:00:00");

  // Every day of 1999..2001 through text and back.
  std::int64_t const last = egret::days_from_civil(date{2001, 12, 31});
  for (std::int64_t n = egret::days_from_civil(date{1999, 1, 1}); n <= last; ++n) {
    date const d = egret::civil_from_days(n);
    REQUIRE(egret::parse_date(egret::to_string(d)) == d);
  }
}

TEST_CASE("fmt::formatter supports dates, timestamps and width specs", "[temporal]") {
  CHECK(fmt::format("{}", date{1998, 12, 1}) == "1998-12-01");
  CHECK(fmt::format("{}", timestamp{{1998, 12, 1}, 8, 30, 0, 0}) == "1998-12-01 08:30:00");
  CHECK(fmt::format("{}", timestamp{{1998, 12, 1}, 8, 30, 0, 25}) == "1998-12-01 08:30:00.000025");
  CHECK(fmt::format("[{:>12}]", date{1998, 12, 1}) == "[  1998-12-01]");
  CHECK(fmt::format("[{:<12}]", date{1998, 12, 1}) == "[1998-12-01  ]");
}

TEST_CASE("comparison is chronological", "[temporal]") {
  CHECK(date{1999, 12, 31} < date{2000, 1, 1});
  CHECK(date{2000, 1, 2} > date{2000, 1, 1});
  CHECK(date{2000, 1, 1} == date{2000, 1, 1});
  CHECK(timestamp{{2000, 1, 1}, 23, 59, 59, 999999} < timestamp{{2000, 1, 2}});
  CHECK(timestamp{{2000, 1, 1}, 10, 0, 0, 0} < timestamp{{2000, 1, 1}, 10, 0, 0, 1});
  CHECK(timestamp{{2000, 1, 1}, 9, 59, 0, 0} < timestamp{{2000, 1, 1}, 10, 0, 0, 0});
}
