// verify_source<T>(db) on real SQLite files: a source of the declared columns passes (in egret's spellings and
// in others of the same affinity, with extra columns, an INTEGER PRIMARY KEY, a view); a wrong type, a missing
// column, a missing table and a nullable column where the pipeline says NOT NULL each fail with the exact message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include <egret/pipeline.hpp>
#include <egret/sqlite.hpp>

namespace {
namespace pl = egret::pipeline;

EGRET_TABLE(rates, (category, std::string), (factor, double));
EGRET_TABLE(events, (id, std::int64_t), (kind, std::int32_t), (amount, double), (day, egret::date),
            (stamp, egret::timestamp), (flag, bool), (note, std::optional<std::string>));
EGRET_TABLE(doubled, (a, std::int64_t), (b, std::int64_t));
namespace loose {  // the same table, read as nullable
EGRET_TABLE(rates, (category, std::optional<std::string>), (factor, std::optional<double>));
}

struct fixture {
  std::filesystem::path dir;
  egret::sqlite::connection db;
  explicit fixture(std::string const& name)
      : dir(std::filesystem::path(EGRET_TEST_TMP_DIR) / ("source_check_" + name)),
        db((std::filesystem::remove_all(dir), std::filesystem::create_directories(dir), (dir / "db.sqlite").string())) {}
};

std::string message_of(egret::sqlite::connection& db, void (*verify)(egret::sqlite::connection&)) {
  try {
    verify(db);
  } catch (egret::error const& e) {
    return e.what();
  }
  return "(no error)";
}
std::string rates_problem(egret::sqlite::connection& db) { return message_of(db, &pl::verify_source<rates, egret::sqlite::connection>); }

}  // namespace

TEST_CASE("pipeline: verify_source: a table of the declared columns passes, in egret's spellings and in others", "[pipeline]") {
  fixture f("pass");
  f.db.create_table<events>();
  CHECK_NOTHROW(pl::verify_source<events>(f.db));
  f.db.exec(R"(DROP TABLE "events")");
  // other names of the same affinity; DATE, DATETIME and BOOLEAN (NUMERIC affinity) for egret's TEXT dates and
  // INTEGER booleans; an INTEGER PRIMARY KEY (the rowid: never NULL); names in another case; columns in another
  // order; a NOT NULL column the pipeline reads as optional; a column the pipeline does not declare
  f.db.exec(R"(CREATE TABLE "events" ("ID" INTEGER PRIMARY KEY, "extra" BLOB, "Kind" INT NOT NULL, "amount" DOUBLE NOT NULL,
               "day" DATE NOT NULL, "stamp" DATETIME NOT NULL, "flag" BOOLEAN NOT NULL, "note" VARCHAR(200) NOT NULL))");
  CHECK_NOTHROW(pl::verify_source<events>(f.db));
  // a generated column is a column like any other to a SELECT
  f.db.exec(R"(CREATE TABLE "doubled" ("a" INTEGER NOT NULL, "b" INTEGER GENERATED ALWAYS AS ("a" * 2) STORED NOT NULL))");
  CHECK_NOTHROW(pl::verify_source<doubled>(f.db));
}

