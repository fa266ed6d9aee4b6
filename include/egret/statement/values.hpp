// Defines the VALUES rows of an INSERT: row_block<N, Row> (N rows whose values have the same types) and
// values_source<Blocks...> (the blocks of one statement, in order). The number of rows is part of the
// type, so the SQL text stays fixed at compile time; each value is checked against its column.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <egret/statement/assignment.hpp>
#include <egret/statement/where.hpp>

namespace egret {

namespace detail {

/// N rows of the same type Row (a pack of value expressions): `(?, ?), (?, ?)`.
template <std::size_t N, class Row>
struct row_block {
  std::array<Row, N> rows{};

  static constexpr std::size_t count = N;

  /// The rows, the first being row `first` of the statement's `total`; the dialect writes what surrounds
  /// each row (`render_insert_row_open` / `_close`: ` VALUES (`, `, (`, `)` in standard SQL).
  template <class D, class S, class V>
  static constexpr void render_rows(V& v, row_block const* b, std::size_t first, std::size_t total) {
    for (std::size_t i = 0; i < N; ++i) {
      D::template render_insert_row_open<D>(v, first + i, total);
      Row::template render<D, S>(v, b ? &b->rows[i] : nullptr);
      D::template render_insert_row_close<D>(v, first + i, total);
    }
  }
};

/// A value of a VALUES row: no column (there is no row to read it from), no aggregate, no excluded().
template <class C, class V, class E>
constexpr void check_row_value() {
  check_written<C, V, E>();
  static_assert(!any_node_v<is_column_node, E> && !is_aggregate_v<E>,
                "egret: a VALUES row cannot read columns; use insert_into(t).from(query) to insert what a query "
                "reads");
  require_no_excluded<E>();
}

/// Turns C++ arguments into the values of one row written to columns Cs.
template <class Cols>
struct row_of;
template <class... Cs>
struct row_of<type_list<Cs...>> {
  template <class... Vs>
  static constexpr void check() {
    static_assert(sizeof...(Vs) == sizeof...(Cs),
                  "egret: values() needs one value per column of insert_into(), in the same order");
    if constexpr (sizeof...(Vs) == sizeof...(Cs)) (check_row_value<Cs, Vs, written_t<Cs, Vs>>(), ...);
  }
  template <class... Vs>
  static constexpr auto make(Vs const&... vs) {
    return pack<written_t<Cs, Vs>...>{{written<Cs, std::remove_cvref_t<Vs>>::make(vs)}...};
  }

  /// The same, from a tuple-like row (std::tuple, std::pair, std::array).
  template <class Tup>
  struct from_tuple {
    template <std::size_t... Is>
    static constexpr void check(std::index_sequence<Is...>) {
      row_of::check<std::remove_cvref_t<std::tuple_element_t<Is, Tup>>...>();
    }
    template <std::size_t... Is>
    static constexpr auto make(Tup const& t, std::index_sequence<Is...>) {
      return row_of::make(std::get<Is>(t)...);
    }
  };
};

template <class T, class = void>
inline constexpr bool is_tuple_like_v = false;
template <class T>
inline constexpr bool is_tuple_like_v<T, std::void_t<decltype(std::tuple_size<T>::value)>> = true;

}  // namespace detail

/// The VALUES of an INSERT: its row blocks in order, `VALUES (...), (...)`.
template <class... Blocks>
struct values_source {
  detail::pack<Blocks...> blocks;

  static constexpr bool given = true;
  /// How many rows the statement inserts.
  static constexpr std::size_t row_count = (std::size_t{0} + ... + Blocks::count);

  template <class B>
  constexpr values_source<Blocks..., B> add(B const& b) const {
    return add_impl(b, std::index_sequence_for<Blocks...>{});
  }

  /// ` VALUES (...), (...)`, or what the dialect writes instead (Oracle 19c: `SELECT ... FROM DUAL UNION ALL ...`).
  template <class D, class S, class V>
  static constexpr void render(V& v, values_source const* n) {
    render_blocks<D, S>(v, detail::member(n, &values_source::blocks), std::index_sequence_for<Blocks...>{});
  }

 private:
  /// The index of block I's first row.
  template <std::size_t I>
  static constexpr std::size_t first_row = [] {
    std::size_t const counts[] = {Blocks::count...};
    std::size_t r = 0;
    for (std::size_t k = 0; k < I; ++k) r += counts[k];
    return r;
  }();

  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_blocks(V& v, detail::pack<Blocks...> const* p, std::index_sequence<Is...>) {
    (Blocks::template render_rows<D, S>(v, detail::pack<Blocks...>::at(static_cast<detail::slot<Is, Blocks> const*>(p)),
                                        first_row<Is>, row_count),
     ...);
  }

  template <class B, std::size_t... Is>
  constexpr values_source<Blocks..., B> add_impl(B const& b, std::index_sequence<Is...>) const {
    return {detail::make_pack(static_cast<detail::slot<Is, Blocks> const&>(blocks).v..., b)};
  }
};

}  // namespace egret
