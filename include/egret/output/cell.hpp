// Defines egret::cell, one field of a result row seen without its C++ type (NULL, a boolean, an integer, a
// double, text, a date or a timestamp), and the generic access to a row's fields: for_each_field(row, f),
// field_names<Row>(), field_types<Row>(). The printers and writers of egret/output/ are ordinary functions over
// cells, so that printing another row type instantiates one small function (the row's cells) and nothing else.
//
// A row is an egret result row (`egret::row_t<decltype(q)>`, what a cursor yields, owning or not) or a struct
// declared with BOOST_HANA_DEFINE_STRUCT (what `cursor.as<S>()` and `db.fetch_as<S>()` return).
#pragma once

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/size.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <egret/core/type_list.hpp>
#include <egret/relation/row.hpp>
#include <egret/types/sql_type.hpp>
#include <egret/types/temporal.hpp>

namespace egret {

/// What a cell holds.
enum class cell_kind : unsigned char { null, boolean, integer, real, text, date, timestamp };

/// One field value, viewed: text points into the row (valid as long as the row).
struct cell {
  cell_kind kind = cell_kind::null;
  bool b = false;
  std::int64_t i = 0;
  double d = 0;
  std::string_view s;
  egret::date dt{};
  egret::timestamp ts{};
};

namespace detail {

template <class T>
inline constexpr bool is_optional_field_v = false;
template <class T>
inline constexpr bool is_optional_field_v<std::optional<T>> = true;

/// The cell of a field value of C++ type T (std::optional of a value type: NULL when empty).
template <class T>
constexpr cell make_cell(T const& v) {
  cell c;
  if constexpr (is_optional_field_v<T>) {
    if (v) c = make_cell(*v);
  } else if constexpr (std::is_same_v<T, bool>) {
    c.kind = cell_kind::boolean;
    c.b = v;
  } else if constexpr (std::is_integral_v<T>) {
    static_assert(sizeof(T) < sizeof(std::int64_t) || std::is_signed_v<T>,
                  "egret: a field of an unsigned 64-bit type cannot be shown as an SQL integer");
    c.kind = cell_kind::integer;
    c.i = static_cast<std::int64_t>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    c.kind = cell_kind::real;
    c.d = static_cast<double>(v);
  } else if constexpr (std::is_same_v<T, egret::date>) {
    c.kind = cell_kind::date;
    c.dt = v;
  } else if constexpr (std::is_same_v<T, egret::timestamp>) {
    c.kind = cell_kind::timestamp;
    c.ts = v;
  } else if constexpr (std::is_convertible_v<T const&, std::string_view>) {
    c.kind = cell_kind::text;
    c.s = std::string_view(v);
  } else {
    static_assert(sizeof(T) == 0,
                  "egret: this field's C++ type is not an SQL value egret can show (bool, an integer, a double, "
                  "text, egret::date, egret::timestamp, or std::optional of one)");
  }
  return c;
}

template <class T>
inline constexpr bool is_result_row_v = false;
template <bool Owning, class Cols>
inline constexpr bool is_result_row_v<row<Owning, Cols>> = true;

/// The cells of a result row's storage: one function per list of field types, shared by every row type
/// with the same fields.
template <std::size_t... Is, class... Ts>
void fill_cells(row_storage<std::index_sequence<Is...>, Ts...> const& r, cell* out) {
  // a braced list, not a fold: clang refuses folds of more than 256 operands
  [[maybe_unused]] int const in_order[] = {0, (out[Is] = make_cell(static_cast<field_slot<Is, Ts> const&>(r).value), 0)...};
}

template <class S, std::size_t... Is>
void fill_struct_cells(S const& s, cell* out, std::index_sequence<Is...>) {
  [[maybe_unused]] int const in_order[] = {
      0, (out[Is] = make_cell(boost::hana::second(boost::hana::at_c<Is>(boost::hana::accessors<S>()))(s)), 0)...};
}

template <class R>
concept hana_struct = boost::hana::Struct<R>::value;

/// The SQL type name of a field of C++ type T (`BIGINT`, `TEXT`; `?` for a type that is no SQL value).
template <class T>
constexpr std::string_view sql_name_of() {
  using I = identity_of_t<T>;  // std::optional<T> has T's identity
  if constexpr (is_sql_type_v<I>)
    return sql_type<I>::name;
  else
    return "?";
}

template <class R>
struct row_shape;
template <bool Owning, class... Cs>
struct row_shape<row<Owning, type_list<Cs...>>> {
  static constexpr std::size_t size = sizeof...(Cs);
  static constexpr std::array<std::string_view, sizeof...(Cs)> names{Cs::name.view()...};
  static constexpr std::array<std::string_view, sizeof...(Cs)> types{sql_name_of<typename Cs::value_type>()...};
  static constexpr std::array<bool, sizeof...(Cs)> nullable{egret::nullable_v<Cs>...};
};

template <class S, class Seq = std::make_index_sequence<decltype(boost::hana::size(boost::hana::accessors<S>()))::value>>
struct struct_shape;
template <class S, std::size_t... Is>
struct struct_shape<S, std::index_sequence<Is...>> {
  template <std::size_t I>
  using member_t = std::remove_cvref_t<decltype(boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<S>()))(
      std::declval<S const&>()))>;
  static constexpr std::size_t size = sizeof...(Is);
  static constexpr std::array<std::string_view, sizeof...(Is)> names{
      std::string_view(boost::hana::to<char const*>(boost::hana::first(boost::hana::at_c<Is>(boost::hana::accessors<S>()))))...};
  static constexpr std::array<std::string_view, sizeof...(Is)> types{sql_name_of<member_t<Is>>()...};
  static constexpr std::array<bool, sizeof...(Is)> nullable{is_optional_field_v<member_t<Is>>...};
};

}  // namespace detail

