// Fault tests: a private MariaDB server (its own fixture, mariadb_fault_server: never the shared one other
// tests use) killed (SIGKILL) or stopped (SIGSTOP) while a client is inside a transaction. The client gets an
// error within its read timeout instead of hanging, and after the server is restarted (or continued) a new
// connection finds the last committed state whole and none of the uncommitted rows.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <egret/mysql.hpp>

namespace {
EGRET_TABLE(fault_rows, (id, std::int64_t), (note, std::string));
EGRET_PRIMARY_KEY(fault_rows, id);

constexpr egret::mysql::connection_options short_timeouts{.connect_timeout = std::chrono::seconds(2),
                                                             .read_timeout = std::chrono::seconds(2),
                                                          .write_timeout = std::chrono::seconds(2)};

std::string state_dir() { return EGRET_FAULT_STATE_DIR; }

std::string conninfo() {
  std::ifstream in(state_dir() + "/conninfo");
  std::string line;
  std::getline(in, line);
  return line;
}

/// The fault server's connection string with its test database (created by the first connection).
std::string database_conninfo() { return conninfo() + " database=egret_faults"; }

/// Runs tests/servers/mariadb.sh on the fault server: `signal KILL`, `signal STOP`, `restart`...
void server(std::string const& args) {
  std::string const cmd = std::string("'") + EGRET_SERVER_SCRIPT + "' " + args;
  INFO(cmd);
  REQUIRE(std::system(cmd.c_str()) == 0);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<std::int64_t> ids(egret::mysql::connection& db) {
  fault_rows t;
  std::vector<std::int64_t> out;
  for (auto const& r : db.execute(t.select(t.id).order_by(t.id))) out.push_back(r.get<"id">());
  return out;
}

/// Two committed rows, then a transaction holding two more, not committed.
void committed_state(egret::mysql::connection& db) {
  db.exec("DROP TABLE IF EXISTS fault_rows");  // InnoDB: transactional
  db.create_table<fault_rows>();
  db.insert<fault_rows>(std::int64_t{1}, "committed");
  db.insert<fault_rows>(std::int64_t{2}, "committed");
}
}  // namespace

TEST_CASE("mysql fault: the server killed (SIGKILL) mid-transaction", "[mysql][fault]") {
  egret::mysql::connection(conninfo()).exec("CREATE DATABASE IF NOT EXISTS egret_faults");
  {
    egret::mysql::connection db(database_conninfo(), short_timeouts);
    committed_state(db);
    auto tx = db.transaction();
    db.insert<fault_rows>(std::int64_t{3}, "uncommitted");
    db.insert<fault_rows>(std::int64_t{4}, "uncommitted");
    server("signal " + state_dir() + " KILL");
    auto const t0 = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(db.insert<fault_rows>(std::int64_t{5}, "uncommitted"), egret::database_error);
    CHECK(seconds_since(t0) < 30.0);
    CHECK_FALSE(tx.active());
    CHECK_THROWS_AS(tx.commit(), egret::mysql::error);  // nothing to commit: it says so
  }  // the destructor's rollback on the dead connection returns at once
  server("restart " + state_dir());
  egret::mysql::connection db(database_conninfo(), short_timeouts);
  CHECK(ids(db) == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("mysql fault: the server stopped (SIGSTOP) mid-transaction", "[mysql][fault]") {
  egret::mysql::connection(conninfo()).exec("CREATE DATABASE IF NOT EXISTS egret_faults");
  {
    egret::mysql::connection db(database_conninfo(), short_timeouts);
    committed_state(db);
    auto tx = db.transaction();
    db.insert<fault_rows>(std::int64_t{3}, "uncommitted");
    server("signal " + state_dir() + " STOP");
    auto const t0 = std::chrono::steady_clock::now();
    try {
      db.insert<fault_rows>(std::int64_t{4}, "uncommitted");
      FAIL("a stopped server answered");
    } catch (egret::mysql::error const& e) {
      CHECK(e.error_number() == 2013);  // CR_SERVER_LOST: the read timed out
    }
    double const took = seconds_since(t0);
    CHECK(took < 30.0);  // generous: the read timeout is 2 s
    WARN("a stopped server: the error came after " << took << " s (read_timeout 2 s)");
    CHECK_FALSE(tx.active());
    // A new connection to the stopped server fails within connect_timeout too.
    auto const t1 = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(egret::mysql::connection(conninfo(), short_timeouts), egret::mysql::error);
    CHECK(seconds_since(t1) < 30.0);
  }  // ~transaction: its ROLLBACK fails at once on the closed connection
  server("signal " + state_dir() + " CONT");
  egret::mysql::connection db(database_conninfo(), short_timeouts);
  CHECK(ids(db) == std::vector<std::int64_t>{1, 2});
}

int main(int argc, char* argv[]) {
  bool listing = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view const a = argv[i];
    if (a.starts_with("--list") || a == "-l" || a == "-h" || a == "--help") listing = true;
  }
  if (!listing && conninfo().empty()) {
    char const* req = std::getenv("EGRET_REQUIRE_SERVERS");
    if (req && std::string_view(req) == "1") {
      std::fprintf(stderr, "FAILED: no fault-test MariaDB server and EGRET_REQUIRE_SERVERS=1\n");
      return 1;
    }
    std::printf("SKIPPED: no MariaDB server for the fault tests (apt-get install mariadb-server)\n");
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
