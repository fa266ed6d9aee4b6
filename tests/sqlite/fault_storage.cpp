// Fault injection on storage: a full disk (PRAGMA max_page_count caps the database file, so SQLite fails with
// SQLITE_FULL exactly as when the disk fills) and read-only databases (SQLITE_OPEN_READONLY, a "mode=ro" URI, a
// file without write permission). After each failure: a clear error, nothing changed, the connection usable.
// Real files in EGRET_TEST_TMP_DIR.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {

EGRET_TABLE(rec, (id, std::int64_t), (payload, std::string));
EGRET_TABLE(rec_copy, (id, std::int64_t), (payload, std::string));

constexpr rec r{};

std::filesystem::path fresh_dir(std::string const& name) {
  auto const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / ("fault_storage_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::int64_t scalar(egret::sqlite::connection& c, std::string const& sql) {
  egret::sqlite::statement s(c.native_handle(), sql);
  REQUIRE(s.step());
  return s.read<std::int64_t>(0);
}

// rows records of about 200 bytes each: about 1 MB for 5000.
std::filesystem::path write_csv(std::filesystem::path const& file, int rows, int first_id = 1) {
  std::ofstream out(file, std::ios::binary);
  out << "id,payload\n";
  for (int i = first_id; i < first_id + rows; ++i) out << i << "," << std::string(200, static_cast<char>('a' + i % 26)) << "\n";
  return file;
}

}  // namespace

TEST_CASE("fault: disk full during load_csv loads nothing and leaves the connection usable", "[sqlite][fault][full]") {
  auto const dir = fresh_dir("full");
  auto const db_path = (dir / "db.sqlite").string();
  auto const big = write_csv(dir / "big.csv", 5000);  // about 1 MB, 250+ pages of 4 KiB
  int faults = 0;
  for (std::int64_t const headroom : {0, 1, 2, 5, 20, 100, 200}) {  // pages the file may still grow by
    CAPTURE(headroom);
    std::filesystem::remove(db_path);
    {
      egret::sqlite::connection db(db_path);
      db.create_table<rec>();
      db.exec("PRAGMA max_page_count = " + std::to_string(scalar(db, "PRAGMA page_count") + headroom));
      try {
        db.load_csv<rec>(big);
        FAIL("the load should not fit");
      } catch (egret::sqlite::error const& e) {
        CHECK(e.primary_code() == SQLITE_FULL);
        CHECK_THAT(e.what(), Catch::Contains("full"));
        ++faults;
      }
      CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
      CHECK(scalar(db, "SELECT count(*) FROM rec") == 0);
      egret::sqlite::statement ic(db.native_handle(), "PRAGMA integrity_check");
      REQUIRE(ic.step());
      CHECK(ic.read<std::string>(0) == "ok");
      ic.reset();

      // usable: what fits still goes in, and survives reopening
      db.exec("PRAGMA max_page_count = 1000000");
      if (headroom > 0) db.insert<rec>(std::int64_t{1}, std::string("small"));
      db.insert<rec>(std::int64_t{2}, std::string("after raising the limit"));
      CHECK(db.load_csv<rec>(write_csv(dir / "fits.csv", 10, 100)) == 10);
    }
    egret::sqlite::connection reopened(db_path);
    CHECK(scalar(reopened, "SELECT count(*) FROM rec") == (headroom > 0 ? 12 : 11));
  }
  CHECK(faults == 7);
}

TEST_CASE("fault: disk full inside the caller's transaction: SQLite's own rollback is reported, not hidden",
          "[sqlite][fault][full]") {
  auto const dir = fresh_dir("full_tx");
  egret::sqlite::connection db((dir / "db.sqlite").string());
  db.create_table<rec>();
  db.insert<rec>(std::int64_t{0}, std::string("kept"));
  db.exec("PRAGMA max_page_count = " + std::to_string(scalar(db, "PRAGMA page_count") + 10));
  {
    auto tx = db.transaction();
    db.insert<rec>(std::int64_t{1}, std::string("rolled back with the rest"));
    CHECK_THROWS_AS(db.load_csv<rec>(write_csv(dir / "big.csv", 5000, 10)), egret::sqlite::error);
    CHECK_FALSE(tx.active());  // SQLite rolled the whole transaction back by itself
    try {
      tx.commit();
      FAIL("commit() must not pretend");
    } catch (egret::database_error const& e) {
      CHECK_THAT(e.what(), Catch::Contains("SQLite rolled the transaction back"));
    }
  }
  CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
  CHECK(scalar(db, "SELECT count(*) FROM rec") == 1);
  db.insert<rec>(std::int64_t{2}, std::string("usable"));
  CHECK(scalar(db, "SELECT count(*) FROM rec") == 2);
}

