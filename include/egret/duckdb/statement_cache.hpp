// Defines egret::duckdb::statement_cache, the prepared statements of one connection: those of compile-time SQL
// keyed by the text's address, those of SQL built at run time by their text (the least recently used beyond a
// capacity finalized).
#pragma once

#include <duckdb.h>

#include <egret/duckdb/statement.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace egret::duckdb {

/// Owns the prepared statements of one connection; must be destroyed before the connection closes (declare it
/// after the handle). A cursor owns its materialized result, so a statement may be executed again, evicted or
/// destroyed while an earlier cursor of it is still read.
class statement_cache {
 public:
  static constexpr std::size_t default_dynamic_capacity = 256;

  /// The statement for `static_sql`, prepared on first use. Keyed by the ADDRESS and length of the text: pass
  /// text with static storage duration (a compile-time query's SQL).
  statement& get(duckdb_connection con, std::string_view static_sql) {
    if (static_sql.data() == last_key_ && static_sql.size() == last_size_) [[likely]]
      return *last_;
    for (auto& e : statics_) {
      if (e.key == static_sql.data() && e.size == static_sql.size()) return remember(e);
    }
    statics_.push_back({static_sql.data(), static_sql.size(), std::make_unique<statement>(con, static_sql)});
    return remember(statics_.back());
  }

  /// The statement for SQL text built at run time, prepared on first use; it becomes the most recently used.
  /// The reference stays valid until `capacity` other texts have been asked for, or clear().
  statement& get_dynamic(duckdb_connection con, std::string_view sql) {
    for (std::size_t i = 0; i < dynamics_.size(); ++i) {
      if (dynamics_[i]->sql() == sql) {
        if (i + 1 != dynamics_.size()) {
          auto s = std::move(dynamics_[i]);
          dynamics_.erase(dynamics_.begin() + static_cast<std::ptrdiff_t>(i));
          dynamics_.push_back(std::move(s));
        }
        return *dynamics_.back();
      }
    }
    auto s = std::make_unique<statement>(con, sql);
    trim(capacity_ - 1);
    dynamics_.push_back(std::move(s));
    return *dynamics_.back();
  }

  void set_dynamic_capacity(std::size_t n) {
    capacity_ = n == 0 ? 1 : n;
    trim(capacity_);
  }
  std::size_t dynamic_size() const noexcept { return dynamics_.size(); }
  std::size_t static_size() const noexcept { return statics_.size(); }

  /// Finalizes every statement; each is prepared again on its next use.
  void clear() noexcept {
    last_key_ = nullptr;
    last_size_ = 0;
    last_ = nullptr;
    statics_.clear();
    dynamics_.clear();
  }

 private:
  struct entry {
    char const* key;
    std::size_t size;
    std::unique_ptr<statement> stmt;
  };
  statement& remember(entry& e) noexcept {
    last_key_ = e.key;
    last_size_ = e.size;
    last_ = e.stmt.get();
    return *last_;
  }
  void trim(std::size_t keep) {
    if (dynamics_.size() > keep)
      dynamics_.erase(dynamics_.begin(), dynamics_.begin() + static_cast<std::ptrdiff_t>(dynamics_.size() - keep));
  }

  char const* last_key_ = nullptr;
  std::size_t last_size_ = 0;
  statement* last_ = nullptr;
  std::vector<entry> statics_;
  std::vector<std::unique_ptr<statement>> dynamics_;  // least recently used first
  std::size_t capacity_ = default_dynamic_capacity;
};

}  // namespace egret::duckdb
