// Tests egret::sqlite::transaction and savepoint on a real file, checking durability from a second connection.
#include <catch2/catch.hpp>

#include <egret/core/error.hpp>
#include <egret/sqlite/error.hpp>
#include <egret/sqlite/handle.hpp>
#include <egret/sqlite/statement.hpp>
#include <egret/sqlite/transaction.hpp>

#include <chrono>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

using egret::sqlite::begin_mode;
using egret::sqlite::handle;
using egret::sqlite::savepoint;
using egret::sqlite::statement;
using egret::sqlite::transaction;

namespace {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
#ifdef EGRET_TEST_TMP_DIR
    std::filesystem::path const base = EGRET_TEST_TMP_DIR;
#else
    std::filesystem::path const base = std::filesystem::temp_directory_path();
#endif
    std::random_device rd;
    path = base / ("egret_raw_transaction_" + std::to_string(rd()) + "_" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  temp_dir(temp_dir const&) = delete;
  temp_dir& operator=(temp_dir const&) = delete;
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(char const* name) const { return (path / name).string(); }
};

// A writer and an independent reader on the same database file.
struct two_connections {
  temp_dir dir;
  handle writer = handle::open(dir.file("tx.sqlite"));
  handle reader = handle::open(dir.file("tx.sqlite"));
  two_connections() { writer.exec("CREATE TABLE t(v INTEGER NOT NULL)"); }
};

std::int64_t count(handle const& db, std::string_view where = "1") {
  statement s(db.get(), "SELECT count(*) FROM t WHERE " + std::string(where));
  REQUIRE(s.step());
  return s.read<std::int64_t>(0);
}

void insert(handle const& db, int v) {
  statement s(db.get(), "INSERT INTO t(v) VALUES (?)");
  s.bind(1, v);
  REQUIRE_FALSE(s.step());
}

bool in_transaction(handle const& db) { return sqlite3_get_autocommit(db.get()) == 0; }

}  // namespace

TEST_CASE("commit makes the changes visible to another connection", "[sqlite][raw][transaction]") {
  two_connections c;
  {
    transaction tx(c.writer.get());
    CHECK(tx.active());
    CHECK(in_transaction(c.writer));
    insert(c.writer, 1);
    insert(c.writer, 2);
    CHECK(count(c.writer) == 2);
    CHECK(count(c.reader) == 0);  // not yet committed
    tx.commit();
    CHECK_FALSE(tx.active());
    CHECK_FALSE(in_transaction(c.writer));
    CHECK_THROWS_AS(tx.commit(), egret::error);
  }
  CHECK(count(c.reader) == 2);
}

TEST_CASE("an exception rolls the transaction back", "[sqlite][raw][transaction]") {
  two_connections c;
  insert(c.writer, 100);
  try {
    transaction tx(c.writer.get(), begin_mode::immediate);
    insert(c.writer, 1);
    insert(c.writer, 2);
    throw std::runtime_error("boom");
  } catch (std::runtime_error const&) {
  }
  CHECK_FALSE(in_transaction(c.writer));
  CHECK(count(c.writer) == 1);
  CHECK(count(c.reader) == 1);
  CHECK(count(c.reader, "v IN (1, 2)") == 0);

  // A database error inside the transaction: same outcome, and the error propagates.
  CHECK_THROWS_AS(
      [&] {
        transaction tx(c.writer.get());
        insert(c.writer, 3);
        c.writer.exec("INSERT INTO t(v) VALUES (NULL)");  // NOT NULL
        tx.commit();
      }(),
      egret::sqlite::constraint_error);
  CHECK_FALSE(in_transaction(c.writer));
  CHECK(count(c.reader, "v = 3") == 0);
}

TEST_CASE("explicit rollback, and a transaction cannot nest", "[sqlite][raw][transaction]") {
  two_connections c;
  transaction tx(c.writer.get());
  insert(c.writer, 1);
  CHECK_THROWS_AS(transaction(c.writer.get()), egret::sqlite::error);  // BEGIN inside a transaction
  CHECK(in_transaction(c.writer));
  tx.rollback();
  CHECK_FALSE(tx.active());
  CHECK_FALSE(in_transaction(c.writer));
  CHECK(count(c.writer) == 0);
  CHECK_THROWS_AS(tx.rollback(), egret::error);
}

