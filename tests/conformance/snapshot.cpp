// Snapshots (SCD type 2) on every backend: a source row changed between two runs gets a new version, its old one
// closed (valid_to = the new valid_from); a new key gets its first version; an unchanged row none; with the
// timestamp strategy (valid_from = updated_at) and the check strategy (a column that differs, NULLs as values).
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
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

EGRET_TABLE(snap_orders, (id, std::int64_t), (status, std::optional<std::string>), (updated_at, egret::timestamp));
EGRET_TABLE(snap_by_time, (id, std::int64_t), (status, std::optional<std::string>), (updated_at, egret::timestamp),
            (valid_from, egret::timestamp), (valid_to, std::optional<egret::timestamp>));
EGRET_TABLE(snap_by_check, (id, std::int64_t), (status, std::optional<std::string>), (valid_from, egret::timestamp),
            (valid_to, std::optional<egret::timestamp>));

using snap_orders_seed = pl::seed<snap_orders, "snap_orders.csv">;
struct by_time_node : pl::model<pl::snapshot, snap_by_time> {
  static constexpr auto build(snap_orders o) { return o.select(o.id, o.status, o.updated_at); }
  static constexpr auto unique_key(snap_by_time t) { return t.id; }
  static constexpr auto updated_at(snap_by_time t) { return t.updated_at; }
};
struct by_check_node : pl::model<pl::snapshot, snap_by_check> {
  static constexpr auto strategy = pl::snapshot_strategy::check;
  static constexpr auto build(snap_orders o) { return o.select(o.id, o.status); }
  static constexpr auto unique_key(snap_by_check t) { return t.id; }
  static constexpr auto check_cols(snap_by_check t) { return std::tuple{t.status}; }
};
using snap_shop = pl::pipeline<by_time_node, by_check_node, snap_orders_seed>;

std::string text(egret::timestamp const& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02u:%02u", static_cast<int>(t.date.year), t.date.month, t.date.day, t.hour,
                t.minute);
  return buf;
}
}  // namespace

CONFORMANCE_CASE("pipeline: snapshots keep a row's versions (timestamp and check strategies)") {
  run<TestType>({}, [](auto& db, context& c) {
    std::filesystem::path const dir =
        std::filesystem::path(EGRET_TEST_TMP_DIR) / ("conformance_snapshot_" + std::string(TestType::name));
    std::filesystem::create_directories(dir);
    auto seed = [&](std::string const& csv) { std::ofstream(dir / "snap_orders.csv") << "id,status,updated_at\n" << csv; };
    db.drop_table("snap_by_time");
    db.drop_table("snap_by_check");
    auto build = [&] {
      auto const r = snap_shop::build(db, {.seeds = dir, .out = nullptr});
      for (auto const& s : r.steps) c.check(s.result == pl::status::ok, s.name + ": " + s.message);
      return r;
    };
    seed("1,placed,2026-01-01 10:00:00\n2,placed,2026-01-01 11:00:00\n3,,2026-01-01 12:00:00\n");
    build();
    // order 1 shipped (a later updated_at), order 3's NULL status set, order 4 new, order 2 unchanged
    seed("1,shipped,2026-01-02 09:00:00\n2,placed,2026-01-01 11:00:00\n3,placed,2026-01-02 08:00:00\n4,placed,2026-01-02 10:00:00\n");
    auto const second = build();
    c.check(second.find("snap_by_time") && second.find("snap_by_time")->rows == 3, "three versions inserted by time");

    snap_by_time t{};
    std::string history;
    for (auto const& r : db.execute(t.order_by(t.id.asc(), t.valid_from.asc())))
      history += std::to_string(r.template get<"id">()) + " " + std::string(r.template get<"status">().value_or("NULL")) +
                 " from " + text(r.template get<"valid_from">()) + " to " +
                 (r.template get<"valid_to">() ? text(*r.template get<"valid_to">()) : std::string("now")) + "\n";
    c.check(history ==
                "1 placed from 2026-01-01 10:00 to 2026-01-02 09:00\n"
                "1 shipped from 2026-01-02 09:00 to now\n"
                "2 placed from 2026-01-01 11:00 to now\n"
                "3 NULL from 2026-01-01 12:00 to 2026-01-02 08:00\n"
                "3 placed from 2026-01-02 08:00 to now\n"
                "4 placed from 2026-01-02 10:00 to now\n",
            "timestamp strategy history:\n" + history);

    snap_by_check k{};
    std::string checked;
    for (auto const& r : db.execute(k.order_by(k.id.asc(), k.valid_from.asc(), k.valid_to.asc())))
      checked += std::to_string(r.template get<"id">()) + " " + std::string(r.template get<"status">().value_or("NULL")) +
                 (r.template get<"valid_to">() ? " closed" : " current") + "\n";
    // the check strategy's two versions of a key can share a second (both runs within it): ordered by valid_to too
    c.check(checked == "1 placed closed\n1 shipped current\n2 placed current\n3 NULL closed\n3 placed current\n4 placed current\n" ||
                checked == "1 shipped current\n1 placed closed\n2 placed current\n3 placed current\n3 NULL closed\n4 placed current\n",
            "check strategy history:\n" + checked);
    // a third run with nothing changed adds no version
    auto const third = build();
    c.check(third.find("snap_by_time") && third.find("snap_by_time")->rows == 0, "no change, no version");
  });
}
