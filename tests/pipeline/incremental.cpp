// Incremental models on real SQLite files: the first run builds the table in full, later runs add or merge only
// the new rows (append, delete_insert, merge), an incremental() query reads the table itself for a high-water
// mark, --full-refresh rebuilds, on_schema_change fails or appends new columns, and a run that fails half-way
// leaves the table row for row as it was.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <egret/pipeline.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
namespace pl = egret::pipeline;

EGRET_TABLE(events, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(ev_merged, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(ev_appended, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(ev_replaced, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(ev_wider, (id, std::int64_t), (kind, std::string), (amount, double), (note, std::optional<std::string>));

constexpr auto inc_guard = egret::udf<"inc_guard", double(double)>;

using events_seed = pl::seed<events, "events.csv">;

/// merge on id, every row each run (no incremental query): changed rows updated, new ones inserted.
struct merged_node : pl::model<pl::incremental, ev_merged> {
  static constexpr auto build(events e) { return e.select(e.id, e.kind, inc_guard(e.amount).as<"amount">()); }
  static constexpr auto unique_key(ev_merged t) { return t.id; }
};
/// append, with a high-water mark read from the table itself: only rows with a larger id.
struct appended_node : pl::model<pl::incremental, ev_appended> {
  static constexpr auto strategy = pl::strategy::append;
  static constexpr auto build(events e) { return e.select(e.id, e.kind, e.amount); }
  static constexpr auto incremental(ev_appended self, events e) {
    return e.filter(e.id > egret::coalesce(egret::scalar(self.aggregate(self.id.max().as<"m">())), std::int64_t{0}))
        .select(e.id, e.kind, e.amount);
  }
};
/// delete+insert on id, the new rows being those of kind "late" (a restatement of earlier rows).
struct replaced_node : pl::model<pl::incremental, ev_replaced> {
  static constexpr auto strategy = pl::strategy::delete_insert;
  static constexpr auto build(events e) { return e.select(e.id, e.kind, e.amount); }
  static constexpr auto incremental(ev_replaced, events e) {
    return e.filter(e.kind == egret::str<"late">).select(e.id, e.kind, e.amount);
  }
  static constexpr auto unique_key(ev_replaced t) { return t.id; }
};
using shop = pl::pipeline<merged_node, appended_node, replaced_node, events_seed>;

struct fixture {
  std::filesystem::path dir;
  bool fail = false;
  egret::sqlite::connection db;
  explicit fixture(std::string const& name)
      : dir(std::filesystem::path(EGRET_TEST_TMP_DIR) / ("incremental_" + name)),
        db((std::filesystem::remove_all(dir), std::filesystem::create_directories(dir), (dir / "db.sqlite").string())) {
    db.create_function(inc_guard, [this](double x) {
      if (fail && x > 100) throw std::runtime_error("inc_guard refused the row");
      return x;
    });
  }
  void seed(std::string const& rows) { std::ofstream(dir / "events.csv") << "id,kind,amount\n" << rows; }
  template <class P = shop>
  pl::run_report build(pl::run_options o = {}) {
    o.seeds = dir;
    o.out = nullptr;
    return P::build(db, o);
  }
  template <class T>
  std::string rows() {
    T t{};
    std::string out;
    for (auto const& r : db.execute(t.order_by(t.id)))
      out += std::to_string(r.template get<"id">()) + ":" + std::string(r.template get<"kind">()) + ":" +
             std::to_string(static_cast<int>(r.template get<"amount">())) + " ";
    return out;
  }
};
}  // namespace

TEST_CASE("incremental: the first run builds in full, later runs merge, append or delete+insert", "[pipeline][incremental]") {
  fixture f("strategies");
  f.seed("1,a,10\n2,b,20\n");
  auto const first = f.build();
  REQUIRE(first.ok());
  CHECK(first.find("ev_merged")->what == "incremental model");
  CHECK(first.find("ev_merged")->rows == 2);
  CHECK(f.rows<ev_merged>() == "1:a:10 2:b:20 ");
  CHECK(f.rows<ev_appended>() == "1:a:10 2:b:20 ");

  // row 2 restated (late), row 3 new
  f.seed("1,a,10\n2,late,25\n3,c,30\n");
  auto const second = f.build();
  REQUIRE(second.ok());
  CHECK(f.rows<ev_merged>() == "1:a:10 2:late:25 3:c:30 ");   // merge: 2 updated, 3 inserted
  CHECK(second.find("ev_merged")->rows == 3);                  // the rows it staged
  CHECK(f.rows<ev_appended>() == "1:a:10 2:b:20 3:c:30 ");    // append past the high-water mark: only 3
  CHECK(second.find("ev_appended")->rows == 1);
  CHECK(f.rows<ev_replaced>() == "1:a:10 2:late:25 ");        // delete+insert of the late rows
  CHECK(second.find("ev_replaced")->rows == 1);

  // nothing new: the appended table stays; a merge of the same rows changes nothing
  REQUIRE(f.build().ok());
  CHECK(f.rows<ev_appended>() == "1:a:10 2:b:20 3:c:30 ");
  CHECK(f.rows<ev_merged>() == "1:a:10 2:late:25 3:c:30 ");

  // --full-refresh: built again from build()
  REQUIRE(f.build({.full_refresh = true}).ok());
  CHECK(f.rows<ev_replaced>() == "1:a:10 2:late:25 3:c:30 ");
  // the SQL of the new rows, fixed at compile time
  CHECK(shop::incremental_sql<egret::dialect::sqlite, replaced_node>() ==
        R"(SELECT "events"."id", "events"."kind", "events"."amount" FROM "events" WHERE "events"."kind" = 'late')");
}

TEST_CASE("incremental: a run that fails half-way leaves the table row for row as it was", "[pipeline][incremental]") {
  fixture f("atomic");
  f.seed("1,a,10\n2,b,20\n");
  REQUIRE(f.build().ok());
  f.seed("1,a,11\n2,b,21\n3,c,300\n");  // 300: the guard refuses it, after staging 1 and 2
  f.fail = true;
  auto const r = f.build();
  CHECK_FALSE(r.ok());
  CHECK(r.find("ev_merged")->result == pl::status::error);
  CHECK(r.find("ev_merged")->message.find("inc_guard refused the row") != std::string::npos);
  CHECK(f.rows<ev_merged>() == "1:a:10 2:b:20 ");
  f.fail = false;
  REQUIRE(f.build().ok());
  CHECK(f.rows<ev_merged>() == "1:a:11 2:b:21 3:c:300 ");
}

namespace {
/// ev_merged's model after its contract gained a column (the next build of the program), both policies.
struct wider_fail : pl::model<pl::incremental, ev_wider> {
  static constexpr auto build(events e) { return e.select(e.id, e.kind, e.amount, egret::nullif(e.kind, e.kind).as<"note">()); }
  static constexpr auto unique_key(ev_wider t) { return t.id; }
};
struct wider_append : pl::model<pl::incremental, ev_wider> {
  static constexpr auto on_schema_change = pl::on_schema_change::append_new_columns;
  static constexpr auto build(events e) { return e.select(e.id, e.kind, e.amount, egret::nullif(e.kind, e.kind).as<"note">()); }
  static constexpr auto unique_key(ev_wider t) { return t.id; }
};
}  // namespace

TEST_CASE("incremental: on_schema_change fails naming the columns, or appends new columns", "[pipeline][incremental]") {
  fixture f("schema");
  f.seed("1,a,10\n");
  REQUIRE(f.build().ok());
  // the table ev_wider first built with three columns (as an earlier version of the program had it)
  f.db.exec(R"(CREATE TABLE "ev_wider" ("id" INTEGER NOT NULL, "kind" TEXT NOT NULL, "amount" REAL NOT NULL))");
  f.db.exec(R"(INSERT INTO "ev_wider" VALUES (1, 'a', 10))");
  f.db.exec(R"(INSERT INTO "egret_state" VALUES ('ev_wider', 'x', 'incremental model', '2026-01-01 00:00:00', 1, 'id,kind,amount'))");
  f.db.exec(R"(CREATE UNIQUE INDEX "ev_wider__egret_key" ON "ev_wider" ("id"))");
  f.seed("1,a,10\n2,b,20\n");
  auto const failed = f.build<pl::pipeline<wider_fail, events_seed>>();
  CHECK_FALSE(failed.ok());
  CHECK(failed.find("ev_wider")->message ==
        "egret: incremental model \"ev_wider\": its contract's columns changed since the table was built (added: note); "
        "on_schema_change is fail: run with --full-refresh, or declare on_schema_change = append_new_columns");
  auto const appended = f.build<pl::pipeline<wider_append, events_seed>>();
  CHECK(appended.ok());
  std::string got;
  using rows = egret::raw_query<R"(SELECT "id", "note" FROM "ev_wider" ORDER BY "id")", egret::out<"id", std::int64_t>,
                                egret::out<"note", std::optional<std::string>>>;
  for (auto const& [id, note] : f.db.execute(rows{})) got += std::to_string(id) + (note ? std::string(*note) : std::string("NULL")) + " ";
  CHECK(got == "1NULL 2NULL ");
  // a table the state has no record of is refused rather than guessed at
  f.db.exec(R"(DELETE FROM "egret_state" WHERE "node" = 'ev_wider')");
  auto const unknown = f.build<pl::pipeline<wider_append, events_seed>>();
  CHECK_FALSE(unknown.ok());
  CHECK_THAT(unknown.find("ev_wider")->message, Catch::Contains("has no record of the columns") && Catch::Contains("--full-refresh"));
  CHECK(f.build<pl::pipeline<wider_append, events_seed>>({.full_refresh = true}).ok());
}

TEST_CASE("state: an egret_state of an earlier layout is replaced, and everything counts as modified", "[pipeline][incremental]") {
  fixture f("old_state");
  f.db.exec(R"(CREATE TABLE "egret_state" ("node" TEXT NOT NULL, "fingerprint" TEXT NOT NULL, "kind" TEXT NOT NULL, "built_at" TEXT NOT NULL, "row_count" INTEGER NOT NULL))");
  f.db.exec(R"(INSERT INTO "egret_state" VALUES ('events', 'x', 'seed', '2026-01-01 00:00:00', 1))");
  f.seed("1,a,10\n");
  auto const r = f.build();
  CHECK(r.ok());
  using names = egret::raw_query<R"(SELECT "node" FROM "egret_state" ORDER BY "node")", egret::out<"node", std::string>>;
  std::string got;
  for (auto const& [n] : f.db.execute(names{})) got += std::string(n) + " ";
  CHECK(got == "ev_appended ev_merged ev_replaced events ");
}