/// Whether R is a row egret can show: a result row or a BOOST_HANA_DEFINE_STRUCT.
template <class R>
concept showable_row = detail::is_result_row_v<std::remove_cvref_t<R>> || detail::hana_struct<std::remove_cvref_t<R>>;

/// The shape of row type R: `size`, `names`, `types` (SQL type names, `BIGINT`, `TEXT`), `nullable`.
namespace detail {
template <class R, bool = is_result_row_v<R>>
struct row_shape_of {
  using type = row_shape<R>;
};
template <class R>
struct row_shape_of<R, false> {
  using type = struct_shape<R>;
};
}  // namespace detail

template <showable_row R>
using row_shape = typename detail::row_shape_of<std::remove_cvref_t<R>>::type;

/// The cells of row r, in column order, into out[0 .. row_shape<R>::size).
template <showable_row R>
void cells_of(R const& r, cell* out) {
  if constexpr (detail::is_result_row_v<R>)
    detail::fill_cells(r, out);
  else
    detail::fill_struct_cells(r, out, std::make_index_sequence<row_shape<R>::size>{});
}

/// Calls f(name, value) for each field of r, in column order, with the field's own C++ type (T, or
/// std::optional<T> for a nullable column): `for_each_field(row, [](std::string_view n, auto const& v) {...})`.
template <showable_row R, class F>
void for_each_field(R const& r, F&& f) {
  using shape = row_shape<R>;
  if constexpr (detail::is_result_row_v<R>) {
    [&]<std::size_t... Is>(std::index_sequence<Is...>) {
      (f(shape::names[Is], r.template get<Is>()), ...);
    }(std::make_index_sequence<shape::size>{});
  } else {
    [&]<std::size_t... Is>(std::index_sequence<Is...>) {
      (f(shape::names[Is], boost::hana::second(boost::hana::at_c<Is>(boost::hana::accessors<R>()))(r)), ...);
    }(std::make_index_sequence<shape::size>{});
  }
}

/// Appends the text of a cell that is not NULL: an integer in decimal, a double in its shortest round-trip
/// form (`0.30000000000000004`, `380456`, `1e+20`, `nan`, `inf`), `true`/`false`, a date YYYY-MM-DD, a
/// timestamp YYYY-MM-DD HH:MM:SS[.ffffff], text as is. Appends nothing for NULL.
inline void append_value(std::string& out, cell const& c) {
  char buf[64];
  switch (c.kind) {
    case cell_kind::null: return;
    case cell_kind::boolean: out += c.b ? "true" : "false"; return;
    case cell_kind::integer: out.append(buf, std::to_chars(buf, buf + sizeof buf, c.i).ptr); return;
    case cell_kind::real: out.append(buf, std::to_chars(buf, buf + sizeof buf, c.d).ptr); return;
    case cell_kind::text: out += c.s; return;
    case cell_kind::date: out.append(buf, egret::format_to_chars(buf, c.dt)); return;
    case cell_kind::timestamp: out.append(buf, egret::format_to_chars(buf, c.ts)); return;
  }
}

}  // namespace egret
