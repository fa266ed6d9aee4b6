// Defines how every backend binds and reads the run-time values of dynamic queries: bind_datums (a rendered
// query's collected values to a backend's parameter sink, `bind(index, value)` / `bind_null(index)`, in text order)
// and read_datum (a result column read from a backend's row source, `read<std::optional<T>>(col)`, as its declared
// SQL type). Nothing here knows a backend.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <egret/dynamic/datum.hpp>

namespace egret::dyn {

/// Binds the values of a rendered dynamic query to the sink, 1-based in text order.
template <class Sink>
void bind_datums(Sink& s, std::vector<datum> const& values) {
  int i = 0;
  for (auto const& v : values) {
    ++i;
    std::visit(
        [&](auto const& x) {
          if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::monostate>)
            s.bind_null(i);
          else
            s.bind(i, x);
        },
        v);
  }
}

/// Column `col` of the source's current row as a T, or NULL.
template <class T, class Source>
datum read_datum_as(Source const& s, int col) {
  auto v = s.template read<std::optional<T>>(col);
  return v ? datum{std::move(*v)} : datum{};
}

/// Column `col` of the source's current row, read as its declared SQL type.
template <class Source>
datum read_datum(Source const& s, int col, sql_type_id t) {
  switch (t) {
    case sql_type_id::integer: return read_datum_as<std::int32_t>(s, col);
    case sql_type_id::bigint: return read_datum_as<std::int64_t>(s, col);
    case sql_type_id::double_precision: return read_datum_as<double>(s, col);
    case sql_type_id::boolean: return read_datum_as<bool>(s, col);
    case sql_type_id::text: return read_datum_as<std::string>(s, col);
    case sql_type_id::date: return read_datum_as<egret::date>(s, col);
    default: return read_datum_as<egret::timestamp>(s, col);
  }
}

}  // namespace egret::dyn
