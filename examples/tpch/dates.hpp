// Defines the compile-time date arithmetic the TPC-H queries need for their `date 'x' + interval 'n' unit`
// bounds: tpch::plus_days, plus_months, plus_years (on egret::date, in the proleptic Gregorian calendar).
#pragma once

#include <cstdint>

#include <egret/types/temporal.hpp>

namespace tpch {

/// `d + interval 'n' day` (n may be negative). Precondition: egret::is_valid(d).
constexpr egret::date plus_days(egret::date d, std::int64_t n) noexcept {
  return egret::civil_from_days(egret::days_from_civil(d) + n);
}

/// `d + interval 'n' month` (n may be negative); a day past the end of the target month becomes its last day, as
/// in PostgreSQL (2024-01-31 + 1 month = 2024-02-29). Precondition: egret::is_valid(d).
constexpr egret::date plus_months(egret::date d, std::int64_t n) {
  std::int64_t const m = std::int64_t{d.year} * 12 + (d.month - 1) + n;
  std::int64_t const y = m >= 0 ? m / 12 : (m - 11) / 12;
  auto const year = static_cast<std::int32_t>(y);
  auto const month = static_cast<std::uint32_t>(m - y * 12 + 1);
  std::uint32_t const last = egret::days_in_month(year, month);
  return egret::date{year, month, d.day > last ? last : d.day};
}

/// `d + interval 'n' year`.
constexpr egret::date plus_years(egret::date d, std::int64_t n) noexcept { return plus_months(d, 12 * n); }

static_assert(plus_days({1998, 12, 1}, -90) == egret::date{1998, 9, 2});
static_assert(plus_months({1993, 10, 1}, 3) == egret::date{1994, 1, 1});
static_assert(plus_months({2024, 1, 31}, 1) == egret::date{2024, 2, 29});
static_assert(plus_months({1994, 1, 15}, -13) == egret::date{1992, 12, 15});
static_assert(plus_years({1994, 1, 1}, 1) == egret::date{1995, 1, 1});

}  // namespace tpch
