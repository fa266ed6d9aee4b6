// The pipeline layer on every backend: sources verified against the engine's catalog (verify_source, with the
// exact message of each problem in each engine's type names), and the atomic rebuild of a model under failure: a
// table model whose INSERT ... SELECT fails half-way at run time keeps its previous rows, what reads it is
// skipped and keeps its own, no temporary table is left behind; a view model whose CREATE VIEW fails keeps the
// previous view.
//
// The run-time failure is a division by zero, which egret's types accept (an integer `/`) and every engine
// refuses in an INSERT ... SELECT, each its own way:
//   SQLite      x / 0 is NULL, refused by the NOT NULL column: "NOT NULL constraint failed: sw_ratio.ratio"
//   PostgreSQL  "division by zero"
//   MariaDB     x DIV 0 is NULL with a warning, an error in an INSERT under the server's default sql_mode
//               (STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO, which tests/servers/mariadb.sh keeps):
//               "Division by 0"
//   DuckDB      x // 0 is NULL, refused by the NOT NULL column: "NOT NULL constraint failed: sw_ratio.ratio"
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <egret/pipeline.hpp>
#include <egret/sqlite/load_csv.hpp>
#ifdef EGRET_CONFORMANCE_POSTGRES
#include <egret/postgres/load_csv.hpp>
#endif
#ifdef EGRET_CONFORMANCE_MYSQL
#include <egret/mysql/load_csv.hpp>
#endif

#include "backends.hpp"
#include "expect.hpp"

namespace {
namespace pl = egret::pipeline;
using namespace conformance;

// ---- sources ----

EGRET_TABLE(src_rates, (category, std::string), (factor, double));
EGRET_TABLE(src_events, (id, std::int64_t), (kind, std::int32_t), (amount, double), (day, egret::date),
            (stamp, egret::timestamp), (flag, bool), (note, std::optional<std::string>));
EGRET_TABLE(src_keyed, (code, std::string), (label, std::string));
EGRET_PRIMARY_KEY(src_keyed, code);

/// The same text on each backend, or per backend (SQLite, PostgreSQL, MariaDB, DuckDB).
template <class B>
constexpr std::string_view pick(std::string_view sqlite, std::string_view postgres, std::string_view mysql,
                                std::string_view duckdb) {
  if constexpr (B::name == "sqlite")
    return sqlite;
  else if constexpr (B::name == "postgres")
    return postgres;
  else if constexpr (B::name == "duckdb")
    return duckdb;
  else
    return mysql;
}

/// Drops a table or a view of that name, whichever it is (each engine refuses DROP VIEW of a table and the
/// other way round).
template <class Db>
void drop_relation(Db& db, std::string_view name) {
  try {
    db.drop_view(name);
  } catch (std::exception const&) {
  }
  try {
    db.drop_table(name);
  } catch (std::exception const&) {
  }
}

/// verify_source<T>'s message, or "" when it passes.
template <class T, class Db>
std::string problem(Db& db) {
  try {
    pl::verify_source<T>(db);
  } catch (egret::error const& e) {
    return e.what();
  }
  return {};
}

/// Whether the database has a table or view of that name (the catalog verify_source reads).
template <class Db>
bool exists(Db& db, std::string const& name) {
  return !describe_table(db, name).columns.empty();
}

// ---- the atomic rebuild: a seed, a view over it, a table model over the view, a table model over that ----

EGRET_TABLE(sw_input, (id, std::int64_t), (qty, std::int64_t), (per, std::int64_t));
EGRET_TABLE(sw_clean, (id, std::int64_t), (qty, std::int64_t), (per, std::int64_t));
EGRET_TABLE(sw_ratio, (id, std::int64_t), (ratio, std::int64_t));
EGRET_TABLE(sw_next, (id, std::int64_t), (next, std::int64_t));

using sw_input_seed = pl::seed<sw_input, "sw_input.csv">;
struct sw_clean_node : pl::model<pl::view, sw_clean> {
  static constexpr auto build(sw_input i) { return i.filter(i.qty >= std::int64_t{0}).select(i.id, i.qty, i.per); }
};
struct sw_ratio_node : pl::model<pl::table, sw_ratio> {
  static constexpr auto build(sw_clean c) { return c.select(c.id, (c.qty / c.per).as<"ratio">()); }
};
struct sw_next_node : pl::model<pl::table, sw_next> {
  static constexpr auto build(sw_ratio r) { return r.select(r.id, (r.ratio + std::int64_t{1}).as<"next">()); }
};
using sw_shop = pl::pipeline<sw_next_node, sw_ratio_node, sw_clean_node, sw_input_seed>;

// ---- a view model whose new code reads a table the database lacks ----

EGRET_TABLE(vw_base, (id, std::int64_t), (label, std::string));
EGRET_TABLE(vw_other, (id, std::int64_t), (label, std::string));
EGRET_TABLE(vw_labels, (id, std::int64_t), (label, std::string));
struct vw_labels_v1 : pl::model<pl::view, vw_labels> {
  static constexpr auto build(vw_base b) { return b.select(b.id, b.label); }
};
struct vw_labels_v2 : pl::model<pl::view, vw_labels> {  // the next version of the program's code
  static constexpr auto build(vw_other o) { return o.select(o.id, o.label); }
};
using vw_v1 = pl::pipeline<vw_labels_v1, pl::source<vw_base>>;
using vw_v2 = pl::pipeline<vw_labels_v2, pl::source<vw_other>>;

// ---- a view model that reads a table model ----

EGRET_TABLE(dv_input, (id, std::int64_t), (qty, std::int64_t));
EGRET_TABLE(dv_table, (id, std::int64_t), (qty, std::int64_t));
EGRET_TABLE(dv_view, (id, std::int64_t), (qty, std::int64_t));
using dv_input_seed = pl::seed<dv_input, "dv_input.csv">;
struct dv_table_node : pl::model<pl::table, dv_table> {
  static constexpr auto build(dv_input i) { return i.select(i.id, i.qty); }
};
struct dv_view_node : pl::model<pl::view, dv_view> {
  static constexpr auto build(dv_table t) { return t.select(t.id, t.qty); }
};
using dv_shop = pl::pipeline<dv_view_node, dv_table_node, dv_input_seed>;

template <class T, class Db>
rows ordered(Db& db) {
  T t{};
  return fetch(db, t.order_by(t.id.asc()));
}

/// A directory of its own for backend B's seed files.
template <class B>
std::filesystem::path seed_dir(std::string_view test) {
  std::filesystem::path const dir =
      std::filesystem::path(EGRET_TEST_TMP_DIR) / ("conformance_" + std::string(test) + "_" + std::string(B::name));
  std::filesystem::create_directories(dir);
  return dir;
}

std::string status_of(pl::run_report const& r, std::string_view name) {
  auto const* s = r.find(name);
  return s == nullptr ? "not run" : std::string(pl::to_string(s->result)) + (s->message.empty() ? "" : ": " + s->message);
}

}  // namespace