TEST_CASE("pipeline: verify_source: a column of another affinity is an error naming the table, the column and both types", "[pipeline]") {
  fixture f("type");
  f.db.exec(R"(CREATE TABLE "rates" ("category" TEXT NOT NULL, "factor" TEXT NOT NULL))");
  CHECK_THROWS_AS(pl::verify_source<rates>(f.db), egret::error);
  CHECK(rates_problem(f.db) == R"(egret: source "rates": column "factor" is TEXT in the database, but the pipeline declares it REAL (double))");
  // SQLite's rules, not the type's name: FLOATING POINT contains INT, so its affinity is INTEGER
  f.db.exec(R"(DROP TABLE "rates")");
  f.db.exec(R"(CREATE TABLE "rates" ("category" VARCHAR(10) NOT NULL, "factor" FLOATING POINT NOT NULL))");
  CHECK(rates_problem(f.db) ==
        R"(egret: source "rates": column "factor" is FLOATING POINT (INTEGER affinity) in the database, but the pipeline declares it REAL (double))");
  // an untyped column (BLOB affinity)
  f.db.exec(R"(DROP TABLE "rates")");
  f.db.exec(R"(CREATE TABLE "rates" ("category" TEXT NOT NULL, "factor" NOT NULL))");
  CHECK(rates_problem(f.db) ==
        R"(egret: source "rates": column "factor" is untyped (BLOB affinity) in the database, but the pipeline declares it REAL (double))");
  // DATE names a date, not a number
  fixture g("type_date");
  g.db.exec(R"(CREATE TABLE "events" ("id" INTEGER NOT NULL, "kind" INTEGER NOT NULL, "amount" DATE NOT NULL, "day" TEXT NOT NULL,
               "stamp" TEXT NOT NULL, "flag" INTEGER NOT NULL, "note" TEXT))");
  CHECK_THROWS_WITH(pl::verify_source<events>(g.db),
                    R"(egret: source "events": column "amount" is DATE (NUMERIC affinity) in the database, but the pipeline declares it REAL (double))");
}

TEST_CASE("pipeline: verify_source: a missing column, a missing table", "[pipeline]") {
  fixture f("missing");
  CHECK(rates_problem(f.db) == R"(egret: source "rates": there is no table or view "rates" in the database)");
  f.db.exec(R"(CREATE TABLE "rates" ("category" TEXT NOT NULL, "factr" REAL NOT NULL))");
  CHECK(rates_problem(f.db) ==
        R"(egret: source "rates": column "factor" is missing in the database, but the pipeline declares it REAL (double))");
}

TEST_CASE("pipeline: verify_source: a nullable column the pipeline reads as NOT NULL is an error, the other way round is not", "[pipeline]") {
  fixture f("nullable");
  f.db.exec(R"(CREATE TABLE "rates" ("category" TEXT NOT NULL, "factor" REAL))");
  CHECK(rates_problem(f.db) ==
        R"(egret: source "rates": column "factor" can be NULL in the database, but the pipeline declares it REAL NOT NULL (double): declare it std::optional<double>, or the column NOT NULL)");
  CHECK_NOTHROW(pl::verify_source<loose::rates>(f.db));  // optional where the table says NOT NULL (category) is fine
  // a primary key other than INTEGER PRIMARY KEY can hold NULL in SQLite (unless declared NOT NULL)
  fixture g("nullable_key");
  g.db.exec(R"(CREATE TABLE "rates" ("category" TEXT PRIMARY KEY, "factor" REAL NOT NULL))");
  CHECK(rates_problem(g.db) ==
        R"(egret: source "rates": column "category" can be NULL in the database, but the pipeline declares it TEXT NOT NULL (std::string): declare it std::optional<std::string>, or the column NOT NULL)");
}

TEST_CASE("pipeline: verify_source: every problem of the table in one error", "[pipeline]") {
  fixture f("several");
  f.db.exec(R"(CREATE TABLE "rates" ("category" INTEGER))");
  CHECK(rates_problem(f.db) ==
        R"(egret: source "rates": column "category" is INTEGER in the database, but the pipeline declares it TEXT (std::string); )"
        R"(column "factor" is missing in the database, but the pipeline declares it REAL (double))");
}

TEST_CASE("pipeline: verify_source: a view is checked for its columns and types, not its nullability", "[pipeline]") {
  fixture f("view");
  f.db.exec(R"(CREATE TABLE "raw_rates" ("category" TEXT NOT NULL, "factor" REAL NOT NULL, "label" TEXT))");
  // SQLite says every column of a view can be NULL, and gives an expression's column no type: neither is checked
  f.db.exec(R"(CREATE VIEW "rates" AS SELECT "category", "factor" * 2 AS "factor" FROM "raw_rates")");
  CHECK_NOTHROW(pl::verify_source<rates>(f.db));
  f.db.exec(R"(DROP VIEW "rates")");
  f.db.exec(R"(CREATE VIEW "rates" AS SELECT "category", "label" AS "factor" FROM "raw_rates")");
  CHECK(rates_problem(f.db) == R"(egret: source "rates": column "factor" is TEXT in the database, but the pipeline declares it REAL (double))");
}
