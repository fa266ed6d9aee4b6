// Defines egret::postgres::statement_cache: the statements a connection prepared on the server (PQprepare),
// found again by their SQL text, and the one call that runs a cached statement with its parameters.
#pragma once

#include <libpq-fe.h>

#include <egret/postgres/error.hpp>
#include <egret/postgres/params.hpp>
#include <egret/postgres/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace egret::postgres {

/// One statement prepared on the server: its name ("egret_<n>") and the parameter types it was prepared with.
struct prepared_statement {
  std::string name;
  std::vector<Oid> types;
  std::string const* sql = nullptr;  // the cache's key: stable while the cache lives
  bool on_server = false;
};

/// The prepared statements of one connection, keyed by SQL text (with a one-entry fast path on the address
/// of the text, for a compile-time SQL constant run in a loop). A statement is prepared on first use, with
/// the type OIDs of its first parameters; if a later execution declares other types for a non-NULL
/// parameter, it is prepared again with those.
class statement_cache {
 public:
  /// Runs `sql` with `p` (preparing it if needed) and returns its result in `format`. Throws
  /// egret::postgres::error when the server refuses it. A statement whose plan a DDL change invalidated
  /// (SQLSTATE 0A000 "cached plan must not change result type") is prepared again and retried once when
  /// no transaction is open.
  result run(PGconn* c, std::string_view sql, params& p, result_format format) {
    prepared_statement& s = find(c, sql, p);
    PGresult* r = PQexecPrepared(c, s.name.c_str(), p.size(), p.values(), nullptr, nullptr, static_cast<int>(format));
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      char const* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
      if (state && std::string_view(state) == "0A000" && PQtransactionStatus(c) == PQTRANS_IDLE) {
        PQclear(r);
        prepare(c, s, p.types());
        r = PQexecPrepared(c, s.name.c_str(), p.size(), p.values(), nullptr, nullptr, static_cast<int>(format));
        st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
      }
      if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) fail(c, r, *s.sql);
    }
    return result(r, *s.sql);
  }

  /// Forgets every statement (the server forgets them when the connection closes).
  void clear() noexcept {
    by_text_.clear();
    last_key_ = nullptr;
    last_ = nullptr;
  }
  std::size_t size() const noexcept { return by_text_.size(); }

 private:
  prepared_statement& find(PGconn* c, std::string_view sql, params const& p) {
    prepared_statement* s;
    if (sql.data() == last_key_ && sql.size() == last_size_ && std::string_view(*last_->sql) == sql) [[likely]] {
      s = last_;
    } else {
      auto it = by_text_.find(std::string(sql));
      if (it == by_text_.end()) {
        it = by_text_.emplace(std::string(sql), prepared_statement{}).first;
        it->second.sql = &it->first;
        it->second.name = "egret_" + std::to_string(++counter_);
        try {
          prepare(c, it->second, p.types());
        } catch (...) {
          by_text_.erase(it);
          throw;
        }
      }
      s = &it->second;
      last_key_ = sql.data();
      last_size_ = sql.size();
      last_ = s;
    }
    if (!compatible(s->types, p.types())) [[unlikely]]
      prepare(c, *s, p.types());
    return *s;
  }

  // The prepared types fit these parameters when every non-NULL one declares the same type.
  static bool compatible(std::vector<Oid> const& prepared, std::vector<Oid> const& now) {
    if (prepared.size() != now.size()) return false;
    for (std::size_t i = 0; i < now.size(); ++i)
      if (now[i] != 0 && prepared[i] != 0 && now[i] != prepared[i]) return false;
    return true;
  }

  static void prepare(PGconn* c, prepared_statement& s, std::vector<Oid> const& types) {
    if (s.on_server) deallocate(c, s);
    s.on_server = false;
    PGresult* r = PQprepare(c, s.name.c_str(), s.sql->c_str(), static_cast<int>(types.size()),
                            types.empty() ? nullptr : types.data());
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) fail(c, r, *s.sql);
    PQclear(r);
    s.on_server = true;
    s.types = types;
  }

  static void deallocate(PGconn* c, prepared_statement& s) {
    std::string const sql = "DEALLOCATE \"" + s.name + "\"";
    PQclear(PQexec(c, sql.c_str()));  // best effort: a failure leaves an unused statement on the server
  }

  [[noreturn, gnu::cold]] static void fail(PGconn* c, PGresult* r, std::string const& sql) {
    result owner(r, sql);  // PQclear after the message is taken
    detail::throw_result_error(c, r, sql);
  }

  std::unordered_map<std::string, prepared_statement> by_text_;
  char const* last_key_ = nullptr;
  std::size_t last_size_ = 0;
  prepared_statement* last_ = nullptr;
  unsigned long counter_ = 0;
};

}  // namespace egret::postgres
