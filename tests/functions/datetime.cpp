// Date and time functions (expr/datetime.hpp): golden SQL for SQLite and PostgreSQL, types and nullability,
// and results on a real SQLite file checked against egret's own calendar arithmetic (types/temporal.hpp).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include <egret/sqlite.hpp>

namespace {
using egret::time_unit;
using egret::to_sql;
using S = egret::dialect::sqlite;
using P = egret::dialect::postgres;

EGRET_TABLE(events, (id, std::int64_t), (d, egret::date), (ts, egret::timestamp), (n, std::int32_t),
            (od, std::optional<egret::date>));
EGRET_TABLE(one_row, (id, std::int64_t));

constexpr events e{};

// ---- parts ----
constexpr auto parts = e.select(e.d.year().as<"y">(), e.d.quarter().as<"q">(), e.d.month().as<"m">(),
                                e.d.day().as<"dd">(), e.d.day_of_week().as<"dow">(), e.d.day_of_year().as<"doy">());
static_assert(to_sql<S>(parts) ==
              R"(SELECT CAST(strftime('%Y', "events"."d") AS INTEGER) AS "y", ((CAST(strftime('%m', "events"."d") AS INTEGER) + 2) / 3) AS "q", CAST(strftime('%m', "events"."d") AS INTEGER) AS "m", CAST(strftime('%d', "events"."d") AS INTEGER) AS "dd", ((CAST(strftime('%w', "events"."d") AS INTEGER) + 6) % 7) AS "dow", CAST(strftime('%j', "events"."d") AS INTEGER) AS "doy" FROM "events")");
static_assert(to_sql<P>(parts) ==
              R"(SELECT CAST(EXTRACT(YEAR FROM "events"."d") AS BIGINT) AS "y", CAST(EXTRACT(QUARTER FROM "events"."d") AS BIGINT) AS "q", CAST(EXTRACT(MONTH FROM "events"."d") AS BIGINT) AS "m", CAST(EXTRACT(DAY FROM "events"."d") AS BIGINT) AS "dd", (CAST(EXTRACT(ISODOW FROM "events"."d") AS BIGINT) - 1) AS "dow", CAST(EXTRACT(DOY FROM "events"."d") AS BIGINT) AS "doy" FROM "events")");
constexpr auto clock = e.select(e.ts.hour().as<"h">(), e.ts.minute().as<"mi">(), e.ts.second().as<"s">());
static_assert(to_sql<S>(clock) ==
              R"(SELECT CAST(strftime('%H', "events"."ts") AS INTEGER) AS "h", CAST(strftime('%M', "events"."ts") AS INTEGER) AS "mi", CAST(strftime('%S', "events"."ts") AS INTEGER) AS "s" FROM "events")");
static_assert(to_sql<P>(clock) ==
              R"(SELECT CAST(EXTRACT(HOUR FROM "events"."ts") AS BIGINT) AS "h", CAST(EXTRACT(MINUTE FROM "events"."ts") AS BIGINT) AS "mi", CAST(FLOOR(EXTRACT(SECOND FROM "events"."ts")) AS BIGINT) AS "s" FROM "events")");
// in a filter, with bound values
constexpr auto leap_days = e.filter(e.d.month() == 2 && e.d.day() == 29).select(e.id);
static_assert(to_sql<S>(leap_days) ==
              R"(SELECT "events"."id" FROM "events" WHERE CAST(strftime('%m', "events"."d") AS INTEGER) = ? AND CAST(strftime('%d', "events"."d") AS INTEGER) = ?)");
static_assert(to_sql<P>(leap_days) ==
              R"(SELECT "events"."id" FROM "events" WHERE CAST(EXTRACT(MONTH FROM "events"."d") AS BIGINT) = $1 AND CAST(EXTRACT(DAY FROM "events"."d") AS BIGINT) = $2)");
// the free functions, the methods and extract<> build the same node
static_assert(std::is_same_v<decltype(egret::year(e.d)), decltype(e.d.year())>);
static_assert(std::is_same_v<decltype(egret::extract<egret::date_part::day_of_week>(e.d)), decltype(e.d.day_of_week())>);
static_assert(std::is_same_v<decltype(e.ts.extract<egret::date_part::minute>()), decltype(egret::minute(e.ts))>);
// every part is a BIGINT, nullable exactly when its argument is
static_assert(std::is_same_v<egret::value_type_t<decltype(e.d.year())>, std::int64_t>);
static_assert(std::is_same_v<egret::value_type_t<decltype(e.ts.second())>, std::int64_t>);
static_assert(!egret::nullable_v<decltype(e.d.month())>);
static_assert(egret::nullable_v<decltype(e.od.month())>);
static_assert(!egret::is_aggregate_v<decltype(e.d.year())>);
static_assert(egret::is_aggregate_v<decltype(e.d.max().year())>);

// ---- truncation ----
constexpr auto date_trunc = e.select(e.d.truncate<time_unit::year>().as<"y">(), e.d.truncate<time_unit::month>().as<"m">(),
                                     e.d.truncate<time_unit::week>().as<"w">(), e.d.truncate<time_unit::day>().as<"dd">());
static_assert(to_sql<S>(date_trunc) ==
              R"(SELECT date("events"."d", 'start of year') AS "y", date("events"."d", 'start of month') AS "m", date("events"."d", '-6 days', 'weekday 1') AS "w", date("events"."d") AS "dd" FROM "events")");
static_assert(to_sql<P>(date_trunc) ==
              R"(SELECT CAST(date_trunc('year', "events"."d") AS DATE) AS "y", CAST(date_trunc('month', "events"."d") AS DATE) AS "m", CAST(date_trunc('week', "events"."d") AS DATE) AS "w", CAST(date_trunc('day', "events"."d") AS DATE) AS "dd" FROM "events")");
// the quarter names its argument once (replace() on the month's first day)
constexpr auto quarter_start = e.select(egret::truncate<time_unit::quarter>(e.d).as<"q">());
static_assert(to_sql<S>(quarter_start) ==
              R"(SELECT replace(replace(replace(replace(replace(replace(replace(replace(strftime('%Y-%m-01', "events"."d"), '-02-', '-01-'), '-03-', '-01-'), '-05-', '-04-'), '-06-', '-04-'), '-08-', '-07-'), '-09-', '-07-'), '-11-', '-10-'), '-12-', '-10-') AS "q" FROM "events")");
static_assert(to_sql<P>(quarter_start) == R"(SELECT CAST(date_trunc('quarter', "events"."d") AS DATE) AS "q" FROM "events")");
constexpr auto ts_trunc = e.select(e.ts.truncate<time_unit::week>().as<"w">(), e.ts.truncate<time_unit::day>().as<"dd">(),
                                   e.ts.truncate<time_unit::hour>().as<"h">(), e.ts.truncate<time_unit::minute>().as<"mi">(),
                                   e.ts.truncate<time_unit::second>().as<"s">());
static_assert(to_sql<S>(ts_trunc) ==
              R"(SELECT datetime("events"."ts", 'start of day', '-6 days', 'weekday 1') AS "w", datetime("events"."ts", 'start of day') AS "dd", strftime('%Y-%m-%d %H:00:00', "events"."ts") AS "h", strftime('%Y-%m-%d %H:%M:00', "events"."ts") AS "mi", datetime("events"."ts") AS "s" FROM "events")");
static_assert(to_sql<P>(ts_trunc) ==
              R"(SELECT date_trunc('week', "events"."ts") AS "w", date_trunc('day', "events"."ts") AS "dd", date_trunc('hour', "events"."ts") AS "h", date_trunc('minute', "events"."ts") AS "mi", date_trunc('second', "events"."ts") AS "s" FROM "events")");
static_assert(std::is_same_v<egret::value_type_t<decltype(e.d.truncate<time_unit::month>())>, egret::date>);
static_assert(std::is_same_v<egret::value_type_t<decltype(e.ts.truncate<time_unit::month>())>, egret::timestamp>);
constexpr auto by_month = e.group_by(e.d.truncate<time_unit::month>().as<"month">()).aggregate(egret::count().as<"n">());
static_assert(to_sql<S>(by_month) ==
              R"(SELECT date("events"."d", 'start of month') AS "month", COUNT(*) AS "n" FROM "events" GROUP BY date("events"."d", 'start of month'))");

// ---- intervals ----
constexpr auto shifted = e.select(egret::add_days(e.d, 3).as<"a">(), (e.d - egret::days(e.n)).as<"b">(),
                                  (e.d + egret::weeks(e.n + 1)).as<"c">(), egret::add_months(e.d, -1).as<"m">(),
                                  (egret::years(egret::lit<2>) + e.d).as<"y">());
static_assert(to_sql<S>(shifted) ==
              R"(SELECT date("events"."d", ? || ' days') AS "a", date("events"."d", -("events"."n") || ' days') AS "b", date("events"."d", (("events"."n" + ?) * 7) || ' days') AS "c", date("events"."d", ? || ' months') AS "m", date("events"."d", 2 || ' years') AS "y" FROM "events")");
static_assert(to_sql<P>(shifted) ==
              R"(SELECT CAST("events"."d" + $1 * INTERVAL '1 day' AS DATE) AS "a", CAST("events"."d" - "events"."n" * INTERVAL '1 day' AS DATE) AS "b", CAST("events"."d" + ("events"."n" + $2) * INTERVAL '1 week' AS DATE) AS "c", CAST("events"."d" + $3 * INTERVAL '1 month' AS DATE) AS "m", CAST("events"."d" + 2 * INTERVAL '1 year' AS DATE) AS "y" FROM "events")");
constexpr auto ts_shifted = e.select(egret::add_hours(e.ts, e.n * 24).as<"h">(), (e.ts - egret::minutes(90)).as<"m">(),
                                     egret::add_seconds(e.ts, 1).as<"s">(), (e.ts - egret::weeks(1)).as<"w">());
static_assert(to_sql<S>(ts_shifted) ==
              R"(SELECT datetime("events"."ts", ("events"."n" * ?) || ' hours') AS "h", datetime("events"."ts", -(?) || ' minutes') AS "m", datetime("events"."ts", ? || ' seconds') AS "s", datetime("events"."ts", -(? * 7) || ' days') AS "w" FROM "events")");
static_assert(to_sql<P>(ts_shifted) ==
              R"(SELECT ("events"."ts" + "events"."n" * $1 * INTERVAL '1 hour') AS "h", ("events"."ts" - $2 * INTERVAL '1 minute') AS "m", ("events"."ts" + $3 * INTERVAL '1 second') AS "s", ("events"."ts" - $4 * INTERVAL '1 week') AS "w" FROM "events")");
// date + days gives a date, timestamp + hours a timestamp; a nullable count makes the result nullable
static_assert(std::is_same_v<egret::value_type_t<decltype(e.d + egret::days(1))>, egret::date>);
static_assert(std::is_same_v<egret::value_type_t<decltype(e.ts + egret::hours(1))>, egret::timestamp>);
static_assert(std::is_same_v<decltype(e.d + egret::days(e.n)), decltype(egret::add_days(e.d, e.n))>);
static_assert(!egret::nullable_v<decltype(e.d + egret::days(1))>);
static_assert(egret::nullable_v<decltype(e.od + egret::days(1))>);
static_assert(egret::nullable_v<decltype(e.d + egret::days(std::optional<int>(1)))>);

// ---- differences, formatting, now ----
constexpr auto ages = e.filter(egret::days_between(e.d, e.od) > 30)
                          .select(e.id, egret::days_between(e.ts, egret::current_timestamp()).as<"age">());
static_assert(to_sql<S>(ages) ==
              R"(SELECT "events"."id", CAST(-julianday("events"."ts") + julianday(CURRENT_TIMESTAMP) AS INTEGER) AS "age" FROM "events" WHERE CAST(-julianday("events"."d") + julianday("events"."od") AS INTEGER) > ?)");
static_assert(to_sql<P>(ages) ==
              R"(SELECT "events"."id", CAST(-EXTRACT(DAY FROM "events"."ts" - CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP(0))) AS BIGINT) AS "age" FROM "events" WHERE CAST(-("events"."d" - "events"."od") AS BIGINT) > $1)");
static_assert(std::is_same_v<egret::value_type_t<decltype(egret::days_between(e.d, e.d))>, std::int64_t>);
constexpr auto formatted = e.select(e.d.strftime<"%Y-%m">().as<"ym">(),
                                    egret::strftime<"%d/%m/%Y %H:%M:%f day %j, 100%%">(e.ts).as<"f">());
static_assert(to_sql<S>(formatted) ==
              R"(SELECT strftime('%Y-%m', "events"."d") AS "ym", strftime('%d/%m/%Y %H:%M:%f day %j, 100%%', "events"."ts") AS "f" FROM "events")");
static_assert(to_sql<P>(formatted) ==
              R"(SELECT to_char("events"."d", 'YYYY-MM') AS "ym", to_char("events"."ts", 'DD/MM/YYYY HH24:MI:SS.MS" day "DDD", 100%"') AS "f" FROM "events")");
static_assert(std::is_same_v<egret::value_type_t<decltype(e.d.strftime<"%Y">())>, std::string>);
constexpr auto past = e.filter(e.d < egret::current_date()).select(e.id);
static_assert(to_sql<S>(past) == R"(SELECT "events"."id" FROM "events" WHERE "events"."d" < CURRENT_DATE)");
static_assert(to_sql<P>(past) ==
              R"(SELECT "events"."id" FROM "events" WHERE "events"."d" < CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS DATE))");
static_assert(!egret::nullable_v<decltype(egret::current_date())>);
static_assert(std::is_same_v<egret::value_type_t<decltype(egret::current_timestamp())>, egret::timestamp>);
// standard SQL spells what it has
static_assert(to_sql<egret::dialect::ansi>(e.d.year()) == R"(CAST(EXTRACT(YEAR FROM "events"."d") AS BIGINT))");

// ---- reference calendar ----
std::int64_t day_number(egret::date d) { return egret::days_from_civil(d); }
egret::date plus_days(egret::date d, std::int64_t n) { return egret::civil_from_days(day_number(d) + n); }
std::int64_t weekday(egret::date d) { return ((day_number(d) + 3) % 7 + 7) % 7; }  // 1970-01-01 was a Thursday

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

/// Dates every 11 days from 1999-12-25 to 2032, through every month, weekday and leap day.
std::vector<egret::date> sample_dates() {
  std::vector<egret::date> v;
  for (egret::date d{1999, 12, 25}; d.year < 2032; d = plus_days(d, 11)) v.push_back(d);
  v.push_back({2024, 2, 29});
  v.push_back({2000, 2, 29});
  v.push_back({2024, 12, 31});
  return v;
}

void fill_dates(egret::sqlite::connection& db, std::vector<egret::date> const& dates) {
  db.create_table<events>();
  auto tx = db.transaction();
  std::int64_t id = 0;
  for (auto d : dates) {
    auto const i = static_cast<std::int32_t>(id % 50 - 25);
    egret::timestamp const ts{d, static_cast<std::uint32_t>(id % 24), static_cast<std::uint32_t>(id * 7 % 60),
                              static_cast<std::uint32_t>(id * 13 % 60)};
    db.insert<events>(id, d, ts, i, id % 3 == 0 ? std::optional<egret::date>() : std::optional(plus_days(d, i)));
    ++id;
  }
  tx.commit();
}
}  // namespace

