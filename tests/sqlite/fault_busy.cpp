// Fault injection: SQLITE_BUSY on every write path, caused by a second real connection to the same database file
// holding a lock (a stepped read cursor: SHARED; BEGIN IMMEDIATE: RESERVED). After each failure: a clear error,
// the database as it was, no transaction left open, and the connection usable (a later insert survives closing
// and reopening it). Real files in EGRET_TEST_TMP_DIR, rollback-journal mode (the default), no busy timeout.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {

EGRET_TABLE(item, (id, std::int64_t), (name, std::string));
EGRET_TABLE(item_copy, (id, std::int64_t), (name, std::string));

constexpr item it{};

struct database {
  std::filesystem::path dir;
  std::string path;
  std::filesystem::path csv;
  std::optional<egret::sqlite::connection> db;

  explicit database(std::string const& name)
      : dir(std::filesystem::path(EGRET_TEST_TMP_DIR) / ("fault_busy_" + name)), path((dir / "db.sqlite").string()),
        csv(dir / "items.csv") {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db.emplace(path);
    db->create_table<item>();
    for (std::int64_t i = 1; i <= 3; ++i) db->insert<item>(i, "seed " + std::to_string(i));
    std::ofstream out(csv, std::ios::binary);
    out << "id,name\n";
    for (int i = 10; i < 60; ++i) out << i << ",loaded " << i << "\n";
  }

  static std::int64_t scalar(egret::sqlite::connection& c, std::string const& sql) {
    egret::sqlite::statement s(c.native_handle(), sql);
    REQUIRE(s.step());
    return s.read<std::int64_t>(0);
  }
  // What a write could have changed: rows of item, and whether item_copy or item_view exist.
  std::vector<std::int64_t> state(egret::sqlite::connection& c) {
    return {scalar(c, "SELECT count(*) FROM item"), scalar(c, "SELECT sum(id) FROM item"),
            scalar(c, "SELECT count(*) FROM sqlite_schema WHERE name IN ('item_copy', 'item_view')")};
  }
  static std::vector<std::int64_t> seeded() { return {3, 6, 0}; }
};

// A lock another connection holds on the database file while it lives.
struct lock_holder {
  egret::sqlite::connection other;
  std::optional<decltype(std::declval<egret::sqlite::connection&>().execute(it.select(it.id)))> cursor;
  std::optional<egret::sqlite::transaction> tx;

  lock_holder(std::string const& path, bool immediate) : other(path) {
    if (immediate) {
      tx.emplace(other.native_handle(), egret::sqlite::begin_mode::immediate);  // RESERVED: no other writer
    } else {
      cursor.emplace(other.execute(it.select(it.id)));  // SHARED until the cursor ends: no other COMMIT
      REQUIRE(cursor->begin() != cursor->end());        // stepped once, on a table of three rows
    }
  }
};

struct write_path {
  char const* name;
  std::function<void(egret::sqlite::connection&, std::filesystem::path const&)> write;
};

std::vector<write_path> write_paths() {
  return {
      {"insert", [](auto& db, auto const&) { db.template insert<item>(std::int64_t{100}, std::string("new")); }},
      {"load_csv", [](auto& db, auto const& csv) { db.template load_csv<item>(csv); }},
      {"create_table_from",
       [](auto& db, auto const&) { db.template create_table_from<item_copy>(it.filter(it.id > 1).select(it.id, it.name)); }},
      {"create_view", [](auto& db, auto const&) { db.create_view("item_view", it.filter(it.id > 1).select(it.id)); }},
      {"transaction commit",
       [](auto& db, auto const&) {
         auto tx = db.transaction();
         db.template insert<item>(std::int64_t{100}, std::string("new"));
         db.template insert<item>(std::int64_t{101}, std::string("newer"));
         tx.commit();
       }},
  };
}

}  // namespace

TEST_CASE("fault: SQLITE_BUSY on every write path leaves the database as it was and the connection usable",
          "[sqlite][fault][busy]") {
  int faults = 0;
  for (bool const immediate : {false, true}) {
    for (auto const& path : write_paths()) {
      CAPTURE(path.name, immediate ? "BEGIN IMMEDIATE" : "read cursor");
      database d(std::string(path.name).substr(0, 6) + (immediate ? "_imm" : "_read"));
      {
        lock_holder lock(d.path, immediate);
        try {
          path.write(*d.db, d.csv);
          FAIL("the write should be busy");
        } catch (egret::database_error const& e) {
          CHECK((e.code() & 0xff) == SQLITE_BUSY);
          CHECK_THAT(e.what(), Catch::Contains("database is locked"));
          ++faults;
        }
        CHECK(sqlite3_get_autocommit(d.db->native_handle()) != 0);  // no transaction left open
        CHECK(d.state(*d.db) == database::seeded());                 // as it was, seen from the writer...
        if (immediate) CHECK(d.state(lock.other) == database::seeded());  // ...and from the other connection
      }
      CHECK(d.state(*d.db) == database::seeded());
      // usable: the same write now succeeds, a later insert too, and both survive closing the connection
      path.write(*d.db, d.csv);
      d.db->insert<item>(std::int64_t{1000}, std::string("after"));
      auto const expected = d.state(*d.db);
      CHECK(expected != database::seeded());
      d.db.reset();
      egret::sqlite::connection reopened(d.path);
      CHECK(d.state(reopened) == expected);
      CHECK(database::scalar(reopened, "SELECT count(*) FROM item WHERE id = 1000") == 1);
    }
  }
  CHECK(faults == 10);
}

TEST_CASE("fault: a busy COMMIT keeps the transaction open for a retry, and the destructor rolls it back",
          "[sqlite][fault][busy]") {
  database d("retry");
  {
    lock_holder lock(d.path, false);
    auto tx = d.db->transaction();
    d.db->insert<item>(std::int64_t{100}, std::string("new"));
    CHECK_THROWS_AS(tx.commit(), egret::sqlite::error);
    CHECK(tx.active());  // as in the engine: still open
    lock.cursor.reset();
    tx.commit();  // the retry succeeds once the reader is gone
  }
  {
    lock_holder lock(d.path, false);
    auto tx = d.db->transaction();
    d.db->insert<item>(std::int64_t{200}, std::string("lost"));
    CHECK_THROWS_AS(tx.commit(), egret::sqlite::error);
  }  // rolled back, though the reader still held its lock when the transaction ended
  CHECK(sqlite3_get_autocommit(d.db->native_handle()) != 0);
  d.db.reset();
  egret::sqlite::connection reopened(d.path);
  CHECK(database::scalar(reopened, "SELECT count(*) FROM item") == 4);
  CHECK(database::scalar(reopened, "SELECT count(*) FROM item WHERE id = 200") == 0);
}
