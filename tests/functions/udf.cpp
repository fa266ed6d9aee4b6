// User-defined functions (expr/udf.hpp, sqlite/functions.hpp): typed descriptors, golden SQL, nullability,
// and C++ scalar functions and aggregates registered on a real SQLite file: NULL handling, exceptions,
// argument conversion errors, per-statement caches, the deterministic and direct-only flags.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <egret/sqlite.hpp>
#include <egret/sqlite/regex.hpp>

namespace {
using egret::to_sql;
using S = egret::dialect::sqlite;
using P = egret::dialect::postgres;

EGRET_TABLE(people, (id, std::int64_t), (name, std::string), (nick, std::optional<std::string>), (score, double),
            (bonus, std::optional<double>), (born, egret::date), (team, std::int32_t));

constexpr people p{};

constexpr auto slugify = egret::udf<"slugify", std::string(std::string)>;
constexpr auto nick_or = egret::udf<"nick_or", std::string(std::optional<std::string>, std::string_view)>;
constexpr auto ratio = egret::udf<"ratio", std::optional<double>(double, double)>;
constexpr auto next_day = egret::udf<"next_day", egret::date(egret::date)>;
constexpr auto halve = egret::udf<"halve", std::int32_t(std::int32_t)>;
constexpr auto checked_id = egret::udf<"checked_id", std::int64_t(std::int64_t)>;
constexpr auto ticket = egret::udf<"ticket", std::int64_t()>;
constexpr auto median = egret::udaf<"median", std::optional<double>(double)>;
constexpr auto joined = egret::udaf<"joined", std::string(std::optional<std::string>)>;

// ---- golden SQL: a udf call is `name(args)` on every dialect; C++ values are bound ----
constexpr auto slugs = p.select(p.id, slugify(p.name).as<"slug">());
static_assert(to_sql<S>(slugs) == R"(SELECT "people"."id", slugify("people"."name") AS "slug" FROM "people")");
static_assert(to_sql<P>(slugs) == R"(SELECT "people"."id", slugify("people"."name") AS "slug" FROM "people")");
constexpr auto same_slug = p.filter(slugify(p.name) == slugify("Ada Lovelace")).select(p.id);
static_assert(to_sql<S>(same_slug) == R"(SELECT "people"."id" FROM "people" WHERE slugify("people"."name") = slugify(?))");
static_assert(to_sql<P>(same_slug) == R"(SELECT "people"."id" FROM "people" WHERE slugify("people"."name") = slugify($1))");
constexpr auto calls = p.select(nick_or(p.nick, egret::str<"-">).as<"n">(), ratio(p.team, 2).as<"r">(), ticket().as<"t">());
static_assert(to_sql<S>(calls) ==
              R"(SELECT nick_or("people"."nick", '-') AS "n", ratio("people"."team", ?) AS "r", ticket() AS "t" FROM "people")");
constexpr auto medians = p.group_by(p.team).aggregate(median(p.score).as<"m">(), egret::count().as<"n">());
static_assert(to_sql<S>(medians) ==
              R"(SELECT "people"."team", median("people"."score") AS "m", COUNT(*) AS "n" FROM "people" GROUP BY "people"."team")");
static_assert(to_sql<P>(p.aggregate(median(p.score * 2).as<"m">())) ==
              R"(SELECT median("people"."score" * $1) AS "m" FROM "people")");

// ---- types and nullability ----
static_assert(std::is_same_v<egret::value_type_t<decltype(slugify(p.name))>, std::string>);
static_assert(std::is_same_v<egret::value_type_t<decltype(next_day(p.born))>, egret::date>);
static_assert(std::is_same_v<egret::value_type_t<decltype(halve(p.team))>, std::int32_t>);
static_assert(!egret::nullable_v<decltype(slugify(p.name))>);
static_assert(egret::nullable_v<decltype(slugify(p.nick))>);          // NULL in, NULL out
static_assert(!egret::nullable_v<decltype(nick_or(p.nick, "x"))>);    // the optional parameter takes the NULL
static_assert(egret::nullable_v<decltype(nick_or(p.nick, p.nick))>);  // but not the second one
static_assert(egret::nullable_v<decltype(ratio(p.score, p.score))>);  // optional result
static_assert(!egret::nullable_v<decltype(ticket())>);
static_assert(egret::nullable_v<decltype(median(p.score))>);
static_assert(!egret::nullable_v<decltype(joined(p.nick))>);
static_assert(!egret::nullable_v<decltype(egret::udaf<"total", double(double)>(p.bonus))>);  // NULL rows skipped
static_assert(egret::is_aggregate_v<decltype(median(p.score))>);
static_assert(!egret::is_aggregate_v<decltype(slugify(p.name))>);
static_assert(egret::is_aggregate_v<decltype(slugify(p.name.max()))>);
// an integer fits a wider integer or a DOUBLE parameter
static_assert(std::is_same_v<egret::value_type_t<decltype(checked_id(p.team))>, std::int64_t>);

std::filesystem::path fresh_db(std::string const& name) {
  auto path = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(path);
  return path;
}

void fill(egret::sqlite::connection& db) {
  db.create_table<people>();
  db.insert<people>(std::int64_t{1}, "Ada Lovelace", std::optional<std::string>("ada"), 3.5, std::optional(1.0),
                    egret::date{1815, 12, 10}, 1);
  db.insert<people>(std::int64_t{2}, "Alan  Turing!", std::optional<std::string>(), 2.0, std::optional<double>(),
                    egret::date{1912, 6, 23}, 1);
  db.insert<people>(std::int64_t{3}, "Grace Hopper", std::optional<std::string>("amazing grace"), 9.0,
                    std::optional(2.0), egret::date{1906, 12, 9}, 2);
  db.insert<people>(std::int64_t{4}, "Edsger Dijkstra", std::optional<std::string>(), 1.0, std::optional(3.0),
                    egret::date{1930, 5, 11}, 1);
}

std::string slug_of(std::string const& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    else if (!out.empty() && out.back() != '-')
      out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

/// Counts the live states of an aggregate, to check that SQLite's xFinal always frees them.
struct counted_state {
  static inline int live = 0;
  std::vector<double> values;
  counted_state() { ++live; }
  counted_state(counted_state const&) = delete;
  counted_state& operator=(counted_state const&) = delete;
  ~counted_state() { --live; }
};

std::optional<double> median_of(counted_state& s) {
  if (s.values.empty()) return std::nullopt;
  std::sort(s.values.begin(), s.values.end());
  std::size_t const n = s.values.size();
  return n % 2 == 1 ? s.values[n / 2] : (s.values[n / 2 - 1] + s.values[n / 2]) / 2;
}

std::string error_of(auto&& f) {
  try {
    f();
  } catch (egret::database_error const& e) {
    return e.message() + " | " + e.sql();
  }
  return "no error";
}
}  // namespace

TEST_CASE("udf: scalar functions are called typed, with NULL in giving NULL out", "[functions][udf]") {
  egret::sqlite::connection db(fresh_db("udf_scalar").string());
  fill(db);
  int slug_calls = 0;
  db.create_function(slugify, [&](std::string const& s) {
    ++slug_calls;
    return slug_of(s);
  });
  auto rows = db.execute(slugs.order_by(p.id)).to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"slug">() == "ada-lovelace");
  CHECK(rows[1].get<"slug">() == "alan-turing");
  CHECK(slug_calls == 4);

