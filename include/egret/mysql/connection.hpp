// Defines egret::mysql::connection: a MySQL / MariaDB server connection (MariaDB Connector/C) that runs typed
// queries as server-side prepared statements, caches them by their compile-time SQL, and creates and loads
// tables. The same API as egret::sqlite::connection.
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
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
#include <egret/dialect/mysql.hpp>
#include <egret/relation/contract.hpp>
#include <egret/render/bind.hpp>
#include <egret/render/ddl.hpp>
#include <egret/render/to_sql.hpp>
#include <egret/render/writer.hpp>
#include <egret/mysql/cursor.hpp>
#include <egret/mysql/handle.hpp>
#include <egret/mysql/statement.hpp>
#include <egret/mysql/statement_cache.hpp>
#include <egret/mysql/transaction.hpp>

namespace egret::mysql {

/// The dialect the backend renders for: MariaDB (10.6 or newer). Against a MySQL 8 server everything but
/// RETURNING works alike (see docs/mysql.md).
using dialect_type = egret::dialect::mariadb;

namespace detail {
/// `name` as an identifier of dialect D: in backticks, a backtick inside doubled.
using backend::quoted;

/// The code of connection::load_csv for table T, defined in <egret/mysql/load_csv.hpp>.
template <class T>
struct csv_loader;
}  // namespace detail

/// A query prepared once and executed many times: `auto st = db.prepare(q); st.execute(42)`.
template <class Q>
class prepared {
 public:
  prepared(MYSQL* db, Q const& q) : q_(q), s_(db, to_sql<dialect_type>(q)) {}

  /// Binds args to the query's param<>s (in order of first appearance), runs it, returns its rows.
  template <class... Args>
  cursor<columns_of_t<Q>> execute(Args const&... args) {
    s_.free_result();
    if (egret::detail::check_and_bind<dialect_type>(s_, q_, args...)) s_.execute();
    return cursor<columns_of_t<Q>>(s_);
  }

 private:
  Q q_;
  statement s_;
};

class connection : public backend::connection_base<connection> {
 public:
  /// The dialect this backend renders queries for.
  using dialect_type = mysql::dialect_type;
  static constexpr backend::target_syntax target{"mysql", "CONNINFO"};  // --target mysql:CONNINFO
  using connection_base::execute;      // and execute(dyn_q)
  using connection_base::insert_from;  // and insert_from<T>(dyn_q)

  /// Connects with a connection string: `host=127.0.0.1 port=3306 user=root password=pw database=shop`, or
  /// `socket=/run/mysqld/mysqld.sock user=me database=shop` (see egret::mysql::conninfo). The session uses
  /// utf8mb4 with the binary collation (text compares case-sensitively, as on SQLite and PostgreSQL), UTC, and
  /// 30 decimal digits for the quotients of AVG over integers.
  /// Every wait for the server is bounded by `opts` (connect 10 s, read and write 60 s by default).
  explicit connection(std::string const& conninfo, connection_options opts = {})
      : h_(handle::connect(conninfo::parse(conninfo), opts)), opts_(opts) {
    h_.exec("SET NAMES utf8mb4 COLLATE utf8mb4_nopad_bin; SET time_zone = '+00:00'; SET div_precision_increment = 30");
  }

  /// The timeouts the connection was opened with.
  connection_options const& options() const noexcept { return opts_; }

  MYSQL* native_handle() const noexcept { return h_.get(); }

  /// Runs SQL text as is (one or more statements; results are discarded).
  void exec(std::string_view sql) { h_.exec(sql); }

  /// Runs q with args bound to its param<>s and returns its rows. The statement is prepared once per
  /// connection and found again by the address of q's compile-time SQL. The rows are stored on the client at
  /// execution: other statements may run while the cursor is open. One cursor per query at a time.
  template <query Q, class... Args>
  cursor<columns_of_t<Q>> execute(Q const& q, Args const&... args) {
    statement& s = cache_.get(h_.get(), to_sql<dialect_type>(q));
    if (egret::detail::check_and_bind<dialect_type>(s, q, args...)) {
      s.execute();
      changes_ = s.affected_rows();
    }
    return cursor<columns_of_t<Q>>(s);
  }

  /// Runs a statement that returns no rows (insert_into / update / delete_from without returning(), a
  /// raw_query without out<> columns); returns the number of rows it inserted, updated (matched) or deleted.
  template <query Q, class... Args>
  std::int64_t run(Q const& q, Args const&... args) {
    static_assert(columns_of_t<Q>::size == 0,
                  "egret: run() is for statements without result rows; use execute() for a query or a statement "
                  "with returning(), and read its rows");
    statement& s = cache_.get(h_.get(), to_sql<dialect_type>(q));
    if (egret::detail::check_and_bind<dialect_type>(s, q, args...)) {
      s.execute();
      s.free_result();
      changes_ = s.affected_rows();
    }
    return changes_;
  }

  /// A statement of its own for q, outside the cache.
  template <query Q>
  prepared<Q> prepare(Q const& q) {
    return prepared<Q>(h_.get(), q);
  }

  // ---- queries built at run time (egret::dyn; defined in <egret/mysql/dynamic.hpp>) ----

