// Defines egret::backend::stepped_cursor, the typed cursor of a backend whose rows are read by stepping a prepared
// statement (SQLite's sqlite3_step, MariaDB's mysql_stmt_fetch), written once: the statement pinned while the
// cursor reads it, where the reading is (not started, on a row, done), the current row read on each step, and
// read(S&) into a user's struct. The range itself (iterator, to_vector, first, as<S>) is cursor_range's. A
// backend's cursor derives from it (CRTP) and gives its constructors and a destructor that hands the statement
// back (reset it or free its result, then unpin it). The statement gives pin(), unpin(), step() (false at the end)
// and the row source relation/read_row.hpp reads (read<T>(column)).
//
// Primed: when true, the cursor may take its first step when made (SQLite's statements that change data) and
// read(S&) then reads that row first; when false that test is compiled out.
#pragma once

#include <utility>

#include <egret/backend/cursor_range.hpp>
#include <egret/relation/read_row.hpp>

namespace egret::backend {

template <class Derived, class Cols, class Statement, bool Primed = false>
class stepped_cursor : public cursor_range<Derived, Cols> {
  friend cursor_range<Derived, Cols>;

 public:
  using typename cursor_range<Derived, Cols>::row_type;

  /// True once the rows are exhausted.
  bool done() const { return state_ == state::done; }

  /// Reads the next row into `out`; false at the end.
  template <class S>
  bool read(S& out) {
    if constexpr (Primed) {
      if (primed_) {  // the first row was stepped to when the cursor was made: read it, do not step past it
        primed_ = false;
        if (state_ == state::done) return false;
        egret::detail::read_struct<S, Cols>(*s_, out);
        return true;
      }
    }
    if (state_ == state::done || !s_->step()) {
      state_ = state::done;
      return false;
    }
    state_ = state::row;
    egret::detail::read_struct<S, Cols>(*s_, out);
    return true;
  }

 protected:
  /// Pins s (its pin()) until the cursor ends, so that no cache finalizes it while it is read.
  explicit stepped_cursor(Statement& s) : s_(&s) { s.pin(); }
  stepped_cursor(stepped_cursor&& o) noexcept
      : cursor_range<Derived, Cols>(), s_(std::exchange(o.s_, nullptr)), row_(o.row_), state_(o.state_),
        primed_(o.primed_) {}
  stepped_cursor& operator=(stepped_cursor&&) = delete;
  ~stepped_cursor() = default;

  /// Takes the first step now (Primed only): the row is read, begin() and read(S&) start from it.
  void step_now()
    requires Primed
  {
    advance();
    primed_ = true;
  }

  /// The statement read (null once moved from).
  Statement* statement_ptr() const noexcept { return s_; }

 private:
  enum class state : unsigned char { fresh, row, done };

  // begin(): the first step (once).
  void start() {
    if (state_ == state::fresh) advance();
    if constexpr (Primed) primed_ = false;
  }
  row_type const& current() const { return row_; }
  void advance() {
    if (s_->step()) {
      state_ = state::row;
      egret::detail::read_row(*s_, row_);
    } else {
      state_ = state::done;
    }
  }

  Statement* s_;
  row_type row_{};
  state state_ = state::fresh;
  bool primed_ = false;
};

}  // namespace egret::backend
