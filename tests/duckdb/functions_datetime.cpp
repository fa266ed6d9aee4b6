// The date and time functions executed on DuckDB, against the reference calendar: tests/mysql/functions_datetime.cpp
// ported to a DuckDB database file (the same data, queries and expected values), until the conformance suite runs on
// DuckDB. Where DuckDB differs, the expectation says so.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "test_db.hpp"

namespace {
using egret::time_unit;
using egret::to_sql;
using S = egret::dialect::sqlite;
using P = egret::dialect::postgres;

EGRET_TABLE(events, (id, std::int64_t), (d, egret::date), (ts, egret::timestamp), (n, std::int32_t),
            (od, std::optional<egret::date>));
EGRET_TABLE(one_row, (id, std::int64_t));

constexpr events e{};

// ---- reference calendar ----
std::int64_t day_number(egret::date d) { return egret::days_from_civil(d); }
egret::date plus_days(egret::date d, std::int64_t n) { return egret::civil_from_days(day_number(d) + n); }
std::int64_t weekday(egret::date d) { return ((day_number(d) + 3) % 7 + 7) % 7; }  // 1970-01-01 was a Thursday


/// Dates every 11 days from 1999-12-25 to 2032, through every month, weekday and leap day.
std::vector<egret::date> sample_dates() {
  std::vector<egret::date> v;
  for (egret::date d{1999, 12, 25}; d.year < 2032; d = plus_days(d, 11)) v.push_back(d);
  v.push_back({2024, 2, 29});
  v.push_back({2000, 2, 29});
  v.push_back({2024, 12, 31});
  return v;
}

void fill_dates(egret::duckdb::connection& db, std::vector<egret::date> const& dates) {
  db.drop_table(events::egret_name.view());
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

TEST_CASE("duckdb datetime: parts and truncation agree with the reference calendar on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("datetime_1"));
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

TEST_CASE("duckdb datetime: known dates (leap years, week starts, year ends)", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("datetime_2"));
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

TEST_CASE("duckdb datetime: quarter starts for every month, through a bound date", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("datetime_3"));
  db.drop_table(one_row::egret_name.view());
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

TEST_CASE("duckdb datetime: adding days, weeks, months and years on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("datetime_4"));
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
  db.drop_table(one_row::egret_name.view());
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
  // DuckDB clamps like PostgreSQL (SQLite's values: 2024-03-02; 2025-03-01; 2024-05-01, 2024-03-02, 2023-03-03)
  check({2024, 1, 31}, {2024, 2, 29}, {2023, 12, 31}, {2025, 1, 31}, {2022, 12, 31});
  check({2024, 2, 29}, {2024, 3, 29}, {2024, 1, 29}, {2025, 2, 28}, {2023, 1, 29});
  check({2024, 3, 31}, {2024, 4, 30}, {2024, 2, 29}, {2025, 3, 31}, {2023, 2, 28});
  check({2023, 12, 15}, {2024, 1, 15}, {2023, 11, 15}, {2024, 12, 15}, {2022, 11, 15});
}

TEST_CASE("duckdb datetime: timestamps on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("datetime_5"));
  db.drop_table(events::egret_name.view());
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
  db.drop_table(one_row::egret_name.view());
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

TEST_CASE("duckdb datetime: days_between and strftime over many dates on DuckDB", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("datetime_6"));
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

TEST_CASE("duckdb datetime: current_date and current_timestamp are UTC", "[duckdb][functions]") {
  egret::duckdb::connection db(egret_test::duckdb_file("datetime_7"));
  db.drop_table(one_row::egret_name.view());
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
