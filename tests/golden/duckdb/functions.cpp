// Golden SQL of the functions (numeric, text, NULL, aggregates, date and time, regular expressions) and window
// functions for the DuckDB dialect (render-only): each static_assert is checked by the compiler.
#include <catch2/catch.hpp>

#include <egret/dialect/duckdb.hpp>

#include "../schema.hpp"

namespace golden_duckdb {
EGRET_TABLE(cnt, (n, std::int64_t));
EGRET_TABLE(lookup, (code, std::string), (label, std::optional<std::string>));
EGRET_TABLE(m, (g, std::int64_t), (x, double), (i, std::int64_t), (s, std::string), (ok, bool), (o, std::optional<double>));
EGRET_TABLE(events, (id, std::int64_t), (d, egret::date), (ts, egret::timestamp), (n, std::int32_t),
            (od, std::optional<egret::date>));
}  // namespace golden_duckdb

namespace {
using namespace golden;
using namespace golden_duckdb;
using namespace egret::literals;
using egret::lit;
using egret::str;
using egret::time_unit;
using egret::to_sql;
using egret::where;
using D = egret::dialect::duckdb;

[[maybe_unused]] constexpr orders o{};
[[maybe_unused]] constexpr payments p{};
[[maybe_unused]] constexpr customers c{};
[[maybe_unused]] constexpr m t{};
[[maybe_unused]] constexpr events e{};

// ---- numeric, text, NULL and conditional, aggregates, date and time ----
static_assert(to_sql<D>(t.select(t.x.abs().as<"a">(), t.x.ceil().as<"c">(), t.x.floor().as<"f">(), t.x.round().as<"r">(), t.x.round(2).as<"r2">(), t.x.sign().as<"s">())) ==
              R"(SELECT ABS("m"."x") AS "a", CEIL("m"."x") AS "c", FLOOR("m"."x") AS "f", ROUND("m"."x") AS "r", ROUND("m"."x", ?) AS "r2", SIGN("m"."x") AS "s" FROM "m")");
static_assert(to_sql<D>(t.select(t.x.sqrt().as<"q">(), t.x.exp().as<"e">(), t.x.ln().as<"l">(), t.x.log10().as<"l10">(), egret::log(lit<2>, t.x).as<"l2">(), egret::power(t.x, 2).as<"p">())) ==
              R"(SELECT SQRT("m"."x") AS "q", EXP("m"."x") AS "e", LN("m"."x") AS "l", LOG10("m"."x") AS "l10", LOG(2, "m"."x") AS "l2", POWER("m"."x", ?) AS "p" FROM "m")");
static_assert(to_sql<D>(t.select(egret::mod(t.i, lit<3>).as<"mi">(), egret::mod(t.x, lit<2>).as<"mx">(), (t.i % 2).as<"pct">(), (t.i / 2).as<"div">())) ==
              R"(SELECT ("m"."i" % 3) AS "mi", ("m"."x" % 2) AS "mx", "m"."i" % ? AS "pct", "m"."i" // ? AS "div" FROM "m")");
static_assert(to_sql<D>(t.select(egret::greatest(t.x, t.o, 0.0).as<"g">(), egret::least(t.i, t.g).as<"l">())) ==
              R"(SELECT GREATEST("m"."x", "m"."o", ?) AS "g", LEAST("m"."i", "m"."g") AS "l" FROM "m")");
static_assert(to_sql<D>(t.select(egret::truediv(t.i, 2).as<"td">(), egret::floordiv(t.i, 2).as<"fd">())) ==
              R"(SELECT CAST("m"."i" AS DOUBLE) / ? AS "td", CAST(FLOOR(CAST("m"."i" AS DOUBLE) / ?) AS BIGINT) AS "fd" FROM "m")");
static_assert(to_sql<D>(t.select(t.s.length().as<"n">(), t.s.lower().as<"lo">(), t.s.upper().as<"up">(), t.s.strip().as<"tr">(), t.s.lstrip().as<"lt">(), t.s.rstrip().as<"rt">())) ==
              R"(SELECT LENGTH("m"."s") AS "n", LOWER("m"."s") AS "lo", UPPER("m"."s") AS "up", TRIM("m"."s") AS "tr", LTRIM("m"."s") AS "lt", RTRIM("m"."s") AS "rt" FROM "m")");
static_assert(to_sql<D>(t.select(t.s.lpad(lit<5>, str<"*">).as<"lp">(), t.s.rpad(lit<5>, str<"*">).as<"rp">(), t.s.substr(2).as<"s1">(), t.s.substr(2, lit<3>).as<"s2">())) ==
              R"(SELECT LPAD("m"."s", 5, '*') AS "lp", RPAD("m"."s", 5, '*') AS "rp", SUBSTR("m"."s", ?) AS "s1", SUBSTR("m"."s", ?, 3) AS "s2" FROM "m")");
static_assert(to_sql<D>(t.select(t.s.left(2).as<"l">(), t.s.right(lit<2>).as<"r">(), t.s.replace("l", str<"L">).as<"rep">(), t.s.repeat(lit<3>).as<"rr">())) ==
              R"(SELECT LEFT("m"."s", ?) AS "l", RIGHT("m"."s", 2) AS "r", REPLACE("m"."s", ?, 'L') AS "rep", REPEAT("m"."s", 3) AS "rr" FROM "m")");
static_assert(to_sql<D>(t.filter(t.s.contains("ell") && t.s.startswith("He") && t.s.endswith(str<"lo">)).select(t.s.find("l").as<"f">())) ==
              R"(SELECT STRPOS("m"."s", ?) - 1 AS "f" FROM "m" WHERE STRPOS("m"."s", ?) > 0 AND STARTS_WITH("m"."s", ?) AND ENDS_WITH("m"."s", 'lo'))");
static_assert(to_sql<D>(t.filter(t.s.ilike("he%")).select(egret::concat(t.s, str<"-">, t.s).as<"c">())) ==
              R"(SELECT "m"."s" || '-' || "m"."s" AS "c" FROM "m" WHERE "m"."s" ILIKE ?)");
static_assert(to_sql<D>(t.select(egret::nullif(t.x, 0.0).as<"n">(), t.o.fill_null(0.0).as<"f">(), egret::case_(t.s).when(str<"a">, lit<1>).when(str<"b">, lit<2>).otherwise(lit<0>).as<"k">())) ==
              R"(SELECT NULLIF("m"."x", ?) AS "n", COALESCE("m"."o", ?) AS "f", CASE "m"."s" WHEN 'a' THEN 1 WHEN 'b' THEN 2 ELSE 0 END AS "k" FROM "m")");
static_assert(to_sql<D>(t.filter(t.o.identical_to(t.x)).select(t.g)) ==
              R"(SELECT "m"."g" FROM "m" WHERE "m"."o" IS NOT DISTINCT FROM "m"."x")");
static_assert(to_sql<D>(t.aggregate(egret::count(t.o).as<"n">(), t.o.count(where(t.ok)).as<"nf">(), t.ok.any().as<"an">(), t.ok.all(where(t.g == 1)).as<"al">(), egret::any(t.x > 2.0).as<"big">())) ==
              R"(SELECT COUNT("m"."o") AS "n", COUNT("m"."o") FILTER (WHERE "m"."ok") AS "nf", BOOL_OR("m"."ok") AS "an", BOOL_AND("m"."ok") FILTER (WHERE "m"."g" = ?) AS "al", BOOL_OR("m"."x" > ?) AS "big" FROM "m")");
static_assert(to_sql<D>(t.aggregate(t.s.group_concat(", ").as<"gc">(), egret::group_concat(t.s, str<"-">, where(t.ok)).as<"gf">())) ==
              R"(SELECT STRING_AGG("m"."s", ?) AS "gc", STRING_AGG("m"."s", '-') FILTER (WHERE "m"."ok") AS "gf" FROM "m")");
static_assert(to_sql<D>(t.aggregate(t.x.var().as<"v">(), t.x.var_pop().as<"vp">(), t.x.std().as<"sd">(), t.x.std_pop(where(t.ok)).as<"sp">())) ==
              R"(SELECT VAR_SAMP("m"."x") AS "v", VAR_POP("m"."x") AS "vp", STDDEV_SAMP("m"."x") AS "sd", STDDEV_POP("m"."x") FILTER (WHERE "m"."ok") AS "sp" FROM "m")");
static_assert(to_sql<D>(e.select(e.d.year().as<"y">(), e.d.quarter().as<"q">(), e.d.month().as<"m">(), e.d.day().as<"dd">(), e.d.day_of_week().as<"dow">(), e.d.day_of_year().as<"doy">())) ==
              R"(SELECT CAST(EXTRACT(YEAR FROM "events"."d") AS BIGINT) AS "y", CAST(EXTRACT(QUARTER FROM "events"."d") AS BIGINT) AS "q", CAST(EXTRACT(MONTH FROM "events"."d") AS BIGINT) AS "m", CAST(EXTRACT(DAY FROM "events"."d") AS BIGINT) AS "dd", (CAST(EXTRACT(ISODOW FROM "events"."d") AS BIGINT) - 1) AS "dow", CAST(EXTRACT(DOY FROM "events"."d") AS BIGINT) AS "doy" FROM "events")");
static_assert(to_sql<D>(e.select(e.ts.hour().as<"h">(), e.ts.minute().as<"mi">(), e.ts.second().as<"s">())) ==
              R"(SELECT CAST(EXTRACT(HOUR FROM "events"."ts") AS BIGINT) AS "h", CAST(EXTRACT(MINUTE FROM "events"."ts") AS BIGINT) AS "mi", CAST(FLOOR(EXTRACT(SECOND FROM "events"."ts")) AS BIGINT) AS "s" FROM "events")");
static_assert(to_sql<D>(e.select(e.d.truncate<time_unit::year>().as<"y">(), e.d.truncate<time_unit::quarter>().as<"q">(), e.d.truncate<time_unit::month>().as<"m">(), e.d.truncate<time_unit::week>().as<"w">(), e.d.truncate<time_unit::day>().as<"dd">())) ==
              R"(SELECT CAST(date_trunc('year', "events"."d") AS DATE) AS "y", CAST(date_trunc('quarter', "events"."d") AS DATE) AS "q", CAST(date_trunc('month', "events"."d") AS DATE) AS "m", CAST(date_trunc('week', "events"."d") AS DATE) AS "w", CAST(date_trunc('day', "events"."d") AS DATE) AS "dd" FROM "events")");
static_assert(to_sql<D>(e.select(e.ts.truncate<time_unit::day>().as<"dd">(), e.ts.truncate<time_unit::hour>().as<"h">(), e.ts.truncate<time_unit::minute>().as<"mi">(), e.ts.truncate<time_unit::second>().as<"s">())) ==
              R"(SELECT date_trunc('day', "events"."ts") AS "dd", date_trunc('hour', "events"."ts") AS "h", date_trunc('minute', "events"."ts") AS "mi", date_trunc('second', "events"."ts") AS "s" FROM "events")");
static_assert(to_sql<D>(e.select(egret::add_days(e.d, lit<3>).as<"a">(), (e.d - egret::days(e.n)).as<"b">(), (e.d + egret::weeks(e.n + 1)).as<"c">(), egret::add_months(e.d, lit<-1>).as<"m">(), (egret::years(lit<2>) + e.d).as<"y">())) ==
              R"(SELECT CAST("events"."d" + to_days(3) AS DATE) AS "a", CAST("events"."d" - to_days("events"."n") AS DATE) AS "b", CAST("events"."d" + to_weeks("events"."n" + ?) AS DATE) AS "c", CAST("events"."d" + to_months(-1) AS DATE) AS "m", CAST("events"."d" + to_years(2) AS DATE) AS "y" FROM "events")");
static_assert(to_sql<D>(e.select(egret::add_hours(e.ts, e.n * 24).as<"h">(), (e.ts - egret::minutes(lit<90>)).as<"m">(), (e.ts + egret::days(lit<1>)).as<"d">())) ==
              R"(SELECT ("events"."ts" + to_hours("events"."n" * ?)) AS "h", ("events"."ts" - to_minutes(90)) AS "m", ("events"."ts" + to_days(1)) AS "d" FROM "events")");
static_assert(to_sql<D>(e.filter(egret::days_between(e.d, e.od) > 30).select(e.id, egret::days_between(e.ts, egret::current_timestamp()).as<"age">())) ==
              R"(SELECT "events"."id", CAST(TRUNC((-epoch("events"."ts") + epoch(date_trunc('second', CURRENT_TIMESTAMP AT TIME ZONE 'UTC'))) / 86400) AS BIGINT) AS "age" FROM "events" WHERE date_diff('day', "events"."d", "events"."od") > ?)");
static_assert(to_sql<D>(e.filter(e.d < egret::current_date()).select(e.d.strftime<"%Y-%m">().as<"ym">(), e.ts.strftime<"%d/%m/%Y %H:%M:%S">().as<"f">())) ==
              R"(SELECT strftime("events"."d", '%Y-%m') AS "ym", strftime("events"."ts", '%d/%m/%Y %H:%M:%S') AS "f" FROM "events" WHERE "events"."d" < CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS DATE))");
// ---- regular expressions ----
static_assert(to_sql<D>(t.filter(egret::re_search(t.s, "^[a-z]+$")).select(egret::re_extract(t.s, str<"([a-z]+)-([0-9]+)">, 2).as<"num">(), t.s.re_replace("[0-9]", str<"#">).as<"masked">())) ==
              R"(SELECT NULLIF(regexp_extract("m"."s", '([a-z]+)-([0-9]+)', ?), '') AS "num", regexp_replace("m"."s", ?, '#', 'g') AS "masked" FROM "m" WHERE regexp_matches("m"."s", ?))");

// ---- window functions ----
static_assert(to_sql<D>(o.select(o.order_id, egret::row_number().over(egret::window().partition_by(o.customer_id).order_by(o.order_date.desc(), o.order_id)).as<"rn">(), egret::rank().over(egret::order_by(o.order_date)).as<"rk">(), egret::dense_rank().over(egret::order_by(egret::desc(o.order_date))).as<"drk">(), egret::percent_rank().over(egret::partition_by(o.status).order_by(o.order_id)).as<"pr">(), egret::cume_dist().over(egret::order_by(o.order_id)).as<"cd">())) ==
              R"(SELECT "orders"."order_id", ROW_NUMBER() OVER (PARTITION BY "orders"."customer_id" ORDER BY "orders"."order_date" DESC, "orders"."order_id") AS "rn", RANK() OVER (ORDER BY "orders"."order_date") AS "rk", DENSE_RANK() OVER (ORDER BY "orders"."order_date" DESC) AS "drk", PERCENT_RANK() OVER (PARTITION BY "orders"."status" ORDER BY "orders"."order_id") AS "pr", CUME_DIST() OVER (ORDER BY "orders"."order_id") AS "cd" FROM "orders")");
static_assert(to_sql<D>(o.select(egret::row_number().over(egret::order_by(o.note.desc().nulls_last(), o.order_id)).as<"rn">())) ==
              R"(SELECT ROW_NUMBER() OVER (ORDER BY "orders"."note" DESC NULLS LAST, "orders"."order_id") AS "rn" FROM "orders")");
static_assert(to_sql<D>(p.select(egret::ntile(lit<4>).over(egret::order_by(p.amount)).as<"q">(), egret::ntile(3).over().as<"t">())) ==
              R"(SELECT NTILE(4) OVER (ORDER BY "payments"."amount") AS "q", NTILE(?) OVER () AS "t" FROM "payments")");
static_assert(to_sql<D>(p.select(p.amount.lag().over(egret::order_by(p.payment_id)).as<"prev">(), egret::lag(p.amount, lit<2>, 0.0).over(egret::partition_by(p.order_id).order_by(p.payment_id)).as<"prev2">(), p.payment_method.lead(1, str<"none">).over(egret::order_by(p.payment_id)).as<"next">())) ==
              R"(SELECT LAG("payments"."amount") OVER (ORDER BY "payments"."payment_id") AS "prev", LAG("payments"."amount", 2, ?) OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."payment_id") AS "prev2", LEAD("payments"."payment_method", ?, 'none') OVER (ORDER BY "payments"."payment_id") AS "next" FROM "payments")");
static_assert(to_sql<D>(p.select(p.amount.first_value().over(egret::partition_by(p.order_id).order_by(p.amount)).as<"lo">(), p.amount.last_value().over(egret::partition_by(p.order_id).order_by(p.amount).rows(egret::unbounded_preceding(), egret::unbounded_following())).as<"hi">(), p.amount.nth_value(lit<2>).over(egret::order_by(p.amount)).as<"second">())) ==
              R"(SELECT FIRST_VALUE("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."amount") AS "lo", LAST_VALUE("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."amount" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS "hi", NTH_VALUE("payments"."amount", 2) OVER (ORDER BY "payments"."amount") AS "second" FROM "payments")");
static_assert(to_sql<D>(p.select(p.amount.sum().over(egret::partition_by(p.order_id).order_by(p.payment_id)).as<"running">(), p.amount.mean().over(egret::order_by(p.payment_id).rows(egret::preceding<2>(), egret::current_row())).as<"avg3">(), p.amount.cumsum(egret::order_by(p.payment_id)).as<"cs">())) ==
              R"(SELECT SUM("payments"."amount") OVER (PARTITION BY "payments"."order_id" ORDER BY "payments"."payment_id") AS "running", AVG("payments"."amount") OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS "avg3", SUM("payments"."amount") OVER (ORDER BY "payments"."payment_id" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "cs" FROM "payments")");
static_assert(to_sql<D>(p.select(p.amount.sum(where(p.payment_method == str<"coupon">)).over(egret::partition_by(p.order_id)).as<"coupon">(), egret::count().over().as<"n">())) ==
              R"(SELECT SUM("payments"."amount") FILTER (WHERE "payments"."payment_method" = 'coupon') OVER (PARTITION BY "payments"."order_id") AS "coupon", COUNT(*) OVER () AS "n" FROM "payments")");
static_assert(to_sql<D>(p.group_by(p.order_id).aggregate(p.amount.sum().as<"total">(), egret::rank().over(egret::order_by(p.amount.sum().desc())).as<"rk">())) ==
              R"(SELECT "payments"."order_id", SUM("payments"."amount") AS "total", RANK() OVER (ORDER BY SUM("payments"."amount") DESC) AS "rk" FROM "payments" GROUP BY "payments"."order_id")");
}  // namespace

TEST_CASE("golden duckdb: functions and windows render at compile time", "[golden][duckdb]") {
  auto q = t.select(t.x.round(2).as<"r">(), t.s.lpad(lit<5>, str<"*">).as<"p">());
  CHECK(egret::render_sql<D>(q) == to_sql<D>(q));
}
