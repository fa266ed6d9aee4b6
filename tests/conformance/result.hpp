// Results as plain values, to compare across backends: each row of a typed cursor becomes a vector of cells
// (NULL, integer, double, text; booleans as 0/1, dates as YYYY-MM-DD), compared exactly except doubles (relative
// tolerance), with a readable description of the first difference.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <egret/egret.hpp>

namespace conformance {

using cell = std::variant<std::monostate, std::int64_t, double, std::string>;
using rows = std::vector<std::vector<cell>>;

inline cell null() { return {}; }

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
cell to_cell(T const& v) {
  if constexpr (is_optional_v<T>) {
    return v ? to_cell(*v) : cell{};
  } else if constexpr (std::is_same_v<T, bool>) {
    return cell{std::int64_t{v ? 1 : 0}};
  } else if constexpr (std::is_integral_v<T>) {
    return cell{static_cast<std::int64_t>(v)};
  } else if constexpr (std::is_floating_point_v<T>) {
    return cell{static_cast<double>(v)};
  } else if constexpr (std::is_same_v<T, egret::date> || std::is_same_v<T, egret::timestamp>) {
    return cell{egret::to_string(v)};
  } else {
    return cell{std::string(v)};
  }
}

template <class Row, std::size_t... Is>
std::vector<cell> to_cells(Row const& r, std::index_sequence<Is...>) {
  return {to_cell(r.template get<Is>())...};
}

/// Every row of q on db, as cells.
template <class Db, class Q, class... Args>
rows fetch(Db& db, Q const& q, Args const&... args) {
  using row = egret::row_t<Q>;
  rows out;
  for (auto const& r : db.execute(q, args...)) out.push_back(to_cells(r, std::make_index_sequence<row::size>{}));
  return out;
}

inline std::string to_string(cell const& c) {
  if (std::holds_alternative<std::monostate>(c)) return "NULL";
  if (auto const* i = std::get_if<std::int64_t>(&c)) return fmt::format("{}", *i);
  if (auto const* d = std::get_if<double>(&c)) return fmt::format("{}", *d);
  return "'" + std::get<std::string>(c) + "'";
}

inline std::string to_string(rows const& rs) {
  std::string out;
  for (auto const& r : rs) {
    out += "(";
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? ", " : "") + to_string(r[i]);
    out += ") ";
  }
  return out.empty() ? "(no rows)" : out;
}

/// Equal cells: both NULL, equal text, equal integers, or numbers within `tolerance` relative.
inline bool equal(cell const& a, cell const& b, double tolerance = 1e-9) {
  bool const an = std::holds_alternative<std::int64_t>(a) || std::holds_alternative<double>(a);
  bool const bn = std::holds_alternative<std::int64_t>(b) || std::holds_alternative<double>(b);
  if (an && bn) {
    if (std::holds_alternative<std::int64_t>(a) && std::holds_alternative<std::int64_t>(b))
      return std::get<std::int64_t>(a) == std::get<std::int64_t>(b);
    auto const num = [](cell const& c) {
      if (auto const* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
      return std::get<double>(c);
    };
    double const x = num(a), y = num(b);
    return x == y || std::abs(x - y) <= tolerance * std::max(std::abs(x), std::abs(y));
  }
  return a == b;
}

inline bool equal(rows const& a, rows const& b, double tolerance = 1e-9) {
  if (a.size() != b.size()) return false;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (a[r].size() != b[r].size()) return false;
    for (std::size_t c = 0; c < a[r].size(); ++c)
      if (!equal(a[r][c], b[r][c], tolerance)) return false;
  }
  return true;
}

/// A total order on cells (NULL first, then numbers, then text), to compare results as multisets.
inline bool less(cell const& a, cell const& b) {
  auto const rank = [](cell const& c) {
    return std::holds_alternative<std::monostate>(c) ? 0 : std::holds_alternative<std::string>(c) ? 2 : 1;
  };
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  if (rank(a) == 1) {
    auto const num = [](cell const& c) {
      if (auto const* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
      return std::get<double>(c);
    };
    return num(a) < num(b);
  }
  if (rank(a) == 2) return std::get<std::string>(a) < std::get<std::string>(b);
  return false;
}

inline rows sorted(rows r) {
  std::sort(r.begin(), r.end(), [](auto const& x, auto const& y) {
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(), less);
  });
  return r;
}

}  // namespace conformance

namespace conformance {

/// A value written in a test's expected rows: `want({{1, "a", nullptr, 2.5}})`.
struct val {
  cell c;
  val(int x) : c(std::int64_t{x}) {}
  val(long x) : c(std::int64_t{x}) {}
  val(long long x) : c(std::int64_t{x}) {}
  val(double x) : c(x) {}
  val(char const* s) : c(std::string(s)) {}
  val(std::nullptr_t) : c() {}
};

inline rows want(std::initializer_list<std::initializer_list<val>> rs) {
  rows out;
  for (auto const& r : rs) {
    std::vector<cell> row;
    for (auto const& v : r) row.push_back(v.c);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace conformance

namespace conformance {

/// Compares `got` with `want` (the reference backend's result) for a query ordered on the columns `keys`: rows must
/// come in that order, and rows tied on every key may come in any order among themselves (no keys: compared as
/// multisets). Doubles agree to a relative `tolerance`. Returns "" when they match, else the first difference.
inline std::string compare_ordered(rows const& got, rows const& want, std::vector<std::size_t> const& keys,
                                   double tolerance) {
  if (got.size() != want.size()) return fmt::format("{} rows, the reference {}", got.size(), want.size());
  auto const tied = [&](std::size_t i, std::size_t j) {
    if (keys.empty()) return true;
    for (std::size_t k : keys)
      if (!equal(want[i][k], want[j][k], tolerance)) return false;
    return true;
  };
  for (std::size_t begin = 0; begin < want.size();) {
    std::size_t end = begin + 1;
    while (end < want.size() && tied(begin, end)) ++end;
    rows g(got.begin() + static_cast<std::ptrdiff_t>(begin), got.begin() + static_cast<std::ptrdiff_t>(end));
    rows w(want.begin() + static_cast<std::ptrdiff_t>(begin), want.begin() + static_cast<std::ptrdiff_t>(end));
    if (end - begin > 1) {
      g = sorted(std::move(g));
      w = sorted(std::move(w));
    }
    for (std::size_t r = 0; r < g.size(); ++r) {
      if (g[r].size() != w[r].size()) return fmt::format("row {}: {} values, the reference {}", begin + r + 1, g[r].size(), w[r].size());
      for (std::size_t c = 0; c < g[r].size(); ++c)
        if (!equal(g[r][c], w[r][c], tolerance))
          return fmt::format("row {}, column {}: {} vs the reference's {}", begin + r + 1, c + 1, to_string(g[r][c]),
                             to_string(w[r][c]));
    }
    begin = end;
  }
  return "";
}

}  // namespace conformance
