// Defines egret::dialect::postgres: PostgreSQL's spelling, as a difference from ansi.
#pragma once

#include <egret/dialect/ansi.hpp>

namespace egret::dialect {

struct postgres_family {};

struct postgres : ansi {
  static constexpr std::string_view name = "PostgreSQL";
  using family = postgres_family;
  /// `$1, $2, ...`
  static constexpr placeholder_style placeholders = placeholder_style::dollar_number;
};

}  // namespace egret::dialect
