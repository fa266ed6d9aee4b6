// Defines egret::duckdb::cursor, the range of typed rows a DuckDB query returned: it owns the execution's result
// (materialized when the query ran) and reads it a data chunk at a time into egret's typed rows or users' structs.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/cursor_range.hpp>
#include <egret/duckdb/result.hpp>
#include <egret/relation/read_row.hpp>
#include <egret/relation/row.hpp>

namespace egret::duckdb {

/// The rows of one execution. The query ran when it was executed (a statement with returning() has made its
/// changes whether or not its rows are read); iterating reads one row at a time into a typed row. A row's
/// std::string_view fields stay valid until the cursor moves past the data chunk holding them (2048 rows):
/// to_vector() and first() give rows owning their text.
/// The range (iterator, begin, end) and first() are backend::cursor_range's; as<S>() and to_vector() are this
/// cursor's own, a data chunk at a time.
template <class Cols>
class cursor : public backend::cursor_range<cursor<Cols>, Cols> {
  using range = backend::cursor_range<cursor<Cols>, Cols>;
  friend range;

 public:
  using typename range::owning_row_type;
  using typename range::row_type;

  explicit cursor(result r) noexcept : r_(std::move(r)) {}
  cursor(cursor&&) noexcept = default;
  cursor& operator=(cursor&&) = delete;

  /// True once the rows are exhausted.
  bool done() const noexcept { return r_.done(); }

  /// All remaining rows, each owning its text (from the current row on, once iterating has begun). Read a data
  /// chunk at a time, as as<S>() is.
  std::vector<owning_row_type> to_vector() {
    return to_vector(std::make_index_sequence<owning_row_type::size>{});
  }

  /// All remaining rows read into S, a BOOST_HANA_DEFINE_STRUCT whose member names and types the compiler checks
  /// against the result columns. Read a data chunk at a time: each column's vector and validity mask taken once a
  /// chunk, the chunk's rows then filled in one loop (when every member's column is of the DuckDB type the member
  /// reads as without conversion, the usual case; otherwise row by row, as read(S&) does). It continues after the
  /// current row of a cursor read partly by read(S&) or by iteration.
  template <class S>
  std::vector<S> as() {
    (void)struct_columns_v<S, Cols>;
    std::vector<S> out;
    S s{};
    started_ = true;
    bool direct = true;
    egret::detail::for_each_member<S, Cols>(s, [&](auto, auto col, auto& m) {
      direct = direct && r_.template reads_directly<std::remove_cvref_t<decltype(m)>>(col);
    });
    if (!direct) {
      while (read(s)) out.push_back(s);
      return out;
    }
    while (r_.next()) {  // the row after the current one: the rest of its chunk is read here
      std::array<result::vector_ref, egret::detail::member_count_v<S>> v{};
      egret::detail::for_each_member<S, Cols>(s, [&](auto i, auto col, auto&) { v[i] = r_.vector_of(col); });
      idx_t const n = r_.chunk_rows();
      idx_t row = r_.row_index();
      try {
        for (; row < n; ++row) {
          egret::detail::for_each_member<S, Cols>(
              s, [&](auto i, auto col, auto& m) __attribute__((always_inline)) { r_.fill(m, v[i], row, col); });
          out.push_back(s);
        }
      } catch (...) {
        r_.seek(row);  // the row that failed is the current one, as with read(S&)
        throw;
      }
      r_.seek(n - 1);
    }
    return out;
  }

  /// Reads the next row into `out`; false at the end.
  template <class S>
  bool read(S& out) {
    started_ = true;
    if (!r_.next()) return false;
    egret::detail::read_struct<S, Cols>(r_, out);
    return true;
  }

  /// The result itself (column names and types, the SQL).
  result const& raw() const noexcept { return r_; }

 private:
  template <std::size_t... Is>
  std::vector<owning_row_type> to_vector(std::index_sequence<Is...>) {
    std::vector<owning_row_type> out;
    // a braced list, not a fold: clang refuses folds of more than 256 operands (a 400-column row)
    bool const direct[] = {true, r_.template reads_directly<typename owning_row_type::template field_t<Is>>(
                                     static_cast<int>(Is))...};
    for (bool const d : direct)
      if (!d) {
        for (auto const& r : *this) out.push_back(r.to_owning());
        return out;
      }
    if (started_) {
      if (r_.done()) return out;
      out.push_back(row_.to_owning());  // the current row, as iterating from here gives it
    }
    started_ = true;
    while (r_.next()) {
      std::array<result::vector_ref, sizeof...(Is) + 1> const v{r_.vector_of(static_cast<int>(Is))..., {}};
      idx_t const n = r_.chunk_rows();
      idx_t row = r_.row_index();
      try {
        for (; row < n; ++row) {
          owning_row_type& o = out.emplace_back();
          [[maybe_unused]] int const in_order[] = {
              0, (r_.fill(static_cast<egret::detail::field_slot<Is, typename owning_row_type::template field_t<Is>>&>(o)
                              .value,
                          v[Is], row, static_cast<int>(Is)),
                  0)...};
        }
      } catch (...) {
        r_.seek(row);
        throw;
      }
      r_.seek(n - 1);
    }
    return out;
  }

  // cursor_range's hooks
  void start() {
    if (!started_) advance();
  }
  row_type const& current() const noexcept { return row_; }
  void advance() {
    started_ = true;
    if (r_.next()) egret::detail::read_row(r_, row_);
  }

  result r_;
  row_type row_{};
  bool started_ = false;
};

}  // namespace egret::duckdb
