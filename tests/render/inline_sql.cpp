// to_sql_inline<D>(q, args...): the SQL with every value as a literal, for pasting into a client. Checked as
// text per dialect, and by running the pasted text on SQLite: the same rows as the bound query.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <optional>
#include <string>

#include <egret/dialect/mysql.hpp>
#include <egret/sqlite.hpp>

namespace {
EGRET_TABLE(sale, (id, std::int64_t), (label, std::string), (amount, double), (day, egret::date),
            (note, std::optional<std::string>));

int count_rows(sqlite3* db, std::string const& sql) {
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  int n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) ++n;
  sqlite3_finalize(st);
  return n;
}
}  // namespace

TEST_CASE("to_sql_inline: captured values and param<> arguments as literals of the dialect", "[render]") {
  sale s;
  auto const q = s.filter(s.amount / 100.0 > 0.5 && s.label != std::string("it's") && s.day >= egret::date{1998, 12, 1} &&
                          s.id < egret::param<"max_id", std::int64_t>)
                     .select(s.id, s.label);
  CHECK(egret::to_sql<egret::dialect::sqlite>(q) ==
        R"(SELECT "sale"."id", "sale"."label" FROM "sale" WHERE "sale"."amount" / ? > ? AND "sale"."label" <> ? AND "sale"."day" >= ? AND "sale"."id" < ?)");
  CHECK(egret::to_sql_inline<egret::dialect::sqlite>(q, std::int64_t{10}) ==
        R"(SELECT "sale"."id", "sale"."label" FROM "sale" WHERE "sale"."amount" / 100.0 > 0.5 AND "sale"."label" <> 'it''s' AND "sale"."day" >= '1998-12-01' AND "sale"."id" < 10)");
  CHECK(egret::to_sql_inline<egret::dialect::postgres>(q, 10) ==
        R"(SELECT "sale"."id", "sale"."label" FROM "sale" WHERE "sale"."amount" / 100.0 > 0.5 AND "sale"."label" <> 'it''s' AND "sale"."day" >= DATE '1998-12-01' AND "sale"."id" < 10)");
  CHECK(egret::to_sql_inline<egret::dialect::mysql>(q, 10).find("`sale`.`label` <> 'it''s'") != std::string::npos);
  // NULL for an optional argument
  auto const n = s.filter(s.note == egret::param<"note", std::optional<std::string>>).select(s.id);
  CHECK(egret::to_sql_inline<egret::dialect::sqlite>(n, std::nullopt) == R"(SELECT "sale"."id" FROM "sale" WHERE "sale"."note" = NULL)");
}

TEST_CASE("to_sql_inline: the pasted text returns the rows the bound query returns", "[render]") {
  egret::sqlite::connection db(":memory:");
  db.create_table<sale>();
  db.insert<sale>(1, "it's", 90.0, egret::date{1999, 1, 1}, std::nullopt);
  db.insert<sale>(2, "plain", 80.0, egret::date{1999, 1, 2}, std::optional<std::string>("n"));
  db.insert<sale>(3, "plain", 10.0, egret::date{1999, 1, 3}, std::nullopt);
  db.insert<sale>(4, "plain", 99.0, egret::date{1998, 1, 3}, std::nullopt);
  sale s;
  auto const q = s.filter(s.amount / 100.0 > 0.5 && s.label != std::string("it's") && s.day >= egret::date{1998, 12, 1} &&
                          s.id < egret::param<"max_id", std::int64_t>)
                     .select(s.id, s.label);
  int bound = 0;
  for ([[maybe_unused]] auto const& r : db.execute(q, std::int64_t{10})) ++bound;
  CHECK(bound == 1);
  CHECK(count_rows(db.native_handle(), egret::to_sql_inline<egret::dialect::sqlite>(q, std::int64_t{10})) == bound);
}
