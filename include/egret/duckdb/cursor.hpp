// Defines egret::duckdb::cursor, the range of typed rows a DuckDB query returned: it owns the execution's result
// (materialized when the query ran) and reads it a data chunk at a time into egret's typed rows or users' structs.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <egret/duckdb/result.hpp>
#include <egret/relation/read_row.hpp>
#include <egret/relation/row.hpp>

namespace egret::duckdb {

/// The rows of one execution. The query ran when it was executed (a statement with returning() has made its
/// changes whether or not its rows are read); iterating reads one row at a time into a typed row. A row's
/// std::string_view fields stay valid until the cursor moves past the data chunk holding them (2048 rows):
/// to_vector() and first() give rows owning their text.
template <class Cols>
class cursor {
 public:
  using row_type = row<false, Cols>;
  using owning_row_type = row<true, Cols>;

  explicit cursor(result r) noexcept : r_(std::move(r)) {}
  cursor(cursor&&) noexcept = default;
  cursor& operator=(cursor&&) = delete;

  /// True once the rows are exhausted.
  bool done() const noexcept { return r_.done(); }

  struct sentinel {};
  class iterator {
   public:
    using value_type = row_type;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(cursor* c) : c_(c) {}
    row_type const& operator*() const { return c_->row_; }
    row_type const* operator->() const { return &c_->row_; }
    iterator& operator++() {
      c_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(iterator const& i, sentinel) { return i.c_->done(); }

   private:
    cursor* c_ = nullptr;
  };

  /// Starts the iteration (once: begin() again continues where it stopped).
  iterator begin() {
    if (!started_) advance();
    return iterator{this};
  }
  sentinel end() const { return {}; }

  /// All remaining rows, each owning its text.
  std::vector<owning_row_type> to_vector() {
    std::vector<owning_row_type> out;
    for (auto const& r : *this) out.push_back(r.to_owning());
    return out;
  }

  /// The first row (owning), or nullopt.
  std::optional<owning_row_type> first() {
    auto it = begin();
    if (it == end()) return std::nullopt;
    return (*it).to_owning();
  }

  /// All remaining rows read into S, a BOOST_HANA_DEFINE_STRUCT whose member names and types the compiler checks
  /// against the result columns.
  template <class S>
  std::vector<S> as() {
    (void)struct_columns_v<S, Cols>;
    std::vector<S> out;
    S s{};
    while (read(s)) out.push_back(s);
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
  void advance() {
    started_ = true;
    if (r_.next()) egret::detail::read_row(r_, row_);
  }

  result r_;
  row_type row_{};
  bool started_ = false;
};

}  // namespace egret::duckdb
