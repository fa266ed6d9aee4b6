// NULL handling and conditionals: nullif, fill_null, identical_to, and the simple CASE case_(x).when(v, r).
// Golden SQL for SQLite and PostgreSQL, types and nullability, values on SQLite.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include <egret/sqlite.hpp>

namespace {
EGRET_TABLE(nc, (id, std::int64_t), (s, std::optional<std::string>), (a, std::optional<double>),
            (b, std::optional<double>), (x, double));

using egret::lit;
using egret::str;
using egret::to_sql;
using L = egret::dialect::sqlite;
using P = egret::dialect::postgres;
constexpr nc t{};

template <class E>
using type_of = egret::value_type_t<E>;

// ---- golden SQL ----

static_assert(to_sql<L>(egret::nullif(t.x, 0.0)) == R"(NULLIF("nc"."x", ?))");
static_assert(to_sql<P>(t.s.nullif(str<"">)) == R"(NULLIF("nc"."s", ''))");
static_assert(to_sql<L>(t.a.fill_null(0.0)) == R"(COALESCE("nc"."a", ?))");
static_assert(to_sql<L>(egret::fill_null(t.s, str<"-">)) == R"(COALESCE("nc"."s", '-'))");
static_assert(to_sql<L>(t.a.identical_to(t.b)) == R"("nc"."a" IS "nc"."b")");
static_assert(to_sql<P>(t.a.identical_to(t.b)) == R"("nc"."a" IS NOT DISTINCT FROM "nc"."b")");
static_assert(to_sql<L>(egret::identical_to(t.a, 1.5)) == R"("nc"."a" IS ?)");
static_assert(to_sql<P>((t.a == t.b).identical_to(t.x > 0.0)) ==
              R"(("nc"."a" = "nc"."b") IS NOT DISTINCT FROM ("nc"."x" > $1))");
static_assert(to_sql<L>(t.filter(!t.a.identical_to(t.b))) == R"(SELECT * FROM "nc" WHERE NOT "nc"."a" IS "nc"."b")");
static_assert(to_sql<L>(egret::case_(t.s).when(str<"a">, lit<1>).when(str<"b">, lit<2>).otherwise(lit<0>)) ==
              R"(CASE "nc"."s" WHEN 'a' THEN 1 WHEN 'b' THEN 2 ELSE 0 END)");
static_assert(to_sql<P>(egret::case_(t.id).when(1, str<"one">).when(2, t.s).end()) ==
              R"(CASE "nc"."id" WHEN $1 THEN 'one' WHEN $2 THEN "nc"."s" END)");
static_assert(to_sql<L>(egret::case_(t.id % 3).when(0, t.x).otherwise(t.a)) ==
              R"(CASE "nc"."id" % ? WHEN ? THEN "nc"."x" ELSE "nc"."a" END)");

// the standard spelling, shared by PostgreSQL and ANSI
using A = egret::dialect::ansi;
static_assert(to_sql<P>(t.a.fill_null(0.0)) == R"(COALESCE("nc"."a", $1))");
static_assert(to_sql<P>(egret::nullif(t.x, 0.0)) == R"(NULLIF("nc"."x", $1))");
static_assert(to_sql<A>(t.a.identical_to(t.b)) == R"("nc"."a" IS NOT DISTINCT FROM "nc"."b")");
static_assert(to_sql<A>(egret::case_(t.s).when(str<"a">, lit<1>).end()) == R"(CASE "nc"."s" WHEN 'a' THEN 1 END)");

// ---- types and nullability ----

static_assert(std::is_same_v<type_of<decltype(egret::nullif(t.x, 0))>, double>);
static_assert(egret::nullable_v<decltype(egret::nullif(t.x, 0))>);  // always
static_assert(!egret::nullable_v<decltype(t.a.fill_null(0.0))>);
static_assert(egret::nullable_v<decltype(t.a.fill_null(t.b))>);
static_assert(std::is_same_v<type_of<decltype(t.a.identical_to(t.b))>, bool>);
static_assert(!egret::nullable_v<decltype(t.a.identical_to(t.b))>);  // never NULL
static_assert(!egret::nullable_v<decltype(egret::case_(t.s).when(str<"a">, 1).otherwise(0))>);
static_assert(egret::nullable_v<decltype(egret::case_(t.s).when(str<"a">, 1).end())>);  // no ELSE
static_assert(egret::nullable_v<decltype(egret::case_(t.id).when(1, t.a).otherwise(0.0))>);
static_assert(std::is_same_v<type_of<decltype(egret::case_(t.id).when(1, 1).when(2, 2.5).otherwise(0))>, double>);

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p;
}

