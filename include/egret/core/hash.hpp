// Defines compile-time hashing: FNV-1a over text, and a short identity for a (possibly huge) type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace egret {

constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

namespace detail {
/// FNV-1a of this function's name, which spells T. The loop indexes the array: the constant evaluators of
/// g++ 12 and clang 16 take about 4x longer (and g++ far more memory) to iterate a string_view over it,
/// and the name of a 400-item projection is ~100 KB long.
template <class T>
constexpr std::uint64_t hash_type_name() {
  constexpr auto& name = __PRETTY_FUNCTION__;
  std::uint64_t h = 14695981039346656037ull;
  for (std::size_t i = 0; i + 1 < sizeof(name); ++i) h = (h ^ static_cast<unsigned char>(name[i])) * 1099511628211ull;
  return h;
}
}  // namespace detail

/// A 64-bit identity of T, stable within one compiler: used so that columns of a derived relation name
/// their source as `derived_source<N>` instead of repeating the whole query's type in every message.
/// A variable, so it is computed once per type: clang re-evaluates a constexpr call wherever it appears (a
/// projection's N output columns each named it: N hashes of a name of length O(N), 43 s for 100 items).
template <class T>
inline constexpr std::uint64_t type_hash_v = detail::hash_type_name<T>();

template <class T>
constexpr std::uint64_t type_hash() {
  return type_hash_v<T>;
}

}  // namespace egret
