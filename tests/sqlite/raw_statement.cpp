// Tests egret::sqlite::handle, statement and error against real database files: binding, reading, errors.
#include <catch2/catch.hpp>

#include <egret/sqlite/error.hpp>
#include <egret/sqlite/handle.hpp>
#include <egret/sqlite/statement.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>

using egret::sqlite::handle;
using egret::sqlite::statement;

namespace {

// A fresh directory per test (removed afterwards), so each test gets its own real database file.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
#ifdef EGRET_TEST_TMP_DIR
    std::filesystem::path const base = EGRET_TEST_TMP_DIR;
#else
    std::filesystem::path const base = std::filesystem::temp_directory_path();
#endif
    std::random_device rd;
    path = base / ("egret_raw_statement_" + std::to_string(rd()) + "_" + std::to_string(rd()));
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

std::int64_t scalar(sqlite3* db, std::string_view sql) {
  statement s(db, sql);
  REQUIRE(s.step());
  return s.read<std::int64_t>(0);
}

std::string scalar_text(sqlite3* db, std::string_view sql) {
  statement s(db, sql);
  REQUIRE(s.step());
  return s.read<std::string>(0);
}

// A user type stored as INTEGER cents, through the value_traits customization point.
struct cents {
  std::int64_t value;
};

}  // namespace

template <>
struct egret::sqlite::value_traits<cents> {
  static void bind(statement& s, int index, cents const& c) { s.bind(index, c.value); }
  static cents read(statement const& s, int col) { return cents{s.read<std::int64_t>(col)}; }
};

TEST_CASE("handle opens a database file, enables foreign keys and reports changes", "[sqlite][raw]") {
  temp_dir dir;
  std::string const path = dir.file("db.sqlite");
  auto db = handle::open(path);
  REQUIRE(db);
  CHECK(std::filesystem::exists(path));
  CHECK(scalar(db.get(), "PRAGMA foreign_keys") == 1);

  db.exec(R"(
    CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER);
    INSERT INTO t(v) VALUES (10), (20), (30);
  )");
  CHECK(db.changes() == 3);
  CHECK(db.last_insert_rowid() == 3);
  db.exec("UPDATE t SET v = v + 1 WHERE v > 10");
  CHECK(db.changes() == 2);

  handle moved = std::move(db);
  CHECK_FALSE(db);
  CHECK(scalar(moved.get(), "SELECT sum(v) FROM t") == 62);

  auto mem = handle::open(":memory:");
  mem.exec("CREATE TABLE x(a); INSERT INTO x VALUES (1)");
  CHECK(scalar(mem.get(), "SELECT count(*) FROM x") == 1);
}

TEST_CASE("handle::open failure names the path and the code", "[sqlite][raw]") {
  temp_dir dir;
  std::string const path = (dir.path / "no" / "such" / "dir" / "db.sqlite").string();
  try {
    (void)handle::open(path);
    FAIL("open should have thrown");
  } catch (egret::sqlite::error const& e) {
    CHECK(e.primary_code() == SQLITE_CANTOPEN);
    CHECK_THAT(e.what(), Catch::Contains(path));
  }
}

