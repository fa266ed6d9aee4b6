// The text functions: golden SQL for SQLite (with its emulations of LPAD, RPAD, LEFT, RIGHT, REPEAT) and
// PostgreSQL, their types, and their values on SQLite (NULLs, empty strings, wildcards, UTF-8).
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include <egret/sqlite.hpp>

namespace {
EGRET_TABLE(words, (id, std::int64_t), (s, std::string), (t, std::optional<std::string>),
            (n, std::optional<std::int64_t>));

using egret::lit;
using egret::str;
using egret::to_sql;
using L = egret::dialect::sqlite;
using P = egret::dialect::postgres;
constexpr words w{};

template <class E>
using type_of = egret::value_type_t<E>;

// ---- golden SQL ----

static_assert(to_sql<L>(w.s.length()) == R"(LENGTH("words"."s"))");
static_assert(to_sql<L>(egret::lower(w.s)) == R"(LOWER("words"."s"))");
static_assert(to_sql<P>(w.s.upper()) == R"(UPPER("words"."s"))");
static_assert(to_sql<L>(w.s.strip()) == R"(TRIM("words"."s"))");
static_assert(to_sql<L>(w.s.lstrip()) == R"(LTRIM("words"."s"))");
static_assert(to_sql<P>(w.s.rstrip()) == R"(RTRIM("words"."s"))");
// SQLite has no LPAD: with constants only, the arguments are written where the emulation needs them...
static_assert(to_sql<L>(w.s.lpad(lit<5>, str<"*">)) ==
              R"(CASE WHEN LENGTH("words"."s") >= 5 THEN SUBSTR("words"."s", 1, 5) ELSE SUBSTR(REPLACE(HEX(ZEROBLOB(5)), '00', '*'), 1, 5 - LENGTH("words"."s")) || "words"."s" END)");
static_assert(to_sql<L>(egret::rpad(w.s, lit<5>)) ==
              R"(CASE WHEN LENGTH("words"."s") >= 5 THEN SUBSTR("words"."s", 1, 5) ELSE "words"."s" || SUBSTR(REPLACE(HEX(ZEROBLOB(5)), '00', ' '), 1, 5 - LENGTH("words"."s")) END)");
// ... and with bound values, each value is bound once in a subquery
static_assert(to_sql<L>(w.s.lpad(5, "*")) ==
              R"((SELECT CASE WHEN LENGTH(egret_1) >= egret_2 THEN SUBSTR(egret_1, 1, egret_2) ELSE SUBSTR(REPLACE(HEX(ZEROBLOB(egret_2)), '00', egret_3), 1, egret_2 - LENGTH(egret_1)) || egret_1 END FROM (SELECT "words"."s" AS egret_1, ? AS egret_2, ? AS egret_3) AS egret_let))");
static_assert(egret::placeholder_count_v<L, decltype(w.s.lpad(5, "*"))> == 2);
static_assert(to_sql<P>(w.s.lpad(5, "*")) == R"(LPAD("words"."s", $1, $2))");
static_assert(to_sql<P>(w.s.rpad(lit<5>)) == R"(RPAD("words"."s", 5, ' '))");
static_assert(to_sql<L>(w.s.substr(2)) == R"(SUBSTR("words"."s", ?))");
static_assert(to_sql<P>(w.s.substr(2, lit<3>)) == R"(SUBSTR("words"."s", $1, 3))");
static_assert(to_sql<L>(w.s.left(2)) == R"(SUBSTR("words"."s", 1, ?))");  // each argument once: no subquery
static_assert(to_sql<P>(w.s.left(2)) == R"(LEFT("words"."s", $1))");
static_assert(to_sql<L>(w.s.right(lit<2>)) == R"(SUBSTR("words"."s", -1 * 2, 2))");
static_assert(to_sql<L>(w.s.right(2)) ==
              R"((SELECT SUBSTR(egret_1, -1 * egret_2, egret_2) FROM (SELECT "words"."s" AS egret_1, ? AS egret_2) AS egret_let))");
static_assert(to_sql<P>(w.s.right(2)) == R"(RIGHT("words"."s", $1))");
static_assert(to_sql<L>(w.s.replace("l", str<"L">)) == R"(REPLACE("words"."s", ?, 'L'))");
static_assert(to_sql<L>(w.s.repeat(lit<3>)) ==
              R"(CASE WHEN 3 IS NOT NULL THEN REPLACE(HEX(ZEROBLOB(3)), '00', "words"."s") END)");
static_assert(to_sql<P>(w.s.repeat(3)) == R"(REPEAT("words"."s", $1))");
static_assert(to_sql<L>(w.s.contains("ell")) == R"(INSTR("words"."s", ?) > 0)");
static_assert(to_sql<P>(w.s.contains("ell")) == R"(STRPOS("words"."s", $1) > 0)");
static_assert(to_sql<L>(w.s.startswith("He")) ==
              R"("words"."s" GLOB REPLACE(REPLACE(REPLACE(?, '[', '[[]'), '*', '[*]'), '?', '[?]') || '*')");
static_assert(to_sql<P>(w.s.startswith("He")) == R"(STARTS_WITH("words"."s", $1))");
static_assert(to_sql<L>(w.s.endswith(w.t)) ==
              R"("words"."s" GLOB '*' || REPLACE(REPLACE(REPLACE("words"."t", '[', '[[]'), '*', '[*]'), '?', '[?]'))");
static_assert(to_sql<P>(w.s.endswith("lo")) == R"(STARTS_WITH(REVERSE("words"."s"), REVERSE($1)))");
static_assert(to_sql<L>(w.s.find("l")) == R"(INSTR("words"."s", ?) - 1)");
static_assert(to_sql<P>(w.s.find("l")) == R"(STRPOS("words"."s", $1) - 1)");
static_assert(to_sql<L>(w.s.ilike("he%")) == R"(LOWER("words"."s") LIKE LOWER(?))");
static_assert(to_sql<P>(w.s.ilike("he%")) == R"("words"."s" ILIKE $1)");
static_assert(to_sql<L>(egret::concat(w.s, str<"-">, w.t)) == R"("words"."s" || '-' || "words"."t")");
// precedence: find() is a subtraction, contains() a comparison
static_assert(to_sql<L>(w.s.find("l") * 2) == R"((INSTR("words"."s", ?) - 1) * ?)");
static_assert(to_sql<L>(w.filter(!w.s.contains("x") && w.s.upper().startswith(str<"H">))) ==
              R"(SELECT * FROM "words" WHERE NOT INSTR("words"."s", ?) > 0 AND UPPER("words"."s") GLOB REPLACE(REPLACE(REPLACE('H', '[', '[[]'), '*', '[*]'), '?', '[?]') || '*')");
// an operand that binds looser than an atom is parenthesized inside the template
static_assert(to_sql<L>(egret::left(w.s + w.s, lit<1>)) == R"(SUBSTR("words"."s" || "words"."s", 1, 1))");
static_assert(to_sql<L>(egret::right(w.s, w.n + 1)) ==
              R"((SELECT SUBSTR(egret_1, -1 * egret_2, egret_2) FROM (SELECT "words"."s" AS egret_1, "words"."n" + ? AS egret_2) AS egret_let))");
static_assert(to_sql<L>(egret::right(w.s, w.n + lit<1>)) == R"(SUBSTR("words"."s", -1 * ("words"."n" + 1), "words"."n" + 1))");

// the standard spelling, shared by PostgreSQL and ANSI
using A = egret::dialect::ansi;
static_assert(to_sql<P>(w.s.length()) == R"(LENGTH("words"."s"))");
static_assert(to_sql<P>(w.s.lower()) == R"(LOWER("words"."s"))");
static_assert(to_sql<P>(w.s.strip()) == R"(TRIM("words"."s"))");
static_assert(to_sql<P>(w.s.lstrip()) == R"(LTRIM("words"."s"))");
static_assert(to_sql<P>(w.s.substr(2)) == R"(SUBSTR("words"."s", $1))");
static_assert(to_sql<P>(w.s.replace("l", str<"L">)) == R"(REPLACE("words"."s", $1, 'L'))");
static_assert(to_sql<P>(egret::concat(w.s, str<"-">, w.t)) == R"("words"."s" || '-' || "words"."t")");
static_assert(to_sql<A>(w.s.lpad(5, "*")) == R"(LPAD("words"."s", ?, ?))");
static_assert(to_sql<A>(w.s.contains("x")) == R"(STRPOS("words"."s", ?) > 0)");
static_assert(to_sql<A>(w.s.startswith("x")) == R"(STARTS_WITH("words"."s", ?))");
static_assert(to_sql<A>(w.s.endswith("x")) == R"(ENDS_WITH("words"."s", ?))");
static_assert(to_sql<A>(w.s.ilike("x")) == R"(LOWER("words"."s") LIKE LOWER(?))");

// ---- types and nullability ----

static_assert(std::is_same_v<type_of<decltype(w.s.length())>, std::int32_t>);
static_assert(std::is_same_v<type_of<decltype(w.s.find("x"))>, std::int64_t>);
static_assert(std::is_same_v<type_of<decltype(w.s.contains("x"))>, bool>);
static_assert(std::is_same_v<type_of<decltype(w.s.lpad(3))>, std::string>);
static_assert(!egret::nullable_v<decltype(w.s.lpad(3))>);
static_assert(egret::nullable_v<decltype(w.s.lpad(w.n))>);
static_assert(egret::nullable_v<decltype(w.s.contains(w.t))>);
static_assert(egret::nullable_v<decltype(egret::concat(w.s, w.t))>);

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

void fill(egret::sqlite::connection& db) {
  db.create_table<words>();
  db.insert<words>(1, "Hello", std::optional<std::string>("lo"), std::optional<std::int64_t>(3));
  db.insert<words>(2, "a*b?[c]", std::nullopt, std::nullopt);
  db.insert<words>(3, "", std::optional<std::string>(""), std::optional<std::int64_t>(-1));
  db.insert<words>(4, "h\xc3\xa9llo", std::optional<std::string>("\xc3\xa9"), std::optional<std::int64_t>(7));
}

std::optional<std::string> opt(std::optional<std::string_view> v) {
  return v ? std::optional<std::string>(*v) : std::nullopt;
}
}  // namespace

