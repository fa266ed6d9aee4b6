// Defines egret::mysql::cursor, the range of typed rows one execution of a query returns (read from the rows
// the statement stored at execute()).
#pragma once

#include <cstddef>

#include <egret/backend/stepped_cursor.hpp>
#include <egret/mysql/statement.hpp>
#include <egret/relation/read_row.hpp>
#include <egret/relation/row.hpp>

namespace egret::mysql {

/// The rows of one execution. Iterating fetches the next row; a row (and its TEXT views) is valid until the
/// next one. The result is freed when the cursor is destroyed, ready for the statement's next execution.
/// Fetching, read(S&), the iterator, begin/end, to_vector(), first() and as<S>() are backend::stepped_cursor's.
template <class Cols>
class cursor : public backend::stepped_cursor<cursor<Cols>, Cols, statement> {
  using base = backend::stepped_cursor<cursor<Cols>, Cols, statement>;
  friend backend::cursor_range<cursor, Cols>;

 public:
  /// A cursor over the result of `s`, executed already.
  explicit cursor(statement& s) : base(s) {}
  cursor(cursor&&) noexcept = default;
  cursor& operator=(cursor&&) = delete;
  ~cursor() {
    if (statement* const s = this->statement_ptr()) {
      s->free_result();
      s->unpin();
    }
  }

 private:
  // The rows stored at execute(): what to_vector() and as<S>() reserve room for.
  std::size_t reserve_hint() const {
    return static_cast<std::size_t>(mysql_stmt_num_rows(this->statement_ptr()->get()));
  }
};

}  // namespace egret::mysql
