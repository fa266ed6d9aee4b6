// Regular expressions and reverse() (expr/regex.hpp): golden SQL for SQLite and PostgreSQL, and the C++
// functions every SQLite connection registers (sqlite/functions.hpp), on a real file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <egret/sqlite.hpp>
#include <egret/sqlite/regex.hpp>

namespace {
using egret::to_sql;
using S = egret::dialect::sqlite;
using P = egret::dialect::postgres;

EGRET_TABLE(codes, (id, std::int64_t), (code, std::string), (note, std::optional<std::string>));

constexpr codes c{};

// ---- golden SQL ----
constexpr auto searched = c.filter(egret::re_search(c.code, "^[a-z]+-[0-9]+$")).select(c.id);
static_assert(to_sql<S>(searched) == R"(SELECT "codes"."id" FROM "codes" WHERE "codes"."code" REGEXP ?)");
static_assert(to_sql<P>(searched) == R"(SELECT "codes"."id" FROM "codes" WHERE "codes"."code" ~ $1)");
// NOT, AND around it; a concatenated pattern keeps its parentheses beside PostgreSQL's ~
constexpr auto negated = c.filter(!c.code.re_search(egret::str<"x">) && c.id > 1).select(c.id);
static_assert(to_sql<S>(negated) ==
              R"(SELECT "codes"."id" FROM "codes" WHERE NOT "codes"."code" REGEXP 'x' AND "codes"."id" > ?)");
static_assert(to_sql<P>(negated) == R"(SELECT "codes"."id" FROM "codes" WHERE NOT "codes"."code" ~ 'x' AND "codes"."id" > $1)");
constexpr auto concat_pattern = c.filter(c.code.re_search(egret::str<"^"> + c.code)).select(c.id);
static_assert(to_sql<S>(concat_pattern) ==
              R"(SELECT "codes"."id" FROM "codes" WHERE "codes"."code" REGEXP '^' || "codes"."code")");
static_assert(to_sql<P>(concat_pattern) ==
              R"(SELECT "codes"."id" FROM "codes" WHERE "codes"."code" ~ ('^' || "codes"."code"))");
constexpr auto extracted = c.select(egret::re_extract(c.code, egret::str<"([a-z]+)-([0-9]+)">, 2).as<"num">(),
                                    c.code.re_replace("[0-9]", egret::str<"#">).as<"masked">(),
                                    c.code.reverse().as<"rev">());
static_assert(to_sql<S>(extracted) ==
              R"(SELECT egret_regexp_extract("codes"."code", '([a-z]+)-([0-9]+)', ?) AS "num", egret_regexp_replace("codes"."code", ?, '#') AS "masked", egret_reverse("codes"."code") AS "rev" FROM "codes")");
static_assert(to_sql<P>(extracted) ==
              R"(SELECT (regexp_match("codes"."code", '(' || '([a-z]+)-([0-9]+)' || ')'))[$1 + 1] AS "num", regexp_replace("codes"."code", $2, '#', 'g') AS "masked", REVERSE("codes"."code") AS "rev" FROM "codes")");

// ---- types and nullability ----
static_assert(std::is_same_v<egret::value_type_t<decltype(egret::re_search(c.code, "a"))>, bool>);
static_assert(!egret::nullable_v<decltype(egret::re_search(c.code, "a"))>);
static_assert(egret::nullable_v<decltype(egret::re_search(c.note, "a"))>);
static_assert(egret::nullable_v<decltype(egret::re_extract(c.code, "a", 0))>);  // no match gives NULL
static_assert(!egret::nullable_v<decltype(egret::re_replace(c.code, "a", "b"))>);
static_assert(egret::nullable_v<decltype(egret::reverse(c.note))>);
static_assert(std::is_same_v<decltype(egret::reverse(c.code)), decltype(c.code.reverse())>);

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

void fill(egret::sqlite::connection& db) {
  db.create_table<codes>();
  db.insert<codes>(std::int64_t{1}, "abc-123", std::optional<std::string>("x1"));
  db.insert<codes>(std::int64_t{2}, "Zed-9", std::optional<std::string>());
  db.insert<codes>(std::int64_t{3}, "naïve-42 €", std::optional<std::string>("€$"));
  db.insert<codes>(std::int64_t{4}, "plain", std::optional<std::string>("a\\b"));
}

std::string error_of(auto&& f) {
  try {
    f();
  } catch (egret::database_error const& e) {
    return e.message();
  }
  return "no error";
}
}  // namespace

