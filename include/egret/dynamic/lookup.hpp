// Defines checked name lookup, the one place the dynamic layer takes a column name as a string (opt-in):
// dyn::column_named<Table>("status") finds the typed column or throws an egret::error listing the columns.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include <egret/dynamic/column.hpp>
#include <egret/relation/columns.hpp>

namespace egret::dyn {

namespace detail {

template <class R>
std::string relation_label() {
  if constexpr (egret::detail::is_table_v<R>)
    return fmt::format("table {}", R::egret_name.view());
  else
    return "the relation";
}

template <class R, class... Cs>
column find_column(std::string_view name, type_list<Cs...>) {
  column const* found = nullptr;
  column candidates[] = {column(Cs{})...};
  for (auto const& c : candidates)
    if (c.name() == name) found = &c;
  if (found != nullptr) return *found;
  std::string list;
  for (auto const& c : candidates) list += (list.empty() ? "" : ", ") + c.name();
  throw egret::error(fmt::format("egret: no column \"{}\" in {} (columns: {})", name, relation_label<R>(), list));
}

}  // namespace detail

/// The column of relation r (a table, an aliased table, a static query) named `name`, checked at run time:
/// throws egret::error `no column "sttaus" in table orders (columns: id, user_id, ...)`.
template <class R>
column column_named(R const&, std::string_view name) {
  static_assert(relation<R>, "egret: column_named() looks a name up in a relation (a table or a query)");
  return detail::find_column<R>(name, columns_of_t<R>{});
}
template <class Table>
column column_named(std::string_view name) {
  return column_named(Table{}, name);
}

/// The column named `name`, which must have SQL type T (else egret::error naming both types): a typed
/// expression for filters and keys, `dyn::column_named<orders, std::string>("status") == "shipped"`.
template <class Table, class T>
expr<T> column_named(std::string_view name) {
  column c = column_named<Table>(name);
  if (c.type() != type_id_of<T>)
    throw egret::error(fmt::format("egret: column \"{}\" of {} is {}, not {}", name, detail::relation_label<Table>(),
                                   type_name(c.type()), type_name(type_id_of<T>)));
  return expr<T>(c.ptr());
}

}  // namespace egret::dyn