  /// Creates table T and fills it from the dynamic query q; on failure the table is dropped again.
  template <class T, class Q>
    requires requires { Q::is_dynamic_query; }
  void create_table_from(Q const& q) {
    create_and_fill<T>([&] { insert_dynamic<T>(*this, q); });
  }
  /// The cached statement for SQL text built at run time, prepared on first use.
  statement& dynamic_statement(std::string_view sql) { return cache_.get_dynamic(h_.get(), sql); }

  // ---- DDL and DML ----

  /// `CREATE TABLE` for table type T: egret::create_table_sql<dialect_type, T>() (column types from
  /// dialect_type::type_name, NOT NULL, its EGRET_PRIMARY_KEY, a TEXT key column as VARCHAR(255)), utf8mb4 with
  /// the binary collation.
  template <class T>
  void create_table() {
    exec(std::string(egret::create_table_sql<dialect_type, T>()) + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
  }

  /// `INSERT INTO T (columns...) <q>`: q's columns must match T's (checked at compile time).
  template <class T, relation Q, class... Args>
  void insert_from(Q const& q, Args const&... args) {
    egret::detail::require_contract<Q, T>();
    statement& s = cache_.get(h_.get(), backend::insert_from_sql<dialect_type, T, Q>());
    if (egret::detail::check_and_bind<dialect_type>(s, q, args...)) {
      s.execute();
      changes_ = s.affected_rows();
    }
  }

  /// Creates table T (typed, with NOT NULL) and fills it from q, in a transaction: on failure the rows are
  /// rolled back and the table dropped (CREATE TABLE commits implicitly on these engines).
  template <class T, relation Q, class... Args>
  void create_table_from(Q const& q, Args const&... args) {
    create_and_fill<T>([&] { insert_from<T>(q, args...); });
  }

  /// `INSERT INTO T VALUES (...)`: one value per column of T, in declaration order, each checked against its
  /// column's type at compile time.
  template <class T, class... Vs>
  void insert(Vs const&... vs) {
    backend::check_insert_values<T, Vs...>();
    statement& s = cache_.get(h_.get(), insert_sql<dialect_type, T>());
    int i = 0;
    (s.bind(++i, vs), ...);
    s.execute();
    changes_ = s.affected_rows();
  }

  /// `INSERT INTO T VALUES (...)` from a struct S (T is `adopt_table<S, "name">`): one member per column.
  template <class T, class S>
  void insert_struct(S const& row) {
    static_assert(std::is_same_v<typename T::egret_struct, S>, "egret: insert_struct<T>() needs the struct T adopts");
    statement& s = cache_.get(h_.get(), insert_sql<dialect_type, T>());
    int i = 0;
    boost::hana::for_each(boost::hana::accessors<S>(), [&](auto pair) { s.bind(++i, boost::hana::second(pair)(row)); });
    s.execute();
    changes_ = s.affected_rows();
  }

  /// Number of rows the last statement run through egret inserted, updated (matched) or deleted.
  std::int64_t changes() const { return changes_; }

  /// Begins a transaction, rolled back unless committed: `auto tx = db.transaction(); ...; tx.commit();`.
  /// Inside one, a savepoint: nested transactions commit into the enclosing one or roll back alone.
  mysql::transaction transaction() { return mysql::transaction(h_.get(), depth_); }

  // ---- the statement cache ----

  /// The most prepared statements the connection keeps (default 256): past it, the least recently used one is
  /// closed (mysql_stmt_close), unless a live cursor still reads it (then it stays until the cursor ends and a
  /// later statement evicts it). SQL built at run time would otherwise grow the cache without end.
  void set_statement_cache_capacity(std::size_t n) { cache_.set_capacity(n); }
  /// Closes every cached statement no cursor reads.
  void clear_statement_cache() { cache_.clear(); }
  /// The number of statements prepared on the server and cached.
  std::size_t statement_cache_size() const noexcept { return cache_.size(); }

  // ---- CSV loading (defined in <egret/mysql/load_csv.hpp>, which a program calling these includes) ----

  /// load_csv<T>(file), load_csv<T>(stream, name) (backend::connection_base) load a CSV file
  /// into table T (which must exist) in one transaction: the header must name T's columns
  /// in order; every field is parsed as its column's type; rows are inserted in batches (multi-row INSERT).
  /// On bad input, or a row the server refuses (a duplicate key, a NULL for a NOT NULL column: the batch is
  /// inserted again row by row to find it), throws egret::load_error (file, line, column, reason) and the table
  /// is left as it was. Returns the number of rows loaded.
  template <class T>
  using csv_loader = detail::csv_loader<T>;

 private:
  template <class>
  friend struct detail::csv_loader;
  friend class backend::connection_base<connection>;

  template <class T>
  static constexpr bool csv_loader_included() {
    constexpr bool included = requires { sizeof(detail::csv_loader<T>); };
    static_assert(included, "egret: db.load_csv() needs #include <egret/mysql/load_csv.hpp>");
    return included;
  }

  template <class T, class Fill>
  void create_and_fill(Fill const& fill) {
    create_table<T>();
    try {
      auto tx = transaction();
      fill();
      tx.commit();
    } catch (...) {
      try {
        drop_table(T::egret_name.view());
      } catch (...) {  // keep the first error
      }
      throw;
    }
  }

  handle h_;
  connection_options opts_;
  statement_cache cache_;  // after h_: statements are closed before the connection
  std::int64_t changes_ = 0;
  int depth_ = 0;  // transactions open (transaction.hpp)
};

}  // namespace egret::mysql
