// Defines egret::sqlite::statement_cache, a per-connection cache of prepared statements keyed by SQL address or text.
#pragma once

#include <sqlite3.h>

#include <egret/core/error.hpp>
#include <egret/sqlite/statement.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>  // also std::hash<std::string_view>
#include <utility>
#include <vector>

namespace egret::sqlite {

/// Owns the prepared statements of one connection. Statements are finalized by clear() or the destructor,
/// which must run before the connection closes (declare the cache after the handle that owns the connection).
///
/// Statements of compile-time SQL (get()) are one per query type of the program, so they stay until clear().
/// Statements of SQL built at run time (get_dynamic()) could be without number (a long fuzz run grew one
/// connection to 2 GB), so they are kept in least-recently-used order and the oldest beyond a capacity
/// (default 256) are finalized. Neither evicting nor clear_idle() finalizes a statement a cursor reads
/// (statement::in_use()): it stays until the cursor ends, then goes with the next eviction. A reference from
/// get_dynamic() stays valid until `capacity` other texts have been asked for, or clear_idle() / clear().
///
/// Each statement lives in a node of its own (so its address never changes, also when the cache moves),
/// found through two open-addressing indexes: by the SQL's address for get(), by its text for get_dynamic().
/// (Hand-written rather than std::unordered_map and std::list: <functional>, <unordered_map> and <list>
/// would cost every user of <egret/sqlite.hpp> more to compile than this whole header.)
class statement_cache {
 public:
  /// How many statements of run-time SQL the cache keeps by default.
  static constexpr std::size_t default_dynamic_capacity = 256;

  statement_cache() = default;
  statement_cache(statement_cache const&) = delete;
  statement_cache& operator=(statement_cache const&) = delete;
  // Moving keeps every statement at its address (each is in a node of its own), so the pointers stay valid;
  // the source is left empty.
  statement_cache(statement_cache&& other) noexcept
      : last_key_(other.last_key_), last_size_(other.last_size_), last_(other.last_), db_(other.db_),
        capacity_(other.capacity_), static_nodes_(std::exchange(other.static_nodes_, {})),
        lru_(std::exchange(other.lru_, {})), statics_(std::move(other.statics_)),
        dynamics_(std::move(other.dynamics_)) {
    other.clear();
  }
  statement_cache& operator=(statement_cache&& other) noexcept {
    if (this != &other) {
      clear();
      last_key_ = other.last_key_;
      last_size_ = other.last_size_;
      last_ = other.last_;
      db_ = other.db_;
      capacity_ = other.capacity_;
      static_nodes_ = std::exchange(other.static_nodes_, {});
      lru_ = std::exchange(other.lru_, {});
      statics_ = std::move(other.statics_);
      dynamics_ = std::move(other.dynamics_);
      other.clear();
    }
    return *this;
  }
  ~statement_cache() { clear(); }

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

  /// The statement for runtime-built SQL, keyed by its text; reset and ready, prepared on first use. It
  /// becomes the most recently used; preparing a new one first finalizes the least recently used idle ones
  /// beyond the capacity.
  statement& get_dynamic(sqlite3* db, std::string_view sql) {
    adopt(db);
    std::size_t const h = std::hash<std::string_view>{}(sql);
    node* n = dynamics_.find(h, sql.size(), [&](node const& c) { return std::string_view(c.text) == sql; });
    if (n == nullptr) {
      trim(capacity_ - 1);
      n = &add(dynamics_, lru_, h, db, sql, true);
    } else if (n != lru_.head) {
      lru_.unlink(n);
      lru_.push_front(n);
    }
    if (n->stmt.stepped()) n->stmt.reset();
    return n->stmt;
  }

  /// At most `n` statements of run-time SQL (at least 1: the one just handed out must live); the least
  /// recently used beyond it are finalized now, except those a cursor reads.
  void set_dynamic_capacity(std::size_t n) noexcept {
    capacity_ = n == 0 ? 1 : n;
    trim(capacity_);
  }
  std::size_t dynamic_capacity() const noexcept { return capacity_; }

  /// Finalizes every statement no cursor reads (static and dynamic); those a live cursor reads stay until
  /// it ends. The connection prepares them again on their next use.
  void clear_idle() noexcept {
    forget_last();
    drop_idle(static_nodes_, statics_, 0);
    drop_idle(lru_, dynamics_, 0);
  }

  /// Finalizes every statement; afterwards the cache may serve another connection. Any cursor still reading one
  /// of them must be gone.
  void clear() noexcept {
    forget_last();
    static_nodes_.delete_all();
    lru_.delete_all();
    statics_.clear();
    dynamics_.clear();
    db_ = nullptr;
  }

  std::size_t static_size() const noexcept { return statics_.count; }
  std::size_t dynamic_size() const noexcept { return dynamics_.count; }
  std::size_t size() const noexcept { return statics_.count + dynamics_.count; }

 private:
  // One prepared statement, at a fixed address until it is finalized.
  struct node {
    statement stmt;
    std::string text;  // the key of a dynamic statement (empty for a static one, keyed by address)
    std::size_t hash;  // its key's hash in its index
    node* prev;        // in its list: static nodes, or dynamic nodes from most to least recently used
    node* next;
  };

  // A doubly linked list of nodes, which it owns.
  struct list {
    node* head = nullptr;
    node* tail = nullptr;
    void push_front(node* n) noexcept {
      n->prev = nullptr;
      n->next = head;
      (head != nullptr ? head->prev : tail) = n;
      head = n;
    }
    void unlink(node* n) noexcept {
      (n->prev != nullptr ? n->prev->next : head) = n->next;
      (n->next != nullptr ? n->next->prev : tail) = n->prev;
    }
    void delete_all() noexcept {
      while (head != nullptr) delete std::exchange(head, head->next);
      tail = nullptr;
    }
  };

