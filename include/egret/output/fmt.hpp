// Defines fmt formatters for egret's result values: a result row prints as `{id: 1, name: "Ann", note: NULL}`,
// and a std::optional of an SQL value type prints its value or NULL (fmt 9, Debian 12's, formats no
// std::optional; from fmt 10 on, <fmt/std.h> has one, which this header then leaves in place), plus dates and
// timestamps (types/format.hpp). Opt-in, like every fmt formatter of egret: <fmt/format.h> costs ~0.2 s per TU.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include <egret/output/cell.hpp>
#include <egret/types/format.hpp>

namespace egret::detail {

/// The SQL value types a std::optional formatter covers (egret's result field types).
template <class T>
inline constexpr bool formats_as_sql_value_v =
    std::is_arithmetic_v<T> || std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view> ||
    std::is_same_v<T, egret::date> || std::is_same_v<T, egret::timestamp>;

/// Appends a field to a row's text: NULL, text quoted (as C++ writes a string), other values as append_value.
inline void append_row_field(std::string& out, cell const& c) {
  if (c.kind == cell_kind::null) {
    out += "NULL";
  } else if (c.kind == cell_kind::text) {
    out += '"';
    for (char const ch : c.s) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  } else {
    append_value(out, c);
  }
}

}  // namespace egret::detail

/// `{name: value, ...}` for a result row (a cursor's row, an owning row). Format specs are those of a string:
/// fmt::format("{:>40}", row).
template <bool Owning, class Cols>
struct fmt::formatter<egret::row<Owning, Cols>> : fmt::formatter<std::string_view> {
  template <class FormatContext>
  auto format(egret::row<Owning, Cols> const& r, FormatContext& ctx) const -> decltype(ctx.out()) {
    using shape = egret::row_shape<egret::row<Owning, Cols>>;
    egret::cell cells[shape::size == 0 ? 1 : shape::size];
    egret::cells_of(r, cells);
    std::string text = "{";
    for (std::size_t i = 0; i != shape::size; ++i) {
      if (i != 0) text += ", ";
      text += shape::names[i];
      text += ": ";
      egret::detail::append_row_field(text, cells[i]);
    }
    text += '}';
    return fmt::formatter<std::string_view>::format(std::string_view(text), ctx);
  }
};

#if FMT_VERSION < 100000
/// A std::optional of an SQL value type: its value with the value's own format spec (`{:.2f}`), or NULL.
template <class T>
  requires egret::detail::formats_as_sql_value_v<T>
struct fmt::formatter<std::optional<T>> : fmt::formatter<T> {
  template <class FormatContext>
  auto format(std::optional<T> const& v, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (v) return fmt::formatter<T>::format(*v, ctx);
    return fmt::format_to(ctx.out(), "NULL");
  }
};
#else
#include <fmt/std.h>
#endif
