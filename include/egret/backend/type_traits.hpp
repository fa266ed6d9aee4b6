// Defines the type traits the backends' statements, results and bulk loaders share, written once: is_optional_v
// (a std::optional<T>, a nullable column's C++ type), unoptional_t (the T in it) and other_integer (the integers a
// statement binds through int64: not bool, not the exact int32 / int64 overloads, not uint64, which does not fit
// int64). egret::dependent_false is core/type_list.hpp's.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <type_traits>

namespace egret::backend {

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
struct unoptional {
  using type = T;
};
template <class T>
struct unoptional<std::optional<T>> {
  using type = T;
};
template <class T>
using unoptional_t = typename unoptional<T>::type;

/// Integers other than the exact int32/int64 overloads; uint64 is excluded because it does not fit int64.
template <class T>
concept other_integer = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, std::int32_t> &&
                        !std::same_as<T, std::int64_t> && (sizeof(T) < 8 || std::is_signed_v<T>);

}  // namespace egret::backend