TEST_CASE("datetime: parts and truncation agree with the reference calendar on SQLite", "[functions][datetime]") {
  egret::sqlite::connection db(fresh_db("datetime_parts").string());
  auto const dates = sample_dates();
  fill_dates(db, dates);
  auto q = e.select(e.d, e.d.year().as<"y">(), e.d.quarter().as<"q">(), e.d.month().as<"m">(), e.d.day().as<"dd">(),
                    e.d.day_of_week().as<"dow">(), e.d.day_of_year().as<"doy">(),
                    e.d.truncate<time_unit::year>().as<"ty">(), e.d.truncate<time_unit::quarter>().as<"tq">(),
                    e.d.truncate<time_unit::month>().as<"tm">(), e.d.truncate<time_unit::week>().as<"tw">(),
                    e.d.truncate<time_unit::day>().as<"td">())
               .order_by(e.id);
  std::size_t rows = 0;
  for (auto const& r : db.execute(q)) {
    egret::date const d = r.get<"d">();
    INFO(egret::to_string(d));
    CHECK(r.get<"y">() == d.year);
    CHECK(r.get<"q">() == (d.month - 1) / 3 + 1);
    CHECK(r.get<"m">() == d.month);
    CHECK(r.get<"dd">() == d.day);
    CHECK(r.get<"dow">() == weekday(d));
    CHECK(r.get<"doy">() == day_number(d) - day_number({d.year, 1, 1}) + 1);
    CHECK(r.get<"ty">() == egret::date{d.year, 1, 1});
    CHECK(r.get<"tq">() == egret::date{d.year, (d.month - 1) / 3 * 3 + 1, 1});
    CHECK(r.get<"tm">() == egret::date{d.year, d.month, 1});
    CHECK(r.get<"tw">() == plus_days(d, -weekday(d)));
    CHECK(r.get<"td">() == d);
    ++rows;
  }
  CHECK(rows == dates.size());
}