namespace {

// Every write path of the connection, each expected to fail on a read-only database.
std::vector<std::pair<char const*, std::function<void(egret::sqlite::connection&, std::filesystem::path const&)>>>
write_paths() {
  return {
      {"insert", [](auto& db, auto const&) { db.template insert<rec>(std::int64_t{100}, std::string("new")); }},
      {"load_csv", [](auto& db, auto const& csv) { db.template load_csv<rec>(csv); }},
      {"create_table_from",
       [](auto& db, auto const&) { db.template create_table_from<rec_copy>(r.select(r.id, r.payload)); }},
      {"create_view", [](auto& db, auto const&) { db.create_view("rec_view", r.select(r.id)); }},
      {"transaction", [](auto& db, auto const&) {
         auto tx = db.transaction();
         db.template insert<rec>(std::int64_t{100}, std::string("new"));
         tx.commit();
       }},
      {"exec", [](auto& db, auto const&) { db.exec("DELETE FROM rec"); }},
  };
}

struct read_only_fixture {
  std::filesystem::path dir;
  std::string db_path;
  std::filesystem::path csv;
  explicit read_only_fixture(std::string const& name)
      : dir(fresh_dir(name)), db_path((dir / "db.sqlite").string()), csv(write_csv(dir / "rows.csv", 20, 50)) {
    egret::sqlite::connection db(db_path);
    db.create_table<rec>();
    for (std::int64_t i = 1; i <= 3; ++i) db.insert<rec>(i, std::string("row"));
  }
  // rows, and tables and views
  std::vector<std::int64_t> state() {
    egret::sqlite::connection db(db_path, SQLITE_OPEN_READONLY);
    return {scalar(db, "SELECT count(*) FROM rec"), scalar(db, "SELECT count(*) FROM sqlite_schema")};
  }
  // Runs every write path on db; each must fail with SQLITE_READONLY and change nothing; returns the failures.
  int expect_refused(egret::sqlite::connection& db) {
    int faults = 0;
    auto const before = state();
    for (auto const& [name, write] : write_paths()) {
      CAPTURE(name);
      try {
        write(db, csv);
        FAIL("a read-only database accepted a write");
      } catch (egret::database_error const& e) {
        CHECK((e.code() & 0xff) == SQLITE_READONLY);
        CHECK_THAT(e.what(), Catch::Contains("readonly database"));
        ++faults;
      }
      CHECK(sqlite3_get_autocommit(db.native_handle()) != 0);
      CHECK(state() == before);
      CHECK(scalar(db, "SELECT count(*) FROM rec") == 3);  // and it still reads
    }
    return faults;
  }
};

}  // namespace

TEST_CASE("fault: a read-only connection refuses every write, and nothing changes", "[sqlite][fault][readonly]") {
  read_only_fixture f("ro_flag");
  egret::sqlite::connection db(f.db_path, SQLITE_OPEN_READONLY);
  CHECK(sqlite3_db_readonly(db.native_handle(), "main") == 1);
  CHECK(f.expect_refused(db) == 6);
}

TEST_CASE("fault: a mode=ro URI opens read-only", "[sqlite][fault][readonly]") {
  read_only_fixture f("ro_uri");
  egret::sqlite::connection db("file:" + f.db_path + "?mode=ro", SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI);
  CHECK(sqlite3_db_readonly(db.native_handle(), "main") == 1);
  CHECK(f.expect_refused(db) == 6);
  // the read-write connection afterwards writes normally: nothing was left locked or half done
  egret::sqlite::connection rw(f.db_path);
  rw.insert<rec>(std::int64_t{4}, std::string("row"));
  CHECK(scalar(rw, "SELECT count(*) FROM rec") == 4);
}

TEST_CASE("fault: a database file without write permission refuses writes", "[sqlite][fault][readonly]") {
  read_only_fixture f("ro_chmod");
  std::filesystem::permissions(f.db_path, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                              std::filesystem::perms::others_read);  // 0444
  if (geteuid() != 0) {
    egret::sqlite::connection db(f.db_path);  // SQLite falls back to read-only
    CHECK(sqlite3_db_readonly(db.native_handle(), "main") == 1);
    CHECK(f.expect_refused(db) == 6);
    return;
  }
  // Root ignores file permissions, so the writes run in a child process that gives up root for "nobody"
  // (65534). Its exit status: 0 when all six writes were refused with SQLITE_READONLY, 77 when it could not
  // become nobody or open the file (then only the open-flag tests above apply), else 10 + the refusals.
  auto const before = f.state();
  pid_t const pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(77);
    int refused = 0;
    try {
      egret::sqlite::connection db(f.db_path);
      if (sqlite3_db_readonly(db.native_handle(), "main") != 1) _exit(9);
      for (auto const& [name, write] : write_paths()) {
        try {
          write(db, f.csv);
        } catch (egret::database_error const& e) {
          if ((e.code() & 0xff) == SQLITE_READONLY && sqlite3_get_autocommit(db.native_handle()) != 0) ++refused;
        }
      }
    } catch (...) {
      _exit(77);
    }
    _exit(refused == 6 ? 0 : 10 + refused);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) {
    WARN("running as root and could not write-test as nobody: only the open-flag read-only tests apply");
    return;
  }
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(f.state() == before);
}