CONFORMANCE_CASE("pipeline: verify_source passes the tables egret creates, other spellings of their types, views") {
  run<TestType>({}, [](auto& db, context& c) {
    for (auto n : {"src_events", "src_rates", "src_keyed", "src_raw"}) drop_relation(db, n);
    db.template create_table<src_events>();
    db.template create_table<src_rates>();
    db.template create_table<src_keyed>();  // a text key: VARCHAR(255) on MariaDB
    c.check(problem<src_events>(db).empty(), "src_events as egret creates it: " + problem<src_events>(db));
    c.check(problem<src_rates>(db).empty(), "src_rates as egret creates it: " + problem<src_rates>(db));
    c.check(problem<src_keyed>(db).empty(), "src_keyed as egret creates it: " + problem<src_keyed>(db));

    // narrower numbers, other text types, columns in another order and a column the pipeline does not read, a
    // NOT NULL column read as optional
    db.drop_table("src_events");
    db.exec(std::string(pick<TestType>(
        R"(CREATE TABLE "src_events" ("ID" INTEGER PRIMARY KEY, "extra" BLOB, "kind" INT NOT NULL, "amount" DOUBLE NOT NULL,
            "day" DATE NOT NULL, "stamp" DATETIME NOT NULL, "flag" BOOLEAN NOT NULL, "note" VARCHAR(200) NOT NULL))",
        R"(CREATE TABLE "src_events" ("id" integer NOT NULL, "extra" bytea, "kind" smallint NOT NULL, "amount" real NOT NULL,
            "day" date NOT NULL, "stamp" timestamp(3) NOT NULL, "flag" boolean NOT NULL, "note" varchar(200) NOT NULL))",
        "CREATE TABLE src_events (ID INT UNSIGNED NOT NULL, extra BLOB, kind SMALLINT NOT NULL, amount FLOAT NOT NULL, "
        "day DATE NOT NULL, stamp DATETIME NOT NULL, flag TINYINT(1) NOT NULL, note VARCHAR(200) NOT NULL)",
        R"(CREATE TABLE "src_events" ("ID" INTEGER PRIMARY KEY, "extra" BLOB, "kind" SMALLINT NOT NULL, "amount" FLOAT NOT NULL,
            "day" DATE NOT NULL, "stamp" DATETIME NOT NULL, "flag" BOOL NOT NULL, "note" VARCHAR(200) NOT NULL))")));
    c.check(problem<src_events>(db).empty(), "src_events in other spellings: " + problem<src_events>(db));

    // a view: its columns and types checked, not its nullability (PostgreSQL and SQLite call every view column
    // nullable)
    db.drop_table("src_rates");
    db.exec(std::string(pick<TestType>(R"(CREATE TABLE "src_raw" ("category" TEXT NOT NULL, "factor" REAL NOT NULL, "label" TEXT))",
                                       R"(CREATE TABLE "src_raw" ("category" text NOT NULL, "factor" double precision NOT NULL, "label" text))",
                                       "CREATE TABLE src_raw (category LONGTEXT NOT NULL, factor DOUBLE NOT NULL, label LONGTEXT)",
                                       R"(CREATE TABLE "src_raw" ("category" TEXT NOT NULL, "factor" DOUBLE NOT NULL, "label" TEXT))")));
    db.exec(std::string(pick<TestType>(R"(CREATE VIEW "src_rates" AS SELECT "category", "factor" * 2 AS "factor" FROM "src_raw")",
                                       R"(CREATE VIEW "src_rates" AS SELECT "category", "factor" * 2 AS "factor" FROM "src_raw")",
                                       "CREATE VIEW src_rates AS SELECT category, factor * 2 AS factor FROM src_raw",
                                       R"(CREATE VIEW "src_rates" AS SELECT "category", "factor" * 2 AS "factor" FROM "src_raw")")));
    c.check(problem<src_rates>(db).empty(), "src_rates as a view: " + problem<src_rates>(db));
    db.drop_view("src_rates");
    db.exec(std::string(pick<TestType>(R"(CREATE VIEW "src_rates" AS SELECT "category", "label" AS "factor" FROM "src_raw")",
                                       R"(CREATE VIEW "src_rates" AS SELECT "category", "label" AS "factor" FROM "src_raw")",
                                       "CREATE VIEW src_rates AS SELECT category, label AS factor FROM src_raw",
                                       R"(CREATE VIEW "src_rates" AS SELECT "category", "label" AS "factor" FROM "src_raw")")));
    std::string const want = std::string(R"(egret: source "src_rates": column "factor" is )") +
                             std::string(pick<TestType>("TEXT", "TEXT", "LONGTEXT", "VARCHAR")) +
                             " in the database, but the pipeline declares it " +
                             std::string(pick<TestType>("REAL", "DOUBLE PRECISION", "DOUBLE", "DOUBLE")) + " (double)";
    c.check(problem<src_rates>(db) == want, "a view's column of another type: got '" + problem<src_rates>(db) + "'; want '" + want + "'");
    db.drop_view("src_rates");
    db.drop_table("src_raw");
  });
}

