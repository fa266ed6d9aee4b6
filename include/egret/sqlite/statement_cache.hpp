// Defines egret::sqlite::statement_cache, a per-connection cache of prepared statements keyed by SQL address or text.
#pragma once

#include <sqlite3.h>

#include <egret/core/error.hpp>
#include <egret/sqlite/statement.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace egret::sqlite {

/// Owns the prepared statements of one connection. Statements are finalized by clear() or the destructor,
/// which must run before the connection closes (declare the cache after the handle that owns the connection).
/// References returned by get()/get_dynamic() stay valid until clear() or destruction.
class statement_cache {
 public:
  statement_cache() = default;
  statement_cache(statement_cache const&) = delete;
  statement_cache& operator=(statement_cache const&) = delete;
  // Moving keeps every statement at its address (deque and node-based map), so the pointers stay valid; the
  // source is left empty.
  statement_cache(statement_cache&& other)
      : last_key_(other.last_key_), last_size_(other.last_size_), last_(other.last_), db_(other.db_),
        slots_(std::move(other.slots_)), shift_(other.shift_), statics_(std::move(other.statics_)),
        dynamic_(std::move(other.dynamic_)) {
    other.clear();
  }
  statement_cache& operator=(statement_cache&& other) {
    if (this != &other) {
      clear();
      last_key_ = other.last_key_;
      last_size_ = other.last_size_;
      last_ = other.last_;
      db_ = other.db_;
      slots_ = std::move(other.slots_);
      shift_ = other.shift_;
      statics_ = std::move(other.statics_);
      dynamic_ = std::move(other.dynamic_);
      other.clear();
    }
    return *this;
  }
  ~statement_cache() = default;

  /// The statement for `static_sql`, reset if it was stepped (bindings kept) and ready to bind and step;
  /// prepared on first use.
  /// Keyed by the ADDRESS (and length) of the text, never its content: pass text with static storage
  /// duration, e.g. a compile-time constant. Equal text at another address is another statement.
  [[gnu::always_inline]] inline statement& get(sqlite3* db, std::string_view static_sql) {
    statement* s;
    // The common case, the same query run again and again, costs three compares.
    if (static_sql.data() == last_key_ && static_sql.size() == last_size_ && db == db_) [[likely]] {
      s = last_;
    } else {
      s = &find_static(db, static_sql);
    }
    // A cursor resets its statement when it ends; only a statement stepped by hand arrives here stepped.
    if (s->stepped()) [[unlikely]]
      s->reset();
    return *s;
  }

  /// The statement for runtime-built SQL, keyed by its text; reset and ready, prepared on first use.
  /// Every distinct text stays prepared until clear().
  statement& get_dynamic(sqlite3* db, std::string_view sql) {
    adopt(db);
    auto it = dynamic_.find(sql);
    if (it == dynamic_.end()) {
      statement prepared(db, sql);  // prepare first, so a failure leaves no entry behind
      it = dynamic_.emplace(std::string(sql), std::move(prepared)).first;
    }
    if (it->second.stepped()) it->second.reset();
    return it->second;
  }

  /// Finalizes every statement; afterwards the cache may serve another connection.
  void clear() noexcept {
    last_ = nullptr;
    last_key_ = nullptr;
    last_size_ = no_size;
    slots_.clear();
    shift_ = 64;
    statics_.clear();
    dynamic_.clear();
    db_ = nullptr;
  }

  std::size_t static_size() const noexcept { return statics_.size(); }
  std::size_t dynamic_size() const noexcept { return dynamic_.size(); }
  std::size_t size() const noexcept { return statics_.size() + dynamic_.size(); }

 private:
  struct slot {
    char const* key = nullptr;
    std::size_t size = 0;
    statement* stmt = nullptr;  // nullptr: empty slot
  };

  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  static constexpr std::size_t no_size = static_cast<std::size_t>(-1);  // matches no real view

  // Fibonacci hashing of the address: the multiply spreads aligned pointers over the top bits we keep.
  std::size_t index_of(char const* key) const noexcept {
    return static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(key) * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  [[gnu::noinline]] statement& find_static(sqlite3* db, std::string_view sql) {
    adopt(db);
    if (!slots_.empty()) {
      std::size_t const mask = slots_.size() - 1;
      for (std::size_t i = index_of(sql.data());; i = (i + 1) & mask) {
        slot const& sl = slots_[i];
        if (sl.stmt == nullptr) break;
        if (sl.key == sql.data() && sl.size == sql.size()) return remember(sl.key, sl.size, *sl.stmt);
      }
    }
    statement& s = statics_.emplace_back(db, sql);  // strong guarantee: a failed prepare adds nothing
    if ((statics_.size() * 2) > slots_.size()) grow();  // keep the load factor at most 1/2
    insert(slot{sql.data(), sql.size(), &s});
    return remember(sql.data(), sql.size(), s);
  }

  statement& remember(char const* key, std::size_t size, statement& s) noexcept {
    last_key_ = key;
    last_size_ = size;
    last_ = &s;
    return s;
  }

  void insert(slot entry) noexcept {
    std::size_t const mask = slots_.size() - 1;
    std::size_t i = index_of(entry.key);
    while (slots_[i].stmt != nullptr) i = (i + 1) & mask;
    slots_[i] = entry;
  }

  void grow() {
    std::vector<slot> old(slots_.empty() ? 16 : slots_.size() * 2);
    old.swap(slots_);
    shift_ = 64;
    for (std::size_t n = slots_.size(); n > 1; n >>= 1) --shift_;
    for (slot const& entry : old) {
      if (entry.stmt != nullptr) insert(entry);
    }
  }

  // A cache belongs to one connection: serving a statement prepared on another one would be a silent bug.
  void adopt(sqlite3* db) {
    if (db == db_) return;
    if (db_ != nullptr) throw egret::error("statement_cache: used with a second connection (one cache per connection)");
    db_ = db;
  }

  // One-entry fast path for get().
  char const* last_key_ = nullptr;
  std::size_t last_size_ = no_size;
  statement* last_ = nullptr;
  sqlite3* db_ = nullptr;

  std::vector<slot> slots_;  // open addressing, linear probing, power-of-two size
  unsigned shift_ = 64;      // 64 - log2(slots_.size())
  std::deque<statement> statics_;  // stable addresses for the slots and for callers' references
  std::unordered_map<std::string, statement, text_hash, std::equal_to<>> dynamic_;
};

}  // namespace egret::sqlite
