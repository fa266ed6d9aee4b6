// What the PostgreSQL backend does at the edges: NUL bytes (refused before anything is sent, never cut), a 10 MB
// text value, load errors at the CSV line of the refused row, the bounded statement cache, read and connect
// timeouts, and transactions whose active() / commit() tell the server's state.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <egret/postgres/dynamic.hpp>
#include <egret/postgres/load_csv.hpp>

#include "test_db.hpp"

namespace {
namespace dyn = egret::dyn;

EGRET_TABLE(nul_users, (id, std::int64_t), (v, std::string));
EGRET_TABLE(big_text, (id, std::int64_t), (body, std::string));
EGRET_TABLE(load_keyed, (id, std::int64_t), (name, std::string), (score, std::optional<double>));
EGRET_PRIMARY_KEY(load_keyed, id);
EGRET_TABLE(tx_rows, (id, std::int64_t));
EGRET_PRIMARY_KEY(tx_rows, id);

/// One value of a query run as text (native libpq: the tests look at what the server holds).
std::string scalar(egret::postgres::connection& db, std::string const& sql) {
  PGresult* r = PQexec(db.native_handle(), sql.c_str());
  std::string v = r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "?";
  PQclear(r);
  return v;
}

template <class T>
std::int64_t count(egret::postgres::connection& db) {
  T t;
  return db.execute(t.aggregate(egret::count().template as<"n">())).first()->template get<"n">();
}

std::filesystem::path write_file(std::string const& name, std::string const& text) {
  auto d = std::filesystem::temp_directory_path() / ("egret_pg_rel_" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  std::ofstream(d / name, std::ios::binary) << text;
  return d / name;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

TEST_CASE("postgres: a text value with a NUL byte is refused before it is sent (never cut at the NUL)",
          "[postgres][nul]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("nul_users");
  db.create_table<nul_users>();
  db.insert<nul_users>(std::int64_t{1}, std::string("admin"));
  nul_users t;
  std::string const evil("admin\0 OR anything", 18);
  // Cut at the NUL, the value would be 'admin' and match the admin row: the value would change the query.
  try {
    auto rows = db.execute(t.filter(t.v == evil).select(t.id)).to_vector();
    FAIL("the NUL value was sent; rows matched: " << rows.size());
  } catch (egret::postgres::error const& e) {
    CHECK(e.sqlstate() == "22021");
    CHECK_THAT(e.message(), Catch::Contains("parameter $1") && Catch::Contains("PostgreSQL text cannot contain NUL"));
  }
  CHECK_THROWS_WITH(db.insert<nul_users>(std::int64_t{2}, evil), Catch::Contains("parameter $2"));
  CHECK(count<nul_users>(db) == 1);
  // The connection goes on (nothing was sent).
  CHECK(db.execute(t.filter(t.v == std::string("admin")).select(t.id)).to_vector().size() == 1);
}

TEST_CASE("postgres: a NUL in a dynamic alias or identifier is an error (not broken SQL)", "[postgres][nul][dynamic]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("nul_users");
  db.create_table<nul_users>();
  db.insert<nul_users>(std::int64_t{1}, std::string("admin"));
  nul_users t;
  // refused when the column is made, on every backend (dynamic/column.hpp), before any SQL is written
  CHECK_THROWS_WITH(dyn::as(t.id, std::string("x\0y", 3)), Catch::Contains("cannot hold a NUL byte (at offset 1)"));
  CHECK_THROWS_WITH(dyn::column(t.id).renamed(std::string("\0", 1)), Catch::Contains("cannot hold a NUL byte"));
  CHECK_THROWS_WITH(dyn::as(t.id, ""), Catch::Contains("cannot be empty"));
  // Raw SQL text with a NUL: refused as a whole, never run cut short.
  CHECK_THROWS_WITH(db.exec(std::string("DROP TABLE nul_users\0 CASCADE", 30)), Catch::Contains("NUL byte at offset 20"));
  CHECK(count<nul_users>(db) == 1);
}

TEST_CASE("postgres: load_csv refuses a NUL byte in a field with its file:line", "[postgres][nul][load_csv]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("load_keyed");
  db.create_table<load_keyed>();
  auto const file = write_file("nul.csv", std::string("id,name,score\n1,ann,1\n2,b\0b,2\n", 30));
  try {
    db.load_csv<load_keyed>(file.string());
    FAIL("loaded a NUL");
  } catch (egret::load_error const& e) {
    CHECK(e.file() == file.string());
    CHECK(e.line() == 3);
    CHECK(e.column() == 3);
    CHECK_THAT(e.reason(), Catch::Contains("NUL"));
  }
  CHECK(count<load_keyed>(db) == 0);
}

TEST_CASE("postgres: a 10 MB text value round-trips exactly", "[postgres][big]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("big_text");
  db.create_table<big_text>();
  std::string body(10 * 1024 * 1024, ' ');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + (i * 7 + i / 4099) % 26);
  db.insert<big_text>(std::int64_t{1}, body);
  big_text t;
  for (auto f : {egret::postgres::result_format::binary, egret::postgres::result_format::text}) {
    db.set_format(f);
    auto row = db.execute(t.filter(t.id == std::int64_t{1}).select(t.body)).first();
    REQUIRE(row);
    CHECK(row->get<"body">().size() == body.size());
    CHECK(row->get<"body">() == body);
  }
  db.set_format(egret::postgres::result_format::binary);
}

TEST_CASE("postgres: a row the server refuses in load_csv is a load_error at its file line and nothing is loaded",
          "[postgres][load_csv]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("load_keyed");
  db.create_table<load_keyed>();
  // Line 1 is the header; record 2 spans lines 3-4 (a quoted newline): the duplicate id 1 is on line 6.
  auto const dup = write_file("dup.csv", "id,name,score\n1,ann,1\n2,\"two\nlines\",2\n3,cy,\n1,again,4\n5,eve,5\n");
  try {
    db.load_csv<load_keyed>(dup.string());
    FAIL("loaded a duplicate key");
  } catch (egret::load_error const& e) {
    CHECK(e.file() == dup.string());
    CHECK(e.line() == 6);
    CHECK_THAT(e.reason(), Catch::Contains("duplicate key") && Catch::Contains("23505"));
    CHECK_THAT(std::string(e.what()), Catch::StartsWith(dup.string() + ":6:"));
  }
  CHECK(count<load_keyed>(db) == 0);
  // NOT NULL: the table demands a score the CSV leaves empty (read as NULL for the optional column).
  db.drop_table("load_keyed");
  db.exec("CREATE TABLE load_keyed (id BIGINT PRIMARY KEY, name TEXT NOT NULL, score DOUBLE PRECISION NOT NULL)");
  std::istringstream in("id,name,score\n1,ann,1\n2,bob,\n");
  try {
    db.load_csv<load_keyed>(in, "scores.csv");
    FAIL("loaded a NULL into a NOT NULL column");
  } catch (egret::load_error const& e) {
    CHECK(e.file() == "scores.csv");
    CHECK(e.line() == 3);
    CHECK_THAT(e.reason(), Catch::Contains("23502"));
  }
  CHECK(count<load_keyed>(db) == 0);
  // Without a header the rows are the lines.
  db.drop_table("load_keyed");
  db.create_table<load_keyed>();
  std::istringstream tbl("1|a|1|\n2|b|2|\n2|c|3|\n");
  CHECK_THROWS_WITH(db.load_csv<load_keyed>(tbl, "t.tbl", {.delimiter = '|', .trailing_delimiter = true, .has_header = false}),
                    Catch::StartsWith("t.tbl:3:"));
  CHECK(count<load_keyed>(db) == 0);
}

TEST_CASE("postgres: the statement cache keeps at most its capacity and DEALLOCATEs the rest", "[postgres][cache]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("nul_users");
  db.create_table<nul_users>();
  for (std::int64_t i = 1; i <= 3; ++i) db.insert<nul_users>(i, "u" + std::to_string(i));
  nul_users t;
  db.clear_statement_cache();
  CHECK(db.statement_cache_size() == 0);
  CHECK(scalar(db, "SELECT count(*) FROM pg_prepared_statements") == "0");
  db.set_statement_cache_capacity(4);
  // A cursor whose statement is evicted while it reads: its rows (fetched whole) and SQL stay.
  auto first = db.execute(t.select(t.id).order_by(t.id));
  std::string const first_sql(first.raw().sql());
  for (int i = 1; i < 20; ++i) {
    auto q = dyn::from(t).select(dyn::as(t.id, "c" + std::to_string(i)));
    CHECK(db.execute(q).to_vector().size() == 3);
    CHECK(db.statement_cache_size() <= 4);
  }
  CHECK(db.statement_cache_size() == 4);
  CHECK(scalar(db, "SELECT count(*) FROM pg_prepared_statements") == "4");
  CHECK(first.raw().sql() == first_sql);
  std::vector<std::int64_t> ids;
  for (auto const& r : first) ids.push_back(r.get<"id">());
  CHECK(ids == std::vector<std::int64_t>{1, 2, 3});
  // The most recently used stays: run c19 again, then 3 new ones; c19 is still cached (no new prepare).
  auto again = [&] { return db.execute(dyn::from(t).select(dyn::as(t.id, "c19"))).to_vector().size(); };
  CHECK(again() == 3);
  for (int i = 20; i < 23; ++i) (void)db.execute(dyn::from(t).select(dyn::as(t.id, "c" + std::to_string(i)))).to_vector();
  CHECK(scalar(db, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%\"c19\"%'") == "1");
  db.set_statement_cache_capacity(2);
  CHECK(db.statement_cache_size() == 2);
  CHECK(scalar(db, "SELECT count(*) FROM pg_prepared_statements") == "2");
  db.clear_statement_cache();
  CHECK(db.statement_cache_size() == 0);
  CHECK(scalar(db, "SELECT count(*) FROM pg_prepared_statements") == "0");
  db.set_statement_cache_capacity(egret::postgres::statement_cache::default_capacity);
  CHECK(count<nul_users>(db) == 3);  // static queries are cached alike
  CHECK(db.statement_cache_size() == 1);
  CHECK(count<nul_users>(db) == 3);  // found again by the address of its text
  CHECK(db.statement_cache_size() == 1);
}

TEST_CASE("postgres: a statement the server does not answer within read_timeout is an error",
          "[postgres][timeout]") {
  egret::postgres::connection db(egret_test::postgres_conninfo(), {.connect_timeout = std::chrono::seconds(5),
                                                                   .read_timeout = std::chrono::seconds(1)});
  CHECK(db.options().read_timeout == std::chrono::seconds(1));
  auto const t0 = std::chrono::steady_clock::now();
  try {
    db.exec("SELECT pg_sleep(20)");
    FAIL("pg_sleep(20) returned under a 1 s read timeout");
  } catch (egret::postgres::error const& e) {
    CHECK(e.sqlstate() == "08006");
    CHECK_THAT(e.message(), Catch::Contains("timed out after 1 s"));
  }
  CHECK(seconds_since(t0) < 15.0);  // generous: the server would answer after 20 s
  // The connection is closed: the next statement fails at once instead of waiting again.
  CHECK_THROWS_AS(db.exec("SELECT 1"), egret::postgres::error);
  CHECK(PQstatus(db.native_handle()) == CONNECTION_BAD);
  // The default is 60 s, and a fresh connection works.
  egret::postgres::connection other(egret_test::postgres_conninfo());
  CHECK(other.options().read_timeout == std::chrono::seconds(60));
  CHECK(other.options().connect_timeout == std::chrono::seconds(10));
  other.exec("SELECT 1");
}

TEST_CASE("postgres: connecting to a server that never answers fails within connect_timeout",
          "[postgres][timeout]") {
  // A listening socket nobody accepts on: the kernel completes the TCP handshake, no startup reply ever comes.
  int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  std::string const conninfo = "host=127.0.0.1 port=" + std::to_string(ntohs(a.sin_port)) + " user=x dbname=x";
  auto const t0 = std::chrono::steady_clock::now();
  try {
    egret::postgres::connection db(conninfo, {.connect_timeout = std::chrono::seconds(2)});
    FAIL("connected to a socket that never answers");
  } catch (egret::postgres::error const& e) {
    CHECK(e.sqlstate() == "08001");
    CHECK_THAT(e.message(), Catch::Contains("timeout"));
  }
  CHECK(seconds_since(t0) < 20.0);
  ::close(fd);
}

TEST_CASE("postgres: transaction active() and commit() tell the server's state", "[postgres][transaction]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("tx_rows");
  db.create_table<tx_rows>();
  db.insert<tx_rows>(std::int64_t{1});
  SECTION("a failed statement aborts the transaction: aborted(), commit() throws 25P02") {
    auto tx = db.transaction();
    db.insert<tx_rows>(std::int64_t{2});
    CHECK_THROWS_AS(db.insert<tx_rows>(std::int64_t{1}), egret::postgres::constraint_error);
    CHECK(tx.active());
    CHECK(tx.aborted());
    try {
      tx.commit();
      FAIL("committed an aborted transaction");
    } catch (egret::postgres::error const& e) {
      CHECK(e.sqlstate() == "25P02");
    }
    CHECK_FALSE(tx.active());
  }
  SECTION("a failure inside a savepoint: the savepoint is aborted, the outer goes on") {
    auto tx = db.transaction();
    db.insert<tx_rows>(std::int64_t{2});
    {
      auto inner = db.transaction();
      CHECK_THROWS(db.insert<tx_rows>(std::int64_t{1}));
      CHECK(inner.aborted());
      CHECK(tx.aborted());  // the server's state: until the savepoint rolls back
    }
    CHECK_FALSE(tx.aborted());
    tx.commit();
    CHECK(count<tx_rows>(db) == 2);
  }
  SECTION("ended by SQL text: not active, and commit() says it did nothing") {
    auto tx = db.transaction();
    db.insert<tx_rows>(std::int64_t{2});
    db.exec("ROLLBACK");
    CHECK_FALSE(tx.active());
    CHECK_THROWS_WITH(tx.commit(), Catch::Contains("no transaction open"));
    CHECK(count<tx_rows>(db) == 1);
  }
  SECTION("the server ends the session: not active, commit() throws, nothing committed") {
    egret::postgres::connection victim(egret_test::postgres_conninfo());
    victim.exec("SET search_path TO \"" + egret_test::postgres_schema() + "\"");
    auto tx = victim.transaction();
    victim.insert<tx_rows>(std::int64_t{2});
    std::string const pid = scalar(victim, "SELECT pg_backend_pid()");
    CHECK(scalar(db, "SELECT pg_terminate_backend(" + pid + ")") == "t");
    CHECK_THROWS_AS(victim.insert<tx_rows>(std::int64_t{3}), egret::postgres::error);
    CHECK_FALSE(tx.active());
    CHECK_THROWS_AS(tx.commit(), egret::postgres::error);
    CHECK(count<tx_rows>(db) == 1);
  }
}
