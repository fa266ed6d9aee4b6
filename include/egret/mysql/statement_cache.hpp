// Defines egret::mysql::statement_cache: the prepared statements of one connection, each prepared once and found
// again by the address of its compile-time SQL (one comparison for the query run last) or by its text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <egret/mysql/statement.hpp>

namespace egret::mysql {

/// Owns a connection's prepared statements; references stay valid until clear() or destruction, which must
/// happen before the connection closes (declare the cache after the handle).
class statement_cache {
 public:
  /// The statement for `sql`, prepared on first use, its previous result freed. Static text (a compile-time
  /// constant) is found by its address first; any text by its content.
  statement& get(MYSQL* db, std::string_view sql) {
    if (sql.data() == last_key_ && sql.size() == last_size_) [[likely]] {
      last_->free_result();
      return *last_;
    }
    statement& s = get_dynamic(db, sql);
    last_key_ = sql.data();
    last_size_ = sql.size();
    last_ = &s;
    return s;
  }

  /// The statement for SQL text built at run time, keyed by its content.
  statement& get_dynamic(MYSQL* db, std::string_view sql) {
    auto it = by_text_.find(std::string(sql));
    if (it == by_text_.end()) it = by_text_.emplace(std::string(sql), std::make_unique<statement>(db, sql)).first;
    it->second->free_result();
    return *it->second;
  }

  /// Closes every statement.
  void clear() noexcept {
    last_key_ = nullptr;
    last_size_ = 0;
    last_ = nullptr;
    by_text_.clear();
  }
  std::size_t size() const noexcept { return by_text_.size(); }

 private:
  char const* last_key_ = nullptr;
  std::size_t last_size_ = 0;
  statement* last_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<statement>> by_text_;
};

}  // namespace egret::mysql
