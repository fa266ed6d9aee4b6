// Defines column_ref, the expression naming a column of a table or of a derived relation.
#pragma once

#include <egret/expr/expression.hpp>

namespace egret {

/// A column `Name` of type T provided by `Source` (a table type, or a derived relation's projection node).
/// SQL: `"source"."name"` (the qualifier is chosen by the scope: table name, or the derived relation's alias).
/// Nullable when declared `std::optional<...>`, or when Source sits on the outer side of a LEFT JOIN.
template <class Source, fixed_string Name, class T, bool Nullable>
struct column_ref : expr_methods<column_ref<Source, Name, T, Nullable>> {
  using value_type = T;
  using source = Source;
  using operands = type_list<>;
  static constexpr auto name = Name;
  static constexpr bool is_column = true;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = Nullable || contains_v<Source, Ctx>;

  template <class D, class S, class V>
  static constexpr void render(V& v, column_ref const*) {
    S::template qualify<D, Source>(v);
    D::template quote_identifier<D>(v, Name.view());
  }
};

/// The member type EGRET_TABLE declares for a column written `(name, CppType)`.
template <class Table, fixed_string Name, class CppType>
using col_t = column_ref<Table, Name, typename declared<CppType>::type, declared<CppType>::nullable>;

template <class E>
inline constexpr bool is_column_v = requires { std::remove_cvref_t<E>::is_column; };

}  // namespace egret
