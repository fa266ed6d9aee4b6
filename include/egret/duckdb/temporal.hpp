// Defines the conversions between egret::date / egret::timestamp and DuckDB's duckdb_date (days since 1970-01-01)
// and duckdb_timestamp (microseconds since 1970-01-01 00:00:00), used to bind, append and read them.
#pragma once

#include <duckdb.h>

#include <egret/types/temporal.hpp>

#include <cstdint>

namespace egret::duckdb::detail {

inline constexpr std::int64_t micros_per_day = 86'400'000'000;

/// Precondition: egret::is_valid(d) (the callers check it first).
inline duckdb_date to_duckdb(egret::date d) noexcept {
  duckdb_date out;
  out.days = static_cast<std::int32_t>(egret::days_from_civil(d));
  return out;
}

inline duckdb_timestamp to_duckdb(egret::timestamp const& t) noexcept {
  duckdb_timestamp out;
  out.micros = egret::days_from_civil(t.date) * micros_per_day +
               ((std::int64_t{t.hour} * 60 + t.minute) * 60 + t.second) * 1'000'000 + t.microsecond;
  return out;
}

/// Precondition: `micros` is a finite DuckDB timestamp.
inline egret::timestamp timestamp_from_micros(std::int64_t micros) noexcept {
  std::int64_t days = micros / micros_per_day;
  std::int64_t rest = micros % micros_per_day;
  if (rest < 0) {
    rest += micros_per_day;
    --days;
  }
  auto const secs = static_cast<std::uint32_t>(rest / 1'000'000);
  return egret::timestamp{egret::civil_from_days(days), secs / 3600, secs / 60 % 60, secs % 60,
                          static_cast<std::uint32_t>(rest % 1'000'000)};
}

}  // namespace egret::duckdb::detail
