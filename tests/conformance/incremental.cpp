// Incremental pipeline models on every backend: the first run builds in full; merge (each engine's upsert:
// ON CONFLICT ... DO UPDATE on SQLite and PostgreSQL, ON DUPLICATE KEY UPDATE on MariaDB), append past a
// high-water mark read from the table itself, delete+insert; a run that fails half-way (a duplicate key in the
// appended rows, refused by the unique index every engine enforces) leaves the table row for row as it was; new
// rows that repeat a key are refused by a merge on every engine.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

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

EGRET_TABLE(inc_events, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(inc_merged, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(inc_appended, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(inc_replaced, (id, std::int64_t), (kind, std::string), (amount, double));

using inc_events_seed = pl::seed<inc_events, "inc_events.csv">;
struct inc_merged_node : pl::model<pl::incremental, inc_merged> {
  static constexpr auto build(inc_events e) { return e.select(e.id, e.kind, e.amount); }
  static constexpr auto unique_key(inc_merged t) { return t.id; }
};
/// append with a unique key: rows past the high-water mark, or of kind "again" (which may repeat an id)
struct inc_appended_node : pl::model<pl::incremental, inc_appended> {
  static constexpr auto strategy = pl::strategy::append;
  static constexpr auto build(inc_events e) { return e.filter(e.kind != egret::str<"again">).select(e.id, e.kind, e.amount); }
  static constexpr auto incremental(inc_appended self, inc_events e) {
    return e.filter(e.id > egret::coalesce(egret::scalar(self.aggregate(self.id.max().as<"m">())), std::int64_t{0}) ||
                    e.kind == egret::str<"again">)
        .select(e.id, e.kind, e.amount);
  }
  static constexpr auto unique_key(inc_appended t) { return t.id; }
};
struct inc_replaced_node : pl::model<pl::incremental, inc_replaced> {
  static constexpr auto strategy = pl::strategy::delete_insert;
  static constexpr auto build(inc_events e) { return e.select(e.id, e.kind, e.amount); }
  static constexpr auto incremental(inc_replaced, inc_events e) {
    return e.filter(e.kind == egret::str<"late">).select(e.id, e.kind, e.amount);
  }
  static constexpr auto unique_key(inc_replaced t) { return t.id; }
};
using inc_shop = pl::pipeline<inc_merged_node, inc_appended_node, inc_replaced_node, inc_events_seed>;

template <class T, class Db>
rows ordered(Db& db) {
  T t{};
  return fetch(db, t.order_by(t.id.asc()));
}
}  // namespace

CONFORMANCE_CASE("pipeline: incremental models merge, append and delete+insert; a failed run changes nothing") {
  run<TestType>({}, [](auto& db, context& c) {
    std::filesystem::path const dir =
        std::filesystem::path(EGRET_TEST_TMP_DIR) / ("conformance_incremental_" + std::string(TestType::name));
    std::filesystem::create_directories(dir);
    auto seed = [&](std::string const& csv) { std::ofstream(dir / "inc_events.csv") << "id,kind,amount\n" << csv; };
    auto build = [&](pl::run_options o = {}) {
      o.seeds = dir;
      o.out = nullptr;
      return inc_shop::build(db, o);
    };
    seed("1,a,10\n2,b,20\n");
    auto const first = build({.full_refresh = true});
    c.check(first.ok(), "the first build: " + (first.ok() ? std::string() : first.steps.front().message));
    seed("1,a,10\n2,late,25\n3,c,30\n");
    auto const second = build();
    for (auto const& s : second.steps) c.check(s.result == pl::status::ok, s.name + ": " + s.message);
    expect(c, ordered<inc_merged>(db), rows{{1, "a", 10.0}, {2, "late", 25.0}, {3, "c", 30.0}});
    expect(c, ordered<inc_appended>(db), rows{{1, "a", 10.0}, {2, "b", 20.0}, {3, "c", 30.0}});
    expect(c, ordered<inc_replaced>(db), rows{{1, "a", 10.0}, {2, "late", 25.0}});

    // a new row and one that repeats id 1: the INSERT fails on the unique key, after the other
    seed("1,a,10\n2,late,25\n3,c,30\n4,d,40\n1,again,99\n");
    auto const failed = build();
    auto const* step = failed.find("inc_appended");
    c.check(step != nullptr && step->result == pl::status::error, "the appended model's run fails on the repeated key");
    expect(c, ordered<inc_appended>(db), rows{{1, "a", 10.0}, {2, "b", 20.0}, {3, "c", 30.0}});  // as it was
    // the merge's new rows repeat id 1: refused on every engine (PostgreSQL would, the others would pick one)
    auto const* merged = failed.find("inc_merged");
    c.check(merged != nullptr && merged->result == pl::status::error &&
                merged->message == "egret: incremental model \"inc_merged\": its new rows repeat the unique key \"id\" (1 value), "
                                   "so a merge cannot choose between them",
            "the merge refuses repeated keys: " + (merged ? merged->message : std::string("not run")));
    expect(c, ordered<inc_merged>(db), rows{{1, "a", 10.0}, {2, "late", 25.0}, {3, "c", 30.0}});
    // delete+insert of the late rows is not touched by it
    auto const* replaced = failed.find("inc_replaced");
    c.check(replaced != nullptr && replaced->result == pl::status::ok, "delete+insert runs");
  });
}
