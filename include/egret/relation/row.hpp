// Defines row, the typed result row of a query: one field per output column, reachable by name
// (`row.get<"amount">()`, `row["amount"_c]`), by position, and by structured bindings.
#pragma once

#include <cstddef>
#include <tuple>
#include <utility>

#include <egret/relation/columns.hpp>

namespace egret {

namespace detail {
template <std::size_t I, class T>
struct field_slot {
  T value;
};
template <class Seq, class... Ts>
struct row_storage;
template <std::size_t... Is, class... Ts>
struct row_storage<std::index_sequence<Is...>, Ts...> : field_slot<Is, Ts>... {};
}  // namespace detail

/// A result row for the output columns Cols (a type_list of column_refs). Fields are `T` for NOT NULL
/// columns and `std::optional<T>` for nullable ones; TEXT is `std::string_view` in view rows
/// (Owning = false: valid until the cursor moves) and `std::string` in owning rows.
template <bool Owning, class Cols>
struct row;

template <bool Owning, class... Cs>
struct row<Owning, type_list<Cs...>>
    : detail::row_storage<std::index_sequence_for<Cs...>,
                          field_type_t<typename Cs::value_type, nullable_v<Cs>, Owning>...> {
  using columns = type_list<Cs...>;
  static constexpr std::size_t size = sizeof...(Cs);
  static constexpr bool owning = Owning;

  template <std::size_t I>
  using field_t = field_type_t<typename at_t<I, columns>::value_type, nullable_v<at_t<I, columns>>, Owning>;

  /// Field I.
  template <std::size_t I>
  constexpr field_t<I>& get() {
    return static_cast<detail::field_slot<I, field_t<I>>&>(*this).value;
  }
  template <std::size_t I>
  constexpr field_t<I> const& get() const {
    return static_cast<detail::field_slot<I, field_t<I>> const&>(*this).value;
  }

  /// The field named Name: `row.get<"amount">()`. One function per name read (not three: a function of a
  /// row type has a name that spells every column, and each adds to the compile time of a wide row).
  template <fixed_string Name>
  constexpr auto const& get() const {
    constexpr std::size_t i = index_of_name<Name>;
    return static_cast<detail::field_slot<i, field_t<i>> const&>(*this).value;
  }
  template <fixed_string Name>
  constexpr auto const& operator[](name_tag<Name>) const {
    constexpr std::size_t i = index_of_name<Name>;
    return static_cast<detail::field_slot<i, field_t<i>> const&>(*this).value;
  }

  /// The output column names, in order.
  static constexpr std::array<std::string_view, sizeof...(Cs)> names() { return {Cs::name.view()...}; }

  /// The same row with its own copies of text: outlives the cursor.
  row<true, columns> to_owning() const
    requires(!Owning)
  {
    return to_owning_impl(std::index_sequence_for<Cs...>{});
  }

 private:
  template <fixed_string Name>
  static constexpr std::size_t index_of_name = [] {
    constexpr auto m = detail::find_by_name<Name>(columns{});
    static_assert(m.count == 1, "egret: this result row has no column of that name (or several); see the select list");
    return m.count == 1 ? m.index : 0;
  }();
  template <std::size_t... Is>
  row<true, columns> to_owning_impl(std::index_sequence<Is...>) const {
    row<true, columns> r;
    // a braced list, not a fold: clang refuses folds of more than 256 operands (a 400-column row)
    [[maybe_unused]] int const in_order[] = {
        0, (r.template get<Is>() = typename row<true, columns>::template field_t<Is>(get<Is>()), 0)...};
    return r;
  }
};

/// The row type of query Q: `row_t<decltype(q)>`; `owning_row_t<decltype(q)>` keeps its own text.
template <class Q>
using row_t = row<false, columns_of_t<Q>>;
template <class Q>
using owning_row_t = row<true, columns_of_t<Q>>;

}  // namespace egret

template <bool Owning, class Cols>
struct std::tuple_size<egret::row<Owning, Cols>> : std::integral_constant<std::size_t, Cols::size> {};
template <std::size_t I, bool Owning, class Cols>
struct std::tuple_element<I, egret::row<Owning, Cols>> {
  using type = typename egret::row<Owning, Cols>::template field_t<I>;
};
