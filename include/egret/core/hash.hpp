// Defines compile-time hashing: FNV-1a over text, and a short identity for a (possibly huge) type.
#pragma once

#include <cstdint>
#include <string_view>

namespace egret {

constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

/// A 64-bit identity of T, stable within one compiler: used so that columns of a derived relation name
/// their source as `derived_source<N>` instead of repeating the whole query's type in every message.
template <class T>
constexpr std::uint64_t type_hash() {
  return fnv1a(__PRETTY_FUNCTION__);
}

}  // namespace egret