void fill(egret::sqlite::connection& db) {
  db.create_table<nc>();
  db.insert<nc>(1, std::optional<std::string>("a"), std::optional<double>(1.0), std::optional<double>(1.0), 0.0);
  db.insert<nc>(2, std::optional<std::string>("b"), std::optional<double>(1.0), std::nullopt, 2.0);
  db.insert<nc>(3, std::nullopt, std::nullopt, std::nullopt, -1.0);
  db.insert<nc>(4, std::optional<std::string>(""), std::nullopt, std::optional<double>(2.0), 4.0);
}

std::optional<std::string> opt(std::optional<std::string_view> v) {
  return v ? std::optional<std::string>(*v) : std::nullopt;
}
}  // namespace

TEST_CASE("null: nullif, fill_null, identical_to on SQLite", "[functions][null]") {
  egret::sqlite::connection db(fresh_db("null_handling").string());
  fill(db);
  auto rows = db.execute(t.select(t.x.nullif(0.0).as<"nz">(), t.s.nullif(str<"">).as<"ns">(),
                                  t.a.fill_null(-1.0).as<"fa">(), t.s.fill_null(str<"?">).as<"fs">(),
                                  t.a.identical_to(t.b).as<"same">(), (t.a == t.b).as<"eq">(),
                                  (10.0 / t.x.nullif(0.0)).as<"safe_div">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(!rows[0].get<"nz">().has_value());
  CHECK(rows[1].get<"nz">() == 2.0);
  CHECK(opt(rows[0].get<"ns">()) == "a");
  CHECK(!rows[2].get<"ns">().has_value());  // NULL stays NULL
  CHECK(!rows[3].get<"ns">().has_value());  // '' becomes NULL
  CHECK(rows[0].get<"fa">() == 1.0);
  CHECK(rows[2].get<"fa">() == -1.0);
  CHECK(rows[2].get<"fs">() == "?");
  CHECK(rows[3].get<"fs">() == "");
  CHECK(rows[0].get<"same">() == true);
  CHECK(rows[1].get<"same">() == false);  // 1 vs NULL: false, where = is NULL
  CHECK(!rows[1].get<"eq">().has_value());
  CHECK(rows[2].get<"same">() == true);  // NULL vs NULL
  CHECK(!rows[2].get<"eq">().has_value());
  CHECK(!rows[0].get<"safe_div">().has_value());
  CHECK(rows[1].get<"safe_div">() == 5.0);

  auto same = db.execute(t.filter(t.a.identical_to(t.b)).select(t.id).order_by(t.id)).to_vector();
  REQUIRE(same.size() == 2);
  CHECK(same[0].get<"id">() == 1);
  CHECK(same[1].get<"id">() == 3);
}

TEST_CASE("conditional: simple CASE on SQLite", "[functions][conditional]") {
  egret::sqlite::connection db(fresh_db("simple_case").string());
  fill(db);
  auto rows = db.execute(t.select(egret::case_(t.s).when(str<"a">, lit<1>).when("b", 2).otherwise(0).as<"code">(),
                                  egret::case_(t.id % 2).when(0, str<"even">).end().as<"even">(),
                                  egret::case_(t.s).when("a", t.a).otherwise(t.x).as<"mixed">())
                             .order_by(t.id))
                  .to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"code">() == 1);
  CHECK(rows[1].get<"code">() == 2);
  CHECK(rows[2].get<"code">() == 0);  // a NULL subject matches no WHEN
  CHECK(rows[3].get<"code">() == 0);
  CHECK(!rows[0].get<"even">().has_value());
  CHECK(opt(rows[1].get<"even">()) == "even");
  CHECK(rows[0].get<"mixed">() == 1.0);
  CHECK(rows[1].get<"mixed">() == 2.0);
}