TEST_CASE("regex: re_search on SQLite (REGEXP through std::regex, ECMAScript)", "[functions][regex]") {
  egret::sqlite::connection db(fresh_db("regex_search").string());
  fill(db);
  auto ids = [&](auto const& q, auto const&... args) {
    std::vector<std::int64_t> v;
    for (auto const& r : db.execute(q.order_by(c.id), args...)) v.push_back(r.template get<"id">());
    return v;
  };
  CHECK(ids(searched) == std::vector<std::int64_t>{1});
  CHECK(ids(c.filter(c.code.re_search("\\d")).select(c.id)) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(ids(c.filter(c.code.re_search("^[A-Z]")).select(c.id)) == std::vector<std::int64_t>{2});
  // code points, not bytes: "ï" is one character for "."
  CHECK(ids(c.filter(c.code.re_search("^na.ve-")).select(c.id)) == std::vector<std::int64_t>{3});
  CHECK(ids(c.filter(c.code.re_search("^.{10}$")).select(c.id)) == std::vector<std::int64_t>{3});
  // a bound pattern is compiled once per execution, and a new binding is honoured
  auto by_pattern = c.filter(c.code.re_search(egret::param<"p", std::string>)).select(c.id);
  CHECK(ids(by_pattern, std::string("a")) == std::vector<std::int64_t>{1, 3, 4});
  CHECK(ids(by_pattern, std::string("^Z")) == std::vector<std::int64_t>{2});
  // a pattern from a column, per row; NULL gives NULL (no row)
  CHECK(ids(c.filter(c.code.re_search(c.code)).select(c.id)) == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(ids(c.filter(c.code.re_search(c.note)).select(c.id)) == std::vector<std::int64_t>{3});
  // an invalid pattern fails the statement with the pattern in the message
  CHECK(error_of([&] { (void)ids(by_pattern, std::string("(unclosed")); })
            .starts_with("regexp(): invalid regular expression \"(unclosed\": "));
}

TEST_CASE("regex: re_extract and re_replace on SQLite", "[functions][regex]") {
  egret::sqlite::connection db(fresh_db("regex_extract").string());
  fill(db);
  auto one = [&](auto const& e, std::int64_t id) {
    return db.execute(c.filter(c.id == id).select(e.template as<"v">())).first()->template get<"v">();
  };
  using opt = std::optional<std::string_view>;
  auto const pattern = egret::str<"([a-zï]+)-([0-9]+)(x)?">;
  CHECK(one(egret::re_extract(c.code, pattern, 0), 1) == opt("abc-123"));
  CHECK(one(egret::re_extract(c.code, pattern, 1), 1) == opt("abc"));
  CHECK(one(egret::re_extract(c.code, pattern, 2), 3) == opt("42"));
  CHECK(one(egret::re_extract(c.code, pattern, 1), 3) == opt("naïve"));
  CHECK(one(egret::re_extract(c.code, pattern, 3), 1) == opt());   // the group did not take part
  CHECK(one(egret::re_extract(c.code, pattern, 4), 1) == opt());   // no such group
  CHECK(one(egret::re_extract(c.code, pattern, -1), 1) == opt());
  CHECK(one(egret::re_extract(c.code, pattern, 0), 4) == opt());   // no match
  CHECK(one(egret::re_extract(c.code, "[0-9]+", 0), 2) == opt("9"));

  CHECK(one(c.code.re_replace("[0-9]", "#"), 1) == "abc-###");
  CHECK(one(c.code.re_replace(pattern, egret::str<"\\2:\\1">), 1) == "123:abc");       // groups
  CHECK(one(c.code.re_replace("[a-c]+", egret::str<"<\\&>">), 1) == "<abc>-123");       // the whole match
  CHECK(one(c.code.re_replace("-", egret::str<"\\\\">), 1) == "abc\\123");             // a backslash
  CHECK(one(c.code.re_replace("-", egret::str<"\\x$1">), 1) == "abc\\x$1123");         // others are literal
  CHECK(one(c.code.re_replace("(x)?-", egret::str<"[\\1]">), 1) == "abc[]123");        // unmatched group: empty
  CHECK(one(c.code.re_replace("x*", egret::str<".">), 4) == ".p.l.a.i.n.");             // empty matches
  CHECK(one(c.code.re_replace("[ï€]", egret::str<"?">), 3) == "na?ve-42 ?");           // code points
  CHECK(one(c.code.re_replace("zzz", egret::str<"?">), 1) == "abc-123");               // no match: unchanged
  CHECK(one(egret::re_replace(c.note, "x", "y"), 2) == opt());                          // NULL in, NULL out
  CHECK(error_of([&] { (void)one(c.code.re_replace("[", "?"), 1); })
            .starts_with("egret_regexp_replace(): invalid regular expression \"[\": "));
}

TEST_CASE("regex: long strings are matched without overflowing the stack, up to a limit", "[functions][regex]") {
  egret::sqlite::connection db(fresh_db("regex_long").string());
  fill(db);
  auto match = c.filter(c.id == 1).select(egret::re_search(egret::param<"s", std::string>, "^(a|b)*$").as<"m">(),
                                           egret::re_replace(egret::param<"s", std::string>, "(a|b)*", "x").as<"r">(),
                                           egret::re_extract(egret::param<"s", std::string>, "^(a|b)*(c)$", 2).as<"e">());
  // std::regex recurses per character: 60000 characters need tens of MiB of stack
  std::string const long_text(60'000, 'a');
  auto const r = db.execute(match, long_text).first();
  REQUIRE(r.has_value());
  CHECK(r->get<"m">());
  CHECK(r->get<"r">() == "xx");  // the whole string, then the empty match at its end
  CHECK(!r->get<"e">().has_value());
  CHECK(db.execute(match, long_text + "c").first()->get<"e">() == std::optional<std::string_view>("c"));
  CHECK(!db.execute(match, long_text + "c").first()->get<"m">());
  // over the limit: an error, not a crash
  CHECK(error_of([&] { (void)db.execute(match, std::string(egret::sqlite::detail::regex_max_chars + 1, 'a')).first(); })
            .starts_with("regexp(): the string has 100001 characters; egret's regular expressions on SQLite "
                         "(std::regex) take at most 100000"));
}

TEST_CASE("regex: reverse on SQLite reverses code points", "[functions][regex]") {
  egret::sqlite::connection db(fresh_db("regex_reverse").string());
  fill(db);
  auto rows = db.execute(c.select(c.code.reverse().as<"r">(), egret::reverse(c.note).as<"n">()).order_by(c.id))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"r">() == "321-cba");
  CHECK(rows[2].get<"r">() == "€ 24-evïan");
  CHECK(rows[2].get<"n">() == std::optional<std::string_view>("$€"));
  CHECK(!rows[1].get<"n">().has_value());
  CHECK(rows[3].get<"n">() == std::optional<std::string_view>("b\\a"));
  // four-byte characters, and bytes that are not UTF-8 move as units of their own
  auto one_row = c.filter(c.id == 1).select(egret::reverse(egret::param<"s", std::string>).as<"r">());
  CHECK(db.execute(one_row, std::string("a😀b")).first()->get<"r">() == "b😀a");
  CHECK(db.execute(one_row, std::string("x\xff\xc3y")).first()->get<"r">() == "y\xc3\xffx");
  CHECK(db.execute(one_row, std::string()).first()->get<"r">() == "");
}
