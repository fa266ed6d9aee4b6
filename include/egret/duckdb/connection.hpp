// Defines egret::duckdb::connection: a DuckDB database (file or ":memory:") that runs typed queries, caches their
// prepared statements by their compile-time SQL, and creates and fills tables.
#pragma once

#include <array>
#include <cstddef>
#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <memory>
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
#include <egret/duckdb/binder.hpp>
#include <egret/duckdb/cursor.hpp>
#include <egret/duckdb/handle.hpp>
#include <egret/duckdb/statement.hpp>
#include <egret/duckdb/statement_cache.hpp>
#include <egret/duckdb/transaction.hpp>
#include <egret/relation/contract.hpp>
#include <egret/render/ddl.hpp>
#include <egret/render/inline_sql.hpp>
#include <egret/render/to_sql.hpp>

namespace egret::duckdb {

namespace detail {
/// The code of connection::load_csv for table T, defined in <egret/duckdb/load_csv.hpp>.
template <class T>
struct csv_loader;
}  // namespace detail

/// A query prepared once and executed many times: `auto st = db.prepare(q); st.execute(42)`.
template <class Q>
class prepared {
 public:
  prepared(duckdb_connection con, Q const& q) : q_(q), s_(con, to_sql<dialect_type>(q)) {}

  /// Binds args to the query's param<>s (in order of first appearance) and runs it.
  template <class... Args>
  cursor<columns_of_t<Q>> execute(Args const&... args) {
    detail::check_and_bind<dialect_type>(s_, q_, args...);
    return cursor<columns_of_t<Q>>(s_.execute());
  }

  statement& raw() noexcept { return s_; }

 private:
  Q q_;
  statement s_;
};

class connection : public backend::connection_base<connection> {
 public:
  /// The dialect this backend renders queries for.
  using dialect_type = duckdb::dialect_type;
  static constexpr backend::target_syntax target{"duckdb", "PATH"};  // --target duckdb:PATH
  using connection_base::execute;      // and execute(dyn_q)
  using connection_base::insert_from;  // and insert_from<T>(dyn_q)
  /// One process opens a DuckDB file once (a second duckdb_open of it fails on the file's lock): a pipeline runs
  /// its nodes one at a time on this connection (each query already runs on every core).
  static constexpr bool opens_database_once = true;

  /// Opens (creating if needed) the DuckDB database file at `path`; ":memory:" for a private in-memory one.
  explicit connection(std::string const& path) : h_(handle::open(path)) {}

  connection(connection&&) noexcept = default;
  /// Closes this connection's statements, then its database, before taking `o`'s.
  connection& operator=(connection&& o) noexcept {
    if (this != &o) {
      cache_.clear();
      h_ = std::move(o.h_);
      cache_ = std::move(o.cache_);
      in_transaction_ = std::move(o.in_transaction_);
    }
    return *this;
  }
  connection(connection const&) = delete;
  connection& operator=(connection const&) = delete;

  duckdb_connection native_handle() const noexcept { return h_.get(); }

  /// Runs SQL text as is (one or more statements, no results). For DDL the DSL does not cover.
  void exec(std::string_view sql) { h_.exec(sql); }

  /// Runs q with args bound to its param<>s and returns its rows. The statement is prepared once per connection
  /// and found again by the address of q's compile-time SQL. The query runs here (DuckDB materializes its result),
  /// so a statement with returning() has made its changes whether or not its rows are read.
  template <query Q, class... Args>
  cursor<columns_of_t<Q>> execute(Q const& q, Args const&... args) {
    statement& s = cache_.get(h_.get(), to_sql<dialect_type>(q));
    detail::check_and_bind<dialect_type>(s, q, args...);
    return cursor<columns_of_t<Q>>(s.execute());
  }

  /// Runs a statement that returns no rows (insert_into / update / delete_from without returning(), a raw_query
  /// without out<> columns) with args bound to its param<>s; returns the number of rows it changed.
  template <query Q, class... Args>
  std::int64_t run(Q const& q, Args const&... args) {
    static_assert(columns_of_t<Q>::size == 0,
                  "egret: run() is for statements without result rows; use execute() for a query or a statement "
                  "with returning(), and read its rows");
    statement& s = cache_.get(h_.get(), to_sql<dialect_type>(q));
    detail::check_and_bind<dialect_type>(s, q, args...);
    return s.execute().rows_changed();
  }

  /// A statement of its own for q, outside the cache.
  template <query Q>
  prepared<Q> prepare(Q const& q) {
    return prepared<Q>(h_.get(), q);
  }

  // ---- queries built at run time (egret::dyn; defined in <egret/duckdb/dynamic.hpp>) ----

  /// Creates table T and fills it from the dynamic query q, in one transaction (inside the caller's, if one of
  /// this connection's is active): on failure the database is left as it was.
  template <class T, class Q>
    requires requires { Q::is_dynamic_query; }
  void create_table_from(Q const& q) {
    std::optional<duckdb::transaction> tx;
    if (!*in_transaction_) tx.emplace(h_.get(), in_transaction_.get());
    create_table<T>();
    insert_dynamic<T>(*this, q);
    if (tx) tx->commit();
  }

