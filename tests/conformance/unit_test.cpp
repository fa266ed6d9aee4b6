// Unit tests of pipeline models (egret/pipeline/unit_test.hpp) on every backend: the jaffle shop's customers model
// on given rows and the diff of a wrong expectation, the same text everywhere; a given table hides a real table of
// its name for the test only (even from statements cached while the name meant the real table: PostgreSQL binds a
// plan to a table, not to its name), which leaves that table's rows as they were and no temporary table behind.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "../../examples/jaffle_shop/pipeline.hpp"
#include "backends.hpp"
#include "expect.hpp"

namespace {
namespace pl = egret::pipeline;
using namespace conformance;
using egret::date;

EGRET_TABLE(ut_prices, (id, std::int64_t), (price, double), (label, std::optional<std::string>));
EGRET_TABLE(ut_expensive, (id, std::int64_t), (price, double), (label, std::optional<std::string>));
struct ut_expensive_node : pl::model<pl::view, ut_expensive> {
  static constexpr auto build(ut_prices p) { return p.filter(p.price > 10.0).select(p.id, p.price, p.label); }
};

template <class Db>
auto customers_given(Db& db) {
  return pl::unit_test<jaffle::customers_node>(db)
      .template given<jaffle::stg_customers>({{1, "Michael", "P."}, {2, "Shawn", "M."}, {3, "Kathleen", "P."}})
      .template given<jaffle::stg_orders>({{1, 1, date{2018, 1, 1}, "returned"},
                                           {2, 3, date{2018, 1, 2}, "completed"},
                                           {3, 1, date{2018, 1, 4}, "completed"}})
      .template given<jaffle::stg_payments>(
          {{1, 1, "credit_card", 10.0}, {2, 2, "credit_card", 20.0}, {3, 3, "coupon", 1.0}, {4, 3, "gift_card", 2.5}});
}
}  // namespace

CONFORMANCE_CASE("pipeline: unit tests of models on given rows, in temporary tables that nothing outlives") {
  run<TestType>({}, [](auto& db, context& c) {
    auto const r = customers_given(db).expect({
        {1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 13.5},
        {3, "Kathleen", "P.", date{2018, 1, 2}, date{2018, 1, 2}, 1, 20.0},
        {2, "Shawn", "M.", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
    });
    c.check(r.ok(), "customers: " + r.diff());
    auto const wrong = customers_given(db).expect({
        {1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 13.5},
        {3, "Kathleen", "P.", date{2018, 1, 2}, date{2018, 1, 2}, 1, 20.0},
        {2, "Shawn", "M.", std::nullopt, std::nullopt, 0, 0.0},
    });
    std::string const diff =
        "model customers: 3 rows expected, 3 returned; 1 missing (-), 1 unexpected (+)\n"
        "   customer_id | first_name | last_name | first_order | most_recent_order | number_of_orders | customer_lifetime_value\n"
        " - 2           | 'Shawn'    | 'M.'      | NULL        | NULL              | 0                | 0.0\n"
        " + 2           | 'Shawn'    | 'M.'      | NULL        | NULL              | NULL             | NULL\n";
    c.check(wrong.diff() == diff, "the diff: " + wrong.diff());

    // a real table named as the input: hidden by the given rows during the test, as it was after it
    db.drop_table("ut_prices");
    db.template create_table<ut_prices>();
    db.template insert<ut_prices>(std::int64_t{1}, 50.0, std::optional<std::string>("real"));
    // the model's query, and the INSERT, prepared and cached while the name means the real table
    c.check(fetch(db, ut_expensive_node::build(ut_prices{})).size() == 1, "the model's query on the real table");
    auto const hidden = pl::unit_test<ut_expensive_node>(db)
                            .template given<ut_prices>({{2, 20.0, std::nullopt}, {3, 5.0, "cheap"}})
                            .expect({{2, 20.0, std::nullopt}});
    c.check(hidden.ok(), "the given rows, not the table's: " + hidden.diff());
    ut_prices const p{};
    expect(c, fetch(db, p.order_by(p.id.asc())), rows{{1, 50.0, "real"}});
    // the temporary tables are gone: the name is the real table's again, for a test that gives no rows too
    c.check(pl::unit_test<ut_expensive_node>(db).rows().empty(), "no given rows: an empty input");
    expect(c, fetch(db, p.order_by(p.id.asc())), rows{{1, 50.0, "real"}});
    db.drop_table("ut_prices");
  });
}