  // a bound argument, and the same function on both sides of a comparison
  auto hits = db.execute(same_slug).to_vector();
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].get<"id">() == 1);

  // NULL for a non-optional parameter: the result is NULL and the C++ code does not run
  slug_calls = 0;
  auto nicks = db.execute(p.select(slugify(p.nick).as<"s">()).order_by(p.id)).to_vector();
  CHECK(slug_calls == 2);
  CHECK(nicks[0].get<"s">() == std::optional<std::string_view>("ada"));
  CHECK(!nicks[1].get<"s">().has_value());
  CHECK(nicks[2].get<"s">() == std::optional<std::string_view>("amazing-grace"));

  // an optional parameter receives the NULL; string_view parameters; optional results
  db.create_function(nick_or, [](std::optional<std::string> const& nick, std::string_view fallback) {
    return nick ? "@" + *nick : std::string(fallback);
  });
  db.create_function(ratio, [](double a, double b) { return b == 0 ? std::nullopt : std::optional(a / b); });
  auto more = db.execute(p.select(nick_or(p.nick, egret::str<"(none)">).as<"n">(), ratio(p.score, p.team - 1).as<"r">())
                             .order_by(p.id))
                  .to_vector();
  CHECK(more[0].get<"n">() == "@ada");
  CHECK(more[1].get<"n">() == "(none)");
  CHECK(!more[0].get<"r">().has_value());  // team 1: divided by 0
  CHECK(more[2].get<"r">() == std::optional(9.0));

  // dates in and out, integers widened to a DOUBLE parameter
  db.create_function(next_day, [](egret::date d) { return egret::civil_from_days(egret::days_from_civil(d) + 1); });
  auto days = db.execute(p.filter(p.id == 1).select(next_day(p.born).as<"d">(), ratio(p.team, 4).as<"r">()))
                  .first();
  REQUIRE(days.has_value());
  CHECK(days->get<"d">() == egret::date{1815, 12, 11});
  CHECK(days->get<"r">() == std::optional(0.25));
}