CONFORMANCE_CASE("pipeline: verify_source refuses a wrong type, a missing column, a missing table, a nullable column") {
  run<TestType>({}, [](auto& db, context& c) {
    for (auto n : {"src_rates", "src_events"}) drop_relation(db, n);
    auto expect_problem = [&]<class T>(std::type_identity<T>, std::string const& what, std::string const& want) {
      std::string const got = problem<T>(db);
      c.check(got == want, what + ": got '" + got + "'; want '" + want + "'");
    };
    std::string const real = std::string(pick<TestType>("REAL", "DOUBLE PRECISION", "DOUBLE", "DOUBLE"));
    std::string const text = std::string(pick<TestType>("TEXT", "TEXT", "LONGTEXT", "VARCHAR"));
    std::string const head = R"(egret: source "src_rates": )";

    expect_problem(std::type_identity<src_rates>{}, "no table", head + R"(there is no table or view "src_rates" in the database)");

    db.exec(std::string(pick<TestType>(R"(CREATE TABLE "src_rates" ("category" TEXT NOT NULL, "factor" TEXT NOT NULL))",
                                       R"(CREATE TABLE "src_rates" ("category" text NOT NULL, "factor" text NOT NULL))",
                                       "CREATE TABLE src_rates (category LONGTEXT NOT NULL, factor VARCHAR(20) NOT NULL)",
                                       R"(CREATE TABLE "src_rates" ("category" VARCHAR NOT NULL, "factor" VARCHAR NOT NULL))")));
    expect_problem(std::type_identity<src_rates>{}, "a text column read as double",
                   head + R"(column "factor" is )" + std::string(pick<TestType>("TEXT", "TEXT", "VARCHAR(20)", "VARCHAR")) +
                       " in the database, but the pipeline declares it " + real + " (double)");
    db.drop_table("src_rates");

    db.exec(std::string(pick<TestType>(R"(CREATE TABLE "src_rates" ("category" TEXT NOT NULL, "factr" REAL NOT NULL))",
                                       R"(CREATE TABLE "src_rates" ("category" text NOT NULL, "factr" double precision NOT NULL))",
                                       "CREATE TABLE src_rates (category LONGTEXT NOT NULL, factr DOUBLE NOT NULL)",
                                       R"(CREATE TABLE "src_rates" ("category" VARCHAR NOT NULL, "factr" DOUBLE NOT NULL))")));
    expect_problem(std::type_identity<src_rates>{}, "a missing column",
                   head + R"(column "factor" is missing in the database, but the pipeline declares it )" + real + " (double)");
    db.drop_table("src_rates");

    db.exec(std::string(pick<TestType>(R"(CREATE TABLE "src_rates" ("category" TEXT NOT NULL, "factor" REAL))",
                                       R"(CREATE TABLE "src_rates" ("category" text NOT NULL, "factor" double precision))",
                                       "CREATE TABLE src_rates (category LONGTEXT NOT NULL, factor DOUBLE)",
                                       R"(CREATE TABLE "src_rates" ("category" VARCHAR NOT NULL, "factor" DOUBLE))")));
    expect_problem(std::type_identity<src_rates>{}, "a nullable column read as NOT NULL",
                   head + R"(column "factor" can be NULL in the database, but the pipeline declares it )" + real +
                       " NOT NULL (double): declare it std::optional<double>, or the column NOT NULL");
    db.drop_table("src_rates");

    // several problems at once
    db.exec(std::string(pick<TestType>(R"(CREATE TABLE "src_rates" ("category" INTEGER))", R"(CREATE TABLE "src_rates" ("category" integer))",
                                       "CREATE TABLE src_rates (category INT)",
                                       R"(CREATE TABLE "src_rates" ("category" INTEGER))")));
    expect_problem(std::type_identity<src_rates>{}, "two problems",
                   head + R"(column "category" is )" + std::string(pick<TestType>("INTEGER", "INTEGER", "INT(11)", "INTEGER")) +
                       " in the database, but the pipeline declares it " + text + R"( (std::string); column "factor" is missing)"
                       " in the database, but the pipeline declares it " + real + " (double)");
    db.drop_table("src_rates");

    // wider than declared (SQLite has one INTEGER affinity: nothing to refuse there)
    if constexpr (TestType::name != "sqlite") {
      db.exec(std::string(pick<TestType>(
          "", R"(CREATE TABLE "src_events" ("id" bigint NOT NULL, "kind" bigint NOT NULL, "amount" double precision NOT NULL,
                  "day" date NOT NULL, "stamp" timestamp with time zone NOT NULL, "flag" boolean NOT NULL, "note" text))",
          "CREATE TABLE src_events (id BIGINT UNSIGNED NOT NULL, kind BIGINT NOT NULL, amount DOUBLE NOT NULL, day DATE NOT NULL, "
          "stamp TIMESTAMP NOT NULL, flag INT NOT NULL, note LONGTEXT)",
          R"(CREATE TABLE "src_events" ("id" BIGINT NOT NULL, "kind" BIGINT NOT NULL, "amount" DOUBLE NOT NULL,
              "day" DATE NOT NULL, "stamp" TIMESTAMPTZ NOT NULL, "flag" BOOLEAN NOT NULL, "note" VARCHAR))")));
      std::string const want =
          TestType::name == "postgres" || TestType::name == "duckdb"  // DuckDB: PostgreSQL's names
              ? R"(egret: source "src_events": column "kind" is BIGINT in the database, but the pipeline declares it INTEGER (std::int32_t); )"
                R"(column "stamp" is TIMESTAMP WITH TIME ZONE in the database, but the pipeline declares it TIMESTAMP (egret::timestamp))"
              : R"(egret: source "src_events": column "id" is BIGINT(20) UNSIGNED in the database, but the pipeline declares it BIGINT (std::int64_t); )"
                R"(column "kind" is BIGINT(20) in the database, but the pipeline declares it INT (std::int32_t); )"
                R"(column "stamp" is TIMESTAMP in the database, but the pipeline declares it DATETIME(6) (egret::timestamp); )"
                R"(column "flag" is INT(11) in the database, but the pipeline declares it BOOLEAN (bool))";
      expect_problem(std::type_identity<src_events>{}, "wider types", want);
      db.drop_table("src_events");
    }
  });
}

