// Conformance: statements (INSERT, UPDATE, DELETE, upsert, RETURNING), transactions, views and tables built from
// queries, on every executing backend. Each test starts from an empty ledger table.
#include "backends.hpp"
#include "expect.hpp"

using namespace conformance;
using namespace egret::literals;

namespace {
EGRET_TABLE(v_pos, (id, std::int64_t), (grp, std::string));
EGRET_TABLE(t_groups, (grp, std::string), (n, std::int64_t));

template <class Db>
void fresh_ledger(Db& db) {
  db.run(egret::delete_from(lg).all());
  db.template insert<ledger>(std::int64_t{1}, std::string("ann"), 10.0);
  db.template insert<ledger>(std::int64_t{2}, std::string("bob"), 20.5);
}
template <class Db>
rows ledger_rows(Db& db) {
  return fetch(db, lg.select(lg.id, lg.who, lg.amount).order_by(lg.id.asc()));
}
}  // namespace

CONFORMANCE_CASE("insert, update and delete") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh_ledger(db);
    c.check(db.run(egret::insert_into(lg).values(std::int64_t{3}, std::string("cy"), 1.25)) == 1, "insert changes 1 row");
    c.check(db.run(egret::update(lg).set(lg.amount, lg.amount * 2.0).where(lg.id >= 2)) == 2, "update changes 2 rows");
    c.check(db.run(egret::delete_from(lg).where(lg.who == std::string("ann"))) == 1, "delete changes 1 row");
    expect(c, ledger_rows(db), want({{2, "bob", 41.0}, {3, "cy", 2.5}}));
  });
}

CONFORMANCE_CASE("insert from a query") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh_ledger(db);
    db.run(egret::insert_into(lg).from(it.filter(it.id >= 6).select((it.id + 10).as<"id">(), it.grp.as<"who">(),
                                                                      it.price.fill_null(0.0).as<"amount">())));
    expect(c, ledger_rows(db), want({{1, "ann", 10.0}, {2, "bob", 20.5}, {16, "c", 3.0}, {17, "a", 0.001}}));
  });
}

CONFORMANCE_CASE("upsert") {
  run<TestType>({}, [](auto& db, context& c) {
    using D = typename TestType::dialect;
    if constexpr (egret::dialect::supports<D, egret::dialect::feature::upsert>) {
      fresh_ledger(db);
      db.run(egret::insert_into(lg).values(std::int64_t{2}, std::string("bob"), 1.0)
                 .on_conflict(lg.id)
                 .do_update(egret::set(lg.amount, egret::excluded(lg.amount) + lg.amount)));
      db.run(egret::insert_into(lg).values(std::int64_t{1}, std::string("zed"), 5.0).on_conflict(lg.id).do_nothing());
      expect(c, ledger_rows(db), want({{1, "ann", 10.0}, {2, "bob", 21.5}}));
    } else {
      c.rejected_at_compile_time("ON CONFLICT");
    }
  });
}

CONFORMANCE_CASE("returning") {
  run<TestType>({{"mysql", kind::engine, "MySQL has no RETURNING (MariaDB has it for INSERT and DELETE only)"}},
                [](auto& db, context& c) {
                  using D = typename TestType::dialect;
                  if constexpr (egret::dialect::supports<D, egret::dialect::feature::returning>) {
                    fresh_ledger(db);
                    expect(c, fetch(db, egret::update(lg).set(lg.amount, lg.amount + 1.0).where(lg.id == 2).returning(lg.id, lg.amount)),
                           want({{2, 21.5}}));
                    expect(c, fetch(db, egret::insert_into(lg).values(std::int64_t{9}, std::string("x"), 0.5).returning(lg.id)),
                           want({{9}}));
                  } else {
                    c.rejected_at_compile_time("RETURNING");
                  }
                });
}

CONFORMANCE_CASE("returning a value computed with a C++ value") {
  run<TestType>({{"mysql", kind::engine, "MySQL has no RETURNING (MariaDB has it for INSERT and DELETE only)"},
                 {"duckdb", kind::not_implemented,
                  "DuckDB refuses a prepared parameter in a RETURNING list (Binder Error: Unexpected prepared "
                  "parameter), and egret binds the C++ value there; lit<> runs"}},
                [](auto& db, context& c) {
                  using D = typename TestType::dialect;
                  if constexpr (egret::dialect::supports<D, egret::dialect::feature::returning>) {
                    fresh_ledger(db);
                    expect(c, fetch(db, egret::update(lg).set(lg.amount, lg.amount + 1.0).where(lg.id == 2)
                                            .returning(lg.id, (lg.amount * 2.0).as<"twice">())),
                           want({{2, 43.0}}));
                  } else {
                    c.rejected_at_compile_time("RETURNING");
                  }
                });
}

CONFORMANCE_CASE("returning a value computed with a constant of the SQL (lit<>)") {
  run<TestType>({{"mysql", kind::engine, "MySQL has no RETURNING (MariaDB has it for INSERT and DELETE only)"}},
                [](auto& db, context& c) {
                  using D = typename TestType::dialect;
                  if constexpr (egret::dialect::supports<D, egret::dialect::feature::returning>) {
                    fresh_ledger(db);
                    expect(c, fetch(db, egret::update(lg).set(lg.amount, lg.amount + 1.0).where(lg.id == 2)
                                            .returning(lg.id, (lg.amount * egret::lit<2>).template as<"twice">())),
                           want({{2, 43.0}}));
                  } else {
                    c.rejected_at_compile_time("RETURNING");
                  }
                });
}

CONFORMANCE_CASE("a transaction not committed is rolled back") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh_ledger(db);
    {
      auto tx = db.transaction();
      db.run(egret::delete_from(lg).all());
      c.check(fetch(db, lg.aggregate(egret::count().as<"n">())) == want({{0}}), "the delete is visible inside");
    }
    expect(c, ledger_rows(db), want({{1, "ann", 10.0}, {2, "bob", 20.5}}));
    {
      auto tx = db.transaction();
      db.run(egret::delete_from(lg).where(lg.id == 1));
      tx.commit();
    }
    expect(c, ledger_rows(db), want({{2, "bob", 20.5}}));
  });
}

CONFORMANCE_CASE("a failed statement throws and changes nothing") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh_ledger(db);
    bool threw = false;
    try {
      db.template insert<ledger>(std::int64_t{1}, std::string("dup"), 0.0);  // primary key taken
    } catch (egret::error const& e) {
      threw = true;
      c.check(std::string(e.what()).find("ledger") != std::string::npos, std::string("the error names the SQL: ") + e.what());
    }
    c.check(threw, "a duplicate primary key throws");
    expect(c, ledger_rows(db), want({{1, "ann", 10.0}, {2, "bob", 20.5}}));
  });
}

CONFORMANCE_CASE("views and tables from queries") {
  run<TestType>({}, [](auto& db, context& c) {
    db.drop_view("v_pos");
    db.drop_table("t_groups");
    db.create_view("v_pos", it.filter(it.qty > std::int64_t{0}).select(it.id, it.grp));
    db.create_table_as("t_groups", it.group_by(it.grp).aggregate(egret::count().as<"n">()));
    constexpr v_pos v{};
    constexpr t_groups t{};
    expect(c, fetch(db, v.select(v.id).order_by(v.id.asc())), want({{1}, {5}, {6}, {7}}));
    expect(c, fetch(db, t.select(t.grp, t.n).order_by(t.grp.asc())), want({{"a", 3}, {"b", 2}, {"c", 2}}));
    db.drop_view("v_pos");
    db.drop_table("t_groups");
  });
}
