// Transactions (commit, rollback, RAII, savepoints when nested) and errors carrying the SQLSTATE, the
// server's message and the SQL.
#include <catch2/catch.hpp>

#include <string>

#include "test_db.hpp"

namespace {
EGRET_TABLE(accounts, (id, std::int64_t), (owner, std::string), (balance, double));
EGRET_PRIMARY_KEY(accounts, id);

std::int64_t count(egret::postgres::connection& db) {
  accounts a;
  return db.execute(a.aggregate(egret::count().as<"n">())).first()->get<"n">();
}

egret::postgres::connection& fresh() {
  auto& db = egret_test::postgres_db();
  db.drop_table("accounts");
  db.create_table<accounts>();
  db.insert<accounts>(1, "ann", 10.0);
  return db;
}
}  // namespace

TEST_CASE("postgres: transactions commit, roll back, and nest as savepoints", "[postgres][transaction]") {
  auto& db = fresh();
  {
    auto tx = db.transaction();
    CHECK(!tx.nested());
    db.insert<accounts>(2, "bob", 5.0);
    CHECK(count(db) == 2);
  }  // not committed: rolled back
  CHECK(count(db) == 1);
  {
    auto tx = db.transaction();
    db.insert<accounts>(2, "bob", 5.0);
    {
      auto inner = db.transaction();
      CHECK(inner.nested());
      db.insert<accounts>(3, "cy", 1.0);
      inner.rollback();
    }
    {
      auto inner = db.transaction();
      db.insert<accounts>(4, "dee", 1.0);
      inner.commit();
    }
    {
      auto inner = db.transaction();  // a failure inside a savepoint: the outer transaction goes on
      CHECK_THROWS_AS(db.insert<accounts>(1, "dup", 0.0), egret::postgres::constraint_error);
    }
    db.insert<accounts>(5, "eve", 1.0);
    tx.commit();
    CHECK_THROWS_AS(tx.commit(), egret::error);
  }
  CHECK(count(db) == 4);  // 1, 2, 4, 5

  {
    auto tx = db.transaction();
    db.insert<accounts>(6, "fay", 1.0);
    tx.rollback();
    CHECK(!tx.active());
  }
  CHECK(count(db) == 4);

  // a failed statement aborts a PostgreSQL transaction: commit() reports it, nothing is committed
  {
    auto tx = db.transaction();
    db.insert<accounts>(7, "gus", 1.0);
    CHECK_THROWS_AS(db.insert<accounts>(1, "dup", 0.0), egret::postgres::error);
    try {
      tx.commit();
      FAIL("commit after a failed statement must throw");
    } catch (egret::postgres::error const& e) {
      CHECK(e.sqlstate() == "25P02");
    }
  }
  CHECK(count(db) == 4);
}

TEST_CASE("postgres: errors carry the SQLSTATE, the message and the SQL", "[postgres][errors]") {
  auto& db = fresh();
  try {
    db.insert<accounts>(1, "dup", 0.0);
    FAIL("a duplicate key must throw");
  } catch (egret::postgres::constraint_error const& e) {
    CHECK(e.sqlstate() == "23505");
    CHECK(e.sqlstate_class() == "23");
    CHECK(e.code() == 23505);
    CHECK(e.message().find("duplicate key value violates unique constraint") != std::string::npos);
    CHECK(e.message().find("DETAIL: Key (id)=(1) already exists.") != std::string::npos);
    CHECK(e.sql() == R"(INSERT INTO "accounts" ("id", "owner", "balance") VALUES ($1, $2, $3))");
    CHECK(std::string(e.what()).find("in SQL: INSERT INTO") != std::string::npos);
  }
  try {
    db.exec("SELEKT 1");
    FAIL("a syntax error must throw");
  } catch (egret::database_error const& e) {
    auto const* pg = dynamic_cast<egret::postgres::error const*>(&e);
    REQUIRE(pg);
    CHECK(pg->sqlstate() == "42601");
    CHECK(e.sql() == "SELEKT 1");
  }
  try {
    db.exec("SELECT * FROM no_such_table");
    FAIL("an unknown table must throw");
  } catch (egret::postgres::error const& e) {
    CHECK(e.sqlstate() == "42P01");
    CHECK(e.code() == egret::postgres::error::code_of("42P01"));
    CHECK(e.code() > 99999);
  }
  accounts a;
  try {
    (void)db.execute(a.filter(a.id / (a.id - a.id) > 0).select(a.owner)).to_vector();
    FAIL("division by zero must throw");
  } catch (egret::postgres::error const& e) {
    CHECK(e.sqlstate() == "22012");
    CHECK(e.sql().find("FROM \"accounts\"") != std::string::npos);
  }
  // the connection goes on after errors outside a transaction
  CHECK(count(db) == 1);
  CHECK_THROWS_AS(egret::postgres::connection("host=127.0.0.1 port=1 connect_timeout=2"), egret::postgres::error);
}

TEST_CASE("postgres: a statement prepared before a DDL change is prepared again", "[postgres]") {
  auto& db = fresh();
  accounts a;
  auto q = a.select(a.owner).order_by(a.id);
  CHECK(db.execute(q).first()->get<"owner">() == "ann");
  db.exec("ALTER TABLE accounts ALTER COLUMN owner TYPE varchar(20)");  // the cached plan's result type changes
  CHECK(db.execute(q).first()->get<"owner">() == "ann");
}
