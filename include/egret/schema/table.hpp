// Defines EGRET_TABLE, which declares a table schema once, as a C++ type whose members are its columns.
#pragma once

// Boost.Preprocessor handles 64-element tuples unless told more before its first inclusion: raise it to 128
// so that a table can have up to 128 columns (no measurable cost). A TU that includes Boost.Preprocessor
// before egret keeps the limit it chose (define BOOST_PP_LIMIT_TUPLE 128 first, or include egret first).
#ifndef BOOST_PP_LIMIT_TUPLE
#define BOOST_PP_LIMIT_TUPLE 128
#endif

#include <boost/preprocessor/cat.hpp>
#include <boost/preprocessor/punctuation/comma_if.hpp>
#include <boost/preprocessor/seq/for_each.hpp>
#include <boost/preprocessor/seq/for_each_i.hpp>
#include <boost/preprocessor/stringize.hpp>
#include <boost/preprocessor/tuple/elem.hpp>
#include <boost/preprocessor/variadic/size.hpp>
#include <boost/preprocessor/variadic/to_seq.hpp>

#include <egret/core/fixed_string.hpp>
#include <egret/core/type_list.hpp>
#include <egret/expr/column.hpp>

namespace egret {

template <class Self>
struct relation_methods;

/// Base of every table type: a FROM item whose columns are its members.
template <class Self>
struct table_base : relation_methods<Self> {
  static constexpr int stage = 0;

  template <class D, class S, class V>
  static constexpr void render_from(V& v, Self const*) {
    D::template quote_identifier<D>(v, Self::egret_name.view());
  }
};

/// Table T under the name Alias (`FROM "lineitem" AS "l2"`): a distinct source, so a table can be joined
/// with itself and a subquery can refer to an outer copy. Same members as T.
template <class T, fixed_string Alias>
struct table_alias : table_base<table_alias<T, Alias>>, T::template egret_columns_for<table_alias<T, Alias>> {
  using aliased_table = T;
  static constexpr auto egret_name = Alias;
  static constexpr auto egret_table_name = T::egret_name;

  template <class D, class S, class V>
  static constexpr void render_from(V& v, table_alias const*) {
    D::template quote_identifier<D>(v, T::egret_name.view());
    v.text(D::table_alias_keyword);
    D::template quote_identifier<D>(v, Alias.view());
  }
};

}  // namespace egret

#define EGRET_DETAIL_COLUMN_MEMBER(r, table, elem)                                                   \
  ::egret::col_t<table, BOOST_PP_STRINGIZE(BOOST_PP_TUPLE_ELEM(2, 0, elem)), BOOST_PP_TUPLE_ELEM(2, 1, elem)> \
      BOOST_PP_TUPLE_ELEM(2, 0, elem);
#define EGRET_DETAIL_COLUMN_TYPE(r, table, i, elem) \
  BOOST_PP_COMMA_IF(i) decltype(BOOST_PP_TUPLE_ELEM(2, 0, elem))

/// Declares table `name` with columns `(column, C++ type)`:
///
///     EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t),
///                         (order_date, egret::date), (status, std::string))
///
/// Each column is a member (`o.order_id`), named by a compile-time string; `std::optional<T>` declares a
/// nullable column. Up to 128 columns (Boost.Preprocessor's tuple limit, raised above).
/// `o.as<"o2">()` is the same table under another name (a self-join), with the same members.
/// The macro also declares the class template `egret_columns_of_<name>`: the members, for any source.
#define EGRET_TABLE(name, ...)                                                                       \
  template <class egret_source_>                                                                     \
  struct BOOST_PP_CAT(egret_columns_of_, name) {                                                     \
    BOOST_PP_SEQ_FOR_EACH(EGRET_DETAIL_COLUMN_MEMBER, egret_source_, BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__)) \
    using egret_columns =                                                                            \
        ::egret::type_list<BOOST_PP_SEQ_FOR_EACH_I(EGRET_DETAIL_COLUMN_TYPE, name,                   \
                                                   BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__))>;          \
  };                                                                                                 \
  struct name : ::egret::table_base<name>, BOOST_PP_CAT(egret_columns_of_, name)<name> {            \
    [[maybe_unused]] static constexpr ::egret::fixed_string egret_name = BOOST_PP_STRINGIZE(name);   \
    template <class egret_source_>                                                                   \
    using egret_columns_for = BOOST_PP_CAT(egret_columns_of_, name)<egret_source_>;                  \
  };

#define EGRET_DETAIL_KEY_COLUMN(r, table, i, column) BOOST_PP_COMMA_IF(i) decltype(table::column)

/// Declares the primary key of a table declared with EGRET_TABLE, in the same namespace, after it:
///
///     EGRET_PRIMARY_KEY(orders, order_id)
///     EGRET_PRIMARY_KEY(order_lines, order_id, line_no)    // a composite key
///
/// CREATE TABLE (render/ddl.hpp) then ends with `PRIMARY KEY ("order_id")`. A key column must not be
/// nullable. The macro declares the function `egret_primary_key(table const*)`, found by argument lookup.
#define EGRET_PRIMARY_KEY(table, ...)                                                                  \
  [[maybe_unused]] constexpr ::egret::type_list<BOOST_PP_SEQ_FOR_EACH_I(                              \
      EGRET_DETAIL_KEY_COLUMN, table, BOOST_PP_VARIADIC_TO_SEQ(__VA_ARGS__))>                          \
  egret_primary_key(table const*) {                                                                    \
    return {};                                                                                         \
  }
