// Defines egret::postgres::connection: a libpq connection to a PostgreSQL server that runs typed queries,
// prepares each statement once on the server (cached by its SQL text), and creates and loads tables.
#pragma once

#include <libpq-fe.h>

#include <array>
#include <concepts>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>

#include <egret/backend/connection_base.hpp>
#include <egret/csv/options.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/postgres/cursor.hpp>
#include <egret/postgres/error.hpp>
#include <egret/postgres/io.hpp>
#include <egret/postgres/params.hpp>
#include <egret/postgres/result.hpp>
#include <egret/postgres/statement_cache.hpp>
#include <egret/postgres/transaction.hpp>
#include <egret/relation/contract.hpp>
#include <egret/render/bind.hpp>
#include <egret/render/ddl.hpp>
#include <egret/render/to_sql.hpp>

namespace egret::postgres {

/// The dialect the backend renders for.
using dialect_type = egret::dialect::postgres;

namespace detail {
/// The code of connection::load_csv for table T, defined in <egret/postgres/load_csv.hpp>.
template <class T>
struct csv_loader;
}  // namespace detail

class connection;

namespace detail {
/// The number of rows the last statement affected: set as a number, or kept as the statement's command tag
/// ("UPDATE 3", "SELECT 10", "INSERT 0 1") and read from it only when asked for, as PQcmdTuples reads it.
class affected_rows {
 public:
  affected_rows& operator=(std::int64_t n) noexcept {
    n_ = n;
    tag_len_ = 0;
    pending_ = false;
    return *this;
  }
  /// Keeps the command tag of r (none: 0 rows).
  void set(PGresult const* r) noexcept {
    char const* tag = r ? PQcmdStatus(const_cast<PGresult*>(r)) : nullptr;
    std::size_t const len = tag ? std::strlen(tag) : 0;
    if (len < sizeof tag_) [[likely]] {
      std::memcpy(tag_, tag ? tag : "", len);
      tag_len_ = static_cast<unsigned char>(len);
      pending_ = true;
    } else {  // longer than libpq's tags (64 bytes with the NUL): read now
      *this = count(std::string_view(tag, len));
    }
  }
  std::int64_t get() const noexcept {
    if (pending_) {
      n_ = count(std::string_view(tag_, tag_len_));
      pending_ = false;
    }
    return n_;
  }

 private:
  // The count in a command tag, read as PQcmdTuples does: the last word of INSERT (after its OID), the
  // second of DELETE, UPDATE, SELECT, MERGE, MOVE, FETCH, COPY, all digits; 0 for any other tag.
  static std::int64_t count(std::string_view tag) noexcept {
    std::string_view n;
    if (tag.starts_with("INSERT ")) {
      std::size_t const space = tag.find(' ', 7);
      if (space == std::string_view::npos) return 0;
      n = tag.substr(space + 1);
    } else if (tag.starts_with("DELETE ") || tag.starts_with("UPDATE ") || tag.starts_with("SELECT ")) {
      n = tag.substr(7);
    } else if (tag.starts_with("MERGE ") || tag.starts_with("FETCH ")) {
      n = tag.substr(6);
    } else if (tag.starts_with("MOVE ") || tag.starts_with("COPY ")) {
      n = tag.substr(5);
    } else {
      return 0;
    }
    if (n.empty()) return 0;
    std::int64_t v = 0;
    for (char c : n) {
      if (c < '0' || c > '9') return 0;
      v = v > (INT64_MAX - (c - '0')) / 10 ? INT64_MAX : v * 10 + (c - '0');  // strtoll saturates too
    }
    return v;
  }

  char tag_[64] = {};
  unsigned char tag_len_ = 0;
  mutable bool pending_ = false;
  mutable std::int64_t n_ = 0;
};
}  // namespace detail

/// A query prepared once and executed many times: `auto st = db.prepare(q); st.execute(42)`. It shares the
/// connection's statement (the server prepares a SQL text once per connection) and must not outlive it.
template <class Q>
class prepared {
 public:
  prepared(connection& db, Q const& q) : db_(&db), q_(q) {}