TEST_CASE("BEGIN IMMEDIATE takes the write lock at once", "[sqlite][raw][transaction]") {
  two_connections c;
  {
    transaction deferred(c.writer.get());  // no lock yet: another writer may start
    transaction other(c.reader.get(), begin_mode::immediate);
    other.commit();
  }
  transaction tx(c.writer.get(), begin_mode::immediate);
  try {
    transaction other(c.reader.get(), begin_mode::immediate);
    FAIL("the second BEGIN IMMEDIATE should be busy");
  } catch (egret::sqlite::error const& e) {
    CHECK(e.primary_code() == SQLITE_BUSY);
    CHECK(e.sql() == "BEGIN IMMEDIATE");
  }
  CHECK_FALSE(in_transaction(c.reader));
  insert(c.writer, 1);
  tx.commit();
  CHECK(count(c.reader) == 1);
}

TEST_CASE("busy_timeout takes any std::chrono duration, cut to whole milliseconds", "[sqlite][raw][transaction]") {
  two_connections c;
  auto const current = [&] {
    statement s(c.writer.get(), "PRAGMA busy_timeout");
    REQUIRE(s.step());
    return s.read<std::int64_t>(0);
  };
  c.writer.busy_timeout(std::chrono::milliseconds(250));
  CHECK(current() == 250);
  c.writer.busy_timeout(std::chrono::seconds(2));
  CHECK(current() == 2000);
  c.writer.busy_timeout(std::chrono::microseconds(1999));
  CHECK(current() == 1);
  c.writer.busy_timeout(std::chrono::duration<double>(0.0125));
  CHECK(current() == 12);
  c.writer.busy_timeout(std::chrono::hours(24 * 365 * 100));  // more milliseconds than an int holds
  CHECK(current() == INT_MAX);
  c.writer.busy_timeout(std::chrono::milliseconds(-5));  // zero or less: no waiting
  CHECK(current() == 0);
}

TEST_CASE("a commit that fails leaves the transaction open, and the destructor rolls it back", "[sqlite][raw][transaction]") {
  two_connections c;
  // The reader holds a read transaction (SHARED lock), so the writer cannot take the EXCLUSIVE lock to commit.
  c.reader.exec("BEGIN");
  CHECK(count(c.reader) == 0);
  {
    transaction tx(c.writer.get());
    insert(c.writer, 1);
    try {
      tx.commit();
      FAIL("COMMIT should be busy while the reader holds its lock");
    } catch (egret::sqlite::error const& e) {
      CHECK(e.primary_code() == SQLITE_BUSY);
      CHECK(e.sql() == "COMMIT");
    }
    CHECK(tx.active());
    CHECK(in_transaction(c.writer));
  }  // rolled back here
  CHECK_FALSE(in_transaction(c.writer));
  c.reader.exec("COMMIT");
  CHECK(count(c.reader) == 0);

  // Retrying the commit once the lock is gone succeeds.
  c.reader.exec("BEGIN");
  CHECK(count(c.reader) == 0);
  transaction tx(c.writer.get());
  insert(c.writer, 2);
  CHECK_THROWS_AS(tx.commit(), egret::sqlite::error);
  c.reader.exec("COMMIT");
  tx.commit();
  CHECK(count(c.reader) == 1);
}