  /// The cached statement for SQL text built at run time, prepared on first use.
  statement& dynamic_statement(std::string_view sql) { return cache_.get_dynamic(h_.get(), sql); }
  /// Bounds the statements cached for SQL text built at run time (default 256, at least 1).
  void set_statement_cache_capacity(std::size_t n) { cache_.set_dynamic_capacity(n); }
  /// Finalizes every cached statement; each is prepared again on its next use.
  void clear_statement_cache() noexcept { cache_.clear(); }
  std::size_t statement_cache_size() const noexcept { return cache_.dynamic_size(); }

  // ---- DDL and DML ----

  /// `CREATE TABLE` for table type T, with its columns' types, NOT NULL and its EGRET_PRIMARY_KEY.
  template <class T>
  void create_table() {
    exec(create_table_sql<dialect_type, T>());
  }

  /// `INSERT INTO T (columns...) <q>`: q's columns must match T's (checked at compile time). Returns the rows
  /// inserted.
  template <class T, relation Q, class... Args>
  std::int64_t insert_from(Q const& q, Args const&... args) {
    egret::detail::require_contract<Q, T>();
    statement& s = cache_.get(h_.get(), backend::insert_from_sql<dialect_type, T, Q>());
    detail::check_and_bind<dialect_type>(s, q, args...);
    return s.execute().rows_changed();
  }

  /// Creates table T and fills it from q, in one transaction (inside the caller's, if one of this connection's
  /// is active): on failure the database is left as it was.
  template <class T, relation Q, class... Args>
  void create_table_from(Q const& q, Args const&... args) {
    std::optional<duckdb::transaction> tx;
    if (!*in_transaction_) tx.emplace(h_.get(), in_transaction_.get());
    create_table<T>();
    insert_from<T>(q, args...);
    if (tx) tx->commit();
  }

  /// `INSERT INTO T VALUES (...)`: one value per column of T, in declaration order, each checked against its
  /// column's type at compile time.
  template <class T, class... Vs>
  void insert(Vs const&... vs) {
    backend::check_insert_values<T, Vs...>();
    statement& s = cache_.get(h_.get(), insert_sql<dialect_type, T>());
    int i = 0;
    (s.bind(++i, vs), ...);
    (void)s.execute();
  }

  /// `INSERT INTO T VALUES (...)` from a struct S (T is `adopt_table<S, "name">`): one member per column.
  template <class T, class S>
  void insert_struct(S const& row) {
    static_assert(std::is_same_v<typename T::egret_struct, S>, "egret: insert_struct<T>() needs the struct T adopts");
    statement& s = cache_.get(h_.get(), insert_sql<dialect_type, T>());
    int i = 0;
    boost::hana::for_each(boost::hana::accessors<S>(), [&](auto pair) { s.bind(++i, boost::hana::second(pair)(row)); });
    (void)s.execute();
  }

  /// Begins a transaction, rolled back unless committed: `auto tx = db.transaction(); ...; tx.commit();`
  /// Throws egret::error while another transaction() of this connection is active: DuckDB has no savepoints, and
  /// a BEGIN inside a transaction would abort the one open.
  duckdb::transaction transaction() {
    if (*in_transaction_)
      throw egret::error("egret::duckdb::connection::transaction: a transaction is already active on this connection "
                         "(DuckDB has no nested transactions or savepoints)");
    return duckdb::transaction(h_.get(), in_transaction_.get());
  }
  /// Whether a transaction() of this connection is active (SQL run through exec() is not seen).
  bool in_transaction() const noexcept { return *in_transaction_; }

  // ---- CSV loading (defined in <egret/duckdb/load_csv.hpp>, which a program calling these includes) ----

  /// load_csv<T>(file), load_csv<T>(stream, name) (backend::connection_base) load a CSV file
  /// into table T (which must exist) through DuckDB's appender, in one transaction (inside the
  /// caller's when one is active): the header must name T's columns in order; every field is parsed as its
  /// column's type. On bad input throws egret::load_error (file, line, column, reason) and the table is left as it
  /// was. Returns the number of rows loaded.
  template <class T>
  using csv_loader = detail::csv_loader<T>;

 private:
  template <class>
  friend struct detail::csv_loader;
  friend class backend::connection_base<connection>;

  template <class T>
  static constexpr bool csv_loader_included() {
    constexpr bool included = requires { sizeof(detail::csv_loader<T>); };
    static_assert(included, "egret: db.load_csv() needs #include <egret/duckdb/load_csv.hpp>");
    return included;
  }

  handle h_;
  statement_cache cache_;  // after h_: statements are destroyed before the connection closes
  std::unique_ptr<bool> in_transaction_ = std::make_unique<bool>(false);  // at a fixed address, for transaction
};

}  // namespace egret::duckdb