  /// Binds args to the query's param<>s (in order of first appearance) and runs it.
  template <class... Args>
  cursor<columns_of_t<Q>> execute(Args const&... args);

 private:
  connection* db_;
  Q q_;
};

namespace detail {
/// Checks null_value_offset on `SELECT NULL::int8, ''::text, NULL::text, 1::int8` sent by the server in
/// the binary format (each wait bounded by t): each NULL at the offset, each value elsewhere. Records the
/// verdict once per process.
inline void confirm_null_value_offset(PGconn* c, std::chrono::seconds t) {
  if (null_value_offset_state().load(std::memory_order_acquire) != 0) return;
  std::ptrdiff_t const at = null_value_offset();
  bool ok = false;
  if (at >= 0) {
    char const* const sql = "SELECT NULL::int8, ''::text, NULL::text, 1::int8";
    if (PGresult* r = round_trip(c, t, sql, [&] { return PQsendQueryParams(c, sql, 0, nullptr, nullptr, nullptr, nullptr, 1); })) {
      if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && PQnfields(r) == 4) {
        char const* const null_at =
            reinterpret_cast<char const*>(reinterpret_cast<std::uintptr_t>(r) + static_cast<std::uintptr_t>(at));
        ok = PQgetvalue(r, 0, 0) == null_at && PQgetvalue(r, 0, 2) == null_at && PQgetvalue(r, 0, 1) != null_at &&
             PQgetvalue(r, 0, 3) != null_at && PQgetisnull(r, 0, 0) == 1 && PQgetisnull(r, 0, 1) == 0 &&
             PQgetisnull(r, 0, 2) == 1 && PQgetlength(r, 0, 1) == 0;
      }
      PQclear(r);
    }
  }
  signed char expected = 0;
  null_value_offset_state().compare_exchange_strong(expected, ok ? 1 : -1, std::memory_order_acq_rel);
}

}  // namespace detail

class connection : public backend::connection_base<connection> {
 public:
  /// The dialect this backend renders queries for.
  using dialect_type = postgres::dialect_type;
  static constexpr backend::target_syntax target{"postgres", "CONNINFO"};  // --target postgres:CONNINFO
  using connection_base::execute;      // and execute(dyn_q)
  using connection_base::insert_from;  // and insert_from<T>(dyn_q)

  /// Connects with a libpq connection string ("host=... port=... dbname=... user=..." or a postgresql://
  /// URI) and sets the session up for egret: client_encoding UTF8, DateStyle ISO, TimeZone UTC,
  /// extra_float_digits 3 (doubles round-trip), notices discarded. Throws egret::postgres::error (SQLSTATE
  /// 08001) when the server cannot be reached within opts.connect_timeout; every later wait for the server is
  /// bounded by opts.read_timeout (see connection_options).
  explicit connection(std::string const& conninfo, connection_options opts = {})
      : c_(connect(conninfo, opts)), opts_(opts) {
    cache_.set_timeout(opts.read_timeout);
    try {
      exec("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; "
           "SET extra_float_digits = 3; SET IntervalStyle = 'iso_8601'");
      detail::confirm_null_value_offset(c_, opts.read_timeout);  // once per process: the fast NULL test, checked on a real result
    } catch (...) {
      PQfinish(c_);
      throw;
    }
  }
  connection(connection&& o) noexcept
      : c_(std::exchange(o.c_, nullptr)), opts_(o.opts_), cache_(std::move(o.cache_)), format_(o.format_),
        changes_(o.changes_) {}
  connection& operator=(connection&&) = delete;
  connection(connection const&) = delete;
  connection& operator=(connection const&) = delete;
  ~connection() {
    if (c_) PQfinish(c_);
  }

  PGconn* native_handle() const noexcept { return c_; }

  /// The format query results travel in (binary unless changed); both read into the same C++ types.
  result_format format() const noexcept { return format_; }
  void set_format(result_format f) noexcept { format_ = f; }

  /// The timeouts the connection was opened with.
  connection_options const& options() const noexcept { return opts_; }

