// Defines egret::mysql::cursor, the range of typed rows one execution of a query returns (read from the rows
// the statement stored at execute()).
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include <egret/mysql/statement.hpp>
#include <egret/relation/read_row.hpp>
#include <egret/relation/row.hpp>

namespace egret::mysql {

/// The rows of one execution. Iterating fetches the next row; a row (and its TEXT views) is valid until the
/// next one. The result is freed when the cursor is destroyed, ready for the statement's next execution.
template <class Cols>
class cursor {
 public:
  using row_type = row<false, Cols>;
  using owning_row_type = row<true, Cols>;

  /// A cursor over the result of `s`, executed already.
  explicit cursor(statement& s) : s_(&s) { s.pin(); }
  cursor(cursor&& o) noexcept : s_(std::exchange(o.s_, nullptr)), row_(o.row_), state_(o.state_) {}
  cursor& operator=(cursor&&) = delete;
  ~cursor() {
    if (s_) {
      s_->free_result();
      s_->unpin();
    }
  }

  /// True once the rows are exhausted.
  bool done() const { return state_ == state::done; }

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

  /// Starts reading (once).
  iterator begin() {
    if (state_ == state::fresh) advance();
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

  /// All remaining rows read into S, a BOOST_HANA_DEFINE_STRUCT whose member names and types the compiler
  /// checks against the result columns.
  template <class S>
  std::vector<S> as() {
    (void)struct_columns_v<S, Cols>;
    std::vector<S> out;
    out.reserve(static_cast<std::size_t>(mysql_stmt_num_rows(s_->get())));  // the rows stored at execute()
    S s{};
    while (read(s)) out.push_back(s);
    return out;
  }

  /// Reads the next row into `out`; false at the end.
  template <class S>
  bool read(S& out) {
    if (state_ == state::done || !s_->step()) {
      state_ = state::done;
      return false;
    }
    state_ = state::row;
    egret::detail::read_struct<S, Cols>(*s_, out);
    return true;
  }

 private:
  enum class state : unsigned char { fresh, row, done };

  void advance() {
    if (s_->step()) {
      state_ = state::row;
      egret::detail::read_row(*s_, row_);
    } else {
      state_ = state::done;
    }
  }

  statement* s_;
  row_type row_{};
  state state_ = state::fresh;
};

}  // namespace egret::mysql
