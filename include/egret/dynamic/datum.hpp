// Defines the run-time face of SQL values for the dynamic layer: sql_type_id (a column's SQL type, known
// only at run time), datum (one value: NULL or a value of a SQL type), and the conversions from C++ values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include <egret/types/sql_type.hpp>

namespace egret::dyn {

/// A SQL type as a run-time value: one per type identity of types/sql_type.hpp.
enum class sql_type_id : unsigned char { integer, bigint, double_precision, boolean, text, date, timestamp };

/// The sql_type_id of identity T (std::int32_t, std::int64_t, double, bool, std::string, date, timestamp).
template <class T>
inline constexpr sql_type_id type_id_of = [] {
  static_assert(is_sql_type_v<T>, "egret: not a SQL type identity (std::int32_t, std::int64_t, double, bool, "
                                  "std::string, egret::date, egret::timestamp)");
  if constexpr (std::is_same_v<T, std::int32_t>)
    return sql_type_id::integer;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return sql_type_id::bigint;
  else if constexpr (std::is_same_v<T, double>)
    return sql_type_id::double_precision;
  else if constexpr (std::is_same_v<T, bool>)
    return sql_type_id::boolean;
  else if constexpr (std::is_same_v<T, date>)
    return sql_type_id::date;
  else if constexpr (std::is_same_v<T, timestamp>)
    return sql_type_id::timestamp;
  else
    return sql_type_id::text;
}();

/// The SQL name of a type, as messages spell it (`BIGINT`, `TEXT`).
constexpr std::string_view type_name(sql_type_id t) {
  switch (t) {
    case sql_type_id::integer: return sql_type<std::int32_t>::name;
    case sql_type_id::bigint: return sql_type<std::int64_t>::name;
    case sql_type_id::double_precision: return sql_type<double>::name;
    case sql_type_id::boolean: return sql_type<bool>::name;
    case sql_type_id::text: return sql_type<std::string>::name;
    case sql_type_id::date: return sql_type<date>::name;
    default: return sql_type<timestamp>::name;
  }
}

/// One SQL value at run time: NULL (std::monostate) or a value of a SQL type identity. Bound values of a
/// dynamic query and the fields of a dyn::row are datums.
using datum = std::variant<std::monostate, std::int32_t, std::int64_t, double, bool, std::string, date, timestamp>;

/// The datum of a C++ value a query captured (`value<T>`): text is copied, integers keep their width,
/// std::nullopt is NULL.
template <class T>
datum to_datum(T const& x) {
  if constexpr (requires { x.has_value(); }) {
    return x ? to_datum(*x) : datum{};
  } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, double> || std::is_same_v<T, date> ||
                       std::is_same_v<T, timestamp> || std::is_same_v<T, std::string>) {
    return datum{x};
  } else if constexpr (std::is_floating_point_v<T>) {
    return datum{static_cast<double>(x)};
  } else if constexpr (std::is_integral_v<T>) {
    return datum{static_cast<identity_of_t<T>>(x)};
  } else {
    return datum{std::string(std::string_view(x))};
  }
}

}  // namespace egret::dyn