  /// Runs SQL text as is (one or more statements separated by ';', no parameters, no results).
  void exec(std::string_view sql) {
    detail::require_no_nul(sql);
    std::string const text(sql);
    PGresult* r = detail::exec(c_, opts_.read_timeout, text.c_str());
    ExecStatusType const st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    result owner(r, text);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
      detail::throw_result_error(c_, r, text);
    changes_.set(r);
  }

  /// Runs q with args bound to its param<>s and returns its rows (all fetched now; a statement with
  /// returning() has made its changes when this returns). The statement is prepared on the server once per
  /// connection and found again by its SQL text.
  template <query Q, class... Args>
  cursor<columns_of_t<Q>> execute(Q const& q, Args const&... args) {
    return cursor<columns_of_t<Q>>(run_query(to_sql<dialect_type>(q), q, args...));
  }

  /// Runs a statement that returns no rows (insert_into / update / delete_from without returning(), a
  /// raw_query without out<> columns) with args bound to its param<>s; returns the number of rows it
  /// inserted, updated or deleted.
  template <query Q, class... Args>
  std::int64_t run(Q const& q, Args const&... args) {
    static_assert(columns_of_t<Q>::size == 0,
                  "egret: run() is for statements without result rows; use execute() for a query or a statement "
                  "with returning(), and read its rows");
    run_query(to_sql<dialect_type>(q), q, args...);
    return changes_.get();
  }

  /// A handle to run q again and again (its statement is the connection's cached one).
  template <query Q>
  prepared<Q> prepare(Q const& q) {
    return prepared<Q>(*this, q);
  }

  // ---- queries built at run time (egret::dyn; defined in <egret/postgres/dynamic.hpp>) ----

  /// Creates table T and fills it from the dynamic query q, in one transaction.
  template <class T, class Q>
    requires requires { Q::is_dynamic_query; }
  void create_table_from(Q const& q) {
    auto tx = transaction();
    create_table<T>();
    insert_dynamic<T>(*this, q);
    tx.commit();
  }
  /// Runs SQL text built at run time with the values in p (its statement cached by the text).
  result run_sql(std::string_view sql, params& p) {
    result r = cache_.run(c_, sql, p, format_);
    changes_.set(r.get());
    return r;
  }

  // ---- DDL and DML ----

  /// `CREATE TABLE` for table type T, with its columns' types, NOT NULL and its EGRET_PRIMARY_KEY.
  template <class T>
  void create_table() {
    exec(create_table_sql<dialect_type, T>());
  }

  /// `INSERT INTO T (columns...) <q>`: q's columns must match T's (checked at compile time).
  template <class T, relation Q, class... Args>
  void insert_from(Q const& q, Args const&... args) {
    egret::detail::require_contract<Q, T>();
    run_query(backend::insert_from_sql<dialect_type, T, Q>(), q, args...);
  }

  /// Creates table T and fills it from q, in one transaction (a savepoint inside an open one): on failure
  /// the database is left as it was.
  template <class T, relation Q, class... Args>
  void create_table_from(Q const& q, Args const&... args) {
    auto tx = transaction();
    create_table<T>();
    insert_from<T>(q, args...);
    tx.commit();
  }

  /// `INSERT INTO T VALUES (...)`: one value per column of T, in declaration order, each checked against
  /// its column's type at compile time.
  template <class T, class... Vs>
  void insert(Vs const&... vs) {
    backend::check_insert_values<T, Vs...>();
    params_.clear();
    int i = 0;
    (params_.bind(++i, vs), ...);
    run_sql(insert_sql<dialect_type, T>(), params_);
  }

  /// `INSERT INTO T VALUES (...)` from a struct S (T is `adopt_table<S, "name">`): one member per column.
  template <class T, class S>
  void insert_struct(S const& row) {
    static_assert(std::is_same_v<typename T::egret_struct, S>, "egret: insert_struct<T>() needs the struct T adopts");
    params_.clear();
    int i = 0;
    boost::hana::for_each(boost::hana::accessors<S>(),
                          [&](auto pair) { params_.bind(++i, boost::hana::second(pair)(row)); });
    run_sql(insert_sql<dialect_type, T>(), params_);
  }

