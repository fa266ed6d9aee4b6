// Defines cursor, the range of typed rows a SQLite query returns, and the readers that fill rows and
// users' structs from the current statement row.
#pragma once

#include <egret/backend/stepped_cursor.hpp>
#include <egret/relation/read_row.hpp>
#include <egret/relation/row.hpp>
#include <egret/sqlite/statement.hpp>

namespace egret::sqlite {

namespace detail {
using egret::detail::read_row;
using egret::detail::read_struct;
}  // namespace detail

/// The rows of one execution. Iterating steps the statement; a row (and its TEXT views) is valid until
/// the next step. The statement is reset when the cursor is destroyed, ready for its next use.
/// Stepping, read(S&), the iterator, begin/end, to_vector(), first() and as<S>() are backend::stepped_cursor's.
template <class Cols>
class cursor : public backend::stepped_cursor<cursor<Cols>, Cols, statement, true> {
  using base = backend::stepped_cursor<cursor<Cols>, Cols, statement, true>;

 public:
  /// Pins s (statement::pin) until the cursor ends, so that no cache finalizes it while it is read.
  explicit cursor(statement& s) : base(s) {}

  /// Marks a cursor that takes its first step at once (statements that change data: INSERT / UPDATE /
  /// DELETE ... RETURNING make their changes when executed, whether or not their rows are read).
  struct step_now_t {};
  cursor(statement& s, step_now_t) : base(s) {
    try {
      this->step_now();
    } catch (...) {
      s.unpin();  // no destructor runs for a constructor that throws
      throw;
    }
  }
  cursor(cursor&&) noexcept = default;
  cursor& operator=(cursor&&) = delete;
  ~cursor() {
    statement* const s = this->statement_ptr();
    if (s == nullptr) return;
    if (s->stepped()) s->reset();  // once per execution, ready for the next bind
    s->unpin();
  }
};

}  // namespace egret::sqlite