TEST_CASE("savepoints nest inside a transaction", "[sqlite][raw][transaction]") {
  two_connections c;
  {
    transaction tx(c.writer.get());
    insert(c.writer, 1);
    {
      savepoint outer(c.writer.get());
      insert(c.writer, 2);
      {
        savepoint inner(c.writer.get());
        CHECK(inner.name() != outer.name());
        CHECK_THAT(std::string(inner.name()), Catch::StartsWith("egret_sp_"));
        insert(c.writer, 3);
        CHECK(count(c.writer) == 3);
      }  // inner not committed: only 3 goes
      CHECK(count(c.writer) == 2);
      {
        savepoint inner(c.writer.get());
        insert(c.writer, 4);
        inner.commit();  // into outer
        CHECK_THROWS_AS(inner.commit(), egret::error);
      }
      {
        savepoint inner(c.writer.get());
        insert(c.writer, 5);
        inner.rollback();
        CHECK_FALSE(inner.active());
        insert(c.writer, 6);  // the enclosing savepoint carries on
      }
      outer.commit();
    }
    CHECK(in_transaction(c.writer));  // releasing a nested savepoint does not end the transaction
    CHECK(count(c.reader) == 0);
    tx.commit();
  }
  CHECK(count(c.reader) == 4);
  CHECK(count(c.reader, "v IN (1, 2, 4, 6)") == 4);
}

TEST_CASE("an exception inside a savepoint undoes only that savepoint", "[sqlite][raw][transaction]") {
  two_connections c;
  transaction tx(c.writer.get());
  insert(c.writer, 1);
  try {
    savepoint sp(c.writer.get());
    insert(c.writer, 2);
    throw std::runtime_error("boom");
  } catch (std::runtime_error const&) {
  }
  CHECK(in_transaction(c.writer));
  CHECK(count(c.writer) == 1);
  tx.commit();
  CHECK(count(c.reader) == 1);
  CHECK(count(c.reader, "v = 1") == 1);
}

TEST_CASE("a savepoint outside a transaction is a transaction of its own", "[sqlite][raw][transaction]") {
  two_connections c;
  {
    savepoint sp(c.writer.get());
    CHECK(in_transaction(c.writer));
    insert(c.writer, 1);
    CHECK(count(c.reader) == 0);
    sp.commit();
    CHECK_FALSE(in_transaction(c.writer));
  }
  CHECK(count(c.reader) == 1);
  {
    savepoint sp(c.writer.get());
    insert(c.writer, 2);
  }  // rolled back and released: nothing stays open
  CHECK_FALSE(in_transaction(c.writer));
  CHECK(count(c.reader) == 1);
}

namespace {
// A read cursor on `db`: its statement stepped once over a table of two or more rows, so it holds a SHARED lock
// (rollback-journal mode) until reset: another connection can write but not commit.
struct read_cursor {
  statement s;
  explicit read_cursor(handle const& db) : s(db.get(), "SELECT v FROM t") { REQUIRE(s.step()); }
};

// Inserts single rows until SQLite reports SQLITE_FULL (max_page_count reached); returns the error.
egret::sqlite::error fill_until_full(handle const& db) {
  for (int i = 0; i < 1'000'000; ++i) {
    try {
      statement s(db.get(), "INSERT INTO t(v) VALUES (?)");
      s.bind(1, std::string(500, 'x'));
      s.step();
    } catch (egret::sqlite::error const& e) {
      return e;
    }
  }
  FAIL("max_page_count never stopped the inserts");
  return egret::sqlite::error(SQLITE_OK, "unreachable", "");
}
}  // namespace

TEST_CASE("an outermost savepoint whose RELEASE is busy rolls back and ends the transaction",
          "[sqlite][raw][transaction][fault]") {
  two_connections c;
  insert(c.writer, 1);
  insert(c.writer, 2);
  {
    read_cursor held(c.reader);  // the COMMIT behind the final RELEASE cannot take its EXCLUSIVE lock
    savepoint sp(c.writer.get());
    insert(c.writer, 3);
    try {
      sp.commit();
      FAIL("RELEASE should be busy while the reader holds its lock");
    } catch (egret::sqlite::error const& e) {
      CHECK(e.primary_code() == SQLITE_BUSY);
      CHECK_THAT(e.message(), Catch::Contains("database is locked") && Catch::Contains("rolled back"));
      CHECK_THAT(e.sql(), Catch::StartsWith("RELEASE egret_sp_"));
    }
    CHECK_FALSE(sp.active());
    CHECK_FALSE(in_transaction(c.writer));  // the state matches the engine's: no transaction left open
    CHECK(count(c.writer) == 2);
  }
  // The connection is usable: a later write is committed (autocommit) and survives closing the connection.
  insert(c.writer, 4);
  CHECK_FALSE(in_transaction(c.writer));
  transaction tx(c.writer.get());  // no "cannot start a transaction within a transaction"
  insert(c.writer, 5);
  tx.commit();
  c.writer.close();
  CHECK(count(c.reader) == 4);
  CHECK(count(c.reader, "v = 3") == 0);
}