CONFORMANCE_CASE("pipeline: a table model failing half-way keeps its rows, what reads it is skipped, nothing is left behind") {
  run<TestType>({}, [](auto& db, context& c) {
    for (auto n : {"sw_next", "sw_ratio", "sw_ratio__egret_new", "sw_ratio__egret_old", "sw_clean", "sw_input"}) drop_relation(db, n);
    std::filesystem::path const dir = seed_dir<TestType>("atomic");
    auto seed = [&](std::string const& csv) { std::ofstream(dir / "sw_input.csv") << "id,qty,per\n" << csv; };
    auto build = [&] { return sw_shop::build(db, {.seeds = dir, .out = nullptr}); };
    if constexpr (TestType::name == "mysql") {  // what makes DIV 0 an error in an INSERT
      using mode = egret::raw_query<"SELECT @@sql_mode AS m", egret::out<"m", std::string>>;
      std::string m;
      for (auto const& [x] : db.execute(mode{})) m = std::string(x);
      c.check(m.find("STRICT_TRANS_TABLES") != std::string::npos && m.find("ERROR_FOR_DIVISION_BY_ZERO") != std::string::npos,
              "the server's sql_mode is strict, with ERROR_FOR_DIVISION_BY_ZERO: " + m);
    }

    seed("1,10,2\n2,9,3\n3,8,4\n");
    auto const first = build();
    c.check(first.ok(), "the first build: " + status_of(first, "sw_ratio") + ", " + status_of(first, "sw_next"));
    rows const ratio_before{{1, 5}, {2, 3}, {3, 2}};
    rows const next_before{{1, 6}, {2, 4}, {3, 3}};
    expect(c, ordered<sw_ratio>(db), ratio_before);
    expect(c, ordered<sw_next>(db), next_before);

    // a fourth row divides by zero: the INSERT ... SELECT of sw_ratio fails on it, after the first three
    seed("1,10,2\n2,9,3\n3,8,4\n4,7,0\n");
    auto const failed = build();
    c.check(!failed.ok(), "the second build fails");
    std::string const engine_says =
        std::string(pick<TestType>("NOT NULL constraint failed: sw_ratio.ratio", "division by zero", "Division by 0",
                                 "NOT NULL constraint failed: sw_ratio.ratio"));
    auto const* ratio = failed.find("sw_ratio");
    c.check(ratio != nullptr && ratio->result == pl::status::error && ratio->message.find(engine_says) != std::string::npos,
            "sw_ratio is ERROR with '" + engine_says + "': " + status_of(failed, "sw_ratio"));
    c.check(failed.find("sw_input") && failed.find("sw_input")->result == pl::status::ok && failed.find("sw_input")->rows == 4,
            "the seed loads: " + status_of(failed, "sw_input"));
    c.check(failed.find("sw_clean") && failed.find("sw_clean")->result == pl::status::ok,
            "the view upstream is built: " + status_of(failed, "sw_clean"));
    c.check(failed.find("sw_next") && failed.find("sw_next")->result == pl::status::skipped,
            "sw_next, downstream of the failure, is SKIP: " + status_of(failed, "sw_next"));
    expect(c, ordered<sw_ratio>(db), ratio_before);  // the previous table, row for row
    expect(c, ordered<sw_next>(db), next_before);
    expect(c, ordered<sw_clean>(db), rows{{1, 10, 2}, {2, 9, 3}, {3, 8, 4}, {4, 7, 0}});  // the view exists and reads
    c.check(!exists(db, "sw_ratio__egret_new") && !exists(db, "sw_ratio__egret_old"), "no temporary table is left");

    // the data fixed: everything builds again
    seed("1,10,2\n2,9,3\n3,8,4\n4,7,1\n");
    auto const fixed = build();
    c.check(fixed.ok(), "the third build: " + status_of(fixed, "sw_ratio") + ", " + status_of(fixed, "sw_next"));
    expect(c, ordered<sw_ratio>(db), rows{{1, 5}, {2, 3}, {3, 2}, {4, 7}});
    expect(c, ordered<sw_next>(db), rows{{1, 6}, {2, 4}, {3, 3}, {4, 8}});
    c.check(!exists(db, "sw_ratio__egret_new") && !exists(db, "sw_ratio__egret_old"), "no temporary table is left after a swap");
  });
}