TEST_CASE("bind and read every supported type", "[sqlite][raw]") {
  temp_dir dir;
  auto db = handle::open(dir.file("types.sqlite"));
  db.exec("CREATE TABLE t(i32 INTEGER, i64 BIGINT, d REAL, b BOOLEAN, s TEXT, dt DATE, ts TIMESTAMP)");

  egret::date const day{2024, 2, 29};
  egret::timestamp const at{{1999, 12, 31}, 23, 59, 58, 123456};
  {
    statement ins(db.get(), "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    ins.bind(1, std::int32_t{-2147483647 - 1});
    ins.bind(2, std::numeric_limits<std::int64_t>::max());
    ins.bind(3, -0.5);
    ins.bind(4, true);
    ins.bind(5, std::string_view("hello"));
    ins.bind(6, day);
    ins.bind(7, at);
    CHECK_FALSE(ins.step());
    CHECK(db.changes() == 1);

    ins.reset();
    ins.bind(1, std::int32_t{2147483647});
    ins.bind(2, std::numeric_limits<std::int64_t>::min());
    ins.bind(3, 0.0);
    ins.bind(4, false);
    ins.bind(5, std::string("world"));
    ins.bind(6, egret::date{1970, 1, 1});
    ins.bind(7, egret::timestamp{{2000, 1, 1}, 0, 0, 0, 0});
    CHECK_FALSE(ins.step());
  }

  // How the values are stored: booleans as 0/1, temporals as ISO-8601 text.
  CHECK(scalar_text(db.get(), "SELECT group_concat(typeof(b) || ':' || b, ',') FROM t") == "integer:1,integer:0");
  CHECK(scalar_text(db.get(), "SELECT group_concat(typeof(dt) || ':' || dt, ',') FROM t") ==
        "text:2024-02-29,text:1970-01-01");
  CHECK(scalar_text(db.get(), "SELECT ts FROM t WHERE rowid = 1") == "1999-12-31 23:59:58.123456");
  CHECK(scalar_text(db.get(), "SELECT ts FROM t WHERE rowid = 2") == "2000-01-01 00:00:00");

  statement sel(db.get(), "SELECT i32, i64, d, b, s, dt, ts FROM t ORDER BY rowid");
  REQUIRE(sel.column_count() == 7);
  CHECK(sel.column_name(0) == "i32");
  CHECK(sel.column_name(6) == "ts");

  REQUIRE(sel.step());
  CHECK(sel.column_type(0) == SQLITE_INTEGER);
  CHECK(sel.column_type(2) == SQLITE_FLOAT);
  CHECK(sel.column_type(4) == SQLITE_TEXT);
  CHECK(sel.read<std::int32_t>(0) == std::numeric_limits<std::int32_t>::min());
  CHECK(sel.read<std::int64_t>(1) == std::numeric_limits<std::int64_t>::max());
  CHECK(sel.read<double>(2) == -0.5);
  CHECK(sel.read<bool>(3) == true);
  CHECK(sel.read<std::string_view>(4) == "hello");
  CHECK(sel.read<std::string>(4) == "hello");
  CHECK(sel.read<egret::date>(5) == day);
  CHECK(sel.read<egret::timestamp>(6) == at);
  CHECK(sel.read<std::optional<std::int64_t>>(1) == std::numeric_limits<std::int64_t>::max());
  CHECK(sel.read<std::optional<egret::date>>(5) == day);

  REQUIRE(sel.step());
  CHECK(sel.read<std::int32_t>(0) == std::numeric_limits<std::int32_t>::max());
  CHECK(sel.read<std::int64_t>(1) == std::numeric_limits<std::int64_t>::min());
  CHECK(sel.read<double>(2) == 0.0);  // a real 0.0, not mistaken for NULL
  CHECK(sel.read<bool>(3) == false);
  CHECK(sel.read<std::string>(4) == "world");
  CHECK(sel.read<egret::date>(5) == egret::date{1970, 1, 1});
  CHECK(sel.read<egret::timestamp>(6) == egret::timestamp{{2000, 1, 1}, 0, 0, 0, 0});
  CHECK_FALSE(sel.step());
}

TEST_CASE("other integer types, bool, and user types through value_traits", "[sqlite][raw]") {
  auto db = handle::open(":memory:");
  statement s(db.get(), "SELECT ?1, ?2, ?3, ?4, ?5, typeof(?5)");
  s.bind(1, short{-7});
  s.bind(2, 4000000000u);  // unsigned int: fits int64
  s.bind(3, 9000000000000LL);
  s.bind(4, cents{1999});
  s.bind(5, std::optional<cents>{});
  REQUIRE(s.step());
  CHECK(s.read<std::int32_t>(0) == -7);
  CHECK(s.read<std::int64_t>(1) == 4000000000);
  CHECK(s.read<std::int64_t>(2) == 9000000000000);
  CHECK(s.read<cents>(3).value == 1999);
  CHECK_FALSE(s.read<std::optional<cents>>(4).has_value());
  CHECK(s.read<std::string>(5) == "null");
  CHECK_THROWS_AS(s.read<cents>(4), egret::type_error);
}

TEST_CASE("NULLs and optionals", "[sqlite][raw]") {
  temp_dir dir;
  auto db = handle::open(dir.file("nulls.sqlite"));
  db.exec("CREATE TABLE t(a INTEGER, b REAL, c TEXT, d DATE, e TIMESTAMP, f BOOLEAN, g BIGINT)");
  {
    statement ins(db.get(), "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, std::nullopt);
    ins.bind(2, std::optional<double>{});
    ins.bind(3, static_cast<char const*>(nullptr));
    ins.bind(4, std::optional<egret::date>{});
    ins.bind(5, std::optional<egret::timestamp>{});
    ins.bind(6, std::optional<bool>{});
    ins.bind_null(7);
    CHECK_FALSE(ins.step());

    ins.reset();
    ins.bind(1, std::optional<std::int32_t>{5});
    ins.bind(2, std::optional<double>{2.5});
    ins.bind(3, std::optional<std::string>{"x"});
    ins.bind(4, std::optional<egret::date>{egret::date{2020, 5, 17}});
    ins.bind(5, std::optional<egret::timestamp>{egret::timestamp{{2020, 5, 17}, 8, 30, 0, 0}});
    ins.bind(6, std::optional<bool>{true});
    ins.bind(7, std::optional<std::int64_t>{0});
    CHECK_FALSE(ins.step());
  }
  CHECK(scalar(db.get(), "SELECT count(*) FROM t WHERE a IS NULL AND b IS NULL AND c IS NULL AND d IS NULL "
                         "AND e IS NULL AND f IS NULL AND g IS NULL") == 1);

  statement sel(db.get(), "SELECT a, b, c, d, e, f, g FROM t ORDER BY rowid");
  REQUIRE(sel.step());
  for (int col = 0; col < 7; ++col) {
    CHECK(sel.is_null(col));
    CHECK(sel.column_type(col) == SQLITE_NULL);
  }
  CHECK(sel.read<std::optional<std::int32_t>>(0) == std::nullopt);
  CHECK(sel.read<std::optional<double>>(1) == std::nullopt);
  CHECK(sel.read<std::optional<std::string>>(2) == std::nullopt);
  CHECK(sel.read<std::optional<std::string_view>>(2) == std::nullopt);
  CHECK(sel.read<std::optional<egret::date>>(3) == std::nullopt);
  CHECK(sel.read<std::optional<egret::timestamp>>(4) == std::nullopt);
  CHECK(sel.read<std::optional<bool>>(5) == std::nullopt);
  CHECK(sel.read<std::optional<std::int64_t>>(6) == std::nullopt);
  // Every non-optional type refuses NULL.
  CHECK_THROWS_AS(sel.read<std::int32_t>(0), egret::type_error);
  CHECK_THROWS_AS(sel.read<double>(1), egret::type_error);
  CHECK_THROWS_AS(sel.read<std::string>(2), egret::type_error);
  CHECK_THROWS_AS(sel.read<std::string_view>(2), egret::type_error);
  CHECK_THROWS_AS(sel.read<egret::date>(3), egret::type_error);
  CHECK_THROWS_AS(sel.read<egret::timestamp>(4), egret::type_error);
  CHECK_THROWS_AS(sel.read<bool>(5), egret::type_error);
  CHECK_THROWS_AS(sel.read<std::int64_t>(6), egret::type_error);

  REQUIRE(sel.step());
  CHECK(sel.read<std::optional<std::int32_t>>(0) == 5);
  CHECK(sel.read<std::optional<double>>(1) == 2.5);
  CHECK(sel.read<std::optional<std::string>>(2) == "x");
  CHECK(sel.read<std::optional<egret::date>>(3) == egret::date{2020, 5, 17});
  CHECK(sel.read<std::optional<egret::timestamp>>(4) == egret::timestamp{{2020, 5, 17}, 8, 30, 0, 0});
  CHECK(sel.read<std::optional<bool>>(5) == true);
  CHECK(sel.read<std::optional<std::int64_t>>(6) == 0);  // 0 is a value, not NULL
  CHECK(sel.read<std::int64_t>(6) == 0);
}

TEST_CASE("reading NULL into a non-optional type names the column and the SQL", "[sqlite][raw]") {
  temp_dir dir;
  auto db = handle::open(dir.file("msg.sqlite"));
  db.exec("CREATE TABLE orders(id INTEGER, customer TEXT, amount REAL); INSERT INTO orders VALUES (1, 'ann', NULL)");
  std::string_view const sql = "SELECT id, customer, amount FROM orders";
  statement sel(db.get(), sql);
  REQUIRE(sel.step());
  try {
    (void)sel.read<double>(2);
    FAIL("reading NULL as double should have thrown");
  } catch (egret::type_error const& e) {
    CHECK(std::string(e.what()) ==
          "column 2 \"amount\" is NULL but the query's type says NOT NULL; in SQL: SELECT id, customer, amount FROM orders");
  }
  // A column index past the end is reported as such.
  CHECK_THROWS_WITH(sel.read<std::int64_t>(7), Catch::Contains("column 7 does not exist (the query has 3 columns)"));
  // Values that do not fit the C++ type.
  statement big(db.get(), "SELECT 5000000000 AS huge");
  REQUIRE(big.step());
  CHECK_THROWS_WITH(big.read<std::int32_t>(0), Catch::Contains("column 0 \"huge\" holds 5000000000"));
}

TEST_CASE("date and timestamp columns whose text does not parse throw type_error", "[sqlite][raw]") {
  temp_dir dir;
  auto db = handle::open(dir.file("dates.sqlite"));
  db.exec("CREATE TABLE t(d DATE, ts TIMESTAMP); INSERT INTO t VALUES ('2023-02-30', 'yesterday')");
  statement sel(db.get(), "SELECT d, ts FROM t");
  REQUIRE(sel.step());
  CHECK_THROWS_WITH(sel.read<egret::date>(0),
                    Catch::Contains("column 0 \"d\" holds \"2023-02-30\", which is not a DATE") &&
                        Catch::Contains("in SQL: SELECT d, ts FROM t"));
  CHECK_THROWS_WITH(sel.read<std::optional<egret::timestamp>>(1), Catch::Contains("column 1 \"ts\" holds \"yesterday\""));
  // What SQLite's own date functions produce reads back.
  statement fn(db.get(), "SELECT date('2024-03-01', '-1 day'), datetime('2024-03-01 12:34:56', '+1 hour')");
  REQUIRE(fn.step());
  CHECK(fn.read<egret::date>(0) == egret::date{2024, 2, 29});
  CHECK(fn.read<egret::timestamp>(1) == egret::timestamp{{2024, 3, 1}, 13, 34, 56, 0});
}

TEST_CASE("text with quotes, Unicode and empty strings round-trips through every text bind", "[sqlite][raw]") {
  temp_dir dir;
  auto db = handle::open(dir.file("text.sqlite"));
  db.exec("CREATE TABLE t(k INTEGER, s TEXT)");
  std::string const tricky = "O'Brien said \"hi\"; -- not a comment\n\t\\ Zürich, 日本語, emoji 🎉, ' OR 1=1 --";
  static constexpr char literal[] = "static 'literal' ✓";
  {
    statement ins(db.get(), "INSERT INTO t VALUES (?, ?)");
    auto put = [&](int k, auto const& value) {
      ins.reset();
      ins.bind(1, k);
      ins.bind(2, value);
      CHECK_FALSE(ins.step());
    };
    put(1, std::string_view(tricky));
    put(2, tricky);
    put(3, tricky.c_str());
    put(4, std::string_view());  // default view: data() is null, must still be '' and not NULL
    put(5, std::string());
    ins.reset();
    ins.bind(1, 6);
    ins.bind_static_text(2, literal);
    CHECK_FALSE(ins.step());
  }
  CHECK(scalar(db.get(), "SELECT count(*) FROM t WHERE s IS NULL") == 0);
  CHECK(scalar(db.get(), "SELECT count(*) FROM t WHERE s = ''") == 2);

  statement sel(db.get(), "SELECT k, s, length(CAST(s AS BLOB)) FROM t ORDER BY k");
  for (int k = 1; k <= 3; ++k) {
    REQUIRE(sel.step());
    CHECK(sel.read<std::string_view>(1) == tricky);
    CHECK(sel.read<std::int64_t>(2) == static_cast<std::int64_t>(tricky.size()));  // bytes, so UTF-8 intact
  }
  for (int k = 4; k <= 5; ++k) {
    REQUIRE(sel.step());
    CHECK_FALSE(sel.is_null(1));
    CHECK(sel.read<std::string_view>(1).empty());
    CHECK(sel.read<std::optional<std::string>>(1) == std::string());
  }
  REQUIRE(sel.step());
  CHECK(sel.read<std::string>(1) == literal);
  CHECK_FALSE(sel.step());
}

TEST_CASE("bad SQL throws with the SQL text and the result code", "[sqlite][raw]") {
  temp_dir dir;
  auto db = handle::open(dir.file("bad.sqlite"));
  try {
    statement s(db.get(), "SELEC 1 FROM nowhere");
    FAIL("prepare should have thrown");
  } catch (egret::sqlite::error const& e) {
    CHECK(e.code() == SQLITE_ERROR);  // 1
    CHECK(e.primary_code() == SQLITE_ERROR);
    CHECK(e.sql() == "SELEC 1 FROM nowhere");
    CHECK_THAT(e.message(), Catch::Contains("syntax error"));
    CHECK_THAT(e.what(), Catch::StartsWith("database error 1: ") && Catch::Contains("in SQL: SELEC 1 FROM nowhere"));
    CHECK(e.offset() == 0);  // SQLite points at "SELEC"
  }
  CHECK_THROWS_MATCHES(statement(db.get(), "SELECT * FROM missing_table"), egret::sqlite::error,
                       Catch::Message("database error 1: no such table: missing_table\n"
                                      "  in SQL: SELECT * FROM missing_table"));
  // egret::database_error is the portable base.
  CHECK_THROWS_AS(statement(db.get(), "SELECT"), egret::database_error);

  // exec reports the failing statement of a script, not the whole script.
  try {
    db.exec("CREATE TABLE ok(a);\n  INSERT INTO nope VALUES (1);\nSELECT 1;");
    FAIL("exec should have thrown");
  } catch (egret::sqlite::error const& e) {
    CHECK(e.code() == SQLITE_ERROR);
    CHECK(e.sql() == "INSERT INTO nope VALUES (1);\nSELECT 1;");
    CHECK_THAT(e.message(), Catch::Contains("no such table: nope"));
  }
  CHECK(scalar(db.get(), "SELECT count(*) FROM sqlite_schema WHERE name = 'ok'") == 1);  // ran before the failure
}

TEST_CASE("a statement holds exactly one SQL statement", "[sqlite][raw]") {
  auto db = handle::open(":memory:");
  try {
    statement s(db.get(), "SELECT 1; SELECT 2");
    FAIL("trailing SQL should have been rejected");
  } catch (egret::sqlite::error const& e) {
    CHECK(e.code() == SQLITE_MISUSE);
    CHECK_THAT(e.message(), Catch::Contains("text follows the first: \"SELECT 2\""));
    CHECK(e.sql() == "SELECT 1; SELECT 2");
  }
  CHECK_THROWS_AS(statement(db.get(), "SELECT 1; garbage"), egret::sqlite::error);
  CHECK_THROWS_AS(statement(db.get(), ""), egret::sqlite::error);
  CHECK_THROWS_AS(statement(db.get(), "  -- only a comment"), egret::sqlite::error);
  // Trailing whitespace, semicolons and comments are fine.
  statement ok(db.get(), "SELECT 42 ;; \n -- the answer\n /* block */ ");
  REQUIRE(ok.step());
  CHECK(ok.read<std::int32_t>(0) == 42);
  CHECK_THAT(std::string(ok.sql()), Catch::StartsWith("SELECT 42"));
}

TEST_CASE("constraint violations throw constraint_error with the extended code", "[sqlite][raw]") {
  temp_dir dir;
  auto db = handle::open(dir.file("constraints.sqlite"));
  db.exec(R"(
    CREATE TABLE parent(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER CHECK (qty >= 0));
    CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
  )");
  statement ins(db.get(), "INSERT INTO parent(id, name, qty) VALUES (?, ?, ?)");
  ins.bind(1, 1);
  ins.bind(2, "a");
  ins.bind(3, 1);
  CHECK_FALSE(ins.step());

  ins.reset();
  ins.bind(1, 2);  // same name: UNIQUE
  try {
    ins.step();
    FAIL("UNIQUE violation expected");
  } catch (egret::sqlite::constraint_error const& e) {
    CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);  // 2067
    CHECK(e.primary_code() == SQLITE_CONSTRAINT);  // 19
    CHECK_THAT(e.message(), Catch::Contains("UNIQUE constraint failed: parent.name"));
    CHECK(e.sql() == "INSERT INTO parent(id, name, qty) VALUES (?, ?, ?)");
  }

  // step() reset the statement, so it is reusable right away.
  ins.bind(2, "b");
  CHECK_FALSE(ins.step());
  CHECK(scalar(db.get(), "SELECT count(*) FROM parent") == 2);

  auto code_of = [&](std::string_view sql) {
    try {
      db.exec(sql);
    } catch (egret::sqlite::constraint_error const& e) {
      return e.code();
    }
    return 0;
  };
  CHECK(code_of("INSERT INTO parent(id, name, qty) VALUES (1, 'c', 0)") == SQLITE_CONSTRAINT_PRIMARYKEY);
  CHECK(code_of("INSERT INTO parent(name) VALUES (NULL)") == SQLITE_CONSTRAINT_NOTNULL);
  CHECK(code_of("INSERT INTO parent(name, qty) VALUES ('d', -1)") == SQLITE_CONSTRAINT_CHECK);
  CHECK(code_of("INSERT INTO child(parent_id) VALUES (99)") == SQLITE_CONSTRAINT_FOREIGNKEY);  // FKs are on
  CHECK_THROWS_AS(db.exec("INSERT INTO parent(id, name) VALUES (1, 'e')"), egret::database_error);
}

TEST_CASE("bind failures carry the code and the SQL", "[sqlite][raw]") {
  auto db = handle::open(":memory:");
  statement s(db.get(), "SELECT ?1");
  CHECK(s.parameter_count() == 1);
  try {
    s.bind(2, 1);
    FAIL("binding index 2 should have thrown");
  } catch (egret::sqlite::error const& e) {
    CHECK(e.code() == SQLITE_RANGE);
    CHECK(e.sql() == "SELECT ?1");
  }
  // clear_bindings sets parameters back to NULL.
  s.bind(1, 5);
  s.clear_bindings();
  REQUIRE(s.step());
  CHECK(s.is_null(0));
}

TEST_CASE("statement is move-only and finalizes once", "[sqlite][raw]") {
  auto db = handle::open(":memory:");
  statement a(db.get(), "SELECT 7");
  sqlite3_stmt* raw = a.get();
  statement b = std::move(a);
  CHECK_FALSE(a);
  CHECK(b.get() == raw);
  statement c;
  c = std::move(b);
  REQUIRE(c.step());
  CHECK(c.read<std::int32_t>(0) == 7);
  CHECK(c.db() == db.get());
  CHECK(sqlite3_next_stmt(db.get(), nullptr) == raw);  // the only live statement
}
