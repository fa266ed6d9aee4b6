// Defines fmt formatters for egret::date and egret::timestamp (fmt::format("{}", d) prints 2018-01-01).
// Separate from types/temporal.hpp so that neither the core umbrella nor the SQLite backend pays for
// <fmt/format.h> (~0.2 s of g++ per translation unit): a program that prints dates with fmt includes this
// header; egret/viz.hpp does.
#pragma once

#include <string_view>

#include <fmt/format.h>

#include <egret/types/temporal.hpp>

// Formatting through the string_view formatter keeps fill/align/width specs working: fmt::format("{:>12}", d).
template <>
struct fmt::formatter<egret::date> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(egret::date d, FormatContext& ctx) const -> decltype(ctx.out()) {
    char buf[egret::date_max_chars];
    return fmt::formatter<std::string_view>::format(std::string_view(buf, egret::format_to_chars(buf, d)), ctx);
  }
};

template <>
struct fmt::formatter<egret::timestamp> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(egret::timestamp const& t, FormatContext& ctx) const -> decltype(ctx.out()) {
    char buf[egret::timestamp_max_chars];
    return fmt::formatter<std::string_view>::format(std::string_view(buf, egret::format_to_chars(buf, t)), ctx);
  }
};
