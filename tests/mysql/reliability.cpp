// What the MariaDB backend does at the edges: NUL bytes (they round-trip: values are bound with their length), a
// 10 MB text value (LONGTEXT), load errors at the CSV line of the refused row, the bounded statement cache (a
// statement a live cursor reads is never closed under it), read and connect timeouts.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <egret/mysql/dynamic.hpp>
#include <egret/mysql/load_csv.hpp>

#include "test_db.hpp"

namespace {
namespace dyn = egret::dyn;

EGRET_TABLE(nul_users, (id, std::int64_t), (v, std::string));
EGRET_TABLE(big_text, (id, std::int64_t), (body, std::string));
EGRET_TABLE(load_keyed, (id, std::int64_t), (name, std::string), (score, std::optional<double>));
EGRET_PRIMARY_KEY(load_keyed, id);

/// One value of a query run as text (the C API: the tests look at what the server holds).
std::string scalar(egret::mysql::connection& db, std::string const& sql, unsigned col = 0) {
  MYSQL* m = db.native_handle();
  if (mysql_real_query(m, sql.data(), sql.size()) != 0) return "error: " + std::string(mysql_error(m));
  MYSQL_RES* r = mysql_store_result(m);
  if (r == nullptr) return "?";
  MYSQL_ROW row = mysql_fetch_row(r);
  std::string v = row && row[col] ? row[col] : "?";
  mysql_free_result(r);
  return v;
}

/// The statements this session prepared and has not closed, by the server's own counters.
long open_statements(egret::mysql::connection& db) {
  return std::stol(scalar(db, "SHOW SESSION STATUS LIKE 'Com_stmt_prepare'", 1)) -
         std::stol(scalar(db, "SHOW SESSION STATUS LIKE 'Com_stmt_close'", 1));
}

template <class T>
std::int64_t count(egret::mysql::connection& db) {
  T t;
  return db.execute(t.aggregate(egret::count().template as<"n">())).first()->template get<"n">();
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

TEST_CASE("mysql: a text value with a NUL byte round-trips whole (bound with its length)", "[mysql][nul]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("nul_users");
  db.create_table<nul_users>();
  std::string const evil("admin\0 OR anything", 18);
  db.insert<nul_users>(std::int64_t{1}, std::string("admin"));
  db.insert<nul_users>(std::int64_t{2}, evil);
  nul_users t;
  auto rows = db.execute(t.filter(t.v == evil).select(t.id, t.v)).to_vector();
  REQUIRE(rows.size() == 1);  // not the admin row: the value was not cut
  CHECK(rows[0].get<"id">() == 2);
  CHECK(rows[0].get<"v">() == evil);
  CHECK(scalar(db, "SELECT LENGTH(v) FROM nul_users WHERE id = 2") == "18");
  // Through load_csv too (a CSV field may hold the byte).
  db.drop_table("load_keyed");
  db.create_table<load_keyed>();
  std::istringstream in(std::string("id,name,score\n1,b\0b,2\n", 22));
  CHECK(db.load_csv<load_keyed>(in, "nul.csv") == 1);
  load_keyed k;
  CHECK(db.execute(k.select(k.name)).first()->get<"name">() == std::string("b\0b", 3));
}

TEST_CASE("mysql: a NUL in a dynamic alias is a clear error (not broken SQL)", "[mysql][nul][dynamic]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("nul_users");
  db.create_table<nul_users>();
  nul_users t;
  // refused when the column is made, on every backend (dynamic/column.hpp), before any SQL is written
  CHECK_THROWS_WITH(dyn::as(t.id, std::string("x\0y", 3)), Catch::Contains("cannot hold a NUL byte (at offset 1)"));
  CHECK_THROWS_WITH(dyn::column(t.id).renamed(std::string("\0", 1)), Catch::Contains("cannot hold a NUL byte"));
  CHECK_THROWS_WITH(dyn::as(t.id, ""), Catch::Contains("cannot be empty"));
  db.exec("SELECT 1");  // the connection goes on
}

TEST_CASE("mysql: a 10 MB text value round-trips exactly (LONGTEXT)", "[mysql][big]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("big_text");
  db.create_table<big_text>();
  CHECK(scalar(db, "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                   "TABLE_NAME = 'big_text' AND COLUMN_NAME = 'body'") == "longtext");
  std::string body(10 * 1024 * 1024, ' ');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + (i * 7 + i / 4099) % 26);
  db.insert<big_text>(std::int64_t{1}, body);
  big_text t;
  auto row = db.execute(t.filter(t.id == std::int64_t{1}).select(t.body)).first();
  REQUIRE(row);
  CHECK(row->get<"body">().size() == body.size());
  CHECK(row->get<"body">() == body);
}

TEST_CASE("mysql: a row the server refuses in load_csv is a load_error at its file line and nothing is loaded",
          "[mysql][load_csv]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("load_keyed");
  db.create_table<load_keyed>();
  // Line 1 is the header; record 2 spans lines 3-4 (a quoted newline): the duplicate id 1 is on line 6.
  std::istringstream dup("id,name,score\n1,ann,1\n2,\"two\nlines\",2\n3,cy,\n1,again,4\n5,eve,5\n");
  try {
    db.load_csv<load_keyed>(dup, "dup.csv");
    FAIL("loaded a duplicate key");
  } catch (egret::load_error const& e) {
    CHECK(e.file() == "dup.csv");
    CHECK(e.line() == 6);
    CHECK_THAT(e.reason(), Catch::Contains("Duplicate entry") && Catch::Contains("error 1062"));
    CHECK_THAT(std::string(e.what()), Catch::StartsWith("dup.csv:6:"));
  }
  CHECK(count<load_keyed>(db) == 0);
  // In a later batch (1000 rows each): row 2500 repeats row 7, on line 2501.
  std::string many = "id,name,score\n";
  for (int i = 1; i <= 3000; ++i) many += std::to_string(i == 2500 ? 7 : i) + ",n,1\n";
  std::istringstream big(many);
  CHECK_THROWS_WITH(db.load_csv<load_keyed>(big, "many.csv"), Catch::StartsWith("many.csv:2501:"));
  CHECK(count<load_keyed>(db) == 0);
  // NOT NULL: the table demands a score the CSV leaves empty (read as NULL for the optional column).
  db.drop_table("load_keyed");
  db.exec("CREATE TABLE load_keyed (id BIGINT PRIMARY KEY, name LONGTEXT NOT NULL, score DOUBLE NOT NULL)");
  std::istringstream in("id,name,score\n1,ann,1\n2,bob,\n");
  try {
    db.load_csv<load_keyed>(in, "scores.csv");
    FAIL("loaded a NULL into a NOT NULL column");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 3);
    CHECK_THAT(e.reason(), Catch::Contains("error 1048"));
  }
  CHECK(count<load_keyed>(db) == 0);
  // Inside a transaction: the load is a savepoint, the enclosing transaction goes on.
  {
    auto tx = db.transaction();
    std::istringstream bad("id,name,score\n1,ann,1\n1,ann,1\n");
    CHECK_THROWS_AS(db.load_csv<load_keyed>(bad, "bad.csv"), egret::load_error);
    std::istringstream good("id,name,score\n8,fay,1\n");
    CHECK(db.load_csv<load_keyed>(good, "good.csv") == 1);
    tx.commit();
  }
  CHECK(count<load_keyed>(db) == 1);
}

TEST_CASE("mysql: the statement cache keeps at most its capacity and closes the rest", "[mysql][cache]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("nul_users");
  db.create_table<nul_users>();
  for (std::int64_t i = 1; i <= 3; ++i) db.insert<nul_users>(i, "u" + std::to_string(i));
  nul_users t;
  db.clear_statement_cache();
  CHECK(db.statement_cache_size() == 0);
  long const base = open_statements(db);  // a prepare the server refused counts, and has nothing to close
  db.set_statement_cache_capacity(4);
  for (int i = 0; i < 20; ++i) {
    auto q = dyn::from(t).select(dyn::as(t.id, "c" + std::to_string(i)));
    CHECK(db.execute(q).to_vector().size() == 3);
    CHECK(db.statement_cache_size() <= 4);
  }
  CHECK(db.statement_cache_size() == 4);
  CHECK(open_statements(db) - base == 4);
  db.set_statement_cache_capacity(2);
  CHECK(db.statement_cache_size() == 2);
  CHECK(open_statements(db) - base == 2);
  db.clear_statement_cache();
  CHECK(db.statement_cache_size() == 0);
  CHECK(open_statements(db) - base == 0);
  db.set_statement_cache_capacity(egret::mysql::statement_cache::default_capacity);
}

TEST_CASE("mysql: a statement a live cursor reads is not closed under it", "[mysql][cache]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("nul_users");
  db.create_table<nul_users>();
  for (std::int64_t i = 1; i <= 3; ++i) db.insert<nul_users>(i, "u" + std::to_string(i));
  nul_users t;
  db.clear_statement_cache();
  long const base = open_statements(db);
  db.set_statement_cache_capacity(1);
  {
    auto live = db.execute(t.select(t.id, t.v).order_by(t.id));  // static: cached by the address of its text
    auto dyn_live = db.execute(dyn::from(t).select(std::vector<dyn::column>{dyn::as(t.v, "w")}).order_by(t.id));
    for (int i = 0; i < 5; ++i)
      CHECK(db.execute(dyn::from(t).select(dyn::as(t.id, "c" + std::to_string(i)))).to_vector().size() == 3);
    db.clear_statement_cache();
    CHECK(db.statement_cache_size() == 2);  // the two read by live cursors
    std::vector<std::string> vs;
    for (auto const& r : live) vs.push_back(std::string(r.get<"v">()));
    CHECK(vs == std::vector<std::string>{"u1", "u2", "u3"});
    auto rows = dyn_live.to_vector();
    REQUIRE(rows.size() == 3);
    CHECK(rows[2].get<std::string>("w") == "u3");
  }
  db.clear_statement_cache();  // the cursors ended: now they go
  CHECK(db.statement_cache_size() == 0);
  CHECK(open_statements(db) - base == 0);
  // The static query is prepared again when it comes back.
  CHECK(db.execute(t.select(t.id, t.v).order_by(t.id)).to_vector().size() == 3);
  CHECK(db.statement_cache_size() == 1);
  db.set_statement_cache_capacity(egret::mysql::statement_cache::default_capacity);
}

TEST_CASE("mysql: a statement the server does not answer within read_timeout is an error", "[mysql][timeout]") {
  egret::mysql::connection db(egret_test::mysql_conninfo(), {.connect_timeout = std::chrono::seconds(5),
                                                             .read_timeout = std::chrono::seconds(1),
                                                             .write_timeout = std::chrono::seconds(1)});
  CHECK(db.options().read_timeout == std::chrono::seconds(1));
  auto const t0 = std::chrono::steady_clock::now();
  try {
    db.exec("SELECT SLEEP(20)");
    FAIL("SLEEP(20) returned under a 1 s read timeout");
  } catch (egret::mysql::error const& e) {
    CHECK(e.error_number() == 2013);  // CR_SERVER_LOST
  }
  double const took = seconds_since(t0);
  CHECK(took < 15.0);  // generous: the server would answer after 20 s
  WARN("read_timeout 1 s: the error came after " << took << " s");
  CHECK_THROWS_AS(db.exec("SELECT 1"), egret::mysql::error);  // the connection is closed
  egret::mysql::connection other(egret_test::mysql_conninfo());
  CHECK(other.options().read_timeout == std::chrono::seconds(60));
  other.exec("SELECT 1");
}

TEST_CASE("mysql: connecting to a server that never answers fails within connect_timeout", "[mysql][timeout]") {
  // A listening socket nobody accepts on: the kernel completes the TCP handshake, no greeting ever comes.
  int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  std::string const conninfo = "host=127.0.0.1 port=" + std::to_string(ntohs(a.sin_port)) + " user=x";
  auto const t0 = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(egret::mysql::connection(conninfo, {.connect_timeout = std::chrono::seconds(2)}), egret::mysql::error);
  double const took = seconds_since(t0);
  CHECK(took < 20.0);
  WARN("connect_timeout 2 s: the error came after " << took << " s");
  ::close(fd);
}

TEST_CASE("mysql: a transaction whose connection the server ended is not active", "[mysql][transaction]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("load_keyed");
  db.create_table<load_keyed>();
  db.insert<load_keyed>(std::int64_t{1}, "committed", std::optional<double>(1.0));
  auto victim = egret_test::mysql_connect();
  auto tx = victim.transaction();
  victim.insert<load_keyed>(std::int64_t{2}, "uncommitted", std::optional<double>());
  CHECK(tx.active());
  CHECK(scalar(db, "KILL " + scalar(victim, "SELECT CONNECTION_ID()")).starts_with("?"));  // no result set
  CHECK_THROWS_AS(victim.insert<load_keyed>(std::int64_t{3}, "uncommitted", std::optional<double>()),
                  egret::mysql::error);
  CHECK_FALSE(tx.active());
  CHECK_THROWS_AS(tx.commit(), egret::mysql::error);
  CHECK(count<load_keyed>(db) == 1);
}
