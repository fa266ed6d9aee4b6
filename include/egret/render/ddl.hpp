// Defines the statements rendered from a table schema: CREATE TABLE, INSERT INTO ... VALUES.
// Their text is fixed at compile time, like a query's.
#pragma once

#include <egret/render/to_sql.hpp>

namespace egret {

namespace detail {

template <class T>
struct create_table_text {
  template <class D, class V>
  static constexpr void write(V& v) {
    constexpr bool keyed = requires { egret_primary_key(static_cast<T const*>(nullptr)); };
    auto const keys = [&] {
      if constexpr (keyed) key<D>(v, egret_primary_key(static_cast<T const*>(nullptr)));
    };
    v.text("CREATE TABLE ");
    D::template quote_identifier<D>(v, T::egret_name.view());
    v.text(" (");
    columns<D>(v, typename T::egret_columns{});
    if constexpr (keyed) D::template render_primary_key<D>(v, keys);
    v.ch(')');
    D::template render_table_options<D, keyed>(v, keys);
  }
  template <class D, class V, class... Ks>
  static constexpr void key(V& v, type_list<Ks...>) {
    static_assert(sizeof...(Ks) > 0, "egret: EGRET_PRIMARY_KEY names no column; list the key's columns");
    static_assert((!nullable_v<Ks> && ...),
                  "egret: a PRIMARY KEY column cannot be nullable; declare it without std::optional");
    bool first = true;
    ((first ? void(first = false) : v.text(", "), D::template quote_identifier<D>(v, Ks::name.view())), ...);
  }
  template <class D, class V, class... Cs>
  static constexpr void columns(V& v, type_list<Cs...>) {
    bool first = true;
    ((first ? void(first = false) : v.text(", "), column<D, Cs>(v)), ...);
  }
  template <class D, class C, class V>
  static constexpr void column(V& v) {
    D::template quote_identifier<D>(v, C::name.view());
    v.ch(' ');
    if constexpr (in_key<C> && !nullable_v<C>)
      D::template render_key_column_type<D, typename C::value_type>(v);
    else
      D::template render_column_type<D, typename C::value_type, nullable_v<C>>(v);
  }
  /// Whether column C is in T's EGRET_PRIMARY_KEY.
  template <class C>
  static constexpr bool in_key = [] {
    if constexpr (requires { egret_primary_key(static_cast<T const*>(nullptr)); })
      return contains_v<C, decltype(egret_primary_key(static_cast<T const*>(nullptr)))>;
    else
      return false;
  }();
};

template <class T>
struct insert_text {
  template <class D, class V>
  static constexpr void write(V& v) {
    v.text("INSERT INTO ");
    D::template quote_identifier<D>(v, T::egret_name.view());
    v.text(" (");
    names<D>(v, typename T::egret_columns{});
    v.text(") VALUES (");
    for (std::size_t i = 0; i < T::egret_columns::size; ++i) {
      if (i) v.text(", ");
      D::template placeholder<D>(v, v.param(static_cast<int const*>(nullptr)));
    }
    v.ch(')');
  }
  template <class D, class V, class... Cs>
  static constexpr void names(V& v, type_list<Cs...>) {
    bool first = true;
    ((first ? void(first = false) : v.text(", "), D::template quote_identifier<D>(v, Cs::name.view())), ...);
  }
};

}  // namespace detail

/// `CREATE TABLE "t" ("c" TYPE [NOT NULL], ... [, PRIMARY KEY ("k", ...)])` for table T: types spelled by
/// dialect D, NOT NULL unless the column is std::optional, the key from EGRET_PRIMARY_KEY (schema/table.hpp).
/// A constant like to_sql's: `static_assert(create_table_sql<dialect::sqlite, T>() == "...")`.
template <class D, class T>
constexpr std::string_view create_table_sql() {
  return detail::static_text<D, detail::create_table_text<T>>.view();
}

/// `INSERT INTO "t" ("c1", ...) VALUES (?, ...)`: every column of T, in declaration order.
template <class D, class T>
constexpr std::string_view insert_sql() {
  return detail::static_text<D, detail::insert_text<T>>.view();
}

}  // namespace egret
