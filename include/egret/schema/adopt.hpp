// Defines adopt_table<S, "name">: an existing user struct (BOOST_HANA_DEFINE_STRUCT) used as a table schema.
#pragma once

#include <utility>

#include <egret/schema/reflect.hpp>
#include <egret/schema/table.hpp>

namespace egret {

namespace detail {
template <class T, class S, class Seq>
struct adopted_columns;
template <class T, class S>
struct adopted_base {
  using egret_columns =
      typename adopted_columns<T, S, std::make_index_sequence<member_count_v<S>>>::type;
};
template <class T, class S, std::size_t... Is>
struct adopted_columns<T, S, std::index_sequence<Is...>> {
  using type = type_list<col_t<T, member_fixed_name_v<S, Is>, member_type_t<S, Is>>...>;
};
}  // namespace detail

/// Table `Name` whose columns are the members of S, in order, typed as the members are
/// (`std::optional<T>` members are nullable columns). Columns are reached by name: `t["x"_c]`.
///
///     struct point { BOOST_HANA_DEFINE_STRUCT(point, (std::int64_t, id), (double, x)); };
///     using points = egret::adopt_table<point, "points">;
///     db.create_table<points>(); db.insert_struct<points>(point{1, 2.5});
template <class S, fixed_string Name>
struct adopt_table : table_base<adopt_table<S, Name>> {
  using egret_struct = S;
  static constexpr auto egret_name = Name;
  using egret_columns =
      typename detail::adopted_columns<adopt_table, S, std::make_index_sequence<detail::member_count_v<S>>>::type;
  template <class Source>
  using egret_columns_for = detail::adopted_base<Source, S>;
};

}  // namespace egret
