// Defines egret::mysql::statement_cache: the prepared statements of one connection, each prepared once and found
// again by the address of its compile-time SQL (one comparison for the query run last) or by its text; at most
// capacity() of them, the least recently used closed first.
#pragma once

#include <cstddef>
#include <iterator>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <egret/mysql/statement.hpp>

namespace egret::mysql {

/// Owns a connection's prepared statements; a reference stays valid until the statement is evicted (a later
/// get() of another text, set_capacity(), clear()) or the cache destroyed, which must happen before the
/// connection closes (declare the cache after the handle). SQL built at run time makes new texts without end,
/// so the cache keeps the `capacity()` most recently used statements and closes (mysql_stmt_close) the least
/// recently used one past it; a statement a live cursor reads is pinned (statement::pin) and never closed
/// under it: it stays, over the capacity, until the cursor ends and a later eviction finds it.
class statement_cache {
 public:
  static constexpr std::size_t default_capacity = 256;

  /// The statement for `sql`, prepared on first use, its previous result freed. Static text (a compile-time
  /// constant) is found by its address first; any text by its content.
  statement& get(MYSQL* db, std::string_view sql) {
    if (sql.data() == last_key_ && sql.size() == last_size_ && has_last_) [[likely]] {
      if (last_ != lru_.begin()) lru_.splice(lru_.begin(), lru_, last_);  // iterators stay valid
      last_->s->free_result();
      return *last_->s;
    }
    statement& s = get_dynamic(db, sql);
    last_key_ = sql.data();
    last_size_ = sql.size();
    last_ = lru_.begin();  // get_dynamic put it first
    has_last_ = true;
    return s;
  }

  /// The statement for SQL text built at run time, keyed by its content.
  statement& get_dynamic(MYSQL* db, std::string_view sql) {
    auto it = by_text_.find(sql);
    if (it == by_text_.end()) {
      auto st = std::make_unique<statement>(db, sql);  // a failed prepare leaves the cache as it was
      lru_.push_front(entry{std::string(sql), std::move(st)});
      it = by_text_.emplace(std::string_view(lru_.front().sql), lru_.begin()).first;
      shrink();
    } else if (it->second != lru_.begin()) {
      lru_.splice(lru_.begin(), lru_, it->second);
    }
    it->second->s->free_result();
    return *it->second->s;
  }

  /// Closes every statement no cursor reads (those stay, and go at a later eviction).
  void clear() noexcept {
    forget_last();
    for (auto it = lru_.begin(); it != lru_.end();) {
      if (it->s->pinned()) {
        ++it;
        continue;
      }
      by_text_.erase(std::string_view(it->sql));
      it = lru_.erase(it);
    }
  }
  std::size_t size() const noexcept { return lru_.size(); }

  /// The most statements kept (at least 1; default 256). Lowering it closes the least recently used ones.
  std::size_t capacity() const noexcept { return capacity_; }
  void set_capacity(std::size_t n) noexcept {
    capacity_ = n == 0 ? 1 : n;
    shrink();
  }

 private:
  struct entry {
    std::string sql;
    std::unique_ptr<statement> s;
  };
  using iterator = std::list<entry>::iterator;

  // Closes the least recently used unpinned statements while there are more than capacity_ (never the first,
  // just used).
  void shrink() noexcept {
    if (lru_.size() <= capacity_) return;
    for (auto it = std::prev(lru_.end()); it != lru_.begin() && lru_.size() > capacity_;) {
      auto const victim = it--;
      if (victim->s->pinned()) continue;
      if (has_last_ && victim == last_) forget_last();
      by_text_.erase(std::string_view(victim->sql));
      lru_.erase(victim);  // ~statement: mysql_stmt_close
    }
  }
  void forget_last() noexcept {
    last_key_ = nullptr;
    last_size_ = 0;
    has_last_ = false;
  }

  char const* last_key_ = nullptr;
  std::size_t last_size_ = 0;
  iterator last_{};
  bool has_last_ = false;
  std::size_t capacity_ = default_capacity;
  std::list<entry> lru_;  // most recently used first
  std::unordered_map<std::string_view, iterator> by_text_;  // keys point into lru_
};

}  // namespace egret::mysql
