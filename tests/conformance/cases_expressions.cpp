// Conformance: scalar expressions (arithmetic, NULLs, CASE, casts, numeric, text and date functions) and window
// functions on every executing backend, against expected values worked out by hand from data.hpp.
#include "backends.hpp"
#include "expect.hpp"

using namespace conformance;
using namespace egret::literals;

CONFORMANCE_CASE("integer division truncates toward zero") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 2).select((it.qty / 2).as<"h">(), (it.qty % 2).as<"m">(), (it.k / 2).as<"hk">())),
           want({{-3, -1, -1}}));
    expect(c, fetch(db, it.filter(it.id == 1).select((it.qty / 4).as<"h">(), egret::truediv(it.qty, 4).as<"t">(),
                                                     egret::floordiv(it.k - 10, 2).as<"f">())),
           want({{2, 2.5, -4}}));
  });
}

CONFORMANCE_CASE("arithmetic with NULL is NULL") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 3).select((it.qty + 1).as<"a">(), (it.price * 2.0).as<"b">(), (it.k - it.qty).as<"c">())),
           want({{nullptr, 0.0, nullptr}}));
  });
}

CONFORMANCE_CASE("64-bit integers") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 6).select((it.qty * 2).as<"x">(), (it.qty + it.k).as<"y">())),
           want({{8000000000LL, 3999999999LL}}));
  });
}

CONFORMANCE_CASE("CASE, if_else and coalesce") {
  run<TestType>({}, [](auto& db, context& c) {
    auto const q = it.select(it.id, egret::cases(egret::when(it.qty > 5, egret::str<"big">), egret::when(it.qty < 0, egret::str<"neg">),
                                                 egret::otherwise(egret::str<"small">)).template as<"c">(),
                             egret::coalesce(it.qty, std::int64_t{-1}).as<"q">(),
                             egret::if_else(it.k > 0, it.k, -it.k).as<"ak">())
                         .order_by(it.id.asc());
    expect(c, fetch(db, q),
           want({{1, "big", 10, 3}, {2, "neg", -7, 3}, {3, "small", -1, 0}, {4, "small", 0, 7}, {5, "big", 7, 2},
                 {6, "big", 4000000000LL, 1}, {7, "small", 3, 5}}));
  });
}

CONFORMANCE_CASE("booleans read back") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.select(it.id, it.ok, (it.k > 0).as<"pos">()).order_by(it.id.asc())),
           want({{1, 1, 1}, {2, 0, 0}, {3, 1, 0}, {4, nullptr, 1}, {5, 0, 1}, {6, 1, 0}, {7, nullptr, 1}}));
    expect(c, fetch(db, it.filter(it.ok == true).select(it.id).order_by(it.id.asc())), want({{1}, {3}, {6}}));
  });
}

CONFORMANCE_CASE("casts") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 2).select(it.qty.cast<std::string>().as<"s">(), it.price.cast<std::int64_t>().as<"i">(),
                                                     it.k.cast<double>().as<"d">())),
           want({{"-7", -2, -3.0}}));
  });
}

CONFORMANCE_CASE("rounding halves away from zero") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 2).select(egret::round(it.price, 1).as<"r1">(), egret::round(it.price).as<"r0">(),
                                                     egret::round(it.price * -1.0 + 0.25).as<"r2">())),
           want({{-2.3, -2.0, 3.0}}));
  });
}

CONFORMANCE_CASE("numeric functions") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 6).select(egret::sqrt(it.price).as<"s">(), egret::abs(it.k).as<"a">(),
                                                     egret::power(it.price, 2.0).as<"p">(), egret::sign(it.k).as<"g">(),
                                                     egret::ceil(it.price + 0.5).as<"c">(), egret::floor(it.price - 0.5).as<"f">(),
                                                     egret::mod(it.qty, std::int64_t{7}).as<"m">())),
           want({{1.7320508075688772, 1, 9.0, -1, 4.0, 2.0, 4000000000LL % 7}}));
  });
}