TEST_CASE("datetime: known dates on SQLite (leap years, week starts, year ends)", "[functions][datetime]") {
  egret::sqlite::connection db(fresh_db("datetime_known").string());
  fill_dates(db, {{2024, 2, 29}, {2024, 1, 31}, {2023, 12, 31}, {2024, 12, 31}, {2024, 1, 1}, {2021, 3, 1}});
  auto rows = db.execute(e.select(e.d.day_of_week().as<"dow">(), e.d.day_of_year().as<"doy">(),
                                  e.d.truncate<time_unit::week>().as<"monday">())
                             .order_by(e.id))
                  .to_vector();
  REQUIRE(rows.size() == 6);
  // Thursday, Wednesday, Sunday, Tuesday, Monday, Monday (Monday = 0)
  std::vector<std::int64_t> dow, doy;
  for (auto const& r : rows) {
    dow.push_back(r.get<"dow">());
    doy.push_back(r.get<"doy">());
  }
  CHECK(dow == std::vector<std::int64_t>{3, 2, 6, 1, 0, 0});
  CHECK(doy == std::vector<std::int64_t>{60, 31, 365, 366, 1, 60});
  CHECK(rows[0].get<"monday">() == egret::date{2024, 2, 26});
  CHECK(rows[2].get<"monday">() == egret::date{2023, 12, 25});
  CHECK(rows[4].get<"monday">() == egret::date{2024, 1, 1});  // a Monday is its own week start
}

