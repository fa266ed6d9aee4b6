// Transactions on a real DuckDB database file: commit keeps, rollback and the destructor undo, a failed statement
// inside; and errors: egret::duckdb::error (an egret::database_error) with DuckDB's code, message and the SQL.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "test_db.hpp"

namespace {
EGRET_TABLE(accounts, (id, std::int64_t), (owner, std::string), (balance, double));
EGRET_TABLE(copies, (id, std::int64_t), (owner, std::string));
EGRET_TABLE(missing_table, (id, std::int64_t));
EGRET_TABLE(keyed, (id, std::int64_t), (v, std::string));

std::int64_t count(egret::duckdb::connection& db) {
  accounts a;
  return db.execute(a.aggregate(egret::count().as<"n">())).first()->get<"n">();
}
}  // namespace

TEST_CASE("duckdb: a committed transaction stays, a rolled back one leaves nothing", "[duckdb]") {
  std::string const path = egret_test::duckdb_file("transactions");
  egret::duckdb::connection db(path);
  db.create_table<accounts>();
  {
    auto tx = db.transaction();
    CHECK(tx.active());
    CHECK(db.in_transaction());
    db.insert<accounts>(1, "ann", 10.0);
    db.insert<accounts>(2, "bob", 20.0);
    tx.commit();
    CHECK(!tx.active());
    CHECK(!db.in_transaction());
    CHECK_THROWS_AS(tx.commit(), egret::error);  // twice
  }
  CHECK(count(db) == 2);
  {
    auto tx = db.transaction();
    db.insert<accounts>(3, "cid", 30.0);
    CHECK(count(db) == 3);  // seen inside
    tx.rollback();
    CHECK(!tx.active());
  }
  CHECK(count(db) == 2);
  {
    auto tx = db.transaction();
    db.insert<accounts>(4, "dan", 40.0);
  }  // destroyed uncommitted: rolled back
  CHECK(count(db) == 2);
  CHECK(!db.in_transaction());
  // a transaction cannot nest (DuckDB has no savepoints): refused before DuckDB sees it, and the outer one goes on
  {
    auto tx = db.transaction();
    CHECK_THROWS_WITH(db.transaction(), Catch::Contains("already active"));
    db.insert<accounts>(5, "eve", 50.0);
    tx.commit();
  }
  CHECK(count(db) == 3);
  // what was committed is in the file
  db = egret::duckdb::connection(":memory:");
  egret::duckdb::connection again(path);
  CHECK(count(again) == 3);
}

TEST_CASE("duckdb: a failing statement aborts its transaction, create_table_from leaves nothing", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("transactions_fail"));
  db.exec("CREATE TABLE keyed (id BIGINT PRIMARY KEY, v VARCHAR NOT NULL)");
  db.insert<keyed>(1, "one");
  {
    auto tx = db.transaction();
    db.insert<keyed>(2, "two");
    CHECK_THROWS_AS(db.insert<keyed>(1, "again"), egret::duckdb::constraint_error);
    // DuckDB aborts the transaction (and would take a COMMIT silently): commit() fails, saying so
    CHECK_THROWS_WITH(tx.commit(), Catch::Contains("nothing of it was committed"));
    CHECK(!tx.active());
  }
  keyed k;
  CHECK(db.execute(k.aggregate(egret::count().as<"n">())).first()->get<"n">() == 1);
  CHECK(!db.in_transaction());
  db.insert<keyed>(3, "three");  // the connection is usable again

  // create_table_from: a query failing half-way (the text 'ann' cast to BIGINT) leaves no table behind
  db.create_table<accounts>();
  db.insert<accounts>(1, "ann", 1.0);
  db.insert<accounts>(2, "bob", 0.0);
  accounts a;
  CHECK_THROWS_AS(db.create_table_from<copies>(a.filter(a.owner.cast<std::int64_t>() > 0).select(a.id, a.owner)),
                  egret::duckdb::error);
  CHECK_THROWS_WITH(db.exec("SELECT * FROM copies"), Catch::Contains("copies"));
  db.create_table_from<copies>(a.select(a.id, a.owner));
  copies c;
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 2);
}

TEST_CASE("duckdb: errors carry DuckDB's code, its message and the SQL", "[duckdb]") {
  egret::duckdb::connection db(":memory:");
  try {
    db.exec("SELEC 1");
    FAIL("no error");
  } catch (egret::database_error const& e) {
    CHECK(e.sql() == "SELEC 1");
    CHECK(e.code() == DUCKDB_ERROR_PARSER);
    CHECK_THAT(e.message(), Catch::Contains("syntax error"));
    CHECK_THAT(std::string(e.what()), Catch::Contains("in SQL: SELEC 1"));
  }
  missing_table m;
  try {
    (void)db.execute(m.select(m.id));
    FAIL("no error");
  } catch (egret::duckdb::error const& e) {
    CHECK(e.error_type() == DUCKDB_ERROR_CATALOG);
    CHECK_THAT(e.message(), Catch::Contains("missing_table"));
    CHECK(e.sql() == "SELECT \"missing_table\".\"id\" FROM \"missing_table\"");
  }
  db.exec("CREATE TABLE keyed (id BIGINT PRIMARY KEY, v VARCHAR NOT NULL)");
  db.insert<keyed>(1, "one");
  try {
    db.insert<keyed>(1, "dup");
    FAIL("no error");
  } catch (egret::duckdb::constraint_error const& e) {
    CHECK(e.error_type() == DUCKDB_ERROR_CONSTRAINT);
    CHECK_THAT(e.message(), Catch::Contains("PRIMARY KEY") || Catch::Contains("primary key"));
    CHECK(e.sql() == "INSERT INTO \"keyed\" (\"id\", \"v\") VALUES (?, ?)");
  }
  CHECK_THROWS_AS(egret::duckdb::connection("/nonexistent-dir/x.duckdb"), egret::duckdb::error);
}
