// Defines dyn::basic_cursor, the rows of a dynamic query with a run-time select list, written once for every
// backend. A backend gives it a Reader, the only part that knows its engine:
//
//   struct reader {
//     bool advance();                                   // to the next row; false at the end
//     dyn::datum read(int column, dyn::sql_type_id) const;  // a field of the current row, as its declared type
//   };                                                  // movable; its destructor releases the result
//
// (SQLite steps and resets a cached statement, MySQL frees a statement's result, PostgreSQL walks the rows of a
// PGresult.) Each row is a dyn::row owning its fields; the column descriptions are shared by every row.
// cursor_for chooses, for a backend's execute(q), between it and the backend's typed cursor.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/dynamic/level.hpp>
#include <egret/dynamic/row.hpp>

namespace egret::dyn {

template <class Reader>
class basic_cursor {
 public:
  basic_cursor(Reader r, std::vector<column_info> cols)
      : r_(std::move(r)), cols_(std::make_shared<std::vector<column_info> const>(std::move(cols))) {}

  /// The result columns: names, SQL types, nullability.
  std::vector<column_info> const& columns() const { return *cols_; }

  /// The next row, or nullopt at the end.
  std::optional<row> next() {
    if (done_ || !r_.advance()) {
      done_ = true;
      return std::nullopt;
    }
    std::vector<datum> fields;
    fields.reserve(cols_->size());
    for (std::size_t i = 0; i < cols_->size(); ++i) fields.push_back(r_.read(static_cast<int>(i), (*cols_)[i].type));
    return row(cols_, std::move(fields));
  }

  struct sentinel {};
  class iterator {
   public:
    using value_type = row;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(basic_cursor* c) : c_(c), row_(c->next()) {}
    row const& operator*() const { return *row_; }
    row const* operator->() const { return &*row_; }
    iterator& operator++() {
      row_ = c_->next();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(iterator const& i, sentinel) { return !i.row_; }

   private:
    basic_cursor* c_ = nullptr;
    std::optional<row> row_;
  };
  iterator begin() { return iterator{this}; }
  sentinel end() const { return {}; }

  /// All remaining rows.
  std::vector<row> to_vector() {
    std::vector<row> out;
    while (auto r = next()) out.push_back(std::move(*r));
    return out;
  }
  /// The first row, or nullopt.
  std::optional<row> first() { return next(); }

 private:
  Reader r_;
  std::shared_ptr<std::vector<column_info> const> cols_;
  bool done_ = false;
};

/// The cursor a backend's execute(q) returns for dynamic query Q over the rows of `source` (a backend's statement
/// or result): a basic_cursor<Reader> of dyn::row when Q's select list is chosen at run time (`columns` describes
/// it), else the backend's typed Cursor<result columns>.
template <template <class> class Cursor, class Reader, class Q, class Source>
auto cursor_for(Source&& source, std::vector<column_info>&& columns) {
  if constexpr (std::is_same_v<typename Q::cols_param, runtime_columns>)
    return basic_cursor<Reader>(Reader(std::forward<Source>(source)), std::move(columns));
  else
    return Cursor<typename detail::result_columns<typename Q::from_type, typename Q::cols_param>::type>(
        std::forward<Source>(source));
}

}  // namespace egret::dyn