TEST_CASE("datetime: quarter starts for every month, through a bound date", "[functions][datetime]") {
  egret::sqlite::connection db(fresh_db("datetime_quarter").string());
  db.create_table<one_row>();
  db.insert<one_row>(1);
  one_row o;
  auto day = egret::param<"day", egret::date>;
  auto q = o.select(egret::truncate<time_unit::quarter>(day).as<"q">(), egret::quarter(day).as<"n">(),
                    egret::truncate<time_unit::quarter>(egret::cast<egret::timestamp>(day)).as<"qt">());
  for (std::uint32_t m = 1; m <= 12; ++m) {
    INFO("month " << m);
    auto const r = db.execute(q, egret::date{2024, m, m == 2 ? 29u : 30u}).first();
    REQUIRE(r.has_value());
    std::uint32_t const first = (m - 1) / 3 * 3 + 1;
    CHECK(r->get<"q">() == egret::date{2024, first, 1});
    CHECK(r->get<"n">() == (m - 1) / 3 + 1);
    CHECK(r->get<"qt">() == egret::timestamp{{2024, first, 1}});
  }
}

TEST_CASE("datetime: adding days, weeks, months and years on SQLite", "[functions][datetime]") {
  egret::sqlite::connection db(fresh_db("datetime_shift").string());
  auto const dates = sample_dates();
  fill_dates(db, dates);
  // days and weeks, forward and back, by a column and by a bound value: exact day arithmetic
  auto q = e.select(e.d, e.n, (e.d + egret::days(e.n)).as<"plus">(), (e.d - egret::days(e.n)).as<"minus">(),
                    egret::add_weeks(e.d, e.n).as<"weeks">(), (e.d - egret::weeks(e.n - 1)).as<"weeks_back">(),
                    egret::add_days(e.d, -400).as<"far">())
               .order_by(e.id);
  for (auto const& r : db.execute(q)) {
    egret::date const d = r.get<"d">();
    std::int64_t const n = r.get<"n">();
    INFO(egret::to_string(d) << " n=" << n);
    CHECK(r.get<"plus">() == plus_days(d, n));
    CHECK(r.get<"minus">() == plus_days(d, -n));
    CHECK(r.get<"weeks">() == plus_days(d, 7 * n));
    CHECK(r.get<"weeks_back">() == plus_days(d, -7 * (n - 1)));
    CHECK(r.get<"far">() == plus_days(d, -400));
  }

  // months and years: SQLite moves the month and then normalizes an impossible day into the next month
  // (2024-01-31 + 1 month = "2024-02-31" = 2024-03-02), where PostgreSQL clamps to the month's end
  // (2024-02-29). docs/dates.md.
  one_row o;
  db.create_table<one_row>();
  db.insert<one_row>(1);
  auto day = egret::param<"day", egret::date>;
  auto months = o.select(egret::add_months(day, 1).as<"next">(), (day - egret::months(1)).as<"prev">(),
                         egret::add_years(day, 1).as<"next_year">(), (day + egret::months(-13)).as<"back13">());
  auto check = [&](egret::date d, egret::date next, egret::date prev, egret::date next_year, egret::date back13) {
    INFO(egret::to_string(d));
    auto const r = db.execute(months, d).first();
    REQUIRE(r.has_value());
    CHECK(r->get<"next">() == next);
    CHECK(r->get<"prev">() == prev);
    CHECK(r->get<"next_year">() == next_year);
    CHECK(r->get<"back13">() == back13);
  };
  check({2024, 1, 31}, {2024, 3, 2}, {2023, 12, 31}, {2025, 1, 31}, {2022, 12, 31});
  check({2024, 2, 29}, {2024, 3, 29}, {2024, 1, 29}, {2025, 3, 1}, {2023, 1, 29});
  check({2024, 3, 31}, {2024, 5, 1}, {2024, 3, 2}, {2025, 3, 31}, {2023, 3, 3});
  check({2023, 12, 15}, {2024, 1, 15}, {2023, 11, 15}, {2024, 12, 15}, {2022, 11, 15});
}

