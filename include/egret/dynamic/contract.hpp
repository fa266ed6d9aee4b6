// Defines the run-time contract check between a dynamic query's result columns and a declared table
// (as relation/contract.hpp does at compile time for static queries): same names in order, same SQL
// types, no NULL where the table says NOT NULL.
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include <egret/core/error.hpp>
#include <egret/dynamic/subquery.hpp>
#include <egret/expr/expression.hpp>

namespace egret::dyn {

namespace detail {
template <class... Cs>
std::vector<column_info> table_columns(type_list<Cs...>) {
  return {column_info{std::string(Cs::name.view()), type_id_of<typename Cs::value_type>, nullable_v<Cs>}...};
}
}  // namespace detail

/// Throws egret::error unless columns `have` can fill table T (EGRET_TABLE) in order.
template <class T>
void require_contract(std::vector<column_info> const& have) {
  auto const want = detail::table_columns(typename T::egret_columns{});
  auto const table = T::egret_name.view();
  if (have.size() != want.size())
    throw egret::error(fmt::format("egret: the dynamic query has {} columns, table {} has {}", have.size(), table,
                                   want.size()));
  for (std::size_t i = 0; i < have.size(); ++i) {
    auto const& h = have[i];
    auto const& w = want[i];
    if (h.name != w.name)
      throw egret::error(fmt::format("egret: column {} of the dynamic query is \"{}\", table {} has \"{}\" there", i + 1,
                                     h.name, table, w.name));
    if (h.type != w.type)
      throw egret::error(fmt::format("egret: column \"{}\" of the dynamic query is {}, table {} declares {}", h.name,
                                     type_name(h.type), table, type_name(w.type)));
    if (h.nullable && !w.nullable)
      throw egret::error(fmt::format("egret: column \"{}\" of the dynamic query can be NULL, table {} declares it NOT "
                                     "NULL; coalesce() it",
                                     h.name, table));
  }
}

}  // namespace egret::dyn
