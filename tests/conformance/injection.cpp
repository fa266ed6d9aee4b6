// Injection and quoting on every executing backend: identifiers and text values holding quotes, backslashes,
// `;`, `--`, `/*`, Unicode and every dialect's identifier quote characters round-trip unchanged (written, read back,
// compared). Run-time values are bound parameters (the SQL text never holds them); compile-time literal text
// (egret::str<>) and the values a view inlines are escaped per dialect.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <string>
#include <vector>

#include "backends.hpp"
#include "expect.hpp"

namespace {

using namespace conformance;
using namespace egret::literals;

struct note {
  BOOST_HANA_DEFINE_STRUCT(note, (std::int64_t, id), (std::string, body));
};

/// A table whose name holds both quote characters of every dialect, a comment opener and a statement separator.
using hostile = egret::adopt_table<note, "n\"o`t[e]'s; -- /* x */">;

/// The values that must come back unchanged.
std::vector<std::string> const nasty = {
    "it's",
    "say \"hi\"",
    "back\\slash\\",
    "\\'",
    "'; DROP TABLE items; --",
    "/* not a comment */",
    "-- not a comment either",
    "semi;colon",
    "`backtick` [bracket] ]]",
    "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\xA6 \xE4\xB8\xAD\xE6\x96\x87",  // été € 🐦 中文
    "%_ wildcards",
    "tab\tnewline\nreturn\r",
    "",
    "$1 ? :1 @p1",
};

template <class Db>
void fresh(Db& db) {
  db.drop_table(hostile::egret_name.view());
  db.template create_table<hostile>();
}

}  // namespace

#define INJECTION_CASE(name) TEMPLATE_TEST_CASE("injection: " name, "[injection]", CONFORMANCE_BACKENDS)

INJECTION_CASE("bound text values round-trip unchanged") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh(db);
    hostile const t{};
    for (std::size_t i = 0; i < nasty.size(); ++i)
      db.template insert_struct<hostile>(note{static_cast<std::int64_t>(i), nasty[i]});
    rows const got = fetch(db, t.select(t["id"_c], t["body"_c]).order_by(t["id"_c].asc()));
    rows want_rows;
    for (std::size_t i = 0; i < nasty.size(); ++i) want_rows.push_back({cell{static_cast<std::int64_t>(i)}, cell{nasty[i]}});
    expect(c, got, want_rows);
    // each value found again by equality with a bound value: what was written is what is compared
    for (std::size_t i = 0; i < nasty.size(); ++i)
      expect(c, fetch(db, t.filter(t["body"_c] == nasty[i]).select(t["id"_c])), {{cell{static_cast<std::int64_t>(i)}}});
    // and the table is still there, with every row: no value ran as SQL
    expect(c, fetch(db, t.aggregate(egret::count().as<"n">())), {{cell{static_cast<std::int64_t>(nasty.size())}}});
  });
}

INJECTION_CASE("compile-time literal text is escaped per dialect") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh(db);
    db.template insert_struct<hostile>(note{1, "it's a \\ back'slash"});
    db.template insert_struct<hostile>(note{2, "'; DROP TABLE items; --"});
    hostile const t{};
    expect(c, fetch(db, t.filter(t["body"_c] == egret::str<"it's a \\ back'slash">).select(t["id"_c])), want({{1}}));
    expect(c, fetch(db, t.filter(t["body"_c] == egret::str<"'; DROP TABLE items; --">).select(t["id"_c])), want({{2}}));
    expect(c, fetch(db, t.filter(t["id"_c] == 1).select(egret::str<"a'b\\c\"d`e]f">.template as<"lit">())), want({{"a'b\\c\"d`e]f"}}));
  });
}

INJECTION_CASE("identifiers with quote characters round-trip") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh(db);
    db.template insert_struct<hostile>(note{7, "x"});
    hostile const t{};
    // an output column named with every quote character, read back by that name
    auto const q = t.select((t["id"_c] * 2).as<"a\"b`c[d]e'f">());
    auto const r = db.execute(q).to_vector();
    c.check(r.size() == 1 && r[0].template get<"a\"b`c[d]e'f">() == 14, "the aliased column reads back");
    // the hostile table name is in the SQL quoted, and the table answers
    expect(c, fetch(db, t.select(t["id"_c])), want({{7}}));
  });
}

INJECTION_CASE("a view inlines captured values as escaped literals") {
  run<TestType>({}, [](auto& db, context& c) {
    fresh(db);
    for (std::size_t i = 0; i < nasty.size(); ++i)
      db.template insert_struct<hostile>(note{static_cast<std::int64_t>(i), nasty[i]});
    hostile const t{};
    std::string const view = "v\"iew`]'; --";
    for (std::size_t i = 0; i < nasty.size(); ++i) {
      if (nasty[i].empty()) continue;
      db.drop_view(view);
      db.create_view(view, t.filter(t["body"_c] == nasty[i]).select(t["id"_c]));
      using v_t = egret::adopt_table<note, "v\"iew`]'; --">;  // only its id column is read
      v_t const v{};
      expect(c, fetch(db, v.select(v["id"_c])), {{cell{static_cast<std::int64_t>(i)}}});
    }
    db.drop_view(view);
  });
}
