// CSV loading into declared tables: typed, one transaction, located errors that leave the table unchanged.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
EGRET_TABLE(people, (id, std::int64_t), (name, std::string), (born, egret::date), (score, std::optional<double>));

struct fixture {
  std::filesystem::path dir;
  egret::sqlite::connection db;
  explicit fixture(std::string const& name)
      : dir(std::filesystem::path(EGRET_TEST_TMP_DIR) / ("csv_" + name)), db(reset(dir)) {
    db.create_table<people>();
    write("good.csv", "id,name,born,score\r\n1,\"Smith, Ann\",1990-01-31,2.5\r\n2,Bob,1985-12-01,\r\n");
    REQUIRE(db.load_csv<people>(dir / "good.csv") == 2);
  }
  static std::string reset(std::filesystem::path const& d) {
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return (d / "db.sqlite").string();
  }
  std::filesystem::path write(std::string const& name, std::string const& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  }
  std::int64_t count() {
    people p;
    return db.execute(p.aggregate(egret::count().as<"n">())).first()->get<"n">();
  }
  void expect_error(std::string const& text, std::size_t line, std::size_t column, std::string const& reason_part) {
    auto f = write("bad.csv", text);
    try {
      db.load_csv<people>(f);
      FAIL("expected a load_error");
    } catch (egret::load_error const& e) {
      CHECK(e.file() == f.string());
      CHECK(e.line() == line);
      CHECK(e.column() == column);
      CHECK_THAT(e.reason(), Catch::Contains(reason_part));
    }
    CHECK(count() == 2);  // nothing of the bad file was loaded
  }
};
}  // namespace

TEST_CASE("load_csv: quoted fields, CRLF, NULLs", "[sqlite][csv]") {
  fixture f("good");
  people p;
  auto rows = f.db.execute(p.select(p.name, p.score).order_by(p.id)).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"name">() == "Smith, Ann");
  CHECK(rows[0].get<"score">() == 2.5);
  CHECK(!rows[1].get<"score">().has_value());
}

TEST_CASE("load_csv: a wrong field count names file, line and column", "[sqlite][csv]") {
  fixture f("count");
  f.expect_error("id,name,born,score\n3,Cy,2000-01-01,1\n4,Di,2000-01-01\n", 3, 6, "expected 4 fields, found 3");
}

TEST_CASE("load_csv: an unparsable number names its field", "[sqlite][csv]") {
  fixture f("number");
  f.expect_error("id,name,born,score\n3,Cy,2000-01-01,1\n4x,Di,2000-01-01,2\n", 3, 1, "4x");
}

TEST_CASE("load_csv: an impossible date names its field", "[sqlite][csv]") {
  fixture f("date");
  f.expect_error("id,name,born,score\n3,Cy,2001-02-29,1\n", 2, 6, "2001-02-29");
}

TEST_CASE("load_csv: an unterminated quote names where it opened", "[sqlite][csv]") {
  fixture f("quote");
  f.expect_error("id,name,born,score\n3,\"Cy,2000-01-01,1\n4,Di,2000-01-01,2\n", 2, 3, "unterminated");
}

TEST_CASE("load_csv: a header that does not match the table is refused", "[sqlite][csv]") {
  fixture f("header");
  f.expect_error("id,nom,born,score\n3,Cy,2000-01-01,1\n", 1, 4, "nom");
}

