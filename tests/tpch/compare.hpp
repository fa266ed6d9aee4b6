// The TPC-H comparison harness: runs a DSL query and a reference SQL text on the same SQLite database and
// compares their results cell by cell (integers, text and dates exactly, doubles to a relative 1e-9).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include <egret/sqlite.hpp>

#include "../../examples/tpch/load.hpp"

namespace tpch_test {

/// One value of a result: NULL, an integer (also BOOLEAN), a double, or text (dates as YYYY-MM-DD).
using cell = std::variant<std::monostate, std::int64_t, double, std::string>;

/// A query's result: its column names and rows, in the order the query returned them.
struct result {
  std::vector<std::string> names;
  std::vector<std::vector<cell>> rows;
};

inline std::string to_string(cell const& c) {
  if (std::holds_alternative<std::monostate>(c)) return "NULL";
  if (auto const* i = std::get_if<std::int64_t>(&c)) return fmt::format("{}", *i);
  if (auto const* d = std::get_if<double>(&c)) return fmt::format("{}", *d);
  return "'" + std::get<std::string>(c) + "'";
}

namespace detail {

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

inline bool is_number(cell const& c) {
  return std::holds_alternative<std::int64_t>(c) || std::holds_alternative<double>(c);
}
inline double as_double(cell const& c) {
  if (auto const* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
  return std::get<double>(c);
}

// Ranks for a total order: NULL, numbers, text.
inline int rank(cell const& c) { return std::holds_alternative<std::monostate>(c) ? 0 : is_number(c) ? 1 : 2; }

inline bool less(cell const& a, cell const& b) {
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  if (rank(a) == 1) return as_double(a) < as_double(b);
  if (rank(a) == 2) return std::get<std::string>(a) < std::get<std::string>(b);
  return false;
}

inline bool row_less(std::vector<cell> const& a, std::vector<cell> const& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), less);
}

}  // namespace detail

/// Cells are equal when both are NULL, both text and equal, both integers and equal, or both numbers of which one
/// is a double, within a relative tolerance of 1e-9 (sums of doubles depend on the order rows are added in).
inline bool equal(cell const& a, cell const& b) {
  if (detail::is_number(a) && detail::is_number(b)) {
    if (std::holds_alternative<std::int64_t>(a) && std::holds_alternative<std::int64_t>(b))
      return std::get<std::int64_t>(a) == std::get<std::int64_t>(b);
    double const x = detail::as_double(a);
    double const y = detail::as_double(b);
    return x == y || std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
  }
  return a == b;
}

/// Runs q with db.execute and reads every row.
template <class Q>
result run_egret(egret::sqlite::connection& db, Q const& q) {
  using row = egret::row_t<Q>;
  result out;
  for (std::string_view n : row::names()) out.names.emplace_back(n);
  for (auto const& r : db.execute(q)) out.rows.push_back(detail::to_cells(r, std::make_index_sequence<row::size>{}));
  return out;
}

