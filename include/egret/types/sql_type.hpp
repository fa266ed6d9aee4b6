// Defines the SQL logical types egret knows, how C++ types map onto them, and the promotion rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <egret/core/fixed_string.hpp>
#include <egret/types/temporal.hpp>

namespace egret {

/// The families the type rules reason about.
enum class family { integer, floating, boolean, text, date, timestamp };

/// What egret knows of a SQL type, keyed by its identity C++ type (the non-null value type of an expression).
/// Identities: std::int32_t (INTEGER), std::int64_t (BIGINT), double (DOUBLE), bool (BOOLEAN),
/// std::string (TEXT), egret::date (DATE), egret::timestamp (TIMESTAMP). The primary template is empty:
/// `is_sql_type_v<T>` is false for anything else.
template <class T>
struct sql_type {};

template <>
struct sql_type<std::int32_t> {
  static constexpr family fam = family::integer;
  static constexpr std::string_view name = "INTEGER";
  static constexpr int rank = 1;
};
template <>
struct sql_type<std::int64_t> {
  static constexpr family fam = family::integer;
  static constexpr std::string_view name = "BIGINT";
  static constexpr int rank = 2;
};
template <>
struct sql_type<double> {
  static constexpr family fam = family::floating;
  static constexpr std::string_view name = "DOUBLE";
  static constexpr int rank = 3;
};
template <>
struct sql_type<bool> {
  static constexpr family fam = family::boolean;
  static constexpr std::string_view name = "BOOLEAN";
};
template <>
struct sql_type<std::string> {
  static constexpr family fam = family::text;
  static constexpr std::string_view name = "TEXT";
};
template <>
struct sql_type<date> {
  static constexpr family fam = family::date;
  static constexpr std::string_view name = "DATE";
};
template <>
struct sql_type<timestamp> {
  static constexpr family fam = family::timestamp;
  static constexpr std::string_view name = "TIMESTAMP";
};

template <class T, class = void>
inline constexpr bool is_sql_type_v = false;
template <class T>
inline constexpr bool is_sql_type_v<T, std::void_t<decltype(sql_type<T>::fam)>> = true;

template <class T>
inline constexpr bool is_numeric_v = [] {
  if constexpr (is_sql_type_v<T>)
    return sql_type<T>::fam == family::integer || sql_type<T>::fam == family::floating;
  else
    return false;
}();
template <class T>
inline constexpr bool is_integer_v = std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t>;
template <class T>
inline constexpr bool is_text_v = std::is_same_v<T, std::string>;
template <class T>
inline constexpr bool is_temporal_v = std::is_same_v<T, date> || std::is_same_v<T, timestamp>;

/// The SQL type identity of a C++ value used in a query (`42` -> INTEGER, `"x"` -> TEXT), void if none.
template <class T>
struct identity_of {
  using type = void;
};
template <class T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 4)
struct identity_of<T> {
  using type = std::int32_t;
};
template <class T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) == 8)
struct identity_of<T> {
  using type = std::int64_t;
};
template <class T>
  requires std::is_floating_point_v<T>
struct identity_of<T> {
  using type = double;
};
template <>
struct identity_of<bool> {
  using type = bool;
};
template <>
struct identity_of<std::string> {
  using type = std::string;
};
template <>
struct identity_of<std::string_view> {
  using type = std::string;
};
template <>
struct identity_of<char const*> {
  using type = std::string;
};
template <std::size_t N>
struct identity_of<char[N]> {
  using type = std::string;
};
template <std::size_t N>
struct identity_of<fixed_string<N>> {
  using type = std::string;
};
template <>
struct identity_of<date> {
  using type = date;
};
template <>
struct identity_of<timestamp> {
  using type = timestamp;
};
template <class T>
struct identity_of<std::optional<T>> : identity_of<T> {};

template <class T>
using identity_of_t = typename identity_of<std::remove_cvref_t<T>>::type;

/// A column declared as `std::optional<T>` is nullable with identity T.
template <class T>
struct declared {
  using type = T;
  static constexpr bool nullable = false;
};
template <class T>
struct declared<std::optional<T>> {
  using type = T;
  static constexpr bool nullable = true;
};

/// Result type of `a + b` (and - * /) on numeric identities: DOUBLE wins, then BIGINT, then INTEGER.
template <class A, class B>
using promote_t = std::conditional_t<
    (std::is_same_v<A, double> || std::is_same_v<B, double>), double,
    std::conditional_t<(std::is_same_v<A, std::int64_t> || std::is_same_v<B, std::int64_t>), std::int64_t,
                       std::int32_t>>;

/// Whether values of two identities can be compared (=, <, IN, BETWEEN, COALESCE, CASE branches...).
template <class A, class B>
inline constexpr bool comparable_v = std::is_same_v<A, B> || (is_numeric_v<A> && is_numeric_v<B>);

/// The common type of two comparable identities (CASE branches, COALESCE arguments).
template <class A, class B>
using common_t = std::conditional_t<std::is_same_v<A, B>, A, promote_t<A, B>>;

/// How a field of a result row is held: views by default (TEXT as std::string_view), owning on request.
template <class T, bool Nullable, bool Owning>
struct field_type {
  using base = std::conditional_t<!Owning && std::is_same_v<T, std::string>, std::string_view, T>;
  using type = std::conditional_t<Nullable, std::optional<base>, base>;
};
template <class T, bool Nullable, bool Owning>
using field_type_t = typename field_type<T, Nullable, Owning>::type;

}  // namespace egret
