// Unit tests of pipeline models (egret/pipeline/unit_test.hpp), as dbt's given / expect: the jaffle shop's
// customers model on a few typed rows, a failing test's diff checked to the character, NULLs, a tolerance and an
// ordered comparison, a model reading an ephemeral model (and the ephemeral model itself), an incremental
// model's incremental() query, and a test on a SQLite file that holds the real pipeline, which it leaves as it was.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "../../examples/jaffle_shop/pipeline.hpp"

#include <egret/pipeline.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
namespace pl = egret::pipeline;
using egret::date;

// the inputs of jaffle::customers_node, shared by the tests below
auto customers_given(egret::sqlite::connection& db) {
  return pl::unit_test<jaffle::customers_node>(db)
      .given<jaffle::stg_customers>({{1, "Michael", "P."}, {2, "Shawn", "M."}, {3, "Kathleen", "P."}})
      .given<jaffle::stg_orders>({{1, 1, date{2018, 1, 1}, "returned"},
                                  {2, 3, date{2018, 1, 2}, "completed"},
                                  {3, 1, date{2018, 1, 4}, "completed"}})
      .given<jaffle::stg_payments>({{1, 1, "credit_card", 10.0},
                                    {2, 2, "credit_card", 20.0},
                                    {3, 3, "coupon", 1.0},
                                    {4, 3, "gift_card", 2.5}});
}

std::int64_t temporary_tables(egret::sqlite::connection& db) {
  std::int64_t n = -1;
  using q = egret::raw_query<"SELECT COUNT(*) FROM sqlite_temp_master WHERE type = 'table'", egret::out<"n", std::int64_t>>;
  for (auto const& [c] : db.execute(q{})) n = c;
  return n;
}
}  // namespace

TEST_CASE("pipeline unit test: the jaffle shop's customers model on given rows of its three inputs", "[pipeline][unit_test]") {
  egret::sqlite::connection db(":memory:");
  auto const r = customers_given(db).expect({
      {1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 13.5},   // two orders, 10 + 1 + 2.5
      {3, "Kathleen", "P.", date{2018, 1, 2}, date{2018, 1, 2}, 1, 20.0},
      {2, "Shawn", "M.", std::nullopt, std::nullopt, std::nullopt, std::nullopt},  // no order: NULLs
  });
  INFO(r.diff());
  CHECK(r.ok());
  CHECK(r);
  CHECK(r.diff().empty());
  CHECK(r.missing() == 0);
  CHECK(r.unexpected() == 0);
  REQUIRE(r.rows().size() == 3);
  CHECK(Catch::Detail::stringify(r) == "model customers: the 3 rows expected");
  // nothing stays: the given tables were temporary, and dropped
  CHECK(temporary_tables(db) == 0);
  // the rows are typed: the contract's row
  for (auto const& row : r.rows())
    if (row.get<"customer_id">() == 1) CHECK(*row.get<"customer_lifetime_value">() == 13.5);
}

