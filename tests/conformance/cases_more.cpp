// Conformance: more of the vocabulary on every executing backend: regular expressions, strftime, group_concat,
// BETWEEN on text, window frames, correlated scalar subqueries.
#include <egret/sqlite/regex.hpp>  // registers regexp() and friends on SQLite connections

#include "backends.hpp"
#include "expect.hpp"

using namespace conformance;
using namespace egret::literals;

CONFORMANCE_CASE("regular expressions: search and replace") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(egret::re_search(it.name, std::string("^[a-c]"))).select(it.id).order_by(it.id.asc())),
           want({{1}, {3}}));
    expect(c, fetch(db, it.filter(it.id == 3).select(egret::re_replace(it.name, std::string("[aeiou]"), std::string("_")).as<"r">())),
           want({{"ch_rry p__"}}));
  });
}

CONFORMANCE_CASE("strftime") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.id == 2).select(egret::strftime<"%Y-%m/%d">(it.day).as<"f">())), want({{"2024-02/29"}}));
  });
}

CONFORMANCE_CASE("group_concat of one value per group") {
  run<TestType>({}, [](auto& db, context& c) {
    auto const q = it.filter(it.id.isin(1, 3, 5)).group_by(it.grp).aggregate(it.name.group_concat(egret::str<", ">).template as<"names">());
    expect_unordered(c, fetch(db, q), want({{"a", "apple"}, {"b", "cherry pie"}, {"c", "\xC3\x84pfel \xC3\xBC"}}));
  });
}

CONFORMANCE_CASE("BETWEEN on text and numbers") {
  run<TestType>({}, [](auto& db, context& c) {
    expect(c, fetch(db, it.filter(it.grp.between(std::string("a"), std::string("b"))).select(it.id).order_by(it.id.asc())),
           want({{1}, {2}, {3}, {4}, {7}}));
    expect(c, fetch(db, it.filter(it.price.between(0.0, 3.0)).select(it.id).order_by(it.id.asc())), want({{1}, {3}, {6}, {7}}));
  });
}

CONFORMANCE_CASE("window frames") {
  run<TestType>({}, [](auto& db, context& c) {
    auto const w = egret::window().order_by(it.id.asc()).rows(egret::preceding<1>(), egret::current_row());
    expect(c, fetch(db, it.select(it.id, it.k.sum().over(w).as<"s">()).order_by(it.id.asc())),
           want({{1, 3}, {2, 0}, {3, -3}, {4, 7}, {5, 9}, {6, 1}, {7, 4}}));
    auto const p = egret::window().partition_by(it.grp).order_by(it.id.asc());
    expect(c, fetch(db, it.select(it.id, it.k.first_value().over(p).as<"f">(), it.k.lead().over(p).as<"nx">()).order_by(it.id.asc())),
           want({{1, 3, -3}, {2, 3, 5}, {3, 0, 7}, {4, 0, nullptr}, {5, 2, -1}, {6, 2, nullptr}, {7, 3, nullptr}}));
  });
}

CONFORMANCE_CASE("correlated scalar subquery") {
  run<TestType>({}, [](auto& db, context& c) {
    auto const label = egret::scalar(ow.filter(ow.grp == egret::outer(it.grp)).select(ow.label));
    expect(c, fetch(db, it.select(it.id, label.template as<"l">()).order_by(it.id.asc())),
           want({{1, "Alpha"}, {2, "Alpha"}, {3, "Beta"}, {4, "Beta"}, {5, nullptr}, {6, nullptr}, {7, "Alpha"}}));
  });
}