TEST_CASE("udf: an exception in the C++ code fails the statement with its message and SQL", "[functions][udf]") {
  egret::sqlite::connection db(fresh_db("udf_errors").string());
  fill(db);
  db.create_function(checked_id, [](std::int64_t id) -> std::int64_t {
    if (id > 2) throw std::runtime_error("id " + std::to_string(id) + " is too large");
    return id * 10;
  });
  auto q = p.select(checked_id(p.id).as<"c">()).order_by(p.id);
  std::string const msg = error_of([&] { (void)db.execute(q).to_vector(); });
  CHECK(msg == R"(checked_id(): id 3 is too large | SELECT checked_id("people"."id") AS "c" FROM "people" ORDER BY "people"."id")");
  CHECK_THROWS_AS(db.execute(q).to_vector(), egret::sqlite::error);
  // the connection and the cached statement stay usable
  auto ok = db.execute(p.filter(p.id <= 2).select(checked_id(p.id).as<"c">()).order_by(p.id)).to_vector();
  REQUIRE(ok.size() == 2);
  CHECK(ok[1].get<"c">() == 20);

  // values that do not fit the signature's C++ type are errors too, naming the argument
  db.create_function(halve, [](std::int32_t x) { return x / 2; });
  CHECK(error_of([&] { (void)db.execute(p.select(halve(egret::cast<std::int32_t>(p.id * 4'000'000'000LL)).as<"h">())).to_vector(); })
            .starts_with("halve(): argument 1 (4000000000) does not fit a 32-bit INTEGER | "));
  db.create_function(next_day, [](egret::date d) { return d; });
  CHECK(error_of([&] { (void)db.execute(p.select(next_day(egret::cast<egret::date>(p.name)).as<"d">())).to_vector(); })
            .starts_with("next_day(): argument 1 (\"Ada Lovelace\") is not a DATE (YYYY-MM-DD) | "));
  // exceptions not derived from std::exception
  db.create_function(slugify, [](std::string const&) -> std::string { throw 42; });
  CHECK(error_of([&] { (void)db.execute(slugs).to_vector(); }).starts_with("slugify(): unknown C++ exception | "));
}

TEST_CASE("udf: function_context caches a value per statement for a constant argument", "[functions][udf]") {
  egret::sqlite::connection db(fresh_db("udf_context").string());
  fill(db);
  constexpr auto prefixed = egret::udf<"prefixed", std::string(std::string, std::string)>;
  int built = 0;
  db.create_function(prefixed, [&](egret::sqlite::function_context& c, std::string const& prefix, std::string const& s) {
    return c.cached<std::string>(
        0, [&] { ++built; return "[" + prefix + "] "; }, [&](std::string const& made) { return made + s; });
  });
  auto by_param = p.select(prefixed(egret::param<"prefix", std::string>, p.name).as<"x">()).order_by(p.id);
  auto rows = db.execute(by_param, std::string("hi")).to_vector();
  CHECK(rows[3].get<"x">() == "[hi] Edsger Dijkstra");
  CHECK(built == 1);  // one bound pattern: built once for the four rows
  built = 0;
  rows = db.execute(by_param, std::string("yo")).to_vector();
  CHECK(rows[0].get<"x">() == "[yo] Ada Lovelace");  // a new binding is not served the old value
  CHECK(built == 1);
  built = 0;
  auto per_row = db.execute(p.select(prefixed(p.name, p.name).as<"x">()).order_by(p.id)).to_vector();
  CHECK(per_row[1].get<"x">() == "[Alan  Turing!] Alan  Turing!");
  CHECK(built == 4);  // a column varies per row: built per call
}

TEST_CASE("udf: deterministic and direct-only flags reach SQLite", "[functions][udf]") {
  egret::sqlite::connection db(fresh_db("udf_flags").string());
  fill(db);
  // a non-deterministic function cannot appear in an index; a deterministic one can
  db.create_function(slugify, [](std::string const& s) { return slug_of(s); }, {.deterministic = false});
  CHECK_THROWS_AS(db.exec(R"(CREATE INDEX "by_slug" ON "people" (slugify("name")))"), egret::sqlite::error);
  db.create_function(slugify, [](std::string const& s) { return slug_of(s); });
  db.exec(R"(CREATE INDEX "by_slug" ON "people" (slugify("name")))");

  // a non-deterministic function runs per row
  std::int64_t next = 0;
  db.create_function(ticket, [&] { return ++next; }, {.deterministic = false});
  auto tickets = db.execute(p.select(ticket().as<"t">()).order_by(p.id)).to_vector();
  REQUIRE(tickets.size() == 4);
  CHECK(tickets[0].get<"t">() != tickets[3].get<"t">());

  // a direct-only function is refused inside a view
  db.create_function(checked_id, [](std::int64_t id) { return id; }, {.deterministic = true, .direct_only = true});
  CHECK(db.execute(p.select(checked_id(p.id).as<"c">())).to_vector().size() == 4);
  db.create_view("checked", p.select(checked_id(p.id).as<"c">()));
  CHECK_THROWS_AS(db.exec(R"(SELECT * FROM "checked")"), egret::sqlite::error);
}

TEST_CASE("udf: replacing a function, refused while a statement using it runs", "[functions][udf]") {
  egret::sqlite::connection db(fresh_db("udf_replace").string());
  fill(db);
  db.create_function(slugify, [](std::string const&) { return std::string("one"); });
  CHECK(db.execute(slugs).first()->get<"slug">() == "one");
  db.create_function(slugify, [](std::string const&) { return std::string("two"); });
  CHECK(db.execute(slugs).first()->get<"slug">() == "two");  // the cached statement sees the new code
  {
    auto running = db.execute(slugs);
    auto it = running.begin();
    REQUIRE(it != running.end());
    CHECK_THROWS_AS(db.create_function(slugify, [](std::string const&) { return std::string("three"); }),
                    egret::sqlite::error);
  }
  CHECK(db.execute(slugs).first()->get<"slug">() == "two");
}

TEST_CASE("udf: aggregates with a state, step and final", "[functions][udf]") {
  egret::sqlite::connection db(fresh_db("udf_aggregate").string());
  fill(db);
  db.create_aggregate<counted_state>(
      median, [](counted_state& s, double x) { s.values.push_back(x); }, &median_of);
  auto rows = db.execute(medians.order_by(p.team)).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"m">() == std::optional(2.0));  // team 1: 1.0, 2.0, 3.5
  CHECK(rows[1].get<"m">() == std::optional(9.0));
  CHECK(counted_state::live == 0);

  // NULL rows are skipped; an empty input gives the final step a fresh state
  auto bonus = db.execute(p.aggregate(median(p.bonus).as<"m">())).first();
  CHECK(bonus->get<"m">() == std::optional(2.0));  // 1.0, 2.0, 3.0 (one NULL skipped)
  auto none = db.execute(p.filter(p.id > 100).aggregate(median(p.score).as<"m">())).first();
  CHECK(!none->get<"m">().has_value());
  CHECK(counted_state::live == 0);

  // an optional parameter sees the NULLs; a final step taking the state by rvalue; a plain result
  db.create_aggregate<std::string>(
      joined,
      [](std::string& acc, std::optional<std::string> const& nick) {
        if (!acc.empty()) acc += ",";
        acc += nick.value_or("?");
      },
      [](std::string&& acc) { return std::move(acc); });
  auto j = db.execute(p.group_by(p.team).aggregate(joined(p.nick).as<"j">()).order_by(p.team)).to_vector();
  CHECK(j[0].get<"j">().size() == std::string_view("ada,?,?").size());  // rows of a group come in no set order
  CHECK(j[0].get<"j">().find("ada") != std::string_view::npos);
  CHECK(j[1].get<"j">() == "amazing grace");
  auto empty = db.execute(p.filter(p.id > 100).aggregate(joined(p.nick).as<"j">())).first();
  CHECK(empty->get<"j">() == "");

  // an exception in step or final fails the statement; every state is still freed
  db.create_aggregate<counted_state>(
      median,
      [](counted_state& s, double x) {
        if (x > 5) throw std::domain_error("too big");
        s.values.push_back(x);
      },
      &median_of);
  CHECK(error_of([&] { (void)db.execute(medians).to_vector(); }).starts_with("median(): too big | SELECT"));
  CHECK(counted_state::live == 0);
  db.create_aggregate<counted_state>(
      median, [](counted_state& s, double x) { s.values.push_back(x); },
      [](counted_state&) -> std::optional<double> { throw std::logic_error("no final"); });
  CHECK(error_of([&] { (void)db.execute(medians).to_vector(); }).starts_with("median(): no final | SELECT"));
  CHECK(counted_state::live == 0);
}