namespace {
// Declared nullable so that NULL reaches the engine, whose table says NOT NULL and CHECK.
EGRET_TABLE(keyed, (id, std::int64_t), (name, std::optional<std::string>), (qty, std::int64_t));

struct keyed_fixture {
  std::filesystem::path dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / "csv_keyed";
  egret::sqlite::connection db{fixture::reset(dir)};
  keyed_fixture() {
    db.exec("CREATE TABLE keyed (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER NOT NULL "
            "CHECK (qty >= 0))");
    db.insert<keyed>(std::int64_t{1}, std::optional<std::string>("one"), std::int64_t{1});
  }
  std::int64_t count() {
    keyed k;
    return db.execute(k.aggregate(egret::count().as<"n">())).first()->get<"n">();
  }
  // The engine's refusal of a record is a load_error at that record's line, and nothing of the file is loaded.
  void expect_refused(std::string const& text, std::size_t line, std::size_t column, std::string const& engine_text) {
    auto const f = dir / "bad.csv";
    std::ofstream(f, std::ios::binary) << text;
    try {
      db.load_csv<keyed>(f);
      FAIL("expected a load_error");
    } catch (egret::load_error const& e) {
      CHECK(e.file() == f.string());
      CHECK(e.line() == line);
      CHECK(e.column() == column);
      CHECK_THAT(e.reason(), Catch::Contains(engine_text));
      CHECK_THAT(e.what(), Catch::StartsWith(f.string() + ":" + std::to_string(line) + ":"));
    }
    CHECK(count() == 1);
    CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
  }
};
}  // namespace

TEST_CASE("load_csv: a duplicate key names the file and the record's line", "[sqlite][csv]") {
  keyed_fixture f;
  // the first column (the key) of line 4 repeats line 2's
  f.expect_refused("id,name,qty\n2,two,2\n3,three,3\n2,again,4\n", 4, 1, "UNIQUE constraint failed: keyed.id");
  // a key already in the table
  f.expect_refused("id,name,qty\n2,two,2\n1,uno,3\n", 3, 1, "UNIQUE constraint failed: keyed.id");
  // a UNIQUE column other than the key: its field's column
  f.expect_refused("id,name,qty\n2,two,2\n3,one,3\n", 3, 3, "UNIQUE constraint failed: keyed.name");
}

namespace {
EGRET_TABLE(notes, (note, std::string), (code, std::string));
}

// The blamed field on the second line of its record (after a quoted newline) is reported at its own line and
// column, not at the record's first line with the field's column (a fuzz find: tests/fuzz/regressions/tpch_tbl).
TEST_CASE("load_csv: a refused field after a quoted newline is named by its own line", "[sqlite][csv]") {
  std::filesystem::path const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / "csv_notes";
  egret::sqlite::connection db{fixture::reset(dir)};
  db.exec("CREATE TABLE notes (note TEXT NOT NULL, code TEXT NOT NULL UNIQUE)");
  auto const f = dir / "notes.csv";
  std::ofstream(f, std::ios::binary) << "note,code\nfirst,a\n\"two\nlines\",a\n";
  try {
    db.load_csv<notes>(f);
    FAIL("expected a load_error");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 4);    // the record starts on line 3; its code field on line 4...
    CHECK(e.column() == 8);  // ...after `lines",`
    CHECK_THAT(e.reason(), Catch::Contains("UNIQUE constraint failed: notes.code"));
  }
  notes n;
  CHECK(db.execute(n.aggregate(egret::count().as<"c">())).first()->get<"c">() == 0);
}

TEST_CASE("load_csv: NOT NULL and CHECK failures name the file and the record's line", "[sqlite][csv]") {
  keyed_fixture f;
  f.expect_refused("id,name,qty\n2,two,2\n3,,3\n", 3, 3, "NOT NULL constraint failed: keyed.name");
  f.expect_refused("id,name,qty\n2,two,2\n3,three,3\n\"4\",four,-1\n", 4, 1, "CHECK constraint failed");
  // a record spanning lines (a quoted newline) is named by the line it starts on
  f.expect_refused("id,name,qty\n2,\"two\nlines\",2\n3,\"x\ny\",-3\n", 4, 1, "CHECK constraint failed");
  // and the connection loads a good file afterwards
  auto const good = f.dir / "good.csv";
  std::ofstream(good, std::ios::binary) << "id,name,qty\n2,two,2\n3,three,3\n";
  CHECK(f.db.load_csv<keyed>(good) == 2);
  CHECK(f.count() == 3);
}
