// Defines csv::table_layout: what a loader needs of a table (its name and, per column, its name, the kind of
// value it holds and whether it is nullable) as a constant of plain data. The backends' loaders are ordinary
// functions that walk it, so that loading another table instantiates nothing but this constant: with a
// function template per table, each load_csv<T> cost ~0.25 s of g++ -O2 (the TPC-H program's 8 tables, 2.2 s).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/core/error.hpp>
#include <egret/core/type_list.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/csv/reader.hpp>
#include <egret/expr/expression.hpp>
#include <egret/types/temporal.hpp>

namespace egret::csv {

/// The C++ types a CSV field is parsed as (csv::parse_field), one enumerator each.
enum class value_kind : unsigned char { int32, int64, real, boolean, text, date, timestamp };

namespace detail {
template <class T>
constexpr value_kind kind_of() {
  static_assert(is_supported<T>, "egret::csv::parse_field: unsupported type");
  if constexpr (std::is_same_v<T, std::int32_t>)
    return value_kind::int32;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return value_kind::int64;
  else if constexpr (std::is_same_v<T, double>)
    return value_kind::real;
  else if constexpr (std::is_same_v<T, bool>)
    return value_kind::boolean;
  else if constexpr (std::is_same_v<T, std::string>)
    return value_kind::text;
  else if constexpr (std::is_same_v<T, egret::date>)
    return value_kind::date;
  else
    return value_kind::timestamp;
}
}  // namespace detail

/// One column as a loader sees it.
struct column_layout {
  std::string_view name;
  value_kind kind;
  bool nullable;
};

/// A table as a loader sees it: `layout_of<T>`.
struct table_layout {
  std::string_view name;
  std::span<column_layout const> columns;
};

namespace detail {
template <class T, class Cols = typename T::egret_columns>
struct layout_columns;
template <class T, class... Cs>
struct layout_columns<T, type_list<Cs...>> {
  static constexpr column_layout value[] = {
      {Cs::name.view(), detail::kind_of<typename Cs::value_type>(), egret::nullable_v<Cs>}...};
};
}  // namespace detail

/// The layout of table T (an EGRET_TABLE), a constant.
template <class T>
inline constexpr table_layout layout_of{T::egret_name.view(), detail::layout_columns<T>::value};

/// The column names of a layout, for expect_header.
inline std::vector<std::string_view> column_names(table_layout const& t) {
  std::vector<std::string_view> names;
  names.reserve(t.columns.size());
  for (auto const& c : t.columns) names.push_back(c.name);
  return names;
}

/// Whether field f is SQL NULL for column c: an empty unquoted field. Throws "missing value for NOT NULL column"
/// when c is NOT NULL (an empty quoted field, "", is an empty string for text and an error for the other kinds).
inline bool is_null_for(column_layout const& c, field const& f, std::string const& file) {
  if (!f.text.empty() || f.quoted) return false;
  if (!c.nullable) throw load_error(file, f.line, f.column, "missing value for NOT NULL column");
  return true;
}

/// Parses a field that is not NULL as the column's kind and hands the value to `sink(value)`: `sink` is called
/// with std::int32_t, std::int64_t, double, bool, std::string_view (the field's text, valid during the call),
/// egret::date or egret::timestamp. Errors are parse_field's (file, line, column, what was expected).
template <class Sink>
void parse_as(column_layout const& c, field const& f, std::string const& file, Sink&& sink) {
  switch (c.kind) {
    case value_kind::int32: return sink(detail::parse_present<std::int32_t>(f, file));
    case value_kind::int64: return sink(detail::parse_present<std::int64_t>(f, file));
    case value_kind::real: return sink(detail::parse_present<double>(f, file));
    case value_kind::boolean: return sink(detail::parse_present<bool>(f, file));
    case value_kind::text: return sink(std::string_view(f.text));
    case value_kind::date: return sink(detail::parse_present<egret::date>(f, file));
    case value_kind::timestamp: return sink(detail::parse_present<egret::timestamp>(f, file));
  }
}

}  // namespace egret::csv
