// Defines egret::postgres::cursor, the range of typed rows a PostgreSQL query returned: it owns the query's
// result (fetched whole when the query ran) and reads each row into egret's typed row or a user's struct.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/cursor_range.hpp>
#include <egret/postgres/result.hpp>
#include <egret/relation/read_row.hpp>
#include <egret/relation/row.hpp>

namespace egret::postgres {

/// The rows of one execution. The whole result arrived when the query ran (so a statement with returning()
/// has made its changes whether or not its rows are read); iterating reads one row at a time into a typed
/// row. A row's std::string_view fields stay valid as long as the cursor.
/// The iterator, begin/end, to_vector(), first() and as<S>() are backend::cursor_range's.
template <class Cols>
class cursor : public backend::cursor_range<cursor<Cols>, Cols> {
  using base = backend::cursor_range<cursor<Cols>, Cols>;

 public:
  using typename base::row_type;

  explicit cursor(result r) noexcept : r_(std::move(r)) {}
  cursor(cursor&&) noexcept = default;
  cursor& operator=(cursor&&) = delete;

  /// True once the rows are exhausted.
  bool done() const noexcept { return pos_ >= r_.row_count(); }
  /// The number of rows the query returned.
  std::size_t size() const noexcept { return static_cast<std::size_t>(r_.row_count()); }

  /// Reads the next row into `out`; false at the end.
  template <class S>
  bool read(S& out) {
    if (pos_ < r_.row_count()) ++pos_;
    if (done()) return false;
    r_.set_row(pos_);
    // The columns' types are the same in every row: checked once per result and struct (the struct's
    // address-unique tag says which struct was checked), then each row read without looking at them again.
    if (checked_for_ != &struct_tag<S>) {
      checked_for_ = &struct_tag<S>;
      checked_ = checked_struct<S>(std::make_index_sequence<egret::detail::member_count_v<S>>{});
    }
    if (checked_)
      egret::detail::read_struct<S, Cols>(checked_source{r_}, out);
    else
      egret::detail::read_struct<S, Cols>(r_, out);
    return true;
  }

  /// The result itself (column names, types, the SQL).
  result const& raw() const noexcept { return r_; }

 private:
  friend base;
  template <class S>
  static constexpr char struct_tag = 0;

  // The row source of a result whose columns were checked for the struct read (result::checked_readable).
  struct checked_source {
    result const& r;
    template <class T>
    [[gnu::always_inline]] T read(int col) const {
      return r.template read_checked<T>(col);
    }
  };

  // Whether every member of S reads its column through result::read_checked (what read_member reads: a
  // std::string member as std::string_view).
  template <class S, std::size_t... Is>
  bool checked_struct(std::index_sequence<Is...>) const noexcept {
    return (r_.template checked_readable<member_read_t<S, Is>>(static_cast<int>(struct_columns_v<S, Cols>[Is])) &&
            ...);
  }
  // Whether every field of the typed row reads its column through result::read_checked (a braced list, not a
  // fold: clang refuses folds of more than 256 operands, a 400-column row).
  template <std::size_t... Is, class... Ts>
  bool checked_row(egret::detail::row_storage<std::index_sequence<Is...>, Ts...> const&) const noexcept {
    bool const ok[] = {true, r_.template checked_readable<Ts>(static_cast<int>(Is))...};
    for (bool b : ok)
      if (!b) return false;
    return true;
  }
  template <class S, std::size_t I>
  using member_t = std::remove_cvref_t<decltype(boost::hana::second(boost::hana::at_c<I>(
      boost::hana::accessors<S>()))(std::declval<S&>()))>;
  template <class S, std::size_t I>
  using member_read_t =
      std::conditional_t<std::is_same_v<member_t<S, I>, std::string>, std::string_view, member_t<S, I>>;

  // Starts the iteration (once: begin() again continues where it stopped).
  void start() {
    if (pos_ < 0) advance();
  }
  row_type const& current() const noexcept { return row_; }
  std::size_t reserve_hint() const noexcept { return size(); }
  // Moves to the next row and reads it into row_ (past the last, done() turns true).
  void advance() {
    if (pos_ < r_.row_count()) ++pos_;
    if (done()) return;
    r_.set_row(pos_);
    if (row_checked_ < 0) row_checked_ = checked_row(row_) ? 1 : 0;  // once per result, as for structs
    if (row_checked_)
      egret::detail::read_row(checked_source{r_}, row_);
    else
      egret::detail::read_row(r_, row_);
  }

  result r_;
  row_type row_{};
  int pos_ = -1;  // the row the iteration is at (-1: not started)
  char const* checked_for_ = nullptr;  // the struct_tag of the struct whose columns were checked
  bool checked_ = false;               // and whether read_checked reads them
  signed char row_checked_ = -1;       // whether read_checked reads row_'s fields (-1: not known yet)
};

}  // namespace egret::postgres
