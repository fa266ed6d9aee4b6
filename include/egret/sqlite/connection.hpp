// Defines egret::sqlite::connection: a SQLite database (file or ":memory:") that runs typed queries,
// caches their prepared statements by their compile-time SQL, and creates and loads tables.
#pragma once

#include <array>
#include <cstddef>
#include <concepts>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/hana/for_each.hpp>

#include <egret/backend/connection_base.hpp>
#include <egret/csv/options.hpp>
#include <egret/relation/contract.hpp>
#include <egret/render/ddl.hpp>
#include <egret/render/to_sql.hpp>
#include <egret/sqlite/binder.hpp>
#include <egret/sqlite/cursor.hpp>
#include <egret/sqlite/functions.hpp>
#include <egret/sqlite/handle.hpp>
#include <egret/sqlite/statement_cache.hpp>
#include <egret/sqlite/transaction.hpp>

namespace egret::sqlite {

namespace detail {
/// The code of connection::load_csv for table T, defined in <egret/sqlite/load_csv.hpp>.
template <class T>
struct csv_loader;
struct table_loader;

}  // namespace detail

/// A query prepared once and executed many times: `auto st = db.prepare(q); st.execute(42)`.
template <class Q>
class prepared {
 public:
  prepared(sqlite3* db, Q const& q) : q_(q), s_(db, to_sql<dialect_type>(q)) {}

  /// Binds args to the query's param<>s (in order of first appearance) and runs it.
  template <class... Args>
  cursor<columns_of_t<Q>> execute(Args const&... args) {
    if (s_.stepped()) s_.reset();
    if constexpr (detail::renders<dialect_type, Q> && detail::require_param_types<dialect_type, Q, Args...>())
      detail::bind_query<dialect_type>(s_, q_, args...);
    return cursor<columns_of_t<Q>>(s_);
  }

 private:
  Q q_;
  statement s_;
};

class connection : public backend::connection_base<connection> {
 public:
  /// The dialect this backend renders queries for.
  using dialect_type = sqlite::dialect_type;
  static constexpr backend::target_syntax target{"sqlite", "PATH"};  // --target sqlite:PATH
  using connection_base::execute;      // and execute(dyn_q)
  using connection_base::insert_from;  // and insert_from<T>(dyn_q)