TEST_CASE("pipeline unit test: a failing test's diff names the rows missing and the rows unexpected", "[pipeline][unit_test]") {
  egret::sqlite::connection db(":memory:");
  auto const r = customers_given(db).expect({
      {1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 13.5},
      {3, "Kathleen", "P.", date{2018, 1, 2}, date{2018, 1, 2}, 1, 20.0},
      {2, "Shawn", "M.", std::nullopt, std::nullopt, 0, 0.0},  // a customer without orders has NULLs, not 0
  });
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r);
  CHECK(r.missing() == 1);
  CHECK(r.unexpected() == 1);
  CHECK(r.diff() ==
        "model customers: 3 rows expected, 3 returned; 1 missing (-), 1 unexpected (+)\n"
        "   customer_id | first_name | last_name | first_order | most_recent_order | number_of_orders | customer_lifetime_value\n"
        " - 2           | 'Shawn'    | 'M.'      | NULL        | NULL              | 0                | 0.0\n"
        " + 2           | 'Shawn'    | 'M.'      | NULL        | NULL              | NULL             | NULL\n");
  CHECK(Catch::Detail::stringify(r) == r.diff());  // what CHECK(r) prints when it fails

  // a row too many, and one the model does not return
  auto const r2 = customers_given(db).expect({
      {1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 13.5},
      {3, "Kathleen", "P.", date{2018, 1, 2}, date{2018, 1, 2}, 1, 20.0},
      {2, "Shawn", "M.", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
      {4, "it's", "new\nline", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
  });
  CHECK(r2.diff() ==
        "model customers: 4 rows expected, 3 returned; 1 missing (-)\n"
        "   customer_id | first_name | last_name   | first_order | most_recent_order | number_of_orders | customer_lifetime_value\n"
        " - 4           | 'it''s'    | 'new\\nline' | NULL        | NULL              | NULL             | NULL\n");
  CHECK(pl::unit_test<jaffle::customers_node>(db).expect({}).ok());  // no given rows: every input empty
}

namespace {
EGRET_TABLE(readings, (sensor, std::string), (value, std::optional<double>), (note, std::optional<std::string>));
EGRET_TABLE(sensor_summary, (sensor, std::string), (mean_value, std::optional<double>), (notes, std::int64_t));
struct sensor_summary_node : pl::model<pl::table, sensor_summary> {
  static constexpr auto build(readings r) {
    return r.group_by(r.sensor).aggregate(r.value.mean().as<"mean_value">(), r.note.count().as<"notes">());
  }
};
EGRET_TABLE(sorted_readings, (sensor, std::string), (value, std::optional<double>));
struct sorted_readings_node : pl::model<pl::view, sorted_readings> {
  static constexpr auto build(readings r) { return r.select(r.sensor, r.value).order_by(r.sensor); }
};
}  // namespace

TEST_CASE("pipeline unit test: NULLs given and expected, a tolerance for DOUBLEs, an ordered comparison", "[pipeline][unit_test]") {
  egret::sqlite::connection db(":memory:");
  auto t = pl::unit_test<sensor_summary_node>(db).given<readings>({
      {"a", 1.0, "ok"},
      {"a", 2.0, std::nullopt},
      {"b", std::nullopt, std::nullopt},  // AVG of NULLs only is NULL
      {"c", 0.1, "x"},
      {"c", 0.2, "y"},
  });
  // NULL equals NULL
  CHECK(t.expect({{"a", 1.5, 1}, {"b", std::nullopt, 0}, {"c", 0.15000000000000002, 2}}).ok());
  // a NULL is no value, and no value is NULL
  auto const wrong = t.expect({{"a", 1.5, 1}, {"b", 0.0, 0}, {"c", 0.15000000000000002, 2}});
  CHECK(wrong.diff() ==
        "model sensor_summary: 3 rows expected, 3 returned; 1 missing (-), 1 unexpected (+)\n"
        "   sensor | mean_value | notes\n"
        " - 'b'    | 0.0        | 0\n"
        " + 'b'    | NULL       | 0\n");
  // DOUBLEs are compared exactly unless a tolerance is given; the diff shows every digit
  auto const exact = t.expect({{"a", 1.5, 1}, {"b", std::nullopt, 0}, {"c", 0.15, 2}});
  CHECK(exact.diff() ==
        "model sensor_summary: 3 rows expected, 3 returned; 1 missing (-), 1 unexpected (+)\n"
        "   sensor | mean_value          | notes\n"
        " - 'c'    | 0.15                | 2\n"
        " + 'c'    | 0.15000000000000002 | 2\n");
  CHECK(t.expect({{"a", 1.5, 1}, {"b", std::nullopt, 0}, {"c", 0.15, 2}}, {.tolerance = 1e-9}).ok());
  CHECK_FALSE(t.expect({{"a", 1.5, 1}, {"b", std::nullopt, 0}, {"c", 0.16, 2}}, {.tolerance = 1e-9}).ok());
  // a multiset: the order does not matter, how many times a row comes does
  CHECK(t.expect({{"c", 0.15, 2}, {"b", std::nullopt, 0}, {"a", 1.5, 1}}, {.tolerance = 1e-9}).ok());
  CHECK(t.expect({{"a", 1.5, 1}, {"a", 1.5, 1}, {"b", std::nullopt, 0}, {"c", 0.15, 2}}, {.tolerance = 1e-9}).missing() == 1);

  // ordered: row by row
  auto s = pl::unit_test<sorted_readings_node>(db).given<readings>({{"b", 2.0, std::nullopt}, {"a", std::nullopt, "x"}});
  CHECK(s.expect({{"a", std::nullopt}, {"b", 2.0}}, {.ordered = true}).ok());
  auto const swapped = s.expect({{"b", 2.0}, {"a", std::nullopt}}, {.ordered = true});
  CHECK(swapped.diff() ==
        "model sorted_readings, in order: 2 rows expected, 2 returned; rows 1, 2 differ (- expected, + returned)\n"
        "   # | sensor | value\n"
        " - 1 | 'b'    | 2.0\n"
        " + 1 | 'a'    | NULL\n"
        " - 2 | 'a'    | NULL\n"
        " + 2 | 'b'    | 2.0\n");
  CHECK(s.expect({{"b", 2.0}, {"a", std::nullopt}}).ok());  // the same rows, as a multiset
}

namespace {
EGRET_TABLE(items, (id, std::int64_t), (category, std::string), (price, double));
EGRET_TABLE(priced, (id, std::int64_t), (category, std::string), (price, double));
EGRET_TABLE(by_category, (category, std::string), (total, std::optional<double>), (items_n, std::int64_t));
struct priced_node : pl::model<pl::ephemeral, priced> {
  static constexpr auto build(items i) { return i.filter(i.price > 0.0).select(i.id, i.category, i.price); }
};
struct by_category_node : pl::model<pl::view, by_category> {
  static constexpr auto build(priced p) {
    return p.group_by(p.category).aggregate(p.price.sum().as<"total">(), egret::count().as<"items_n">());
  }
};
using shop = pl::pipeline<by_category_node, priced_node, pl::seed<items, "items.csv">>;
static_assert(shop::graph_type::valid);
}  // namespace

TEST_CASE("pipeline unit test: a model reading an ephemeral model is given the ephemeral model's rows", "[pipeline][unit_test]") {
  egret::sqlite::connection db(":memory:");
  // the given rows of `priced` stand for its CTE: the items filter does not run
  auto const r = pl::unit_test<by_category_node>(db)
                     .given<priced>({{1, "tools", 3.5}, {2, "toys", -1.0}, {3, "tools", 1.5}})
                     .expect({{"tools", 5.0, 2}, {"toys", -1.0, 1}});
  INFO(r.diff());
  CHECK(r.ok());
  // the ephemeral model is tested on its own inputs
  CHECK(pl::unit_test<priced_node>(db).given<items>({{1, "tools", 3.5}, {2, "toys", -1.0}}).expect({{1, "tools", 3.5}}).ok());
  // given twice: the rows add up
  CHECK(pl::unit_test<by_category_node>(db)
            .given<priced>({{1, "tools", 3.5}})
            .given<priced>({{2, "tools", 1.0}})
            .expect({{"tools", 4.5, 2}})
            .ok());
  CHECK(temporary_tables(db) == 0);
}

namespace {
EGRET_TABLE(events, (id, std::int64_t), (kind, std::string), (amount, double));
EGRET_TABLE(event_log, (id, std::int64_t), (kind, std::string), (amount, double));
struct event_log_node : pl::model<pl::incremental, event_log> {
  static constexpr auto build(events e) { return e.select(e.id, e.kind, e.amount); }
  static constexpr auto incremental(event_log self, events e) {
    return e.filter(e.id > egret::coalesce(egret::scalar(self.aggregate(self.id.max().as<"m">())), std::int64_t{0}))
        .select(e.id, e.kind, e.amount);
  }
  static constexpr auto unique_key(event_log t) { return t.id; }
};
}  // namespace

TEST_CASE("pipeline unit test: an incremental model's new rows, given its table as it is", "[pipeline][unit_test]") {
  egret::sqlite::connection db(":memory:");
  std::vector<pl::row_of<events>> const all{{1, "a", 1.0}, {2, "b", 2.0}, {3, "a", 3.0}, {4, "c", 4.0}};
  CHECK(pl::incremental_unit_test<event_log_node>(db)
            .given<event_log>({{1, "a", 1.0}, {2, "b", 2.0}})
            .given<events>(all)
            .expect({{3, "a", 3.0}, {4, "c", 4.0}})
            .ok());
  // its table empty (its first incremental run): every row is new
  CHECK(pl::incremental_unit_test<event_log_node>(db).given<events>(all).rows().size() == 4);
  // build(): the full query
  CHECK(pl::unit_test<event_log_node>(db).given<events>(all).rows().size() == 4);
}

TEST_CASE("pipeline unit test: on a SQLite file that holds the real pipeline, which the test leaves as it was", "[pipeline][unit_test]") {
  auto const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / "pipeline_unit_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  egret::sqlite::connection db((dir / "shop.db").string());
  REQUIRE(jaffle::project::build(db, {.seeds = EGRET_TEST_DATA_DIR, .out = nullptr}).ok());
  auto count = [&](auto const& table) {
    std::int64_t n = 0;
    for (auto const& [c] : db.execute(table.aggregate(egret::count().as<"n">()))) n = c;
    return n;
  };
  CHECK(count(jaffle::stg_customers{}) == 100);

  // the given tables are temporary: for this connection they hide the views of their names, for this test only
  auto const r = customers_given(db).expect({
      {1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 13.5},
      {3, "Kathleen", "P.", date{2018, 1, 2}, date{2018, 1, 2}, 1, 20.0},
      {2, "Shawn", "M.", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
  });
  INFO(r.diff());
  CHECK(r.ok());
  CHECK(temporary_tables(db) == 0);
  CHECK(count(jaffle::stg_customers{}) == 100);
  CHECK(count(jaffle::stg_orders{}) == 99);
  CHECK(count(jaffle::customers{}) == 100);

  // inside the caller's transaction (a savepoint of its own on SQLite), which it leaves open and as it was
  {
    auto tx = db.transaction();
    db.exec(R"(DELETE FROM "raw_customers" WHERE "id" > 10)");
    CHECK(customers_given(db).expect({}).unexpected() == 3);
    CHECK(count(jaffle::stg_customers{}) == 10);
  }  // rolled back
  CHECK(count(jaffle::stg_customers{}) == 100);

  // a second connection to the file sees none of it
  egret::sqlite::connection other((dir / "shop.db").string());
  CHECK(temporary_tables(other) == 0);
}
