// Incremental models and snapshots of a pipeline on DuckDB files: merge (ON CONFLICT ... DO UPDATE), append with a
// high-water mark read from the table itself, delete+insert; a snapshot's timestamp and check strategies; a run
// that fails half-way leaves the table row for row as it was.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <tuple>

#include "test_db.hpp"

#include <egret/duckdb/load_csv.hpp>
#include <egret/pipeline.hpp>

namespace {
namespace pl = egret::pipeline;

EGRET_TABLE(dk_events, (id, std::int64_t), (kind, std::string), (amount, std::string));
EGRET_TABLE(dk_merged, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(dk_appended, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(dk_replaced, (id, std::int64_t), (kind, std::string), (amount, double));

/// merge on id, every row each run: changed rows updated, new ones inserted (amount cast from text, so that a
/// value that is no number fails the run half-way)
struct merged_node : pl::model<pl::incremental, dk_merged> {
  static constexpr auto build(dk_events e) { return e.select(e.id, e.kind, e.amount.cast<double>().as<"amount">()); }
  static constexpr auto unique_key(dk_merged t) { return t.id; }
};
struct appended_node : pl::model<pl::incremental, dk_appended> {
  static constexpr auto strategy = pl::strategy::append;
  static constexpr auto build(dk_events e) { return e.select(e.id, e.kind, e.amount.cast<double>().as<"amount">()); }
  static constexpr auto incremental(dk_appended self, dk_events e) {
    return e.filter(e.id > egret::coalesce(egret::scalar(self.aggregate(self.id.max().as<"m">())), std::int64_t{0}))
        .select(e.id, e.kind, e.amount.cast<double>().as<"amount">());
  }
};
struct replaced_node : pl::model<pl::incremental, dk_replaced> {
  static constexpr auto strategy = pl::strategy::delete_insert;
  static constexpr auto build(dk_events e) { return e.select(e.id, e.kind, e.amount.cast<double>().as<"amount">()); }
  static constexpr auto incremental(dk_replaced, dk_events e) {
    return e.filter(e.kind == egret::str<"late">).select(e.id, e.kind, e.amount.cast<double>().as<"amount">());
  }
  static constexpr auto unique_key(dk_replaced t) { return t.id; }
};
using shop = pl::pipeline<merged_node, appended_node, replaced_node, pl::seed<dk_events, "dk_events.csv">>;

template <class T>
std::string rows_of(egret::duckdb::connection& db) {
  T t{};
  std::string out;
  for (auto const& r : db.execute(t.order_by(t.id)))
    out += std::to_string(r.template get<0>()) + " " + std::string(r.template get<1>()) + " " +
           std::to_string(static_cast<int>(r.template get<2>())) + "\n";
  return out;
}
}  // namespace

TEST_CASE("duckdb pipeline: incremental models merge, append and delete+insert, a failed run keeps the table",
          "[duckdb][pipeline][incremental]") {
  auto const dir = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / "pipeline_incremental";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_incremental"));
  auto seed = [&](std::string const& rows) { std::ofstream(dir / "dk_events.csv", std::ios::trunc) << "id,kind,amount\n" << rows; };
  auto build = [&](pl::run_options o = {}) {
    o.seeds = dir;
    o.out = nullptr;
    return shop::build(db, o);
  };
  seed("1,a,10\n2,b,20\n");
  pl::run_report const first = build();
  for (auto const& s : first.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(first.ok());
  seed("1,a,11\n2,late,25\n3,c,30\n");
  pl::run_report const second = build();
  for (auto const& s : second.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(second.ok());
  CHECK(rows_of<dk_merged>(db) == "1 a 11\n2 late 25\n3 c 30\n");     // merged: updated and inserted
  CHECK(rows_of<dk_appended>(db) == "1 a 10\n2 b 20\n3 c 30\n");      // appended: only ids above the mark
  CHECK(rows_of<dk_replaced>(db) == "1 a 10\n2 late 25\n");           // the late row replaced its key's row

  // a value that is no number, after a valid new row: the merge fails and the table is as it was
  seed("1,a,12\n4,d,40\n5,e,oops\n");
  pl::run_report const failed = build();
  CHECK_FALSE(failed.ok());
  CHECK(failed.find("dk_merged")->result == pl::status::error);
  CHECK(rows_of<dk_merged>(db) == "1 a 11\n2 late 25\n3 c 30\n");
  // --full-refresh rebuilds from build()
  seed("7,z,70\n");
  REQUIRE(build({.full_refresh = true}).ok());
  CHECK(rows_of<dk_merged>(db) == "7 z 70\n");
}

namespace {
EGRET_TABLE(dk_orders, (id, std::int64_t), (status, std::optional<std::string>), (updated_at, egret::timestamp));
EGRET_TABLE(dk_by_time, (id, std::int64_t), (status, std::optional<std::string>), (updated_at, egret::timestamp),
            (valid_from, egret::timestamp), (valid_to, std::optional<egret::timestamp>));
EGRET_TABLE(dk_by_check, (id, std::int64_t), (status, std::optional<std::string>), (valid_from, egret::timestamp),
            (valid_to, std::optional<egret::timestamp>));
struct by_time_node : pl::model<pl::snapshot, dk_by_time> {
  static constexpr auto build(dk_orders o) { return o.select(o.id, o.status, o.updated_at); }
  static constexpr auto unique_key(dk_by_time t) { return t.id; }
  static constexpr auto updated_at(dk_by_time t) { return t.updated_at; }
};
struct by_check_node : pl::model<pl::snapshot, dk_by_check> {
  static constexpr auto strategy = pl::snapshot_strategy::check;
  static constexpr auto build(dk_orders o) { return o.select(o.id, o.status); }
  static constexpr auto unique_key(dk_by_check t) { return t.id; }
  static constexpr auto check_cols(dk_by_check t) { return std::tuple{t.status}; }
};
using snap_shop = pl::pipeline<by_time_node, by_check_node, pl::seed<dk_orders, "dk_orders.csv">>;
}  // namespace

TEST_CASE("duckdb pipeline: snapshots keep each row's versions (timestamp and check strategies)",
          "[duckdb][pipeline][snapshot]") {
  auto const dir = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / "pipeline_snapshot";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_snapshot"));
  auto seed = [&](std::string const& csv) { std::ofstream(dir / "dk_orders.csv", std::ios::trunc) << "id,status,updated_at\n" << csv; };
  seed("1,placed,2026-01-01 10:00:00\n2,placed,2026-01-01 11:00:00\n3,,2026-01-01 12:00:00\n");
  pl::run_report const first = snap_shop::build(db, {.seeds = dir, .out = nullptr});
  for (auto const& s : first.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(first.ok());
  seed("1,shipped,2026-01-02 09:00:00\n2,placed,2026-01-01 11:00:00\n3,placed,2026-01-02 08:00:00\n4,placed,2026-01-02 10:00:00\n");
  pl::run_report const second = snap_shop::build(db, {.seeds = dir, .out = nullptr});
  for (auto const& s : second.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(second.ok());
  CHECK(second.find("dk_by_time")->rows == 3);
  dk_by_time t{};
  std::string history;
  for (auto const& r : db.execute(t.order_by(t.id.asc(), t.valid_from.asc())))
    history += std::to_string(r.template get<"id">()) + " " + std::string(r.template get<"status">().value_or("NULL")) +
               (r.template get<"valid_to">() ? " closed" : " current") + "\n";
  CHECK(history == "1 placed closed\n1 shipped current\n2 placed current\n3 NULL closed\n3 placed current\n4 placed current\n");
  dk_by_check k{};
  std::size_t current = 0, closed = 0;
  for (auto const& r : db.execute(k.select(k.valid_to))) (r.template get<0>() ? closed : current)++;
  CHECK(current == 4);
  CHECK(closed == 2);
  CHECK(snap_shop::build(db, {.seeds = dir, .out = nullptr}).find("dk_by_time")->rows == 0);
}
