// Defines the CREATE TABLE text of a table type for MySQL / MariaDB: column types from the dialect's
// column_type_name (CAST targets differ from column types on these engines, see dialect/mysql.hpp), a TEXT
// column in the PRIMARY KEY as VARCHAR(255) (TEXT cannot be a key).
#pragma once

#include <string>
#include <string_view>

#include <egret/core/type_list.hpp>
#include <egret/render/writer.hpp>
#include <egret/schema/table.hpp>

namespace egret::mysql {

namespace detail {
template <class T, class C>
inline constexpr bool in_key = [] {
  if constexpr (requires { egret_primary_key(static_cast<T const*>(nullptr)); })
    return contains_v<C, decltype(egret_primary_key(static_cast<T const*>(nullptr)))>;
  else
    return false;
}();

template <class D>
std::string quoted(std::string_view name) {
  std::string out;
  render::string_writer w{out};
  D::template quote_identifier<D>(w, name);
  return out;
}

template <class D, class... Ks>
void key(std::string& s, type_list<Ks...>) {
  bool first = true;
  ((s += first ? "" : ", ", first = false, s += quoted<D>(Ks::name.view())), ...);
}

template <class D, class T, class... Cs>
std::string create_table_text(type_list<Cs...>) {
  std::string s = "CREATE TABLE " + quoted<D>(T::egret_name.view()) + " (";
  bool first = true;
  ((s += first ? "" : ", ", first = false, s += quoted<D>(Cs::name.view()), s += ' ',
    s += D::template column_type_name<D, typename Cs::value_type, in_key<T, Cs>>(),
    s += nullable_v<Cs> ? "" : " NOT NULL"),
   ...);
  if constexpr (requires { egret_primary_key(static_cast<T const*>(nullptr)); }) {
    s += ", PRIMARY KEY (";
    key<D>(s, egret_primary_key(static_cast<T const*>(nullptr)));
    s += ')';
  }
  return s + ')';
}
}  // namespace detail

/// `CREATE TABLE `t` (`c` TYPE [NOT NULL], ... [, PRIMARY KEY (...)])` for table T, in dialect D
/// (dialect::mysql or dialect::mariadb).
template <class D, class T>
std::string const& create_table_sql() {
  static std::string const sql = detail::create_table_text<D, T>(typename T::egret_columns{});
  return sql;
}

}  // namespace egret::mysql
