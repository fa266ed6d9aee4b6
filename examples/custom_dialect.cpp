// A dialect egret does not ship, defined in the user's own header (custom_dialect/firebird.hpp), used like
// egret's: each query's Firebird SQL is checked by the compiler (static_assert), then printed.
// Run as the CTest test demo.custom_dialect. See docs/adding-a-dialect.md.
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <egret/egret.hpp>

#include "custom_dialect/firebird.hpp"

namespace {

EGRET_TABLE(employees, (id, std::int64_t), (name, std::string), (dept, std::string), (salary, double),
            (active, bool), (hired, egret::date), (manager_id, std::optional<std::int64_t>));
EGRET_PRIMARY_KEY(employees, id)

using fb = firebird_example::firebird;
namespace dl = egret::dialect;
using egret::str;
using egret::to_sql;

constexpr employees e{};

// What the engine lacks is known at compile time: an upsert or UPDATE ... FROM on fb is a compile error
// naming the feature; FILTER is rewritten.
static_assert(dl::supports<fb, dl::feature::returning> && dl::supports<fb, dl::feature::right_full_join>);
static_assert(!dl::supports<fb, dl::feature::upsert> && !dl::supports<fb, dl::feature::update_from>);
static_assert(dl::missing<fb> == (dl::bit(dl::feature::upsert) | dl::bit(dl::feature::update_from) |
                                  dl::bit(dl::feature::filter_clause)));

// 1. STARTING WITH, CHAR_LENGTH, OFFSET / FETCH (offset bound first: it comes first in the text).
constexpr auto page = e.filter(egret::startswith(e.name, str<"A">))
                          .select(e.name, egret::length(e.name).as<"len">())
                          .order_by(e.name)
                          .limit(10, 20);
static_assert(to_sql<fb>(page) ==
              R"(SELECT "employees"."name", CHAR_LENGTH("employees"."name") AS "len" FROM "employees" WHERE "employees"."name" STARTING WITH 'A' ORDER BY "employees"."name" OFFSET ? ROWS FETCH NEXT ? ROWS ONLY)");

// 2. FILTER emulated with CASE; group_concat is LIST.
constexpr auto by_dept = e.group_by(e.dept).aggregate(e.salary.sum(egret::where(e.active)).as<"active_pay">(),
                                                      egret::group_concat(e.name, str<", ">).as<"names">());
static_assert(to_sql<fb>(by_dept) ==
              R"(SELECT "employees"."dept", SUM(CASE WHEN "employees"."active" THEN "employees"."salary" END) AS "active_pay", LIST("employees"."name", ', ') AS "names" FROM "employees" GROUP BY "employees"."dept")");

// 3. SUBSTRING ... FROM ... FOR, the quarter from the month, TRIM(LEADING ...), POSITION(... IN ...).
constexpr auto parts = e.filter(egret::contains(e.name, str<"son">))
                           .select(egret::substr(e.name, egret::lit<1>, egret::lit<3>).as<"abbr">(),
                                   egret::quarter(e.hired).as<"q">(), egret::ltrim(e.dept).as<"dept">());
static_assert(to_sql<fb>(parts) ==
              R"(SELECT SUBSTRING("employees"."name" FROM 1 FOR 3) AS "abbr", ((CAST(EXTRACT(MONTH FROM "employees"."hired") AS BIGINT) + 2) / 3) AS "q", TRIM(LEADING FROM "employees"."dept") AS "dept" FROM "employees" WHERE POSITION('son' IN "employees"."name") > 0)");

// 4. Standard SQL where Firebird has it: NULLS LAST, MAXVALUE for greatest(), the day of the week from Sunday = 0.
constexpr auto ranked = e.select(e.id, egret::greatest(e.salary, 1000.0).as<"floor_pay">(),
                                 egret::day_of_week(e.hired).as<"dow">())
                            .order_by(e.manager_id.desc().nulls_last());
static_assert(to_sql<fb>(ranked) ==
              R"(SELECT "employees"."id", MAXVALUE("employees"."salary", ?) AS "floor_pay", CAST(MOD(EXTRACT(WEEKDAY FROM "employees"."hired") + 6, 7) AS BIGINT) AS "dow" FROM "employees" ORDER BY "employees"."manager_id" DESC NULLS LAST)");

// 5. DDL: Firebird's type names (no TEXT type).
static_assert(egret::create_table_sql<fb, employees>() ==
              R"(CREATE TABLE "employees" ("id" BIGINT NOT NULL, "name" VARCHAR(8191) NOT NULL, "dept" VARCHAR(8191) NOT NULL, "salary" DOUBLE PRECISION NOT NULL, "active" BOOLEAN NOT NULL, "hired" DATE NOT NULL, "manager_id" BIGINT, PRIMARY KEY ("id")))");

// The same query for egret's own dialects, for comparison.
static_assert(to_sql<dl::postgres>(page) ==
              R"(SELECT "employees"."name", LENGTH("employees"."name") AS "len" FROM "employees" WHERE STARTS_WITH("employees"."name", 'A') ORDER BY "employees"."name" LIMIT $1 OFFSET $2)");

/// Prints q's Firebird SQL; false when rendering it at run time (render_sql, the code path of views and
/// the dynamic layer) through the same hooks gives another text.
template <class Q>
bool show(std::string_view title, Q const& q) {
  std::string_view const sql = to_sql<fb>(q);  // the compile-time text
  std::printf("-- %.*s\n%.*s;\n\n", static_cast<int>(title.size()), title.data(), static_cast<int>(sql.size()),
              sql.data());
  if (egret::render_sql<fb>(q) == sql) return true;
  std::printf("ERROR: rendered at run time: %s\n", egret::render_sql<fb>(q).c_str());
  return false;
}

}  // namespace

int main() {
  std::printf("-- egret queries rendered for a user-defined dialect: %.*s\n\n", static_cast<int>(fb::name.size()),
              fb::name.data());
  bool ok = show("a page of names starting with A", page);
  ok = show("pay of active employees, names per department", by_dept) && ok;
  ok = show("name parts", parts) && ok;
  ok = show("pay floor and weekday, managers last", ranked) && ok;
  constexpr std::string_view ddl = egret::create_table_sql<fb, employees>();
  std::printf("-- the table\n%.*s;\n\n", static_cast<int>(ddl.size()), ddl.data());
  constexpr std::string_view pg = to_sql<dl::postgres>(page);
  std::printf("-- the first query for PostgreSQL\n%.*s;\n", static_cast<int>(pg.size()), pg.data());
  return ok ? 0 : 1;
}