CONFORMANCE_CASE("text functions") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 2).select(egret::upper(it.name).as<"u">(), egret::lower(it.name).as<"l">(),
                                                     egret::length(it.name).as<"n">(), egret::substr(it.name, 2, 3).as<"s">())),
           want({{"BANANA", "banana", 6, "ana"}}));
    expect(c, fetch(db, it.filter(it.id == 3).select(egret::replace(it.name, std::string("pie"), std::string("tart")).as<"r">(),
                                                     (it.name + "!").as<"x">(), (it.grp + it.grp).as<"gg">())),
           want({{"cherry tart", "cherry pie!", "bb"}}));
  });
}

CONFORMANCE_CASE("length counts characters, not bytes") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 5).select(egret::length(it.name).as<"n">())), want({{7}}));
  });
}

CONFORMANCE_CASE("padding and trimming") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 1).select(egret::lpad(it.grp, 3, std::string("-")).as<"l">(),
                                                     egret::rpad(it.grp, 3, std::string("*")).as<"r">(),
                                                     egret::trim(it.name + "  ").as<"t">())),
           want({{"--a", "a**", "apple"}}));
  });
}

CONFORMANCE_CASE("LIKE, contains, startswith") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.name.like("%an%")).select(it.id)), want({{2}}));
    expect(c, fetch(db, it.filter(egret::contains(it.name, std::string("err"))).select(it.id)), want({{3}}));
    expect(c, fetch(db, it.filter(egret::startswith(it.name, std::string("app"))).select(it.id)), want({{1}}));
  });
}

CONFORMANCE_CASE("LIKE is case-sensitive") {
  run<TestType>({{"sqlite", kind::not_implemented, "SQLite's LIKE ignores ASCII case; egret renders LIKE as is"}},
                [](auto& db, context& c) { expect(c, fetch(db, it.filter(it.name.like("b%")).select(it.id)), want({})); });
}

CONFORMANCE_CASE("date parts") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 2).select(egret::year(it.day).as<"y">(), egret::month(it.day).as<"m">(),
                                                     egret::day(it.day).as<"d">(), egret::day_of_week(it.day).as<"w">(),
                                                     egret::quarter(it.day).as<"q">(), egret::day_of_year(it.day).as<"j">())),
           want({{2024, 2, 29, 3, 1, 60}}));
  });
}

CONFORMANCE_CASE("date arithmetic") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 2).select((it.day + egret::days(1)).as<"next">(),
                                                     it.day.truncate<egret::time_unit::month>().as<"month">(),
                                                     egret::days_between(it.day, egret::date{2024, 3, 10}).as<"n">())),
           want({{"2024-03-01", "2024-02-01", 10}}));
    expect(c, fetch(db, it.filter(it.day < egret::date{2024, 1, 1}).select(it.id).order_by(it.id.asc())), want({{3}, {7}}));
  });
}

CONFORMANCE_CASE("add_months clamps to the end of the month") {
  run<TestType>({{"sqlite", kind::not_implemented,
                  "SQLite's date() carries the overflow into the next month (docs/dates.md)"}},
                [](auto& db, context& c) {
                  expect(c, fetch(db, it.filter(it.id == 2).select(egret::add_months(it.day, 12).as<"d">())),
                         want({{"2025-02-28"}}));
                });
}

CONFORMANCE_CASE("window functions") {
  run<TestType>({}, [](auto& db, context& c) {
    auto const w = egret::window().partition_by(it.grp).order_by(it.id.asc());
    expect(c, fetch(db, it.select(it.id, egret::row_number().over(w).as<"rn">()).order_by(it.id.asc())),
           want({{1, 1}, {2, 2}, {3, 1}, {4, 2}, {5, 1}, {6, 2}, {7, 3}}));
    auto const all = egret::window().order_by(it.id.asc());
    expect(c, fetch(db, it.select(it.id, it.k.sum().over(all).as<"s">(), it.k.lag().over(all).as<"prev">()).order_by(it.id.asc())),
           want({{1, 3, nullptr}, {2, 0, 3}, {3, 0, -3}, {4, 7, 0}, {5, 9, 7}, {6, 8, 2}, {7, 13, -1}}));
    expect(c, fetch(db, it.select(it.id, egret::rank().over(egret::window().order_by(it.grp.asc())).as<"r">()).order_by(it.id.asc())),
           want({{1, 1}, {2, 1}, {3, 4}, {4, 4}, {5, 6}, {6, 6}, {7, 1}}));
  });
}