TEST_CASE("datetime: timestamps on SQLite", "[functions][datetime]") {
  egret::sqlite::connection db(fresh_db("datetime_ts").string());
  db.create_table<events>();
  egret::timestamp const t0{{2024, 2, 29}, 23, 45, 30};
  egret::timestamp const t1{{2024, 3, 2}, 7, 5, 9};
  db.insert<events>(std::int64_t{1}, t0.date, t0, 2, std::optional<egret::date>());
  db.insert<events>(std::int64_t{2}, t1.date, t1, -1, std::optional<egret::date>(egret::date{2024, 1, 1}));
  auto q = e.select(e.ts.hour().as<"h">(), e.ts.minute().as<"mi">(), e.ts.second().as<"s">(),
                    e.ts.day_of_week().as<"dow">(), e.ts.truncate<time_unit::hour>().as<"th">(),
                    e.ts.truncate<time_unit::minute>().as<"tmi">(), e.ts.truncate<time_unit::day>().as<"td">(),
                    e.ts.truncate<time_unit::week>().as<"tw">(), e.ts.truncate<time_unit::month>().as<"tm">(),
                    egret::add_hours(e.ts, e.n).as<"plus_h">(), (e.ts - egret::minutes(46)).as<"minus_m">(),
                    (e.ts + egret::seconds(30)).as<"plus_s">(), (e.ts + egret::days(1)).as<"tomorrow">(),
                    e.ts.strftime<"%Y-%m-%dT%H:%M">().as<"iso">(), e.ts.strftime<"%j %f">().as<"j">(),
                    egret::days_between(e.d, e.od).as<"to_od">(), egret::year(e.od).as<"od_year">())
               .order_by(e.id);
  auto rows = db.execute(q).to_vector();
  REQUIRE(rows.size() == 2);
  auto const& a = rows[0];
  CHECK(a.get<"h">() == 23);
  CHECK(a.get<"mi">() == 45);
  CHECK(a.get<"s">() == 30);
  CHECK(a.get<"dow">() == 3);
  CHECK(a.get<"th">() == egret::timestamp{{2024, 2, 29}, 23});
  CHECK(a.get<"tmi">() == egret::timestamp{{2024, 2, 29}, 23, 45});
  CHECK(a.get<"td">() == egret::timestamp{{2024, 2, 29}});
  CHECK(a.get<"tw">() == egret::timestamp{{2024, 2, 26}});
  CHECK(a.get<"tm">() == egret::timestamp{{2024, 2, 1}});
  CHECK(a.get<"plus_h">() == egret::timestamp{{2024, 3, 1}, 1, 45, 30});  // across the leap day
  CHECK(a.get<"minus_m">() == egret::timestamp{{2024, 2, 29}, 22, 59, 30});
  CHECK(a.get<"plus_s">() == egret::timestamp{{2024, 2, 29}, 23, 46, 0});
  CHECK(a.get<"tomorrow">() == egret::timestamp{{2024, 3, 1}, 23, 45, 30});
  CHECK(a.get<"iso">() == "2024-02-29T23:45");
  CHECK(a.get<"j">() == "060 30.000");
  CHECK(!a.get<"to_od">().has_value());  // NULL in, NULL out
  CHECK(!a.get<"od_year">().has_value());
  auto const& b = rows[1];
  CHECK(b.get<"plus_h">() == egret::timestamp{{2024, 3, 2}, 6, 5, 9});
  CHECK(b.get<"minus_m">() == egret::timestamp{{2024, 3, 2}, 6, 19, 9});
  CHECK(b.get<"tw">() == egret::timestamp{{2024, 2, 26}});
  CHECK(b.get<"to_od">() == std::optional<std::int64_t>(-61));
  CHECK(b.get<"od_year">() == std::optional<std::int64_t>(2024));

  // whole days between timestamps, truncated toward zero both ways
  one_row o;
  db.create_table<one_row>();
  db.insert<one_row>(1);
  auto from = egret::param<"from", egret::timestamp>;
  auto to = egret::param<"to", egret::timestamp>;
  auto between = o.select(egret::days_between(from, to).as<"days">());
  auto days = [&](egret::timestamp f, egret::timestamp t) { return db.execute(between, f, t).first()->get<"days">(); };
  CHECK(days({{2024, 1, 1}, 12}, {{2024, 1, 2}, 11}) == 0);
  CHECK(days({{2024, 1, 1}, 12}, {{2024, 1, 2}, 12}) == 1);
  CHECK(days({{2024, 1, 2}, 11}, {{2024, 1, 1}, 12}) == 0);
  CHECK(days({{2024, 3, 1}}, {{2024, 2, 1}, 1}) == -28);
  CHECK(days({{2023, 3, 1}}, {{2024, 3, 1}}) == 366);
}

