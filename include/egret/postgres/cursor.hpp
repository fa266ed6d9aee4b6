// Defines egret::postgres::cursor, the range of typed rows a PostgreSQL query returned: it owns the query's
// result (fetched whole when the query ran) and reads each row into egret's typed row or a user's struct.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <egret/postgres/result.hpp>
#include <egret/relation/read_row.hpp>
#include <egret/relation/row.hpp>

namespace egret::postgres {

/// The rows of one execution. The whole result arrived when the query ran (so a statement with returning()
/// has made its changes whether or not its rows are read); iterating reads one row at a time into a typed
/// row. A row's std::string_view fields stay valid as long as the cursor.
template <class Cols>
class cursor {
 public:
  using row_type = row<false, Cols>;
  using owning_row_type = row<true, Cols>;

  explicit cursor(result r) noexcept : r_(std::move(r)) {}
  cursor(cursor&&) noexcept = default;
  cursor& operator=(cursor&&) = delete;

  /// True once the rows are exhausted.
  bool done() const noexcept { return pos_ >= r_.row_count(); }
  /// The number of rows the query returned.
  std::size_t size() const noexcept { return static_cast<std::size_t>(r_.row_count()); }

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
    if (pos_ < 0) advance();
    return iterator{this};
  }
  sentinel end() const { return {}; }

  /// All remaining rows, each owning its text.
  std::vector<owning_row_type> to_vector() {
    std::vector<owning_row_type> out;
    out.reserve(size());
    for (auto const& r : *this) out.push_back(r.to_owning());
    return out;
  }

  /// The first row (owning), or nullopt.
  std::optional<owning_row_type> first() {
    auto it = begin();
    if (it == end()) return std::nullopt;
    return (*it).to_owning();
  }

  /// All remaining rows read into S, a BOOST_HANA_DEFINE_STRUCT whose member names and types the compiler
  /// checks against the result columns.
  template <class S>
  std::vector<S> as() {
    (void)struct_columns_v<S, Cols>;
    std::vector<S> out;
    out.reserve(size());
    S s{};
    while (read(s)) out.push_back(s);
    return out;
  }

  /// Reads the next row into `out`; false at the end.
  template <class S>
  bool read(S& out) {
    if (pos_ < r_.row_count()) ++pos_;
    if (done()) return false;
    r_.set_row(pos_);
    egret::detail::read_struct<S, Cols>(r_, out);
    return true;
  }

  /// The result itself (column names, types, the SQL).
  result const& raw() const noexcept { return r_; }

 private:
  // Moves to the next row and reads it into row_ (past the last, done() turns true).
  void advance() {
    if (pos_ < r_.row_count()) ++pos_;
    if (done()) return;
    r_.set_row(pos_);
    egret::detail::read_row(r_, row_);
  }

  result r_;
  row_type row_{};
  int pos_ = -1;  // the row the iteration is at (-1: not started)
};

}  // namespace egret::postgres
