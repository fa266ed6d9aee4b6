// Defines how every backend fills typed result rows and users' structs from its current result row: through
// `src.template read<T>(col)` on the backend's row source (a SQLite statement, a PostgreSQL result, a MariaDB
// statement), which handles NULL and std::optional<T>. Nothing here knows a backend.
#pragma once

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/second.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <egret/relation/row.hpp>
#include <egret/relation/struct_row.hpp>

namespace egret::detail {

/// Reads the current result row into a row's fields (its base row_storage<..., field types...>). The fields
/// are written through their slots, not row::get<I>(): each get<I> is one more function whose name spells the
/// whole row type (a 400-column row: 400 names of ~20 KB, mangled in time quadratic in their length).
template <class Source, std::size_t... Is, class... Ts>
void read_row(Source const& s, row_storage<std::index_sequence<Is...>, Ts...>& r) {
  // a braced list, not a fold: clang refuses folds of more than 256 operands (a 400-column row)
  [[maybe_unused]] int const in_order[] = {
      0, (static_cast<field_slot<Is, Ts>&>(r).value = s.template read<Ts>(static_cast<int>(Is)), 0)...};
}

template <class S, class Cols, std::size_t I, class Source>
[[gnu::always_inline]] inline void read_member(Source const& s, S& out) {
  constexpr int c = static_cast<int>(struct_columns_v<S, Cols>[I]);
  auto& m = boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<S>()))(out);
  using M = std::remove_cvref_t<decltype(m)>;
  if constexpr (std::is_same_v<M, std::string>)
    m.assign(s.template read<std::string_view>(c));  // reuses the member's buffer, as hand-written code would
  else
    m = s.template read<M>(c);
}

template <class S, class Cols, class Source, std::size_t... Is>
[[gnu::always_inline]] inline void read_struct(Source const& s, S& out, std::index_sequence<Is...>) {
  (read_member<S, Cols, Is>(s, out), ...);
}

/// Reads the current result row into the members of S, matched to the columns Cols by name.
template <class S, class Cols, class Source>
[[gnu::always_inline]] inline void read_struct(Source const& s, S& out) {
  read_struct<S, Cols>(s, out, std::make_index_sequence<member_count_v<S>>{});
}

template <class S, class Cols, class F, std::size_t... Is>
[[gnu::always_inline]] inline void for_each_member(S& out, F& f, std::index_sequence<Is...>) {
  (f(std::integral_constant<std::size_t, Is>{},
     std::integral_constant<int, static_cast<int>(struct_columns_v<S, Cols>[Is])>{},
     boost::hana::second(boost::hana::at_c<Is>(boost::hana::accessors<S>()))(out)),
   ...);
}

/// Calls `f(i, col, member)` for each member of S in declaration order: i its index
/// (std::integral_constant<std::size_t, I>), col the result column it reads (std::integral_constant<int, ...>, the
/// same match as read_struct's), member a reference to it in `out`. For a backend that reads a struct its own way
/// (DuckDB's cursor fills a whole data chunk of structs with each column's vector in hand).
template <class S, class Cols, class F>
[[gnu::always_inline]] inline void for_each_member(S& out, F&& f) {
  for_each_member<S, Cols>(out, f, std::make_index_sequence<member_count_v<S>>{});
}

}  // namespace egret::detail