/// Runs SQL text through the raw statement API, reading each value with the type SQLite gives it.
inline result run_sql(egret::sqlite::connection& db, std::string_view sql) {
  egret::sqlite::statement s(db.native_handle(), sql);
  result out;
  int const n = s.column_count();
  for (int i = 0; i < n; ++i) out.names.emplace_back(s.column_name(i));
  while (s.step()) {
    std::vector<cell> row;
    row.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      switch (s.column_type(i)) {
        case SQLITE_NULL: row.emplace_back(); break;
        case SQLITE_INTEGER: row.emplace_back(s.read<std::int64_t>(i)); break;
        case SQLITE_FLOAT: row.emplace_back(s.read<double>(i)); break;
        default: row.emplace_back(s.read<std::string>(i)); break;
      }
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

/// Compares `got` with `want`: same column names, same number of rows, equal cells. `order_by` names the output
/// columns the query sorts on: rows must come in that order, and rows with equal sort keys (in `want`) may come in
/// any order among themselves; an empty `order_by` compares the results as multisets. Returns "" when they match,
/// else a description of the first difference.
inline std::string compare(result const& got, result const& want, std::vector<std::string> const& order_by) {
  if (got.names != want.names) {
    return fmt::format("column names differ: egret ({}) vs reference ({})", fmt::join(got.names, ", "),
                       fmt::join(want.names, ", "));
  }
  if (got.rows.size() != want.rows.size())
    return fmt::format("egret returned {} rows, the reference {}", got.rows.size(), want.rows.size());
  std::vector<std::size_t> keys;
  for (auto const& k : order_by) {
    auto const it = std::find(want.names.begin(), want.names.end(), k);
    if (it == want.names.end()) return fmt::format("order_by column \"{}\" is not in the result", k);
    keys.push_back(static_cast<std::size_t>(it - want.names.begin()));
  }
  auto const same_keys = [&](std::size_t i, std::size_t j) {
    return std::all_of(keys.begin(), keys.end(), [&](std::size_t k) { return equal(want.rows[i][k], want.rows[j][k]); });
  };
  for (std::size_t begin = 0; begin < want.rows.size();) {
    std::size_t end = begin + 1;
    while (end < want.rows.size() && same_keys(begin, end)) ++end;
    std::vector<std::vector<cell>> g(got.rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                     got.rows.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<std::vector<cell>> w(want.rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                     want.rows.begin() + static_cast<std::ptrdiff_t>(end));
    if (end - begin > 1) {
      std::sort(g.begin(), g.end(), detail::row_less);
      std::sort(w.begin(), w.end(), detail::row_less);
    }
    for (std::size_t r = 0; r < g.size(); ++r) {
      if (g[r].size() != w[r].size())
        return fmt::format("row {}: egret has {} values, the reference {}", begin + r + 1, g[r].size(), w[r].size());
      for (std::size_t c = 0; c < g[r].size(); ++c) {
        if (!equal(g[r][c], w[r][c])) {
          return fmt::format("row {}{}, column \"{}\": egret {} vs reference {}", begin + r + 1,
                             end - begin > 1 ? fmt::format(" (of rows {}..{} sorted, tied on the order keys)",
                                                           begin + 1, end)
                                             : std::string(),
                             want.names[c], to_string(g[r][c]), to_string(w[r][c]));
        }
      }
    }
    begin = end;
  }
  return "";
}

/// The TPC-H data at EGRET_TPCH_DIR (plain or gzip-compressed .tbl files), loaded on first use into a SQLite file
/// in EGRET_TEST_TMP_DIR; later calls in the same process reuse it. The file is named after the process id (CTest
/// runs test cases as parallel processes) and removed at exit.
struct loaded_data {
  egret::sqlite::connection* db;
  double scale_factor;
};
inline loaded_data const& data() {
  struct loaded {
    std::filesystem::path file = std::filesystem::path(EGRET_TEST_TMP_DIR) /
                                 ("tpch_sf0.01." + std::to_string(static_cast<long>(::getpid())) + ".db");
    std::optional<egret::sqlite::connection> db;
    double sf = 0;
    loaded() {
      std::filesystem::remove(file);
      db.emplace(file.string());
      sf = tpch::scale_factor(tpch::load(*db, EGRET_TPCH_DIR));
    }
    loaded(loaded const&) = delete;
    loaded& operator=(loaded const&) = delete;
    ~loaded() {
      db.reset();
      std::error_code ec;
      std::filesystem::remove(file, ec);
    }
  };
  static loaded data;
  static loaded_data const out{&*data.db, data.sf};
  return out;
}
inline egret::sqlite::connection& database() { return *data().db; }
/// The scale factor of the data at EGRET_TPCH_DIR (SF 0.01 in the repository), from its SUPPLIER rows.
inline double scale_factor() { return data().scale_factor; }

}  // namespace tpch_test