TEST_CASE("datetime: days_between and strftime over many dates on SQLite", "[functions][datetime]") {
  egret::sqlite::connection db(fresh_db("datetime_diff").string());
  auto const dates = sample_dates();
  fill_dates(db, dates);
  auto q = e.select(e.d, e.od, egret::days_between(e.d, e.od).as<"diff">(),
                    egret::days_between(e.od, e.d).as<"back">(), e.d.strftime<"%d.%m.%Y (%j)">().as<"text">())
               .order_by(e.id);
  std::size_t with_od = 0;
  for (auto const& r : db.execute(q)) {
    egret::date const d = r.get<"d">();
    std::string const iso = egret::to_string(d);
    CHECK(r.get<"text">() == iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4) + " (" +
                                 fmt::format("{:03}", day_number(d) - day_number({d.year, 1, 1}) + 1) + ")");
    if (auto od = r.get<"od">()) {
      CHECK(r.get<"diff">() == day_number(*od) - day_number(d));
      CHECK(r.get<"back">() == day_number(d) - day_number(*od));
      ++with_od;
    } else {
      CHECK(!r.get<"diff">().has_value());
    }
  }
  CHECK(with_od > 400);
}

TEST_CASE("datetime: current_date and current_timestamp on SQLite are UTC", "[functions][datetime]") {
  egret::sqlite::connection db(fresh_db("datetime_now").string());
  db.create_table<one_row>();
  db.insert<one_row>(1);
  one_row o;
  auto utc_today = [] {
    auto const days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return egret::civil_from_days(days.time_since_epoch().count());
  };
  egret::date const before = utc_today();
  auto const r = db.execute(o.select(egret::current_date().as<"today">(), egret::current_timestamp().as<"now">(),
                                     egret::days_between(egret::current_date(), egret::current_date()).as<"zero">()))
                     .first();
  egret::date const after = utc_today();
  REQUIRE(r.has_value());
  CHECK((r->get<"today">() == before || r->get<"today">() == after));
  CHECK((r->get<"now">().date == before || r->get<"now">().date == after));
  CHECK(r->get<"now">().microsecond == 0);
  CHECK(r->get<"zero">() == 0);
}
