// Defines egret::postgres::statement_cache: the statements a connection prepared on the server (PQprepare),
// found again by their SQL text, at most capacity() of them (least recently used first out, DEALLOCATEd), and
// the one call that runs a cached statement with its parameters.
#pragma once

#include <libpq-fe.h>

#include <egret/postgres/error.hpp>
#include <egret/postgres/io.hpp>
#include <egret/postgres/params.hpp>
#include <egret/postgres/result.hpp>

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace egret::postgres {

/// One statement prepared on the server: its name ("egret_<n>") and the parameter types it was prepared with.
struct prepared_statement {
  std::string name;
  std::vector<Oid> types;
  std::string const* sql = nullptr;  // the cache's key: stable while the statement is cached
  bool on_server = false;
  detail::result_description results;  // what its results look like (reset when it is prepared again)
};

/// The prepared statements of one connection, keyed by SQL text (with a one-entry fast path on the address
/// of the text, for a compile-time SQL constant run in a loop). A statement is prepared on first use, with
/// the type OIDs of its first parameters; if a later execution declares other types for a non-NULL
/// parameter, it is prepared again with those. SQL built at run time (dynamic queries) makes new texts
/// without end, so the cache keeps the `capacity()` most recently used statements and DEALLOCATEs the least
/// recently used one when a new one would exceed it. A result read later (a cursor) does not need its
/// statement: it was fetched whole.
class statement_cache {
 public:
  static constexpr std::size_t default_capacity = 256;

  /// Runs `sql` with `p` (preparing it if needed) and returns its result in `format`. Throws
  /// egret::postgres::error when the server refuses it, and before sending anything when `sql` or a value
  /// holds a NUL byte (SQLSTATE 22021: PostgreSQL text cannot contain NUL; libpq would cut it there). A
  /// statement whose plan a DDL change invalidated (SQLSTATE 0A000 "cached plan must not change result type")
  /// is prepared again and retried once when no transaction is open.
  result run(PGconn* c, std::string_view sql, params& p, result_format format) {
    if (p.nul_parameter() != 0) [[unlikely]]
      nul_parameter(p, sql);
    prepared_statement& s = find(c, sql, p);
    PGresult* r = exec_prepared(c, s, p, format);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      char const* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
      if (state && std::string_view(state) == "0A000" && PQtransactionStatus(c) == PQTRANS_IDLE) {
        PQclear(r);
        prepare(c, s, p.types());
        r = exec_prepared(c, s, p, format);
        st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
      }
      if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) fail(c, r, *s.sql);
    }
    return result(r, lru_.front().sql, s.results);  // s is the front: find() just used it
  }

  /// Forgets every statement without telling the server (which forgets them when the connection closes).
  void clear() noexcept {
    by_text_.clear();
    lru_.clear();
    forget_last();
  }
  /// DEALLOCATEs every statement on the server and forgets it.
  void clear(PGconn* c) {
    while (!lru_.empty()) evict_oldest(c);
  }
  std::size_t size() const noexcept { return lru_.size(); }

  /// The most statements kept (at least 1; default 256). Lowering it DEALLOCATEs the least recently used ones.
  std::size_t capacity() const noexcept { return capacity_; }
  void set_capacity(PGconn* c, std::size_t n) {
    capacity_ = n == 0 ? 1 : n;
    while (lru_.size() > capacity_) evict_oldest(c);
  }

  /// How long each wait for the server may last (connection_options::read_timeout).
  std::chrono::seconds timeout() const noexcept { return timeout_; }
  void set_timeout(std::chrono::seconds t) noexcept { timeout_ = t; }

 private:
  struct entry {
    std::shared_ptr<std::string const> sql;  // shared with the results (their error messages name it)
    prepared_statement s;
  };

  PGresult* exec_prepared(PGconn* c, prepared_statement const& s, params& p, result_format format) {
    char const* const* values = p.values();
    return detail::round_trip(c, timeout_, *s.sql, [&] {
      return PQsendQueryPrepared(c, s.name.c_str(), p.size(), values, nullptr, nullptr, static_cast<int>(format));
    });
  }

  prepared_statement& find(PGconn* c, std::string_view sql, params const& p) {
    prepared_statement* s;
    if (sql.data() == last_key_ && sql.size() == last_size_ && std::string_view(*last_->sql) == sql) [[likely]] {
      s = last_;  // the most recently used: at the front already
    } else {
      auto it = by_text_.find(sql);
      if (it == by_text_.end()) {
        detail::require_no_nul(sql);
        lru_.push_front(entry{std::make_shared<std::string const>(sql), prepared_statement{}});
        entry& e = lru_.front();
        e.s.sql = e.sql.get();
        e.s.name = "egret_" + std::to_string(++counter_);
        try {
          prepare(c, e.s, p.types());
        } catch (...) {
          lru_.pop_front();
          throw;
        }
        it = by_text_.emplace(std::string_view(*e.sql), lru_.begin()).first;
        // Evict after the new one is prepared: a failed prepare (an aborted transaction refuses it, and a
        // DEALLOCATE too) leaves the cache as it was.
        while (lru_.size() > capacity_) evict_oldest(c);
      } else if (it->second != lru_.begin()) {
        lru_.splice(lru_.begin(), lru_, it->second);  // iterators stay valid
      }
      s = &it->second->s;
      last_key_ = sql.data();
      last_size_ = sql.size();
      last_ = s;
    }
    if (!compatible(s->types, p.types())) [[unlikely]]
      prepare(c, *s, p.types());
    return *s;
  }

  // Drops the least recently used statement, DEALLOCATEd on the server.
  void evict_oldest(PGconn* c) {
    entry& e = lru_.back();
    if (last_ == &e.s) forget_last();
    if (e.s.on_server) deallocate(c, e.s);
    by_text_.erase(std::string_view(*e.sql));
    lru_.pop_back();
  }
  void forget_last() noexcept {
    last_key_ = nullptr;
    last_size_ = 0;
    last_ = nullptr;
  }

  // The prepared types fit these parameters when every non-NULL one declares the same type.
  static bool compatible(std::vector<Oid> const& prepared, std::vector<Oid> const& now) {
    if (prepared.size() != now.size()) return false;
    for (std::size_t i = 0; i < now.size(); ++i)
      if (now[i] != 0 && prepared[i] != 0 && now[i] != prepared[i]) return false;
    return true;
  }

  void prepare(PGconn* c, prepared_statement& s, std::vector<Oid> const& types) {
    if (s.on_server) deallocate(c, s);
    s.on_server = false;
    PGresult* r = detail::round_trip(c, timeout_, *s.sql, [&] {
      return PQsendPrepare(c, s.name.c_str(), s.sql->c_str(), static_cast<int>(types.size()),
                           types.empty() ? nullptr : types.data());
    });
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) fail(c, r, *s.sql);
    PQclear(r);
    s.on_server = true;
    s.types = types;
    s.results = {};
  }

  void deallocate(PGconn* c, prepared_statement& s) {
    std::string const sql = "DEALLOCATE \"" + s.name + "\"";
    // Best effort: a failure (an aborted transaction) leaves an unused statement on the server, under a name
    // never used again. A timeout throws (the connection is closed then).
    PQclear(detail::exec(c, timeout_, sql.c_str()));
    s.on_server = false;
  }

  [[noreturn, gnu::cold, gnu::noinline]] static void nul_parameter(params const& p, std::string_view sql) {
    detail::throw_error("22021",
                        "egret::postgres: parameter $" + std::to_string(p.nul_parameter()) +
                            " holds a NUL byte (at offset " + std::to_string(p.nul_offset()) +
                            "): PostgreSQL text cannot contain NUL, and the value would reach the server cut "
                            "there; nothing was sent",
                        sql);
  }

  [[noreturn, gnu::cold, gnu::noinline]] static void fail(PGconn* c, PGresult* r, std::string const& sql) {
    result owner(r, sql);  // PQclear after the message is taken
    detail::throw_result_error(c, r, sql);
  }

  std::list<entry> lru_;  // most recently used first
  std::unordered_map<std::string_view, std::list<entry>::iterator> by_text_;  // keys point into lru_
  std::size_t capacity_ = default_capacity;
  std::chrono::seconds timeout_ = connection_options{}.read_timeout;
  char const* last_key_ = nullptr;
  std::size_t last_size_ = 0;
  prepared_statement* last_ = nullptr;
  unsigned long counter_ = 0;
};

}  // namespace egret::postgres
