// Defines egret::dialect::sqlite: SQLite's spelling, as a difference from ansi.
// SQLite stores DATE and TIMESTAMP as ISO-8601 TEXT, BOOLEAN as 0/1, DOUBLE as REAL.
#pragma once

#include <egret/dialect/ansi.hpp>

namespace egret::dialect {

/// The newest SQLite egret knows; features are gated on the version a dialect targets, not on the
/// client library installed (see sqlite_v).
inline constexpr int latest_sqlite = 3'046'000;

struct sqlite_family {};

template <int Version = latest_sqlite>
struct sqlite_v : ansi {
  static constexpr std::string_view name = "SQLite";
  using family = sqlite_family;
  static constexpr int version = Version;
  /// FILTER (WHERE ...) on aggregates since 3.30.
  static constexpr bool has_filter_clause = Version >= 3'030'000;

  /// Dates are ISO-8601 text: a plain string literal.
  template <class D, class V, class T>
  static void temporal_literal(V& v, T const& x) {
    D::template string_literal<D>(v, to_string(x));
  }

  template <class D, class T>
  static constexpr std::string_view type_name() {
    if constexpr (is_integer_v<T> || std::is_same_v<T, bool>)
      return "INTEGER";
    else if constexpr (std::is_same_v<T, double>)
      return "REAL";
    else
      return "TEXT";  // TEXT, and DATE / TIMESTAMP as ISO-8601 text
  }
};

using sqlite = sqlite_v<>;

}  // namespace egret::dialect
