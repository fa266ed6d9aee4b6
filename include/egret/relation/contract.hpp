// Defines the contract between a query and a declared table: same column names in the same order,
// same SQL types, and no NULL where the table says NOT NULL. Checked at compile time when a query
// materializes into a table or view declared with EGRET_TABLE.
#pragma once

#include <egret/relation/columns.hpp>

namespace egret::detail {

template <class Have, class Want>
constexpr void check_contract_column() {
  static_assert(Have::name == Want::name,
                "egret: the query's column names differ from the table's (compare both in declaration order)");
  static_assert(std::is_same_v<typename Have::value_type, typename Want::value_type>,
                "egret: a query column's SQL type differs from the table column of the same name; cast<>() it");
  static_assert(!nullable_v<Have> || nullable_v<Want>,
                "egret: a query column can be NULL but the table declares it NOT NULL; coalesce() it or declare "
                "the column std::optional");
}

template <class... Hs, class... Ws>
constexpr void check_contract(type_list<Hs...>, type_list<Ws...>) {
  static_assert(sizeof...(Hs) == sizeof...(Ws), "egret: the query has a different number of columns than the table");
  if constexpr (sizeof...(Hs) == sizeof...(Ws)) (check_contract_column<Hs, Ws>(), ...);
}

/// Q's output columns match table T's declared columns.
template <class Q, class T>
constexpr void require_contract() {
  check_contract(columns_of_t<Q>{}, typename T::egret_columns{});
}

}  // namespace egret::detail