  /// Number of rows the last statement inserted, updated, deleted, copied or returned.
  std::int64_t changes() const noexcept { return changes_.get(); }

  /// Begins a transaction (a savepoint when one is open already), rolled back unless committed:
  /// `auto tx = db.transaction(); ...; tx.commit();`
  postgres::transaction transaction() { return postgres::transaction(c_, opts_.read_timeout); }

  // ---- the statement cache ----

  /// The most prepared statements the connection keeps (default 256): past it, the least recently used one
  /// is DEALLOCATEd on the server (SQL built at run time would otherwise grow the cache without end).
  void set_statement_cache_capacity(std::size_t n) { cache_.set_capacity(c_, n); }
  /// DEALLOCATEs every cached statement (a result already returned stays readable).
  void clear_statement_cache() { cache_.clear(c_); }
  /// The number of statements prepared on the server and cached.
  std::size_t statement_cache_size() const noexcept { return cache_.size(); }

  // ---- CSV loading (defined in <egret/postgres/load_csv.hpp>, which a program calling these includes) ----

  /// load_csv<T>(file), load_csv<T>(stream, name) (backend::connection_base) load a CSV file
  /// into table T (which must exist) with COPY ... FROM STDIN, in one transaction (a
  /// savepoint inside an open one): the header must name T's columns in order; every field is parsed as
  /// its column's type by egret's CSV reader. On bad input, throws egret::load_error (file, line, column,
  /// reason) and the table is left as it was; a row the server refuses (a duplicate key, a NULL for a NOT
  /// NULL column) throws egret::load_error at that record's line too. Returns the number of rows loaded.
  template <class T>
  using csv_loader = detail::csv_loader<T>;

 private:
  template <class Q, class... Args>
  result run_query(std::string_view sql, Q const& q, Args const&... args) {
    params_.clear();
    if (!egret::detail::check_and_bind<dialect_type>(params_, q, args...)) return result();  // a compile error
    return run_sql(sql, params_);
  }

  // The CSV reader and parsers are opt-in: load_csv() asks for their header when it was not included.
  template <class T>
  static constexpr bool csv_loader_included() {
    constexpr bool included = requires { sizeof(detail::csv_loader<T>); };
    static_assert(included, "egret: db.load_csv() needs #include <egret/postgres/load_csv.hpp>");
    return included;
  }

  // PQconnectdbParams with connect_timeout first, so that one in the conninfo (or PGCONNECT_TIMEOUT) wins, then
  // the non-blocking mode detail::round_trip works in.
  static PGconn* connect(std::string const& conninfo, connection_options const& opts) {
    std::string const timeout = std::to_string(opts.connect_timeout.count());
    bool const env_timeout = std::getenv("PGCONNECT_TIMEOUT") != nullptr;
    bool const set_timeout = opts.connect_timeout.count() > 0 && !env_timeout;
    char const* keys[] = {"connect_timeout", "dbname", nullptr};
    char const* values[] = {timeout.c_str(), conninfo.c_str(), nullptr};
    PGconn* c = PQconnectdbParams(keys + (set_timeout ? 0 : 1), values + (set_timeout ? 0 : 1), 1);
    if (c == nullptr) detail::throw_error("08001", "libpq could not allocate a connection", {});
    if (PQstatus(c) != CONNECTION_OK || PQsetnonblocking(c, 1) != 0) {
      std::string msg = PQerrorMessage(c);
      PQfinish(c);
      detail::throw_error("08001", std::move(msg), {});
    }
    PQsetNoticeProcessor(c, [](void*, char const*) {}, nullptr);
    return c;
  }

  template <class>
  friend struct detail::csv_loader;
  friend class backend::connection_base<connection>;
  template <class>
  friend class prepared;

  PGconn* c_;
  connection_options opts_;
  statement_cache cache_;
  params params_;
  result_format format_ = result_format::binary;
  detail::affected_rows changes_;
};

template <class Q>
template <class... Args>
cursor<columns_of_t<Q>> prepared<Q>::execute(Args const&... args) {
  return db_->execute(q_, args...);
}

}  // namespace egret::postgres
