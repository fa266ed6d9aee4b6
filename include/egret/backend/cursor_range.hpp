// Defines egret::backend::cursor_range, what every backend's typed cursor does the same way, written once: the
// input range of its rows (iterator, sentinel, begin, end), to_vector(), first() and as<S>(). A backend's cursor
// derives from it (CRTP) and gives what only its engine knows (cursor_range is its friend, so these may be
// private):
//
//   bool done() const;                 // true once the rows are exhausted
//   void start();                      // begin(): reads the first row unless the iteration has begun
//   void advance();                    // to the next row, read into the current row (past the last: done())
//   row_type const& current() const;   // the current row
//   template <class S> bool read(S&);  // the next row into a user's struct; false at the end
//   std::size_t reserve_hint();        // optional: how many rows to_vector() and as<S>() reserve room for
//
// Everything is resolved at compile time: the iterator holds the derived cursor's address and calls its
// members directly (no virtual call, no indirection the hand-written iterators did not have).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <egret/relation/row.hpp>
#include <egret/relation/struct_row.hpp>

namespace egret::backend {

template <class Derived, class Cols>
class cursor_range {
 public:
  using row_type = row<false, Cols>;
  using owning_row_type = row<true, Cols>;

  struct sentinel {};
  class iterator {
   public:
    using value_type = row_type;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(Derived* c) : c_(c) {}
    row_type const& operator*() const { return c_->current(); }
    row_type const* operator->() const { return &c_->current(); }
    iterator& operator++() {
      c_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(iterator const& i, sentinel) { return i.c_->done(); }

   private:
    Derived* c_ = nullptr;
  };

  /// Starts the iteration (once: begin() again continues where it stopped).
  iterator begin() {
    self().start();
    return iterator{&self()};
  }
  sentinel end() const { return {}; }

  /// All remaining rows, each owning its text.
  std::vector<owning_row_type> to_vector() {
    std::vector<owning_row_type> out;
    reserve(out);
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
    reserve(out);
    S s{};
    while (self().read(s)) out.push_back(s);
    return out;
  }

 protected:
  cursor_range() = default;

 private:
  Derived& self() { return static_cast<Derived&>(*this); }

  template <class V>
  void reserve(V& out) {
    if constexpr (requires(Derived& d) { d.reserve_hint(); }) out.reserve(self().reserve_hint());
  }
};

}  // namespace egret::backend