TEST_CASE("text: length, case, trim, substr, replace, concat on SQLite", "[functions][text]") {
  egret::sqlite::connection db(fresh_db("text_basic").string());
  fill(db);
  auto rows =
      db.execute(w.select(w.s.length().as<"len">(), w.s.lower().as<"lo">(), w.s.upper().as<"up">(),
                          egret::concat(str<"  ">, w.s, str<" ">).strip().as<"trim">(),
                          egret::concat(str<"  ">, w.s, str<" ">).lstrip().as<"ltrim">(),
                          egret::concat(str<"  ">, w.s, str<" ">).rstrip().as<"rtrim">(),
                          w.s.substr(2).as<"sub">(), w.s.substr(2, 3).as<"sub3">(), w.s.replace("l", "L").as<"rep">(),
                          egret::concat(w.s, str<"|">, w.t).as<"cat">())
                     .order_by(w.id))
          .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"len">() == 5);
  CHECK(rows[2].get<"len">() == 0);
  CHECK(rows[3].get<"len">() == 5);  // characters, not bytes
  CHECK(rows[0].get<"lo">() == "hello");
  CHECK(rows[0].get<"up">() == "HELLO");
  CHECK(rows[0].get<"trim">() == "Hello");
  CHECK(rows[0].get<"ltrim">() == "Hello ");
  CHECK(rows[0].get<"rtrim">() == "  Hello");
  CHECK(rows[0].get<"sub">() == "ello");
  CHECK(rows[0].get<"sub3">() == "ell");
  CHECK(rows[3].get<"sub3">() == "\xc3\xa9ll");
  CHECK(rows[0].get<"rep">() == "HeLLo");
  CHECK(opt(rows[0].get<"cat">()) == "Hello|lo");
  CHECK(!rows[1].get<"cat">().has_value());  // NULL in, NULL out
}