TEST_CASE("a savepoint destroyed while its COMMIT would be busy still ends the transaction it started",
          "[sqlite][raw][transaction][fault]") {
  two_connections c;
  insert(c.writer, 1);
  insert(c.writer, 2);
  {
    savepoint sp(c.writer.get());
    insert(c.writer, 3);
    read_cursor held(c.reader);
  }  // the reader's cursor ends first, then the savepoint: same as the order below
  CHECK_FALSE(in_transaction(c.writer));
  {
    read_cursor held(c.reader);
    savepoint sp(c.writer.get());
    insert(c.writer, 3);
  }  // the savepoint is destroyed while the reader still holds its lock
  CHECK_FALSE(in_transaction(c.writer));
  insert(c.writer, 4);
  c.writer.close();
  CHECK(count(c.reader) == 3);
  CHECK(count(c.reader, "v = 3") == 0);
}

TEST_CASE("a nested savepoint whose transaction SQLite rolled back says so", "[sqlite][raw][transaction][fault]") {
  two_connections c;
  insert(c.writer, 1);
  c.writer.exec("PRAGMA max_page_count = " + std::to_string([&] {
                  statement s(c.writer.get(), "PRAGMA page_count");
                  REQUIRE(s.step());
                  return s.read<std::int64_t>(0) + 3;
                }()));
  transaction tx(c.writer.get());
  savepoint sp(c.writer.get());
  auto const full = fill_until_full(c.writer);
  CHECK(full.primary_code() == SQLITE_FULL);
  CHECK_FALSE(in_transaction(c.writer));  // SQLite rolled the whole transaction back by itself
  CHECK_FALSE(sp.active());
  CHECK_FALSE(tx.active());
  try {
    sp.commit();
    FAIL("the savepoint is gone");
  } catch (egret::database_error const& e) {
    CHECK_THAT(e.what(), Catch::Contains("SQLite rolled the transaction back"));
  }
  try {
    tx.commit();
    FAIL("the transaction is gone");
  } catch (egret::database_error const& e) {
    CHECK_THAT(e.what(), Catch::Contains("SQLite rolled the transaction back"));
  }
  CHECK_FALSE(tx.active());
  c.writer.exec("PRAGMA max_page_count = 1000000");
  insert(c.writer, 2);
  CHECK(count(c.reader) == 2);
}

TEST_CASE("a transaction SQLite rolled back after SQLITE_FULL is no longer active", "[sqlite][raw][transaction][fault]") {
  two_connections c;
  insert(c.writer, 1);
  c.writer.exec("PRAGMA max_page_count = 3");
  {
    transaction tx(c.writer.get());
    auto const full = fill_until_full(c.writer);
    CHECK(full.primary_code() == SQLITE_FULL);
    CHECK_FALSE(tx.active());
    try {
      tx.commit();
      FAIL("commit() after SQLite's own rollback must throw");
    } catch (egret::database_error const& e) {
      CHECK_THAT(e.what(), Catch::Contains("SQLite rolled the transaction back"));
    }
  }
  CHECK_FALSE(in_transaction(c.writer));
  {
    transaction tx(c.writer.get());
    fill_until_full(c.writer);
    CHECK_NOTHROW(tx.rollback());  // nothing left to undo: not an error
  }
  c.writer.exec("PRAGMA max_page_count = 1000000");
  transaction tx(c.writer.get());
  insert(c.writer, 2);
  tx.commit();
  CHECK(count(c.reader) == 2);
}