CONFORMANCE_CASE("pipeline: a view model whose CREATE VIEW fails keeps the previous view") {
  run<TestType>(
      {},
      [](auto& db, context& c) {
        for (auto n : {"vw_labels", "vw_base", "vw_other"}) drop_relation(db, n);
        db.template create_table<vw_base>();
        db.template insert<vw_base>(std::int64_t{1}, std::string("one"));
        db.template insert<vw_base>(std::int64_t{2}, std::string("two"));
        auto const first = vw_v1::build(db, {.out = nullptr});
        c.check(first.ok(), "the first build: " + status_of(first, "vw_labels"));
        rows const before{{1, "one"}, {2, "two"}};
        expect(c, ordered<vw_labels>(db), before);

        // the next version of the view reads vw_other, which the database does not have: run the view alone (its
        // source, not selected, is taken as it is), so that its CREATE VIEW is what fails
        auto const failed = vw_v2::build(db, {.out = nullptr, .select = {"vw_labels"}});
        std::string const engine_says =
            std::string(pick<TestType>("no such table", R"(relation "vw_other" does not exist)", "vw_other' doesn't exist",
                                       "Table with name vw_other does not exist"));
        auto const* view = failed.find("vw_labels");
        c.check(view != nullptr && view->result == pl::status::error && view->message.find(engine_says) != std::string::npos,
                "vw_labels is ERROR with '" + engine_says + "': " + status_of(failed, "vw_labels"));
        try {
          expect(c, ordered<vw_labels>(db), before);  // the previous view, reading as before
        } catch (std::exception const& e) {
          c.check(false, std::string("the previous view does not read: ") + e.what());
        }
        drop_relation(db, "vw_labels");
      });
}

