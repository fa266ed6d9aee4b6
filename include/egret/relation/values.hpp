// Defines values_t, an in-memory literal relation (a small lookup table written in the query):
// `SELECT ? AS "code", ? AS "label" UNION ALL SELECT ?, ? ...`, typed by a declared table.
#pragma once

#include <tuple>
#include <utility>

#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>
#include <egret/relation/columns.hpp>
#include <egret/relation/level.hpp>
#include <egret/relation/set_op.hpp>

namespace egret {

/// Rows of values shaped like table T (one value per column, in order). The row count is part of the
/// type, so the SQL stays fixed at compile time; the values are bound. Columns are found by name:
/// `v["code"_c]`; used in a join or with clauses it becomes a subquery.
template <class T, class... Rows>
struct values_t : relation_methods<values_t<T, Rows...>> {
  detail::pack<Rows...> rows;

  static constexpr int stage = stage::compound;
  static constexpr bool is_statement = true;
  static constexpr bool is_compound = true;
  static constexpr set_kind flat_kind = set_kind::union_all;
  using result_columns = detail::retag_t<source_id_t<values_t>, typename T::egret_columns>;

  template <class D, class Outer = void, int Depth = 0, class V>
  static constexpr void render_statement(V& v, values_t const* n) {
    render_rows<D>(v, detail::member(n, &values_t::rows), std::index_sequence_for<Rows...>{});
  }

 private:
  template <class D, class V, std::size_t... Is>
  static constexpr void render_rows(V& v, detail::pack<Rows...> const* p, std::index_sequence<Is...>) {
    ((Is ? v.text(" UNION ALL SELECT ") : v.text("SELECT "),
      render_row<D, Is == 0>(v, detail::pack<Rows...>::at(static_cast<detail::slot<Is, Rows> const*>(p)),
                             typename T::egret_columns{}),
      v.text(D::select_without_from)),
     ...);
  }
  template <class D, bool Named, class Row, class... Cs>
  static constexpr void render_row(auto& v, Row const* r, type_list<Cs...>) {
    render_row_items<D, Named, Cs...>(v, r, std::make_index_sequence<sizeof...(Cs)>{});
  }
  template <class D, bool Named, class... Cs, class V, class Row, std::size_t... Is>
  static constexpr void render_row_items(V& v, Row const* r, std::index_sequence<Is...>) {
    using L = typename Row::types;
    ((Is ? v.text(", ") : void(),
      at_t<Is, L>::template render<D, unscoped>(v, Row::at(static_cast<detail::slot<Is, at_t<Is, L>> const*>(r))),
      Named ? (v.text(" AS "), D::template quote_identifier<D>(v, Cs::name.view())) : void()),
     ...);
  }
};

namespace detail {

template <class... Es>
struct value_row : pack<Es...> {
  using types = type_list<Es...>;
};

template <class C, class V>
constexpr void check_value_for_column() {
  using E = as_expr_t<V>;
  static_assert(comparable_v<value_type_t<E>, typename C::value_type>,
                "egret: values(): a value's SQL type differs from its column's; cast<>() it or fix the table");
  static_assert(!nullable_v<E> || nullable_v<C>,
                "egret: values(): a nullable value (std::optional) for a column its table declares NOT NULL");
}

template <class T, class... Vs, class... Cs>
constexpr void check_value_row(type_list<Cs...>) {
  static_assert(sizeof...(Vs) == sizeof...(Cs), "egret: values(): each row needs one value per column of the table");
  if constexpr (sizeof...(Vs) == sizeof...(Cs)) (check_value_for_column<Cs, Vs>(), ...);
}

template <class T, class... Vs>
constexpr auto make_value_row(std::tuple<Vs...> const& t) {
  check_value_row<T, Vs...>(typename T::egret_columns{});
  return std::apply([](auto const&... v) { return value_row<as_expr_t<Vs>...>{{{as_expr(v)}...}}; }, t);
}

}  // namespace detail

/// `egret::values<lookup>(std::tuple{"a", "Alpha"}, std::tuple{"b", "Beta"})`: rows shaped like
/// table T (declared with EGRET_TABLE, perhaps only for this purpose).
template <class T, class... Rows>
constexpr auto values(Rows const&... rows) {
  static_assert(sizeof...(Rows) >= 1, "egret: values() needs at least one row");
  return values_t<T, decltype(detail::make_value_row<T>(rows))...>{{}, detail::make_pack(detail::make_value_row<T>(rows)...)};
}

}  // namespace egret
