// Defines dyn::statement_reader, the dyn::basic_cursor reader (dynamic/cursor.hpp) of a backend whose rows are read
// from a cached prepared statement, written once: it pins the statement while a cursor reads it (so that no cache
// evicts it), steps it to each row, reads a column as its declared type (dyn::read_datum), and when the cursor is
// destroyed gives the statement back through Release, the one step that differs per engine (SQLite resets the
// statement, MariaDB frees its stored result): a function taking the statement, or a member function of it. The statement gives pin(), unpin(), step() and the row source that
// read_datum reads.
#pragma once

#include <functional>
#include <utility>

#include <egret/dynamic/datum.hpp>
#include <egret/dynamic/datum_io.hpp>

namespace egret::dyn {

template <class Statement, auto Release>
class statement_reader {
 public:
  explicit statement_reader(Statement& s) : s_(&s) { s.pin(); }
  statement_reader(statement_reader&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  statement_reader& operator=(statement_reader&&) = delete;
  ~statement_reader() {
    if (s_ == nullptr) return;
    std::invoke(Release, *s_);
    s_->unpin();
  }
  bool advance() { return s_->step(); }
  datum read(int col, sql_type_id t) const { return read_datum(*s_, col, t); }

 private:
  Statement* s_;
};

}  // namespace egret::dyn
