// Defines egret::date and egret::timestamp (SQL DATE, TIMESTAMP): calendar math, validation, parsing, formatting.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <egret/core/error.hpp>

namespace egret {

constexpr bool is_leap_year(std::int32_t year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/// Number of days in the month, or 0 when month is not in 1..12.
constexpr std::uint32_t days_in_month(std::int32_t year, std::uint32_t month) noexcept {
  constexpr std::uint32_t lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

namespace detail::temporal {
/// Not constexpr on purpose: reached in a constant expression (`constexpr egret::date d{2024, 13, 45};`), it makes
/// the compiler stop there and name this function; at run time it throws egret::type_error.
[[noreturn]] inline void invalid_date_month_must_be_1_to_12_and_day_within_the_month(std::int32_t y, std::uint32_t m,
                                                                                      std::uint32_t d) {
  throw type_error("egret: invalid date " + std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d) +
                   ": the month must be 1..12 and the day within the month");
}
[[noreturn]] inline void invalid_time_of_day_hour_0_to_23_minute_second_0_to_59_microsecond_below_1000000(
    std::uint32_t h, std::uint32_t mi, std::uint32_t s, std::uint32_t us) {
  throw type_error("egret: invalid time of day " + std::to_string(h) + ":" + std::to_string(mi) + ":" +
                   std::to_string(s) + "." + std::to_string(us) +
                   ": hours 0..23, minutes and seconds 0..59, microseconds 0..999999");
}
struct unchecked_t {};
}  // namespace detail::temporal

/// A proleptic Gregorian calendar date. Defaults to the Unix epoch so a default-constructed value is valid.
/// Made valid or not at all: `date{2024, 13, 45}` does not compile where it is a constant, and throws
/// egret::type_error at run time, so no impossible date reaches an engine (which might store it as it is).
struct date {
  std::int32_t year = 1970;
  std::uint32_t month = 1;  // 1..12
  std::uint32_t day = 1;    // 1..days_in_month(year, month)

  constexpr date() noexcept = default;
  constexpr date(std::int32_t y, std::uint32_t m, std::uint32_t d) : year(y), month(m), day(d) {
    if (d < 1 || d > days_in_month(y, m))
      detail::temporal::invalid_date_month_must_be_1_to_12_and_day_within_the_month(y, m, d);
  }
  /// For values already known to be valid (parsers, calendar math).
  constexpr date(detail::temporal::unchecked_t, std::int32_t y, std::uint32_t m, std::uint32_t d) noexcept
      : year(y), month(m), day(d) {}

  friend constexpr auto operator<=>(date const&, date const&) = default;
  friend constexpr bool operator==(date const&, date const&) = default;
};

/// A date and a time of day with microsecond precision, without time zone (SQL TIMESTAMP). Validated when
/// made, like date.
struct timestamp {
  egret::date date;
  std::uint32_t hour = 0;         // 0..23
  std::uint32_t minute = 0;       // 0..59
  std::uint32_t second = 0;       // 0..59 (no leap seconds, as in PostgreSQL and SQLite)
  std::uint32_t microsecond = 0;  // 0..999999

  constexpr timestamp() noexcept = default;
  constexpr timestamp(egret::date d, std::uint32_t h = 0, std::uint32_t mi = 0, std::uint32_t s = 0,
                      std::uint32_t us = 0)
      : date(d), hour(h), minute(mi), second(s), microsecond(us) {
    if (h > 23 || mi > 59 || s > 59 || us > 999999)
      detail::temporal::invalid_time_of_day_hour_0_to_23_minute_second_0_to_59_microsecond_below_1000000(h, mi, s, us);
  }

  // Member order makes the defaulted comparison chronological.
  friend constexpr auto operator<=>(timestamp const&, timestamp const&) = default;
  friend constexpr bool operator==(timestamp const&, timestamp const&) = default;
};

/// Upper bounds of format_to_chars output, valid for any year an int32 can hold.
inline constexpr std::size_t date_max_chars = 17;                         // "-2147483648-12-31"
inline constexpr std::size_t timestamp_max_chars = date_max_chars + 16;  // + " 23:59:59.999999"

/// Whether d is a calendar date (always, unless its members were changed after it was made).
constexpr bool is_valid(date d) noexcept {
  return d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

constexpr bool is_valid(timestamp const& t) noexcept {
  return is_valid(t.date) && t.hour < 24 && t.minute < 60 && t.second < 60 && t.microsecond < 1000000;
}

/// Throws egret::type_error unless d is a calendar date: the backends call it before they bind a date, the one
/// way left to hold an impossible one being to change its members after it was made.
constexpr void require_valid(date d) {
  if (!is_valid(d)) detail::temporal::invalid_date_month_must_be_1_to_12_and_day_within_the_month(d.year, d.month, d.day);
}
constexpr void require_valid(timestamp const& t) {
  require_valid(t.date);
  if (!is_valid(t))
    detail::temporal::invalid_time_of_day_hour_0_to_23_minute_second_0_to_59_microsecond_below_1000000(
        t.hour, t.minute, t.second, t.microsecond);
}

/// Days since 1970-01-01 (negative before). Howard Hinnant's days_from_civil; precondition: is_valid(d).
constexpr std::int64_t days_from_civil(date d) noexcept {
  // Shift the year to start in March so the leap day is the last day of the (shifted) year.
  std::int64_t const y = std::int64_t{d.year} - (d.month <= 2 ? 1 : 0);
  std::int64_t const era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t const yoe = y - era * 400;                                        // [0, 399]
  std::int64_t const mp = d.month > 2 ? d.month - 3 : d.month + 9;               // [0, 11], March = 0
  std::int64_t const doy = (153 * mp + 2) / 5 + std::int64_t{d.day} - 1;         // [0, 365]
  std::int64_t const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                // [0, 146096]
  return era * 146097 + doe - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

/// Inverse of days_from_civil. Precondition: the resulting year fits in int32.
constexpr date civil_from_days(std::int64_t days) noexcept {
  std::int64_t const z = days + 719468;
  std::int64_t const era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t const doe = z - era * 146097;                                     // [0, 146096]
  std::int64_t const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  std::int64_t const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);             // [0, 365]
  std::int64_t const mp = (5 * doy + 2) / 153;                                   // [0, 11]
  std::int64_t const day = doy - (153 * mp + 2) / 5 + 1;                         // [1, 31]
  std::int64_t const month = mp < 10 ? mp + 3 : mp - 9;                          // [1, 12]
  std::int64_t const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return date{detail::temporal::unchecked_t{}, static_cast<std::int32_t>(year), static_cast<std::uint32_t>(month),
              static_cast<std::uint32_t>(day)};
}

namespace detail::temporal {

// Reads exactly `count` ASCII digits at `pos`; nullopt if any is not a digit or the text is too short.
constexpr std::optional<std::uint32_t> digits(std::string_view s, std::size_t pos, std::size_t count) noexcept {
  if (s.size() < pos + count) return std::nullopt;
  std::uint32_t v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint32_t>(s[i] - '0');
  }
  return v;
}

// Writes v as exactly `width` digits (zero-padded, v must fit).
constexpr char* write_fixed(char* out, std::uint64_t v, std::size_t width) noexcept {
  for (std::size_t i = width; i > 0; --i) {
    out[i - 1] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out + width;
}

}  // namespace detail::temporal

/// Parses exactly "YYYY-MM-DD" (4-digit year); nullopt on any other shape or an impossible date such as 2018-02-30.
constexpr std::optional<date> parse_date(std::string_view s) noexcept {
  using detail::temporal::digits;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto const y = digits(s, 0, 4);
  auto const m = digits(s, 5, 2);
  auto const d = digits(s, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  if (*d < 1 || *d > days_in_month(static_cast<std::int32_t>(*y), *m)) return std::nullopt;
  return date{detail::temporal::unchecked_t{}, static_cast<std::int32_t>(*y), *m, *d};
}

/// Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or the same with 'T' as separator, each time optionally followed by
/// '.' and 1 to 6 fractional digits. A bare date means midnight.
constexpr std::optional<timestamp> parse_timestamp(std::string_view s) noexcept {
  using detail::temporal::digits;
  auto const d = parse_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  if (s.size() == 10) return timestamp{*d};
  if (s.size() < 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto const h = digits(s, 11, 2);
  auto const mi = digits(s, 14, 2);
  auto const se = digits(s, 17, 2);
  if (!h || !mi || !se) return std::nullopt;
  std::uint32_t micro = 0;
  if (s.size() > 19) {
    std::size_t const n = s.size() - 20;  // fractional digits after the '.'
    if (s[19] != '.' || n < 1 || n > 6) return std::nullopt;
    auto const f = digits(s, 20, n);
    if (!f) return std::nullopt;
    micro = *f;
    for (std::size_t i = n; i < 6; ++i) micro *= 10;  // ".5" is 500000 microseconds
  }
  if (*h > 23 || *mi > 59 || *se > 59) return std::nullopt;
  return timestamp{*d, *h, *mi, *se, micro};
}

/// Writes "YYYY-MM-DD" (10 chars) and returns the count. Years outside 0..9999 get a '-' sign and/or more digits
/// (at most date_max_chars in all). Does not write a terminating NUL. Precondition: is_valid(d).
constexpr std::size_t format_to_chars(char* out, date d) noexcept {
  using detail::temporal::write_fixed;
  char* p = out;
  std::int64_t year = d.year;
  if (year < 0) {
    *p++ = '-';
    year = -year;
  }
  std::size_t width = 4;
  for (std::int64_t y = year / 10000; y > 0; y /= 10) ++width;
  p = write_fixed(p, static_cast<std::uint64_t>(year), width);
  *p++ = '-';
  p = write_fixed(p, d.month % 100, 2);
  *p++ = '-';
  p = write_fixed(p, d.day % 100, 2);
  return static_cast<std::size_t>(p - out);
}

/// Writes "YYYY-MM-DD HH:MM:SS", plus ".ffffff" only when microsecond != 0, and returns the count (19 or 26 for
/// years 0..9999, at most timestamp_max_chars). Precondition: is_valid(t).
constexpr std::size_t format_to_chars(char* out, timestamp const& t) noexcept {
  using detail::temporal::write_fixed;
  char* p = out + format_to_chars(out, t.date);
  *p++ = ' ';
  p = write_fixed(p, t.hour % 100, 2);
  *p++ = ':';
  p = write_fixed(p, t.minute % 100, 2);
  *p++ = ':';
  p = write_fixed(p, t.second % 100, 2);
  if (t.microsecond != 0) {
    *p++ = '.';
    p = write_fixed(p, t.microsecond % 1000000, 6);
  }
  return static_cast<std::size_t>(p - out);
}

inline std::string to_string(date d) {
  char buf[date_max_chars];
  return std::string(buf, format_to_chars(buf, d));
}

inline std::string to_string(timestamp const& t) {
  char buf[timestamp_max_chars];
  return std::string(buf, format_to_chars(buf, t));
}

}  // namespace egret
