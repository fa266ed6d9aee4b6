// Defines the compile-time match between a user struct (BOOST_HANA_DEFINE_STRUCT) and a query's output
// columns: every member names a column, and its type can hold that column's values.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <egret/relation/columns.hpp>
#include <egret/schema/reflect.hpp>

namespace egret {

namespace detail {

/// Can a member of type M hold the values of column C?
template <class M, class C>
inline constexpr bool member_holds_v = [] {
  using B = typename declared<M>::type;
  using T = typename C::value_type;
  if constexpr (std::is_same_v<T, std::string>)
    return std::is_same_v<B, std::string> || std::is_same_v<B, std::string_view>;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return std::is_same_v<B, std::int32_t> || std::is_same_v<B, std::int64_t> || std::is_same_v<B, double>;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return std::is_same_v<B, std::int64_t> || std::is_same_v<B, double>;
  else
    return std::is_same_v<B, T>;
}();

template <class Cols, class... Cs>
constexpr std::size_t column_index(std::string_view name, type_list<Cs...>) {
  constexpr std::string_view names[] = {Cs::name.view()..., ""};
  for (std::size_t i = 0; i < sizeof...(Cs); ++i)
    if (names[i] == name) return i;
  return sizeof...(Cs);
}

/// Checks member I of S against the columns; the struct and the member type appear in the compiler's
/// instantiation note above the message.
template <class S, std::size_t I, class Cols>
constexpr std::size_t checked_member_column() {
  constexpr std::size_t c = column_index<Cols>(member_name_v<S, I>, Cols{});
  if constexpr (c == Cols::size) {
    static_assert(dependent_false<S>, "egret: a member of the struct names no column of the query's result; rename it or .as<>() the column");
    return 0;
  } else {
    using C = at_t<c, Cols>;
    using M = member_type_t<S, I>;
    static_assert(member_holds_v<M, C>, "egret: a member of the struct has a C++ type that cannot hold its column's SQL type");
    static_assert(!nullable_v<C> || declared<M>::nullable,
                  "egret: a member of the struct reads a nullable column; declare it std::optional<...>");
    return c;
  }
}

}  // namespace detail

/// For each member of S (in declaration order), the index of the result column it reads.
template <class S, class Cols>
inline constexpr auto struct_columns_v = []<std::size_t... Is>(std::index_sequence<Is...>) {
  return std::array<std::size_t, sizeof...(Is)>{detail::checked_member_column<S, Is, Cols>()...};
}(std::make_index_sequence<detail::member_count_v<S>>{});

}  // namespace egret