  // Open addressing, linear probing, power-of-two size, at most half full. A slot keeps its key's hash and
  // size, so a probe only looks into a node when both match.
  struct index {
    struct slot {
      std::size_t hash = 0;
      std::size_t size = 0;
      node* entry = nullptr;  // nullptr: empty slot
    };
    std::vector<slot> slots;
    std::size_t count = 0;
    unsigned shift = 64;  // 64 - log2(slots.size())

    // Fibonacci hashing: the multiply spreads aligned addresses (and any hash) over the top bits kept.
    std::size_t home(std::size_t hash) const noexcept {
      return static_cast<std::size_t>((static_cast<std::uint64_t>(hash) * 0x9E3779B97F4A7C15ull) >> shift);
    }
    template <class Same>
    node* find(std::size_t hash, std::size_t size, Same same) const {
      if (slots.empty()) return nullptr;
      std::size_t const mask = slots.size() - 1;
      for (std::size_t i = home(hash);; i = (i + 1) & mask) {
        slot const& sl = slots[i];
        if (sl.entry == nullptr) return nullptr;
        if (sl.hash == hash && sl.size == size && same(*sl.entry)) return sl.entry;
      }
    }
    // Room for one more entry; may throw (before anything changed).
    void reserve_one() {
      if ((count + 1) * 2 <= slots.size()) return;
      std::vector<slot> old(slots.empty() ? 16 : slots.size() * 2);
      old.swap(slots);
      shift = 64;
      for (std::size_t n = slots.size(); n > 1; n >>= 1) --shift;
      for (slot const& s : old) {
        if (s.entry != nullptr) place(s);
      }
    }
    void insert(slot s) noexcept {  // after reserve_one()
      place(s);
      ++count;
    }
    void place(slot s) noexcept {
      std::size_t const mask = slots.size() - 1;
      std::size_t i = home(s.hash);
      while (slots[i].entry != nullptr) i = (i + 1) & mask;
      slots[i] = s;
    }
    // Removes n's slot, then shifts back the entries after it that would no longer be found past the hole
    // (deletion without tombstones, so probes stay short however many statements come and go).
    void erase(node const* n) noexcept {
      std::size_t const mask = slots.size() - 1;
      std::size_t hole = home(n->hash);
      while (slots[hole].entry != n) hole = (hole + 1) & mask;
      for (std::size_t j = (hole + 1) & mask; slots[j].entry != nullptr; j = (j + 1) & mask) {
        std::size_t const h = home(slots[j].hash);
        bool const reachable = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);  // h in (hole, j]
        if (!reachable) {
          slots[hole] = slots[j];
          hole = j;
        }
      }
      slots[hole] = slot{};
      --count;
    }
    void clear() noexcept {
      slots.clear();
      count = 0;
      shift = 64;
    }
    index() = default;
    index(index&& o) noexcept
        : slots(std::move(o.slots)), count(std::exchange(o.count, 0)), shift(std::exchange(o.shift, 64)) {}
    index& operator=(index&& o) noexcept {
      slots = std::move(o.slots);
      count = std::exchange(o.count, 0);
      shift = std::exchange(o.shift, 64);
      return *this;
    }
  };

  static constexpr std::size_t no_size = static_cast<std::size_t>(-1);  // matches no real view

  [[gnu::noinline]] statement& find_static(sqlite3* db, std::string_view sql) {
    adopt(db);
    auto const key = reinterpret_cast<std::uintptr_t>(sql.data());
    node* n = statics_.find(key, sql.size(), [](node const&) { return true; });  // the address is the key
    if (n == nullptr) n = &add(statics_, static_nodes_, key, db, sql, false);
    last_key_ = sql.data();
    last_size_ = sql.size();
    last_ = &n->stmt;
    return n->stmt;
  }

  // Prepares sql and files it under hash in ix and at the front of l. Strong guarantee: a failed prepare
  // adds nothing.
  node& add(index& ix, list& l, std::size_t hash, sqlite3* db, std::string_view sql, bool keep_text) {
    ix.reserve_one();
    node* const n = new node{statement(db, sql), keep_text ? std::string(sql) : std::string(), hash, nullptr, nullptr};
    l.push_front(n);
    ix.insert({hash, sql.size(), n});
    return *n;
  }

  // Finalizes the least recently used dynamic statements nobody reads until at most `keep` remain (or only
  // statements in use are left).
  void trim(std::size_t keep) noexcept { drop_idle(lru_, dynamics_, keep); }
  // Walks l from its oldest node, finalizing those no cursor reads while ix holds more than `keep`.
  void drop_idle(list& l, index& ix, std::size_t keep) noexcept {
    for (node* n = l.tail; n != nullptr && ix.count > keep;) {
      node* const newer = n->prev;
      if (!n->stmt.in_use()) drop(l, ix, n);
      n = newer;
    }
  }
  void drop(list& l, index& ix, node* n) noexcept {
    ix.erase(n);
    l.unlink(n);
    delete n;
  }
  void forget_last() noexcept {
    last_ = nullptr;
    last_key_ = nullptr;
    last_size_ = no_size;
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

  std::size_t capacity_ = default_dynamic_capacity;  // of dynamic statements
  list static_nodes_;  // owns every static statement
  list lru_;           // owns every dynamic statement, most recently used first
  index statics_;      // by the SQL's address (and size)
  index dynamics_;     // by the SQL's text
};

}  // namespace egret::sqlite