  /// Opens (creating if needed) the database at `path`; ":memory:" for a private in-memory one.
  /// Registers egret's own functions when the program includes <egret/sqlite/regex.hpp> (regexp, behind
  /// re_search() and friends).
  /// `open_flags` are sqlite3_open_v2's: SQLITE_OPEN_READONLY for a connection that cannot write (also as
  /// root, whom file permissions do not stop), SQLITE_OPEN_URI to accept "file:...?mode=ro" URIs.
  /// A connection is for one thread at a time (its statement cache takes no lock), so unless the flags say
  /// SQLITE_OPEN_FULLMUTEX it is opened with SQLITE_OPEN_NOMUTEX: SQLite then takes no mutex on each call
  /// (~40 instructions per call saved; several connections may still be used in several threads at once).
  explicit connection(std::string const& path, int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
      : h_(handle::open(path, (open_flags & SQLITE_OPEN_FULLMUTEX) != 0 ? open_flags : open_flags | SQLITE_OPEN_NOMUTEX)) {
    for (auto hook : detail::open_hooks()) hook(h_.get());
  }

  sqlite3* native_handle() const noexcept { return h_.get(); }

  /// Runs SQL text as is (one or more statements, no results). For DDL the DSL does not cover.
  void exec(std::string_view sql) { h_.exec(sql); }

  // ---- user-defined functions (sqlite/functions.hpp) ----

  /// Registers f as the code of the scalar udf u: `db.create_function(slugify, [](std::string const& s) {...})`.
  /// f takes the signature's parameters (optionally after a function_context&) and returns its result type;
  /// checked at compile time. Replaces an earlier function of the same name and arity.
  template <fixed_string Name, class Signature, class F>
  void create_function(function_ref<Name, Signature, false> const& u, F&& f, function_options options = {}) {
    egret::sqlite::create_function(h_.get(), u, std::forward<F>(f), options);
  }

  /// Registers the aggregate u: `db.create_aggregate<std::vector<double>>(median, step, final)`, where
  /// `step(State&, args...)` runs per row and `final(State&)` gives the result (see sqlite/functions.hpp).
  template <class State, fixed_string Name, class Signature, class Step, class Final>
  void create_aggregate(function_ref<Name, Signature, true> const& u, Step&& step, Final&& finish,
                        function_options options = {}) {
    egret::sqlite::create_aggregate<State>(h_.get(), u, std::forward<Step>(step), std::forward<Final>(finish), options);
  }

  /// Runs q with args bound to its param<>s and returns its rows. The statement is prepared once per
  /// connection and found again by the address of q's compile-time SQL: calling execute in a loop costs
  /// what a hand-reused prepared statement costs. One cursor per query at a time.
  /// A statement with returning() (INSERT / UPDATE / DELETE) takes its first step here, so its changes
  /// are made whether or not its rows are read; the rows are read as from any cursor.
  template <query Q, class... Args>
  cursor<columns_of_t<Q>> execute(Q const& q, Args const&... args) {
    statement& s = cache_.get(h_.get(), to_sql<dialect_type>(q));
    if constexpr (detail::renders<dialect_type, Q> && detail::require_param_types<dialect_type, Q, Args...>())
      detail::bind_query<dialect_type>(s, q, args...);
    if constexpr (requires { typename Q::table; Q::is_statement; })
      return cursor<columns_of_t<Q>>(s, typename cursor<columns_of_t<Q>>::step_now_t{});
    else
      return cursor<columns_of_t<Q>>(s);
  }

  /// Runs a statement that returns no rows (insert_into / update / delete_from without returning(), a
  /// raw_query without out<> columns) with args bound to its param<>s; returns the number of rows it
  /// inserted, updated or deleted. The statement is cached like execute()'s.
  template <query Q, class... Args>
  std::int64_t run(Q const& q, Args const&... args) {
    static_assert(columns_of_t<Q>::size == 0,
                  "egret: run() is for statements without result rows; use execute() for a query or a statement "
                  "with returning(), and read its rows");
    statement& s = cache_.get(h_.get(), to_sql<dialect_type>(q));
    reset_guard g{s};
    if constexpr (detail::renders<dialect_type, Q> && detail::require_param_types<dialect_type, Q, Args...>())
      detail::bind_query<dialect_type>(s, q, args...);
    while (s.step()) {
    }
    return changes();
  }

  // ---- queries built at run time (egret::dyn; defined in egret/sqlite/dynamic.hpp) ----

  /// Creates table T and fills it from the dynamic query q, in one transaction.
  template <class T, class Q>
    requires requires { Q::is_dynamic_query; }
  void create_table_from(Q const& q) {
    sqlite::savepoint sp(h_.get());
    create_table<T>();
    insert_dynamic<T>(*this, q);
    sp.commit();
  }
  /// The cached statement for SQL text built at run time (reset, ready to bind), prepared on first use. The
  /// reference stays valid until the statement is evicted (see set_statement_cache_capacity) or cleared.
  statement& dynamic_statement(std::string_view sql) { return cache_.get_dynamic(h_.get(), sql); }

  // ---- the statement cache ----

  /// Bounds the statements cached for SQL text built at run time (egret::dyn queries, dynamic_statement()):
  /// beyond `n` (default 256, at least 1), the least recently used are finalized, now and as new texts come.
  /// A statement a live cursor reads is kept until the cursor ends. Statements of compile-time queries, one
  /// per query type of the program, are not bounded (nor counted).
  void set_statement_cache_capacity(std::size_t n) noexcept { cache_.set_dynamic_capacity(n); }
  /// Finalizes every cached statement (compile-time and run-time queries) except those live cursors read;
  /// each is prepared again on its next use.
  void clear_statement_cache() noexcept { cache_.clear_idle(); }
  /// How many statements of run-time SQL are cached: what set_statement_cache_capacity bounds.
  std::size_t statement_cache_size() const noexcept { return cache_.dynamic_size(); }

  /// A statement of its own for q, outside the cache.
  template <query Q>
  prepared<Q> prepare(Q const& q) {
    return prepared<Q>(h_.get(), q);
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
    statement& s = cache_.get(h_.get(), backend::insert_from_sql<dialect_type, T, Q>());
    reset_guard g{s};
    detail::bind_query<dialect_type>(s, q, args...);
    while (s.step()) {
    }
  }

  /// Creates table T (typed, with NOT NULL) and fills it from q, in one transaction: on failure the
  /// database is left as it was.
  template <class T, relation Q, class... Args>
  void create_table_from(Q const& q, Args const&... args) {
    sqlite::savepoint sp(h_.get());
    create_table<T>();
    insert_from<T>(q, args...);
    sp.commit();
  }

  /// `INSERT INTO T VALUES (...)`: one value per column of T, in declaration order, each checked
  /// against its column's type at compile time.
  template <class T, class... Vs>
  void insert(Vs const&... vs) {
    backend::check_insert_values<T, Vs...>();
    statement& s = cache_.get(h_.get(), insert_sql<dialect_type, T>());
    reset_guard g{s};
    int i = 0;
    (s.bind(++i, vs), ...);
    s.step();
  }

  /// `INSERT INTO T VALUES (...)` from a struct S (T is `adopt_table<S, "name">`): one member per column.
  template <class T, class S>
  void insert_struct(S const& row) {
    static_assert(std::is_same_v<typename T::egret_struct, S>, "egret: insert_struct<T>() needs the struct T adopts");
    statement& s = cache_.get(h_.get(), insert_sql<dialect_type, T>());
    reset_guard g{s};
    int i = 0;
    boost::hana::for_each(boost::hana::accessors<S>(), [&](auto pair) { s.bind(++i, boost::hana::second(pair)(row)); });
    s.step();
  }

  /// Number of rows the last INSERT, UPDATE or DELETE changed.
  std::int64_t changes() const { return sqlite3_changes64(h_.get()); }

  /// Begins a transaction, rolled back unless committed: `auto tx = db.transaction(); ...; tx.commit();`
  sqlite::transaction transaction(begin_mode mode = begin_mode::deferred) {
    return sqlite::transaction(h_.get(), mode);
  }
  /// Readies this connection to write beside other connections to the same file (a pipeline's --threads):
  /// waits up to 60 s for their locks (busy_timeout) and journals in WAL mode, so that readers do not block the
  /// writer.
  void prepare_for_concurrent_writers() {
    exec("PRAGMA busy_timeout = 60000");
    exec("PRAGMA journal_mode = WAL");
  }
  /// A savepoint, rolled back unless committed, which nests: inside a transaction (or another savepoint) it
  /// commits into it or rolls back alone; outside any, it starts a transaction. `auto sp = db.savepoint();`
  sqlite::savepoint savepoint() { return sqlite::savepoint(h_.get()); }
  /// A transaction that will write: BEGIN IMMEDIATE, so that with other connections writing to the same file
  /// it waits for their lock (the busy timeout) instead of failing when it first writes after reading.
  sqlite::transaction write_transaction() { return transaction(begin_mode::immediate); }

  // ---- CSV loading (defined in <egret/sqlite/load_csv.hpp>, which a program calling these includes) ----

  /// load_csv<T>(file), load_csv<T>(stream, name) (backend::connection_base) load a CSV file
  /// into table T (which must exist) in one transaction: the header must name T's
  /// columns in order; every field is parsed as its column's type. On bad input, including a record the
  /// table refuses (a duplicate key, a NOT NULL or CHECK failure), throws egret::load_error (file, line,
  /// column, reason) and the table is left as it was; so it is when the database fails (SQLITE_BUSY,
  /// SQLITE_FULL: egret::sqlite::error). Returns the number of rows loaded.
  /// `file` may be a std::filesystem::path (it converts to std::string on POSIX).
  template <class T>
  using csv_loader = detail::csv_loader<T>;

 private:
  template <class>
  friend struct detail::csv_loader;
  friend class backend::connection_base<connection>;
  friend struct detail::table_loader;

  // The CSV reader and parsers cost every program that includes the backend ~10 MiB of compiler memory, so
  // they are opt-in: load_csv() asks for their header when it was not included.
  template <class T>
  static constexpr bool csv_loader_included() {
    constexpr bool included = requires { sizeof(detail::csv_loader<T>); };
    static_assert(included, "egret: db.load_csv() needs #include <egret/sqlite/load_csv.hpp>");
    return included;
  }

  handle h_;
  statement_cache cache_;  // after h_: statements are finalized before the connection closes
};

}  // namespace egret::sqlite