TEST_CASE("text: lpad, rpad, left, right, repeat on SQLite (emulated)", "[functions][text]") {
  egret::sqlite::connection db(fresh_db("text_pad").string());
  fill(db);
  auto rows = db.execute(w.select(w.s.lpad(8, "*-").as<"lpad">(), w.s.rpad(lit<8>, str<"*-">).as<"rpad">(),
                                  w.s.lpad(lit<3>).as<"cut">(), w.s.lpad(w.n, "x").as<"lpad_n">(),
                                  w.s.rpad(7, "").as<"empty_fill">(), w.s.left(2).as<"left">(),
                                  w.s.right(2).as<"right">(), w.s.right(lit<0>).as<"right0">(),
                                  w.s.right(10).as<"right10">(), w.s.repeat(2).as<"twice">(),
                                  w.s.repeat(w.n).as<"rep_n">())
                             .order_by(w.id))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"lpad">() == "*-*Hello");
  CHECK(rows[1].get<"lpad">() == "*a*b?[c]");
  CHECK(rows[2].get<"lpad">() == "*-*-*-*-");
  CHECK(rows[3].get<"lpad">() == "*-*h\xc3\xa9llo");
  CHECK(rows[0].get<"rpad">() == "Hello*-*");
  CHECK(rows[0].get<"cut">() == "Hel");  // a longer s is cut, as in PostgreSQL
  CHECK(opt(rows[0].get<"lpad_n">()) == "Hel");
  CHECK(!rows[1].get<"lpad_n">().has_value());  // NULL length
  CHECK(opt(rows[2].get<"lpad_n">()) == "");    // negative length
  CHECK(opt(rows[3].get<"lpad_n">()) == "xxh\xc3\xa9llo");
  CHECK(rows[0].get<"empty_fill">() == "Hello");
  CHECK(rows[0].get<"left">() == "He");
  CHECK(rows[3].get<"left">() == "h\xc3\xa9");
  CHECK(rows[0].get<"right">() == "lo");
  CHECK(rows[2].get<"right">() == "");
  CHECK(rows[0].get<"right0">() == "");
  CHECK(rows[0].get<"right10">() == "Hello");
  CHECK(rows[0].get<"twice">() == "HelloHello");
  CHECK(rows[2].get<"twice">() == "");
  CHECK(opt(rows[0].get<"rep_n">()) == "HelloHelloHello");
  CHECK(!rows[1].get<"rep_n">().has_value());  // NULL count: NULL, as REPEAT
  CHECK(opt(rows[2].get<"rep_n">()) == "");
}

