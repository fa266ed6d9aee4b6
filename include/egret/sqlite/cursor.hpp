// Defines cursor, the range of typed rows a SQLite query returns, and the readers that fill rows and
// users' structs from the current statement row.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

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
template <class Cols>
class cursor {
 public:
  using row_type = row<false, Cols>;
  using owning_row_type = row<true, Cols>;

  /// Pins s (statement::pin) until the cursor ends, so that no cache finalizes it while it is read.
  explicit cursor(statement& s) : s_(&s) { s.pin(); }

  /// Marks a cursor that takes its first step at once (statements that change data: INSERT / UPDATE /
  /// DELETE ... RETURNING make their changes when executed, whether or not their rows are read).
  struct step_now_t {};
  cursor(statement& s, step_now_t) : s_(&s) {
    s.pin();
    try {
      advance();
    } catch (...) {
      s.unpin();  // no destructor runs for a constructor that throws
      throw;
    }
    primed_ = true;
  }
  /// True once the rows are exhausted.
  bool done() const { return state_ == state::done; }
  cursor(cursor&& o) noexcept
      : s_(std::exchange(o.s_, nullptr)), row_(o.row_), state_(o.state_), primed_(o.primed_) {}
  cursor& operator=(cursor&&) = delete;
  ~cursor() {
    if (s_ == nullptr) return;
    if (s_->stepped()) s_->reset();  // once per execution, ready for the next bind
    s_->unpin();
  }

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

  /// Starts the query (once).
  iterator begin() {
    if (state_ == state::fresh) advance();
    primed_ = false;
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

  /// All remaining rows read into S, a BOOST_HANA_DEFINE_STRUCT whose member names and types the
  /// compiler checks against the result columns.
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
    if (primed_) {  // the first row was stepped to at execute(): read it, do not step past it
      primed_ = false;
      if (state_ == state::done) return false;
      detail::read_struct<S, Cols>(*s_, out);
      return true;
    }
    if (state_ == state::done || !s_->step()) {
      state_ = state::done;
      return false;
    }
    state_ = state::row;
    detail::read_struct<S, Cols>(*s_, out);
    return true;
  }

 private:
  enum class state : unsigned char { fresh, row, done };

  void advance() {
    if (s_->step()) {
      state_ = state::row;
      detail::read_row(*s_, row_);
    } else {
      state_ = state::done;
    }
  }

  statement* s_;
  row_type row_{};
  state state_ = state::fresh;
  bool primed_ = false;
};

}  // namespace egret::sqlite