CONFORMANCE_CASE("pipeline: a table model can be rebuilt under a view model that reads it") {
  run<TestType>({},
                [](auto& db, context& c) {
                  for (auto n : {"dv_view", "dv_table", "dv_input"}) drop_relation(db, n);
                  std::filesystem::path const dir = seed_dir<TestType>("view_over_table");
                  auto seed = [&](std::string const& csv) { std::ofstream(dir / "dv_input.csv") << "id,qty\n" << csv; };
                  auto build = [&] { return dv_shop::build(db, {.seeds = dir, .out = nullptr}); };
                  seed("1,10\n2,20\n");
                  auto const first = build();
                  c.check(first.ok(), "the first build: " + status_of(first, "dv_table") + ", " + status_of(first, "dv_view"));
                  seed("1,10\n2,20\n3,30\n");
                  auto const second = build();
                  c.check(second.ok(), "the second build: " + status_of(second, "dv_table") + ", " + status_of(second, "dv_view"));
                  try {
                    expect(c, ordered<dv_view>(db), rows{{1, 10}, {2, 20}, {3, 30}});
                  } catch (std::exception const& e) {
                    c.check(false, std::string("the view does not read: ") + e.what());
                  }
                  for (auto n : {"dv_view", "dv_table"}) drop_relation(db, n);
                });
}