TEST_CASE("text: emulations with params, in WHERE, GROUP BY and over aggregates", "[functions][text]") {
  egret::sqlite::connection db(fresh_db("text_contexts").string());
  fill(db);
  auto q = w.filter(w.s.right(2) == "lo")
               .select(w.id, w.s.lpad(egret::param<"width", std::int64_t>, str<"_">).as<"p">())
               .order_by(w.id);
  auto rows = db.execute(q, std::int64_t{6}).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"p">() == "_Hello");
  CHECK(rows[1].get<"p">() == "_h\xc3\xa9llo");

  auto grouped = db.execute(w.group_by(w.s.left(1).as<"initial">())
                                .aggregate(egret::lpad(w.s.max(), lit<7>, str<".">).as<"m">())
                                .order_by(w.s.left(1)))
                     .to_vector();
  REQUIRE(grouped.size() == 4);
  CHECK(grouped[0].get<"initial">() == "");
  CHECK(opt(grouped[1].get<"m">()) == "..Hello");
  CHECK(opt(grouped[3].get<"m">()) == "..h\xc3\xa9llo");
}

TEST_CASE("text: contains, startswith, endswith, find, ilike on SQLite", "[functions][text]") {
  egret::sqlite::connection db(fresh_db("text_search").string());
  fill(db);
  auto rows = db.execute(w.select(w.s.contains(w.t).as<"has_t">(), w.s.contains("*").as<"star">(),
                                  w.s.startswith("He").as<"he">(), w.s.startswith("H*").as<"h_star">(),
                                  w.s.startswith("a*b?").as<"wild">(), w.s.endswith("[c]").as<"bracket">(),
                                  w.s.endswith(w.t).as<"ends_t">(), w.s.find("l").as<"find_l">(),
                                  w.s.find(w.t).as<"find_t">(), w.s.ilike("hel%").as<"ilike">())
                             .order_by(w.id))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"has_t">() == true);
  CHECK(!rows[1].get<"has_t">().has_value());
  CHECK(rows[2].get<"has_t">() == true);  // '' contains ''
  CHECK(rows[3].get<"has_t">() == true);
  CHECK(!rows[0].get<"star">());
  CHECK(rows[1].get<"star">());
  CHECK(rows[0].get<"he">());
  CHECK(!rows[3].get<"he">());           // case-sensitive
  CHECK(!rows[0].get<"h_star">());       // '*' is not a wildcard
  CHECK(rows[1].get<"wild">());
  CHECK(!rows[0].get<"wild">());
  CHECK(rows[1].get<"bracket">());
  CHECK(!rows[0].get<"bracket">());
  CHECK(rows[0].get<"ends_t">() == true);
  CHECK(rows[2].get<"ends_t">() == true);  // every string ends with ''
  CHECK(rows[3].get<"ends_t">() == false);
  CHECK(rows[0].get<"find_l">() == 2);   // 0-based
  CHECK(rows[1].get<"find_l">() == -1);  // absent
  CHECK(rows[3].get<"find_l">() == 2);   // in characters
  CHECK(rows[3].get<"find_t">() == 1);
  CHECK(!rows[1].get<"find_t">().has_value());
  CHECK(rows[0].get<"ilike">());
  CHECK(rows[3].get<"ilike">() == false);
}
